//! A migration folder without its `migration.sql`.

use crate::rules::{Check, Rule, RuleMeta};
use crate::finding::{Category, Severity};

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
    check: Check::Engine,
};
