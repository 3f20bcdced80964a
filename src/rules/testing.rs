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

/// The findings of rule `id` on migration `sql` checked after `earlier` migrations (each its SQL);
/// with `new_on_branch`, the earlier ones are new on this branch too (a base branch without them).
pub fn in_history(id: &str, earlier: &[&str], sql: &str, new_on_branch: bool) -> Vec<Finding> {
    let mut migrations: Vec<Migration> =
        earlier.iter().enumerate().map(|(i, sql)| migration(&format!("202401010{i:05}_earlier"), sql)).collect();
    migrations.push(migration("20240102000000_checked", sql));
    let deployed: Vec<BaseMigration> = if new_on_branch {
        Vec::new()
    } else {
        migrations[..earlier.len()].iter().map(|m| base(&m.name, m.sql.as_deref().unwrap_or(""))).collect()
    };
    let input = crate::context::input::HistoryInput {
        dir: None,
        migrations,
        lock: None,
        base: Some(crate::context::input::Base {
            commit: None,
            reference: None,
            merge_base: deployed,
            base_head: None,
        }),
        now: None,
        ..Default::default()
    };
    let report = crate::check_destructive(&crate::MigrationsInput { history: input, config: None });
    report.findings.into_iter().filter(|f| f.rule == id && f.file.starts_with("20240102000000_checked")).collect()
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
    Name::unquoted(name)
}

/// Deployed-state cases: a folder of migrations against rows of `_prisma_migrations`.
pub mod deployed {
    use crate::context::deployed::{AppliedRow, DeployedInput};
    use crate::context::input::HistoryInput;
    use crate::context::prisma::checksum;
    use crate::finding::Finding;

    /// A finished row that applied `name` when its file was `sql`.
    pub fn applied(name: &str, sql: &str) -> AppliedRow {
        AppliedRow {
            id: format!("id-{name}"),
            migration_name: name.into(),
            checksum: checksum(sql),
            started_at: "2025-01-01T00:00:00.000Z".into(),
            finished_at: Some("2025-01-01T00:00:01.000Z".into()),
            rolled_back_at: None,
            logs: None,
            applied_steps_count: 1,
        }
    }

    /// The status findings of folders `names` (each with an empty migration.sql) against `rows`
    /// (`None`: no `_prisma_migrations` table).
    pub fn status(names: &[&str], rows: Option<Vec<AppliedRow>>) -> Vec<Finding> {
        status_with(&names.iter().map(|name| (*name, "")).collect::<Vec<_>>(), rows)
    }

    /// [`status`] with each folder's SQL.
    pub fn status_with(migrations: &[(&str, &str)], rows: Option<Vec<AppliedRow>>) -> Vec<Finding> {
        let history = HistoryInput {
            dir: Some("prisma/migrations".into()),
            migrations: migrations.iter().map(|(name, sql)| super::migration(name, sql)).collect(),
            ..HistoryInput::default()
        };
        let input = crate::StatusInput {
            folder: crate::MigrationsInput { history, config: None },
            deployed: DeployedInput { database: "postgresql://app@db:5432/app".into(), rows },
        };
        crate::migration_status(&input).findings
    }
}
