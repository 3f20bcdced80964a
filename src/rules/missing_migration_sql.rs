//! A migration folder without its `migration.sql`.

use crate::finding::{Category, Severity};
use crate::rule::{Check, Rule, RuleMeta};

/// Emitted by `project::check_migration` for a folder whose `sql` is missing.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "missing-migration-sql",
        category: Category::Naming,
        severity: Severity::High,
        summary: "A migration folder has no migration.sql.",
        why: "Prisma Migrate refuses to apply a migrations folder in which a migration has no \
              migration.sql (`prisma migrate deploy` stops with an error), so every deploy after it fails.",
        instead: "Restore the migration.sql from version control, or delete the empty folder if the \
                  migration was never applied anywhere.",
        bad: "20240101000000_add_users/ (a folder holding only a README)",
        good: "20240101000000_add_users/migration.sql",
    },
    check: Check::Emitted { by: "the SQL pass, which finds nothing to read" },
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::input::{HistoryInput, Migration};
    use crate::rules::testing::migration;

    fn found(migrations: Vec<Migration>) -> Vec<crate::finding::Finding> {
        let input = HistoryInput { dir: Some("prisma/migrations".into()), migrations, ..HistoryInput::default() };
        let report = crate::check_destructive(&input.into());
        report.findings.into_iter().filter(|f| f.rule == RULE.meta.id).collect()
    }

    #[test]
    fn examples() {
        let without =
            Migration { name: "20240101000000_add_users".into(), sql: None, files: Some(vec!["README.md".into()]) };
        let finding = &found(vec![without])[0];
        assert_eq!(finding.file, "prisma/migrations/20240101000000_add_users");
        assert_eq!(finding.message, "migration folder `20240101000000_add_users` has no migration.sql");
        assert!(found(vec![migration("20240101000000_add_users", "")]).is_empty(), "an empty migration.sql is a file");
    }
}
