//! Column types as PostgreSQL names them: `format_type(atttypid, atttypmod)`.

use sqlparser::ast::{ArrayElemTypeDef, CharacterLength, DataType, ExactNumberInfo, TimezoneInfo};

use crate::model::names::Key;

/// A column's type: a built-in (or extension) type PostgreSQL prints by its own name, or a type the
/// migrations created (an enum), which is printed by its current name, so a rename follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    /// `integer`, `character varying(255)`, `timestamp(3) without time zone`, `citext`, ...
    Builtin(String),
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
        let mut out = match &self.base {
            Type::Builtin(name) => name.clone(),
            Type::Named(key) => key.quoted(),
        };
        for _ in 0..self.dims {
            out.push_str("[]");
        }
        out
    }

    /// The type without its modifiers, as a constant's cast prints it (`'x'::character varying`:
    /// PostgreSQL applies the length to a default through a separate, hidden coercion).
    pub fn format_unmodified(&self) -> String {
        let mut out = match &self.base {
            Type::Builtin(name) => unmodified(name),
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

/// `character varying(255)` -> `character varying`, `timestamp(3) without time zone` -> `timestamp
/// without time zone`, `numeric(10,2)` -> `numeric`.
fn unmodified(name: &str) -> String {
    match (name.find('('), name.find(')')) {
        (Some(open), Some(close)) if open < close => {
            let rest = &name[close + 1..];
            format!("{}{}", &name[..open], rest)
        }
        _ => name.to_string(),
    }
}

/// Whether the migrations created a type of this name (an enum), so columns of it follow its renames.
pub trait TypeLookup {
    fn user_type(&self, key: &Key) -> bool;
}

/// PostgreSQL's name for a type as written, `None` for what the model cannot name (it is then
/// uncertain, and nothing reports from it).
pub fn column_type(data_type: &DataType, types: &dyn TypeLookup) -> Option<ColumnType> {
    let plain = |name: &str| Some(ColumnType { base: Type::Builtin(name.to_string()), dims: 0, serial: false });
    let with_length = |name: &str, length: &Option<CharacterLength>| match length {
        Some(CharacterLength::IntegerLength { length, .. }) => plain(&format!("{name}({length})")),
        Some(CharacterLength::Max) => None,
        None => plain(name),
    };
    let numeric = |info: &ExactNumberInfo| match info {
        ExactNumberInfo::None => plain("numeric"),
        ExactNumberInfo::Precision(p) => plain(&format!("numeric({p},0)")),
        ExactNumberInfo::PrecisionAndScale(p, s) => plain(&format!("numeric({p},{s})")),
    };
    let zone = |tz: &TimezoneInfo| match tz {
        TimezoneInfo::None | TimezoneInfo::WithoutTimeZone => Some("without time zone"),
        TimezoneInfo::WithTimeZone | TimezoneInfo::Tz => Some("with time zone"),
    };
    let datetime = |base: &str, precision: &Option<u64>, tz: &TimezoneInfo| {
        let zone = zone(tz)?;
        match precision {
            Some(p) => plain(&format!("{base}({p}) {zone}")),
            None => plain(&format!("{base} {zone}")),
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
        DataType::Bit(Some(n)) => plain(&format!("bit({n})")),
        DataType::BitVarying(n) | DataType::VarBit(n) => match n {
            Some(n) => plain(&format!("bit varying({n})")),
            None => plain("bit varying"),
        },
        DataType::Array(ArrayElemTypeDef::SquareBracket(inner, _)) => {
            let mut inner = column_type(inner, types)?;
            if inner.serial {
                return None;
            }
            inner.dims += 1;
            Some(inner)
        }
        DataType::Custom(name, modifiers) => {
            let modifiers: Vec<String> = modifiers.iter().map(|m| m.to_string()).collect();
            custom(name, &modifiers, types)
        }
        _ => None,
    }
}

/// Types sqlparser does not know by name: serials, PostgreSQL's aliases, extension types and the
/// migrations' own types.
fn custom(name: &sqlparser::ast::ObjectName, modifiers: &[String], types: &dyn TypeLookup) -> Option<ColumnType> {
    let key = Key::of(name)?;
    let builtin = |name: String| Some(ColumnType { base: Type::Builtin(name), dims: 0, serial: false });
    let serial = |name: &str| Some(ColumnType { base: Type::Builtin(name.to_string()), dims: 0, serial: true });
    if types.user_type(&key) {
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
        ("geometry" | "geography", _) => None,
        _ => None,
    }
}
