//! `migration-lint schema --format text`: the catalog a history leaves behind, table by table.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::plural;
use crate::model::{ConstraintType, SchemaOutput};

/// How `schema` prints the catalog: as text, or as the JSON `SchemaOutput`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaFormat {
    Text,
    Json,
}

impl SchemaFormat {
    pub const ALL: &'static [SchemaFormat] = &[SchemaFormat::Text, SchemaFormat::Json];

    pub fn name(self) -> &'static str {
        match self {
            SchemaFormat::Text => "text",
            SchemaFormat::Json => "json",
        }
    }

    pub fn parse(name: &str) -> Result<SchemaFormat, String> {
        SchemaFormat::ALL.iter().copied().find(|format| format.name() == name).ok_or_else(|| {
            let all: Vec<&str> = SchemaFormat::ALL.iter().map(|format| format.name()).collect();
            format!("unknown schema format `{name}`: expected one of {}", all.join(", "))
        })
    }
}

/// `rows` by the (schema, table) each belongs to, in their order.
fn by_table<'r, T>(
    rows: &'r [T],
    of: impl Fn(&'r T) -> (&'r String, &'r String),
) -> BTreeMap<(&'r str, &'r str), Vec<&'r T>> {
    let mut grouped: BTreeMap<(&str, &str), Vec<&T>> = BTreeMap::new();
    for row in rows {
        let (schema, table) = of(row);
        grouped.entry((schema.as_str(), table.as_str())).or_default().push(row);
    }
    grouped
}

/// The catalog as text: each table with its columns (position, type, `not null`, default), its
/// indexes and constraints; then enums, views, sequences, functions, triggers, extensions, what the
/// model could not follow, and the statements PostgreSQL would refuse.
pub fn schema_text(output: &SchemaOutput) -> String {
    let schema = &output.schema;
    let mut out = String::new();
    let qualified =
        |schema: &str, name: &str| if schema == "public" { name.to_string() } else { format!("{schema}.{name}") };
    let columns = by_table(&schema.columns, |c| (&c.schema, &c.table));
    let indexes = by_table(&schema.indexes, |i| (&i.schema, &i.table));
    let constraints = by_table(&schema.constraints, |c| (&c.schema, &c.table));
    let triggers = by_table(&schema.triggers, |t| (&t.schema, &t.table));
    let _ = writeln!(
        out,
        "{} replayed: {}, {}",
        plural(output.migrations, "migration"),
        plural(schema.tables.len(), "table"),
        plural(schema.enums.len(), "enum")
    );
    for table in &schema.tables {
        let _ = writeln!(out, "\ntable {}", qualified(&table.schema, &table.name));
        let of = (table.schema.as_str(), table.name.as_str());
        let rows = columns.get(&of).map(Vec::as_slice).unwrap_or(&[]);
        let width = rows.iter().map(|c| c.name.chars().count()).max().unwrap_or(0);
        for column in rows {
            let mut line = format!(
                "  {:>2} {:<width$}  {}",
                column.position,
                column.name,
                column.ty.as_deref().unwrap_or("(unknown type)")
            );
            if column.not_null {
                line.push_str(" not null");
            }
            if let Some(default) = &column.default {
                let _ = write!(line, " default {default}");
            }
            let _ = writeln!(out, "{line}");
        }
        for index in indexes.get(&of).into_iter().flatten() {
            let kind = if index.primary {
                "primary key index"
            } else if index.unique {
                "unique index"
            } else {
                "index"
            };
            let _ = writeln!(out, "  {kind} {}", index.name);
        }
        for constraint in constraints.get(&of).into_iter().flatten() {
            let kind = match constraint.kind {
                ConstraintType::PrimaryKey => "primary key",
                ConstraintType::Unique => "unique",
                ConstraintType::ForeignKey => "foreign key",
                ConstraintType::Check => "check",
                ConstraintType::Exclusion => "exclusion",
            };
            let _ = writeln!(out, "  {kind} constraint {}", constraint.name);
        }
        for trigger in triggers.get(&of).into_iter().flatten() {
            let _ = writeln!(out, "  trigger {}", trigger.name);
        }
    }
    if !schema.enums.is_empty() {
        out.push('\n');
    }
    for row in &schema.enums {
        let _ = writeln!(out, "enum {}: {}", qualified(&row.schema, &row.name), row.values.join(", "));
    }
    let lists = [
        ("views", schema.views.iter().map(|v| qualified(&v.schema, &v.name)).collect::<Vec<_>>()),
        ("sequences", schema.sequences.iter().map(|s| qualified(&s.schema, &s.name)).collect()),
        ("functions", schema.functions.iter().map(|f| qualified(&f.schema, &f.name)).collect()),
        ("extensions", schema.extensions.clone()),
        ("not followed by the model", schema.uncertain.clone()),
    ];
    for (label, names) in lists {
        if !names.is_empty() {
            let _ = writeln!(out, "\n{label}: {}", names.join(", "));
        }
    }
    if !output.failures.is_empty() {
        let _ = writeln!(out, "\nPostgreSQL would refuse:");
        for failure in &output.failures {
            let _ = writeln!(out, "  {}:{}: {} {}", failure.migration, failure.line, failure.sqlstate, failure.message);
        }
    }
    out
}
