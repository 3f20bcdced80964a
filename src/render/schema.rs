//! `migration-lint schema --format text`: the catalog a history leaves behind, table by table.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::model::{ConstraintType, SchemaOutput};

/// The catalog as text: each table with its columns (position, type, `not null`, default), its
/// indexes and constraints; then enums, views, sequences, functions, triggers, extensions, what the
/// model could not follow, and the statements PostgreSQL would refuse.
pub fn schema_text(output: &SchemaOutput) -> String {
    let schema = &output.schema;
    let mut out = String::new();
    let qualified =
        |schema: &str, name: &str| if schema == "public" { name.to_string() } else { format!("{schema}.{name}") };
    let mut columns: BTreeMap<(&str, &str), Vec<_>> = BTreeMap::new();
    for column in &schema.columns {
        columns.entry((column.schema.as_str(), column.table.as_str())).or_default().push(column);
    }
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        out,
        "{} replayed: {}, {}",
        plural(output.migrations, "migration", "migrations"),
        plural(schema.tables.len(), "table", "tables"),
        plural(schema.enums.len(), "enum", "enums")
    );
    for table in &schema.tables {
        let _ = writeln!(out, "\ntable {}", qualified(&table.schema, &table.name));
        let rows = columns.get(&(table.schema.as_str(), table.name.as_str())).map(Vec::as_slice).unwrap_or(&[]);
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
        for index in schema.indexes.iter().filter(|i| i.schema == table.schema && i.table == table.name) {
            let kind = if index.primary {
                "primary key index"
            } else if index.unique {
                "unique index"
            } else {
                "index"
            };
            let _ = writeln!(out, "  {kind} {}", index.name);
        }
        for constraint in schema.constraints.iter().filter(|c| c.schema == table.schema && c.table == table.name) {
            let kind = match constraint.kind {
                ConstraintType::PrimaryKey => "primary key",
                ConstraintType::Unique => "unique",
                ConstraintType::ForeignKey => "foreign key",
                ConstraintType::Check => "check",
                ConstraintType::Exclusion => "exclusion",
            };
            let _ = writeln!(out, "  {kind} constraint {}", constraint.name);
        }
        for trigger in schema.triggers.iter().filter(|t| t.schema == table.schema && t.table == table.name) {
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
