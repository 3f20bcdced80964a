//! `approval-without-reason`: An approval comment that gives no reason.

use crate::finding::{Category, Severity};
use crate::rule::{Check, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "approval-without-reason",
        category: Category::Approval,
        severity: Severity::Medium,
        summary: "An approval comment that gives no reason.",
        why: "An approval is a reviewed decision; without its reason, the next reader cannot tell whether the risk was understood, and the finding stays unapproved.",
        instead: "Write the reason after a colon: `-- migration-lint approve drop-column: unused since 2025-11, backed up in s3://backups/users.csv`.",
        bad: "-- migration-lint approve drop-table\nDROP TABLE \"Session\";",
        good: "-- migration-lint approve drop-table: sessions are disposable, users log in again\nDROP TABLE \"Session\";",
    },
    check: Check::Emitted { by: "the approval matcher" },
};
