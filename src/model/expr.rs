//! Column defaults as PostgreSQL prints them back (`pg_get_expr` with `search_path=public`).
//!
//! PostgreSQL stores a default as an expression coerced to the column's type and prints it back
//! from that expression: a string literal becomes a constant of the column's type, printed with a
//! cast to the type without its modifiers (`'x'::character varying`; the length is applied by a
//! hidden coercion); a non-negative integer or a decimal literal prints as written (the cast to the
//! column's type is implicit, and hidden); a negative integer prints as `'-1'::integer`;
//! `CURRENT_TIMESTAMP` as written; a function by its lower-case name. What the model cannot print
//! exactly is kept as `Unknown`, and nothing is compared or reported from it.

use sqlparser::ast::{CastKind, DataType, Expr, FunctionArg, FunctionArgExpr, FunctionArguments, UnaryOperator, Value};

use crate::model::names::{fold, quote_ident, Key};
use crate::model::types::{column_type, ColumnType};
use crate::model::Catalog;

/// A default, kept so that it prints with the names current at the end of the history (a literal
/// of an enum type follows the type's renames).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Default {
    /// Printed as it is: `CURRENT_TIMESTAMP`, `now()`, `0`, `true`, `ARRAY[]::text[]`.
    Text(String),
    /// A string literal, printed with a cast to the column's type: `'USER'::"Role"`.
    Literal(String),
    /// A literal with its own explicit cast: `'{}'::jsonb`.
    Cast(String, ColumnType),
    /// `nextval('"Invoice_number_seq"'::regclass)`, for a serial column or written out.
    Nextval(Key),
    /// Not printed by the model (an expression it does not follow).
    Unknown,
    /// A literal of an enum type whose column changed type: it still depends on the enum (a
    /// `DROP TYPE ... CASCADE` removes it); not printed by the model.
    OnType(Key),
}

impl Default {
    /// As `pg_get_expr` prints it, for a column of type `column`; `None` when unknown.
    pub fn format(&self, column: Option<&ColumnType>) -> Option<String> {
        match self {
            Default::Text(text) => Some(text.clone()),
            Default::Literal(value) => Some(format!("{}::{}", quote_literal(value), column?.format_unmodified())),
            Default::Cast(value, to) => Some(format!("{}::{}", quote_literal(value), to.format())),
            Default::Nextval(sequence) => Some(format!("nextval({}::regclass)", quote_literal(&sequence.quoted()))),
            Default::Unknown | Default::OnType(_) => None,
        }
    }
}

/// `'it''s'`, as `simple_quote_literal` writes it (standard-conforming strings: backslashes as they are).
pub fn quote_literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// The default `expr` of a column of type `column`.
pub fn default_of(expr: &Expr, column: Option<&ColumnType>, catalog: &Catalog) -> Default {
    match expr {
        Expr::Nested(inner) => default_of(inner, column, catalog),
        Expr::Value(value) => match &value.value {
            Value::Number(number, _) => number_default(number, false),
            Value::Boolean(value) => Default::Text(value.to_string()),
            Value::SingleQuotedString(text) | Value::EscapedStringLiteral(text) => literal_default(text, column),
            Value::Null => Default::Text("NULL".into()),
            _ => Default::Unknown,
        },
        Expr::UnaryOp { op: UnaryOperator::Minus, expr: inner } => match inner.as_ref() {
            Expr::Value(value) => match &value.value {
                Value::Number(number, _) => number_default(number, true),
                _ => Default::Unknown,
            },
            _ => Default::Unknown,
        },
        Expr::Function(function) => {
            let name = function.name.to_string();
            let lower = name.to_ascii_lowercase();
            let no_args = match &function.args {
                FunctionArguments::None => return special_function(&lower).unwrap_or(Default::Unknown),
                FunctionArguments::List(list) => list.args.is_empty(),
                FunctionArguments::Subquery(_) => false,
            };
            if no_args && function.filter.is_none() && function.over.is_none() {
                if let [part] = function.name.0.as_slice() {
                    if let Some(ident) = part.as_ident() {
                        return Default::Text(format!("{}()", quote_ident(&fold(ident))));
                    }
                }
            }
            if lower == "nextval" {
                if let FunctionArguments::List(list) = &function.args {
                    if let [FunctionArg::Unnamed(FunctionArgExpr::Expr(arg))] = list.args.as_slice() {
                        if let Some(sequence) = regclass_literal(arg) {
                            return Default::Nextval(sequence);
                        }
                    }
                }
            }
            Default::Unknown
        }
        Expr::Array(array) => match column {
            Some(column) if column.dims > 0 => array_default(&array.elem, column).unwrap_or(Default::Unknown),
            _ => Default::Unknown,
        },
        Expr::Cast { kind: CastKind::DoubleColon | CastKind::Cast, expr: inner, data_type, .. } => {
            let Some(to) = column_type(data_type, catalog) else { return Default::Unknown };
            match inner.as_ref() {
                Expr::Array(array) if array.elem.is_empty() => Default::Text(format!("ARRAY[]::{}", to.format())),
                Expr::Array(array) if to.dims > 0 => array_default(&array.elem, &to).unwrap_or(Default::Unknown),
                Expr::Value(value) => match &value.value {
                    Value::SingleQuotedString(text) | Value::EscapedStringLiteral(text)
                        if to.dims == 0 && to.format() == "jsonb" =>
                    {
                        jsonb_text(text).map_or(Default::Unknown, |text| Default::Cast(text, to))
                    }
                    Value::SingleQuotedString(text) | Value::EscapedStringLiteral(text)
                        if literal_kept_as_written(&to) =>
                    {
                        Default::Cast(text.clone(), to)
                    }
                    _ => Default::Unknown,
                },
                _ => Default::Unknown,
            }
        }
        _ => Default::Unknown,
    }
}

/// A `jsonb` constant as PostgreSQL prints it back: `{"a": 1, "bb": [1, 2]}`, keys shorter first
/// then byte-wise, each once (the last wins). `None` for a document with a non-integer number,
/// whose text jsonb keeps in a form the model does not redo.
fn jsonb_text(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut out = String::new();
    write_jsonb(&value, &mut out)?;
    Some(out)
}

fn write_jsonb(value: &serde_json::Value, out: &mut String) -> Option<()> {
    use serde_json::Value as Json;
    match value {
        Json::Null | Json::Bool(_) | Json::String(_) => out.push_str(&value.to_string()),
        Json::Number(number) => {
            if !(number.is_i64() || number.is_u64()) {
                return None;
            }
            out.push_str(&number.to_string());
        }
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_jsonb(item, out)?;
            }
            out.push(']');
        }
        Json::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.as_bytes().cmp(b.as_bytes())));
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&serde_json::Value::String(key.clone()).to_string());
                out.push_str(": ");
                write_jsonb(&map[key], out)?;
            }
            out.push('}');
        }
    }
    Some(())
}

/// `ARRAY[1, 2]`, `ARRAY['a'::text]`: each element as a default of the element type.
fn array_default(elements: &[Expr], array: &ColumnType) -> Option<Default> {
    if elements.is_empty() {
        return None;
    }
    let element = ColumnType { dims: array.dims - 1, ..array.clone() };
    let mut printed = Vec::new();
    for expr in elements {
        let text = match expr {
            Expr::Value(value) => match &value.value {
                Value::SingleQuotedString(text) if literal_kept_as_written(&element) && element.dims == 0 => {
                    format!("{}::{}", quote_literal(text), element.format_unmodified())
                }
                Value::Number(number, _) if element.format() == "integer" => match number_default(number, false) {
                    Default::Text(text) => text,
                    _ => return None,
                },
                _ => return None,
            },
            Expr::UnaryOp { op: UnaryOperator::Minus, expr } if element.format() == "integer" => match expr.as_ref() {
                Expr::Value(value) => match &value.value {
                    Value::Number(number, _) => match number_default(number, true) {
                        Default::Text(text) => text,
                        _ => return None,
                    },
                    _ => return None,
                },
                _ => return None,
            },
            _ => return None,
        };
        printed.push(text);
    }
    Some(Default::Text(format!("ARRAY[{}]", printed.join(", "))))
}

/// `CURRENT_TIMESTAMP` and friends, which PostgreSQL prints in upper case, without parentheses.
fn special_function(lower: &str) -> Option<Default> {
    let text = match lower {
        "current_timestamp" => "CURRENT_TIMESTAMP",
        "current_date" => "CURRENT_DATE",
        "current_time" => "CURRENT_TIME",
        "localtimestamp" => "LOCALTIMESTAMP",
        "localtime" => "LOCALTIME",
        "current_user" => "CURRENT_USER",
        "session_user" => "SESSION_USER",
        _ => return None,
    };
    Some(Default::Text(text.into()))
}

fn number_default(number: &str, negative: bool) -> Default {
    let integer = number.chars().all(|c| c.is_ascii_digit());
    let decimal = !integer && number.chars().all(|c| c.is_ascii_digit() || c == '.');
    match (integer, decimal, negative) {
        (true, _, false) if number.parse::<i32>().is_ok() => Default::Text(number.to_string()),
        (true, _, true) if format!("-{number}").parse::<i32>().is_ok() => {
            Default::Text(format!("'-{number}'::integer"))
        }
        (true, _, false) => Default::Text(format!("'{number}'::bigint")),
        (_, true, false) => Default::Text(number.to_string()),
        (_, true, true) => Default::Text(format!("'-{number}'::numeric")),
        _ => Default::Unknown,
    }
}

/// A string literal for a column: kept as written where the type's output is the input (text,
/// enums, uuid, `{}`/`[]` JSON); other types normalise the text (timestamps, numbers), which the
/// model does not redo.
fn literal_default(text: &str, column: Option<&ColumnType>) -> Default {
    if column.is_some_and(|c| c.dims == 0 && c.format() == "jsonb") {
        return jsonb_text(text).map_or(Default::Unknown, Default::Literal);
    }
    match column {
        Some(column) if normal_literal(text, column) => Default::Literal(text.to_string()),
        // An integer constant prints without its quotes and leading zeros.
        Some(column)
            if column.format() == "integer" && !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) =>
        {
            let digits = text.trim_start_matches('0');
            Default::Text(if digits.is_empty() { "0" } else { digits }.to_string())
        }
        _ => Default::Unknown,
    }
}

fn literal_kept_as_written(column: &ColumnType) -> bool {
    use crate::model::types::Type;
    match &column.base {
        Type::Named(_) => column.dims == 0,
        Type::Builtin(name) => {
            let base = name.split('(').next().unwrap_or(name);
            column.dims > 0 || matches!(base, "text" | "character varying" | "uuid" | "citext" | "json" | "jsonb")
        }
    }
}

/// Whether PostgreSQL prints the literal back as written: `'09:00:00'` for a `time`.
fn normal_literal(text: &str, column: &ColumnType) -> bool {
    if literal_kept_as_written(column) {
        return true;
    }
    let time = |t: &str| {
        let b = t.as_bytes();
        b.len() == 8 && b[2] == b':' && b[5] == b':' && t.chars().filter(char::is_ascii_digit).count() == 6
    };
    match &column.base {
        crate::model::types::Type::Builtin(name) => {
            column.dims == 0
                && name.starts_with("time")
                && !name.starts_with("timestamp")
                && !name.contains("with time zone")
                && time(text)
        }
        _ => false,
    }
}

/// `'"Invoice_number_seq"'::regclass` or `'seq'`: the sequence it names.
fn regclass_literal(expr: &Expr) -> Option<Key> {
    let text = match expr {
        Expr::Cast { expr, data_type: DataType::Regclass, .. } => match expr.as_ref() {
            Expr::Value(value) => match &value.value {
                Value::SingleQuotedString(text) => text.clone(),
                _ => return None,
            },
            _ => return None,
        },
        Expr::Value(value) => match &value.value {
            Value::SingleQuotedString(text) => text.clone(),
            _ => return None,
        },
        _ => return None,
    };
    let dialect = sqlparser::dialect::PostgreSqlDialect {};
    let name = sqlparser::parser::Parser::new(&dialect).try_with_sql(&text).ok()?.parse_object_name(false).ok()?;
    Key::of(&name)
}
