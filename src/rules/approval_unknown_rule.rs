//! `approval-unknown-rule`: An approval that names a rule that does not exist.

use crate::finding::{Category, Severity};
use crate::rule::{Check, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "approval-unknown-rule",
        category: Category::Approval,
        severity: Severity::Medium,
        summary: "An approval that names a rule that does not exist.",
        why: "A misspelt rule id approves nothing, so the finding it was meant for still fails the run, or the typo hides which finding was reviewed.",
        instead: "Use a rule id from `migration-lint --explain` or the rules table.",
        bad: "-- migration-lint approve drop-tabel: old sessions\nDROP TABLE \"Session\";",
        good: "-- migration-lint approve drop-table: old sessions\nDROP TABLE \"Session\";",
    },
    check: Check::Emitted { by: "the approval matcher" },
};
