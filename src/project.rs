//! Checks over a whole Prisma migrations folder, handed in as plain data.
//!
//! The JS side reads the folder (`<dir>/<name>/migration.sql`, `<dir>/migration_lock.toml`) and
//! passes what it found; nothing here touches the file system, so the same code serves Node, the
//! browser and native tests.
//!
//! Extension point for the folder-level checks (naming, order, the lock file; `src/migrations.rs`):
//! they read the same `MigrationsInput` and add their findings in `check_migrations`, next to the
//! per-migration SQL checks; `MigrationsInput::folder` and `MigrationsInput::sql_file` are how every
//! finding names a migration, so reports stay consistent across checks.

use serde::{Deserialize, Serialize};

use crate::finding::{Draft, Report, Severity, Span};
use crate::rules::missing_migration_sql;
use crate::source::LineIndex;

/// A migrations folder as plain data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationsInput {
    /// How findings name the folder (`prisma/migrations`); without it, files are named from the
    /// migration folder down (`<name>/migration.sql`).
    #[serde(default)]
    pub dir: Option<String>,
    /// In any order: reports are sorted.
    pub migrations: Vec<MigrationInput>,
    /// The text of `migration_lock.toml`, `None` when the folder has none.
    #[serde(default)]
    pub lock: Option<String>,
}

/// One migration folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationInput {
    /// The folder's name, e.g. `20251208120000_add_user_verification_fields`.
    pub name: String,
    /// The text of its `migration.sql`, `None` when the folder has none.
    pub sql: Option<String>,
    /// Every entry of the folder, when the caller listed it (read by the naming checks).
    #[serde(default)]
    pub files: Option<Vec<String>>,
}

impl MigrationsInput {
    /// How findings name a migration folder: `<dir>/<name>`, or `<name>` without a dir.
    pub fn folder(&self, name: &str) -> String {
        match self.dir.as_deref().map(|dir| dir.trim_end_matches('/')) {
            Some(dir) if !dir.is_empty() => format!("{dir}/{name}"),
            _ => name.to_string(),
        }
    }

    /// How findings name a migration's SQL file: `<folder>/migration.sql`.
    pub fn sql_file(&self, name: &str) -> String {
        format!("{}/migration.sql", self.folder(name))
    }
}

/// Check every migration of a folder. Findings are sorted by file, then position.
pub fn check_migrations(input: &MigrationsInput) -> Report {
    let mut report = Report::default();
    for migration in &input.migrations {
        report.merge(check_migration(input, migration));
    }
    // Folder-level checks (naming, order, lock file) add their findings here.
    report.sort();
    report
}

/// The SQL checks of one migration, or a finding that it has no `migration.sql` (Prisma refuses
/// to apply such a folder).
pub fn check_migration(input: &MigrationsInput, migration: &MigrationInput) -> Report {
    match &migration.sql {
        Some(sql) => crate::check_sql(sql, &input.sql_file(&migration.name)),
        None => {
            let draft = Draft {
                rule: &missing_migration_sql::RULE.meta,
                span: Span::default(),
                message: format!("migration folder `{}` has no migration.sql", migration.name),
                help: None,
            };
            let mut report =
                Report { findings: vec![draft.locate(&input.folder(&migration.name), &LineIndex::new(""))], ..Report::default() };
            report.tally();
            report
        }
    }
}

/// The CLI's `--fail-on`: a severity, or `never`.
pub fn parse_fail_on(text: &str) -> Result<Option<Severity>, String> {
    match text {
        "never" => Ok(None),
        _ => Severity::parse(text)
            .map(Some)
            .ok_or_else(|| format!("unknown threshold `{text}`: expected one of high, medium, low, never")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migration(name: &str, sql: Option<&str>) -> MigrationInput {
        MigrationInput { name: name.into(), sql: sql.map(str::to_string), files: None }
    }

    #[test]
    fn files_are_named_under_the_dir_when_given() {
        let mut input = MigrationsInput { dir: Some("prisma/migrations/".into()), ..MigrationsInput::default() };
        assert_eq!(input.sql_file("20240101000000_init"), "prisma/migrations/20240101000000_init/migration.sql");
        input.dir = None;
        assert_eq!(input.sql_file("20240101000000_init"), "20240101000000_init/migration.sql");
        input.dir = Some(String::new());
        assert_eq!(input.folder("20240101000000_init"), "20240101000000_init");
    }

    #[test]
    fn a_folder_without_migration_sql_is_a_high_finding_naming_the_folder() {
        let input = MigrationsInput {
            dir: Some("prisma/migrations".into()),
            migrations: vec![migration("20240101000000_init", Some("CREATE TABLE a (id int);")), migration("20240102000000_empty", None)],
            lock: None,
        };
        let report = check_migrations(&input);
        let missing: Vec<_> = report.findings.iter().filter(|f| f.rule == "missing-migration-sql").collect();
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].file, "prisma/migrations/20240102000000_empty");
        assert_eq!(missing[0].severity, Severity::High);
        assert_eq!(missing[0].message, "migration folder `20240102000000_empty` has no migration.sql");
        assert_eq!(report.summary.files, 1);
        assert_eq!(report.summary.high, report.findings.iter().filter(|f| f.severity == Severity::High).count());
    }

    #[test]
    fn each_migration_is_checked_as_its_own_file() {
        let input = MigrationsInput {
            dir: None,
            migrations: vec![migration("b", Some("SELECT 1;")), migration("a", Some("SELECT 1;\nSELECT 2;"))],
            lock: Some("provider = \"postgresql\"".into()),
        };
        let report = check_migrations(&input);
        assert_eq!(report.summary.files, 2);
        let separately = crate::check_sql("SELECT 1;", "b/migration.sql").summary.statements
            + crate::check_sql("SELECT 1;\nSELECT 2;", "a/migration.sql").summary.statements;
        assert_eq!(report.summary.statements, separately);
    }

    #[test]
    fn input_with_unknown_keys_is_refused() {
        let error = serde_json::from_str::<MigrationsInput>(r#"{"migrations": [], "base": "main"}"#).unwrap_err();
        assert!(error.to_string().contains("unknown field `base`"), "{error}");
        let ok: MigrationsInput = serde_json::from_str(r#"{"migrations": [{"name": "a", "sql": null}]}"#).unwrap();
        assert_eq!(ok.migrations[0].sql, None);
    }

    #[test]
    fn fail_on_takes_a_severity_or_never() {
        assert_eq!(parse_fail_on("medium"), Ok(Some(Severity::Medium)));
        assert_eq!(parse_fail_on("never"), Ok(None));
        assert_eq!(
            parse_fail_on("critical"),
            Err("unknown threshold `critical`: expected one of high, medium, low, never".to_string())
        );
    }
}
