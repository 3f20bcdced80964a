//! `approval-unused`: An approval that matches no finding.

use crate::finding::{Category, Severity};
use crate::rule::{Check, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "approval-unused",
        category: Category::Approval,
        severity: Severity::Low,
        summary: "An approval that matches no finding.",
        why: "A stale approval (the statement changed, or it stands above the wrong statement) could silently approve a later, different change.",
        instead: "Move the approval onto the line of the statement it is for, or just above it, or remove it.",
        bad: "-- migration-lint approve drop-table: old sessions\nCREATE TABLE \"Session\" (\"id\" TEXT);",
        good: "CREATE TABLE \"Session\" (\"id\" TEXT);",
    },
    check: Check::Emitted { by: "the approval matcher" },
};
