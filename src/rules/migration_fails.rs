//! A migration that PostgreSQL itself refuses when the history is applied to an embedded server.

use crate::finding::{Category, Severity};
use crate::rule::{Check, Rule, RuleMeta};

/// Emitted by `engine::verify` from what the server answered; no static check can prove it.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "migration-fails",
        category: Category::Verify,
        severity: Severity::High,
        summary: "PostgreSQL refuses the migration when the history is applied from scratch.",
        why: "`prisma migrate deploy` stops at the first migration that fails and marks it failed in \
              `_prisma_migrations`; every later deploy refuses to run (P3009) until someone resolves it \
              by hand. A history that does not apply from scratch also breaks every new environment, \
              preview database and `prisma migrate reset`.",
        instead: "Fix the statement PostgreSQL names (create what it needs earlier, in this migration or \
                  one that sorts before it), and run `migration-lint verify` again. If the object comes from \
                  outside the migrations (a managed platform's schema, an extension the server provides), \
                  approve the finding with the reason.",
        bad: "ALTER TABLE \"Post\" ADD COLUMN \"title\" TEXT; -- no migration creates \"Post\"",
        good: "CREATE TABLE \"Post\" (\"id\" TEXT PRIMARY KEY); ALTER TABLE \"Post\" ADD COLUMN \"title\" TEXT;",
    },
    check: Check::Emitted { by: "verify, from the error PostgreSQL returned" },
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::input::HistoryInput;
    use crate::engine::verify::{verify, EngineError, Outcome, VerifyInput};
    use crate::rules::testing::migration;

    /// The bad example as PostgreSQL answers it, made into the finding: PostgreSQL's answer is
    /// written here by hand, so this checks the wiring only. That PGlite refuses the bad example
    /// there and applies the good one is `tests/js/verify.test.mjs`'s "the rule's own examples".
    #[test]
    fn examples() {
        let run = |sql: &str, error: EngineError| {
            let history = HistoryInput {
                migrations: vec![migration("20240101000000_add_title", sql)],
                ..HistoryInput::default()
            };
            let outcomes = vec![Outcome { name: "20240101000000_add_title".into(), error: Some(error) }];
            verify(&VerifyInput { folder: history.into(), outcomes, engine: "PostgreSQL 18.6".into() }).report
        };
        let refused = EngineError {
            sqlstate: Some("42P01".into()),
            message: "relation \"Post\" does not exist".into(),
            detail: None,
            hint: None,
            position: None,
            statement: Some(0),
        };
        let report = run(RULE.meta.bad, refused);
        let finding = &report.findings[0];
        assert_eq!(
            (finding.rule.as_str(), finding.severity, finding.why.as_str()),
            (RULE.meta.id, Severity::High, RULE.meta.why)
        );
        assert_eq!(finding.excerpt, "ALTER TABLE \"Post\" ADD COLUMN \"title\" TEXT;");
        assert!(finding.help.ends_with(RULE.meta.instead));
    }
}
