//! Column types as PostgreSQL names them: `format_type(atttypid, atttypmod)`.

use std::borrow::Cow;

use sqlparser::ast::{ArrayElemTypeDef, CharacterLength, DataType, ExactNumberInfo, TimezoneInfo};

use crate::model::names::Key;
use crate::model::Catalog;

/// A column's type: a built-in (or extension) type PostgreSQL prints by its own name, or a type the
/// migrations created (an enum), which is printed by its current name, so a rename follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    /// `integer`, `character varying(255)`, `timestamp(3) without time zone`, `citext`, ...
    /// (the common names are not allocated for each column).
    Builtin(Cow<'static, str>),
    /// A type created by the migrations (`CREATE TYPE`), by its key.
    Named(Key),
}

/// A type with its array dimensions (`text[]` is `text` with one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnType {
    pub base: Type,
    pub dims: usize,
    /// `SERIAL`, `BIGSERIAL`, `SMALLSERIAL`: an integer type with an owned sequence as its default.
    pub serial: bool,
}

impl ColumnType {
    /// As `format_type` prints it (`"Role"[]`, `character varying(255)`).
    pub fn format(&self) -> String {
        self.printed(false)
    }

    /// The type without its modifiers, as a constant's cast prints it (`'x'::character varying`:
    /// PostgreSQL applies the length to a default through a separate, hidden coercion).
    pub fn format_unmodified(&self) -> String {
        self.printed(true)
    }

    fn printed(&self, unmodified: bool) -> String {
        let mut out = match &self.base {
            Type::Builtin(name) if unmodified => split_modifiers(name).0,
            Type::Builtin(name) => name.to_string(),
            Type::Named(key) => key.quoted(),
        };
        for _ in 0..self.dims {
            out.push_str("[]");
        }
        out
    }

    pub fn is_named(&self, key: &Key) -> bool {
        matches!(&self.base, Type::Named(named) if named == key)
    }
}

/// A type name and its modifiers: `character varying(255)` -> (`character varying`, [255]),
/// `timestamp(3) without time zone` -> (`timestamp without time zone`, [3]), `numeric(10,2)` ->
/// (`numeric`, [10, 2]).
fn split_modifiers(name: &str) -> (String, Vec<i64>) {
    match (name.find('('), name.find(')')) {
        (Some(open), Some(close)) if open < close => {
            let args = name[open + 1..close].split(',').filter_map(|a| a.trim().parse().ok()).collect();
            (format!("{}{}", &name[..open], &name[close + 1..]), args)
        }
        _ => (name.to_string(), Vec::new()),
    }
}

/// PostgreSQL's name for a type as written, `None` for what the model cannot name (it is then
/// uncertain, and nothing reports from it).
pub fn column_type(data_type: &DataType, catalog: &Catalog) -> Option<ColumnType> {
    let plain =
        |name: &'static str| Some(ColumnType { base: Type::Builtin(Cow::Borrowed(name)), dims: 0, serial: false });
    let owned = |name: String| Some(ColumnType { base: Type::Builtin(Cow::Owned(name)), dims: 0, serial: false });
    let with_length = |name: &'static str, length: &Option<CharacterLength>| match length {
        Some(CharacterLength::IntegerLength { length, .. }) => owned(format!("{name}({length})")),
        Some(CharacterLength::Max) => None,
        None => plain(name),
    };
    let numeric = |info: &ExactNumberInfo| match info {
        ExactNumberInfo::None => plain("numeric"),
        ExactNumberInfo::Precision(p) => owned(format!("numeric({p},0)")),
        ExactNumberInfo::PrecisionAndScale(p, s) => owned(format!("numeric({p},{s})")),
    };
    let zone = |tz: &TimezoneInfo| match tz {
        TimezoneInfo::None | TimezoneInfo::WithoutTimeZone => Some("without time zone"),
        TimezoneInfo::WithTimeZone | TimezoneInfo::Tz => Some("with time zone"),
    };
    let datetime = |base: &str, precision: &Option<u64>, tz: &TimezoneInfo| {
        let zone = zone(tz)?;
        match (base, precision, zone) {
            // Prisma's DateTime columns: the names of nearly every timestamp column.
            ("timestamp", Some(3), "without time zone") => plain("timestamp(3) without time zone"),
            ("timestamp", Some(3), "with time zone") => plain("timestamp(3) with time zone"),
            ("timestamp", Some(6), "with time zone") => plain("timestamp(6) with time zone"),
            (_, Some(p), _) => owned(format!("{base}({p}) {zone}")),
            (_, None, _) => owned(format!("{base} {zone}")),
        }
    };
    match data_type {
        DataType::Text => plain("text"),
        DataType::Varchar(length) | DataType::CharacterVarying(length) | DataType::CharVarying(length) => {
            with_length("character varying", length)
        }
        DataType::Char(length) | DataType::Character(length) => match length {
            None => plain("character(1)"),
            length => with_length("character", length),
        },
        DataType::Uuid => plain("uuid"),
        DataType::Int(None) | DataType::Integer(None) | DataType::Int4(None) => plain("integer"),
        DataType::BigInt(None) | DataType::Int8(None) => plain("bigint"),
        DataType::SmallInt(None) | DataType::Int2(None) => plain("smallint"),
        DataType::Bool | DataType::Boolean => plain("boolean"),
        DataType::Real | DataType::Float4 => plain("real"),
        DataType::DoublePrecision | DataType::Float8 | DataType::Double(ExactNumberInfo::None) => {
            plain("double precision")
        }
        DataType::Float(ExactNumberInfo::None) => plain("double precision"),
        DataType::Float(ExactNumberInfo::Precision(p)) if *p <= 24 => plain("real"),
        DataType::Float(ExactNumberInfo::Precision(_)) => plain("double precision"),
        DataType::Numeric(info) | DataType::Decimal(info) | DataType::Dec(info) => numeric(info),
        DataType::JSON => plain("json"),
        DataType::JSONB => plain("jsonb"),
        DataType::Bytea => plain("bytea"),
        DataType::Date => plain("date"),
        DataType::Timestamp(precision, tz) => datetime("timestamp", precision, tz),
        DataType::Time(precision, tz) => datetime("time", precision, tz),
        DataType::Interval { fields: None, precision: None } => plain("interval"),
        DataType::TsVector => plain("tsvector"),
        DataType::TsQuery => plain("tsquery"),
        DataType::Regclass => plain("regclass"),
        DataType::Bit(None) => plain("bit(1)"),
        DataType::Bit(Some(n)) => owned(format!("bit({n})")),
        DataType::BitVarying(n) | DataType::VarBit(n) => match n {
            Some(n) => owned(format!("bit varying({n})")),
            None => plain("bit varying"),
        },
        DataType::Array(ArrayElemTypeDef::SquareBracket(inner, _)) => {
            let mut inner = column_type(inner, catalog)?;
            if inner.serial {
                return None;
            }
            inner.dims += 1;
            Some(inner)
        }
        DataType::Custom(name, modifiers) => {
            let modifiers: Vec<String> = modifiers.iter().map(|m| m.to_string()).collect();
            custom(name, &modifiers, catalog)
        }
        _ => None,
    }
}

/// Types sqlparser does not know by name: serials, PostgreSQL's aliases, extension types and the
/// migrations' own types.
fn custom(name: &sqlparser::ast::ObjectName, modifiers: &[String], catalog: &Catalog) -> Option<ColumnType> {
    let key = Key::of(name)?;
    let builtin = |name: String| Some(ColumnType { base: Type::Builtin(Cow::Owned(name)), dims: 0, serial: false });
    let serial =
        |name: &'static str| Some(ColumnType { base: Type::Builtin(Cow::Borrowed(name)), dims: 0, serial: true });
    // A type the migrations created (an enum): columns of it follow its renames.
    if catalog.types.contains_key(&key) {
        return modifiers.is_empty().then_some(ColumnType { base: Type::Named(key), dims: 0, serial: false });
    }
    let args = if modifiers.is_empty() { String::new() } else { format!("({})", modifiers.join(",")) };
    if key.schema != "public" && key.schema != "pg_catalog" {
        return None;
    }
    match (key.name.as_str(), modifiers.is_empty()) {
        ("serial" | "serial4", true) => serial("integer"),
        ("bigserial" | "serial8", true) => serial("bigint"),
        ("smallserial" | "serial2", true) => serial("smallint"),
        ("int4", true) => builtin("integer".into()),
        ("int8", true) => builtin("bigint".into()),
        ("int2", true) => builtin("smallint".into()),
        ("float8", true) => builtin("double precision".into()),
        ("float4", true) => builtin("real".into()),
        ("bool", true) => builtin("boolean".into()),
        ("timestamptz", _) => builtin(format!("timestamp{args} with time zone")),
        ("timetz", _) => builtin(format!("time{args} with time zone")),
        ("varchar", _) => builtin(format!("character varying{args}")),
        ("bpchar", _) => builtin(format!("character{args}")),
        (
            "citext" | "inet" | "cidr" | "macaddr" | "money" | "xml" | "oid" | "point" | "line" | "box" | "circle"
            | "polygon" | "path" | "lseg" | "int4range" | "int8range" | "numrange" | "tsrange" | "tstzrange"
            | "daterange" | "hstore" | "ltree",
            true,
        ) => builtin(key.name.clone()),
        ("vector" | "halfvec" | "sparsevec", _) => builtin(format!("{}{args}", key.name)),
        // Everything else, PostGIS's geometry and geography among them, the model does not name.
        _ => None,
    }
}

/// A type written as SQL text (`VARCHAR(255)`, `"public"."Role"`), as PostgreSQL names it.
pub fn parse_type(text: &str, catalog: &Catalog) -> Option<ColumnType> {
    let dialect = sqlparser::dialect::PostgreSqlDialect {};
    let data_type = sqlparser::parser::Parser::new(&dialect).try_with_sql(text).ok()?.parse_data_type().ok()?;
    column_type(&data_type, catalog)
}

/// What changing a column from type `old` to type `new` does to the table and its values, both
/// as [`ColumnType::format`] prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeChange {
    /// PostgreSQL only updates the catalog: no rewrite, every value kept (a longer `varchar`,
    /// `varchar` to `text`, more `numeric` precision at the same scale, more timestamp precision).
    Free,
    /// The table is rewritten under lock, but every value converts (`integer` to `bigint`).
    Rewrite,
    /// Values can be cut, rounded, or fail to convert (a shorter length, `text` to `integer`).
    Lossy,
}

pub fn type_change(old: &str, new: &str) -> TypeChange {
    if old == new {
        return TypeChange::Free;
    }
    let ((old_base, old_args), (new_base, new_args)) = (split_modifiers(old), split_modifiers(new));
    let text_like = |b: &str| matches!(b, "text" | "character varying" | "citext");
    match (old_base.as_str(), new_base.as_str()) {
        ("character varying", "character varying") | ("character", "character") => {
            match (old_args.first(), new_args.first()) {
                (_, None) => TypeChange::Free,
                (Some(o), Some(n)) if n >= o => {
                    if old_base == "character" {
                        TypeChange::Rewrite
                    } else {
                        TypeChange::Free
                    }
                }
                _ => TypeChange::Lossy,
            }
        }
        ("character varying", "text") | ("text", "character varying") if new_args.is_empty() => TypeChange::Free,
        ("character", "text" | "character varying") if new_args.is_empty() => TypeChange::Rewrite,
        ("numeric", "numeric") => match (old_args.as_slice(), new_args.as_slice()) {
            (_, []) => TypeChange::Free,
            ([op, os], [np, ns]) if ns == os && np >= op => TypeChange::Free,
            ([op, os], [np, ns]) if ns >= os && np - ns >= op - os => TypeChange::Rewrite,
            _ => TypeChange::Lossy,
        },
        (o, n) if o == n && (o.starts_with("timestamp") || o.starts_with("time ") || o == "interval") => {
            match (old_args.first(), new_args.first()) {
                (_, None) => TypeChange::Free,
                (Some(op), Some(np)) if np >= op => TypeChange::Free,
                (None, Some(_)) | (Some(_), Some(_)) => TypeChange::Lossy,
            }
        }
        ("timestamp without time zone", "timestamp with time zone")
        | ("timestamp with time zone", "timestamp without time zone") => TypeChange::Rewrite,
        ("smallint", "integer" | "bigint" | "numeric" | "real" | "double precision")
        | ("integer", "bigint" | "numeric" | "double precision")
        | ("bigint", "numeric")
        | ("real", "double precision")
        | ("date", "timestamp without time zone" | "timestamp with time zone")
        | ("json", "jsonb") => TypeChange::Rewrite,
        (o, n) if text_like(n) && new_args.is_empty() && !text_like(o) => TypeChange::Rewrite,
        _ => TypeChange::Lossy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_changes_are_graded_as_postgresql_applies_them() {
        use TypeChange::*;
        for (old, new, change) in [
            ("character varying(50)", "character varying(100)", Free),
            ("character varying(100)", "character varying(50)", Lossy),
            ("character varying(100)", "text", Free),
            ("text", "character varying", Free),
            ("text", "character varying(10)", Lossy),
            ("numeric(10,2)", "numeric(12,2)", Free),
            ("numeric(10,2)", "numeric(12,4)", Rewrite),
            ("numeric(10,2)", "numeric(10,1)", Lossy),
            ("integer", "bigint", Rewrite),
            ("bigint", "integer", Lossy),
            ("text", "integer", Lossy),
            ("timestamp(3) without time zone", "timestamp(6) without time zone", Free),
            ("timestamp(6) without time zone", "timestamp(3) without time zone", Lossy),
            ("timestamp(3) without time zone", "timestamp(3) with time zone", Rewrite),
            ("\"Role\"", "text", Rewrite),
            ("text", "\"Role\"", Lossy),
            ("jsonb", "json", Lossy),
        ] {
            assert_eq!(type_change(old, new), change, "{old} -> {new}");
        }
    }
}
