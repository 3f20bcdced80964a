//! Helpers for the rules' own tests: inputs built in a line, and the findings of one rule.

use crate::context::input::{BaseMigration, Migration};
use crate::context::name::{NameContext, NamingOptions};
use crate::finding::{Finding, Report};
use crate::source::Span;
use crate::syntax::actions::{Action, ActionKind, Name, Source};

/// 2025-12-08T16:00:00Z.
pub const NOW: i64 = 1_765_209_600;

/// The findings of rule `id` on `sql`.
pub fn findings_of(id: &str, sql: &str) -> Vec<Finding> {
    crate::check_sql(sql, "migration.sql").findings.into_iter().filter(|f| f.rule == id).collect()
}

/// A migration with SQL.
pub fn migration(name: &str, sql: &str) -> Migration {
    Migration { name: name.into(), sql: Some(sql.into()), files: None }
}

/// A base migration with its text.
pub fn base(name: &str, sql: &str) -> BaseMigration {
    BaseMigration { name: name.into(), checksum: None, sql: Some(sql.into()) }
}

/// The findings of rule `id` in `report`.
pub fn of<'r>(report: &'r Report, id: &str) -> Vec<&'r Finding> {
    report.findings.iter().filter(|f| f.rule == id).collect()
}

/// The ids of the rules `validate_name` reports for `name`.
pub fn fired(name: &str, ctx: &NameContext) -> Vec<String> {
    crate::validate_name(name, &NamingOptions::default(), ctx).into_iter().map(|f| f.rule).collect()
}

/// The findings of rule `id` for `name`.
pub fn findings_for(id: &str, name: &str, ctx: &NameContext) -> Vec<Finding> {
    crate::validate_name(name, &NamingOptions::default(), ctx).into_iter().filter(|f| f.rule == id).collect()
}

/// The findings of rule `id` for `name` at [`NOW`], with nothing else known.
pub fn found(id: &str, name: &str) -> Vec<Finding> {
    findings_for(id, name, &NameContext { now: Some(NOW), ..Default::default() })
}

/// An action built by hand (tests must not depend on the SQL parser's details).
pub fn action(kind: ActionKind) -> Action {
    Action { kind, span: Span::new(0, 0), statement: Span::new(0, 0), source: Source::Parsed }
}

pub fn table(name: &str) -> Name {
    Name::new(None, name)
}
