//! Names as PostgreSQL stores and prints them: unquoted identifiers folded to lower case, names
//! cut to 63 bytes, `public` for an unqualified name (Prisma runs with `search_path=public`), and
//! `quote_ident`'s rules for printing.

use std::borrow::Cow;
use std::fmt;

use sqlparser::ast::{Ident, ObjectName, ObjectNamePart};

pub use crate::syntax::ident::truncate_to;
use crate::syntax::ident::{self, MAX_IDENT};
use crate::syntax::Name;

/// A schema-qualified name as PostgreSQL stores it. `public`, the schema of nearly every name, is
/// not allocated for each one.
#[derive(Debug, Clone, Eq)]
pub struct Key {
    pub schema: Cow<'static, str>,
    pub name: String,
}

/// Names first: the schema is nearly always `public`, so comparing it first costs a comparison that
/// almost never decides (the replay compares keys in every lookup and scan of the catalog). Lists
/// that are shown sort by schema, then name, themselves.
impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.name == other.name && self.schema == other.schema
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Key) -> std::cmp::Ordering {
        self.name.cmp(&other.name).then_with(|| self.schema.cmp(&other.schema))
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Key {
    pub fn new(schema: &str, name: &str) -> Key {
        let schema = if schema == "public" { Cow::Borrowed("public") } else { Cow::Owned(schema.to_string()) };
        Key { schema, name: truncate(name) }
    }

    pub fn public(name: &str) -> Key {
        Key::new("public", name)
    }

    /// The object a statement names, as PostgreSQL stores it (`"User"` and `user` are two tables,
    /// `User` and `user` one).
    pub fn of_name(name: &Name) -> Key {
        let schema = name.stored_schema();
        let schema = if schema == "public" { Cow::Borrowed("public") } else { Cow::Owned(schema.into_owned()) };
        Key { schema, name: name.name.stored().into_owned() }
    }

    /// The name a statement would write for this key: quoted, so it stands for exactly this.
    pub fn to_name(&self) -> Name {
        Name::new(Some(crate::syntax::Ident::quoted(&self.schema)), crate::syntax::Ident::quoted(&self.name))
    }

    /// A sibling named by `name` as a statement writes it (see [`Key::sibling`]).
    pub fn sibling_named(&self, name: &crate::syntax::Ident) -> Key {
        Key { schema: self.schema.clone(), name: name.stored().into_owned() }
    }

    /// `"public"."User"` or `user` (-> `public.user`); `None` for a name of more than three parts.
    pub fn of(name: &ObjectName) -> Option<Key> {
        fn ident(part: &ObjectNamePart) -> Option<&Ident> {
            match part {
                ObjectNamePart::Identifier(ident) => Some(ident),
                ObjectNamePart::Function(_) => None,
            }
        }
        match name.0.as_slice() {
            [name] => Some(Key { schema: Cow::Borrowed("public"), name: fold(ident(name)?) }),
            [schema, name] | [_, schema, name] => {
                let schema = fold(ident(schema)?);
                let schema = if schema == "public" { Cow::Borrowed("public") } else { Cow::Owned(schema) };
                Some(Key { schema, name: fold(ident(name)?) })
            }
            _ => None,
        }
    }

    /// Another object in the same schema (an index or a constraint lives in its table's schema).
    pub fn sibling(&self, name: &str) -> Key {
        Key::new(&self.schema, name)
    }

    /// As `format_type` and `regclass` print it: without the schema on the search path (`public`).
    pub fn quoted(&self) -> String {
        if self.schema == "public" {
            quote_ident(&self.name)
        } else {
            format!("{}.{}", quote_ident(&self.schema), quote_ident(&self.name))
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.schema == "public" {
            f.write_str(&self.name)
        } else {
            write!(f, "{}.{}", self.schema, self.name)
        }
    }
}

/// sqlparser's identifier as stored (see [`crate::syntax::ident`]).
pub fn fold(ident: &Ident) -> String {
    ident::stored(&ident.value, ident.quote_style.is_some()).into_owned()
}

/// A name already folded, cut to 63 bytes.
pub fn truncate(name: &str) -> String {
    truncate_to(name, MAX_IDENT).to_string()
}

/// `quote_ident`: quoted unless it is lower-case letters, digits and `_` (not starting with a
/// digit) and no keyword PostgreSQL reserves in some context.
pub fn quote_ident(name: &str) -> String {
    let safe = name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && KEYWORDS.binary_search(&name).is_err();
    if safe {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// PostgreSQL's reserved, type/function-name and column-name keywords (kwlist.h), which
/// `quote_ident` quotes; sorted.
const KEYWORDS: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "json",
    "json_array",
    "json_arrayagg",
    "json_exists",
    "json_object",
    "json_objectagg",
    "json_query",
    "json_scalar",
    "json_serialize",
    "json_table",
    "json_value",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "merge_action",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_sorted_for_the_binary_search() {
        assert!(KEYWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn quote_ident_quotes_what_postgresql_quotes() {
        assert_eq!(quote_ident("users"), "users");
        assert_eq!(quote_ident("User"), "\"User\"");
        assert_eq!(quote_ident("user"), "\"user\"");
        assert_eq!(quote_ident("type"), "type");
        assert_eq!(quote_ident("Invoice_number_seq"), "\"Invoice_number_seq\"");
        assert_eq!(quote_ident("1a"), "\"1a\"");
    }

    #[test]
    fn names_are_folded_and_cut_as_postgresql_stores_them() {
        assert_eq!(fold(&Ident::new("Users")), "users");
        assert_eq!(fold(&Ident::with_quote('"', "Users")), "Users");
        assert_eq!(truncate(&"a".repeat(70)).len(), 63);
        assert_eq!(truncate(&format!("{}é", "a".repeat(62))), "a".repeat(62));
    }
}
