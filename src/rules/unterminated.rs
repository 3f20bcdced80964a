//! `unterminated`: a string, quoted identifier, dollar-quoted body or comment never closed.

use crate::finding::{Category, Severity};
use crate::rules::{Check, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "unterminated",
        category: Category::Parse,
        severity: Severity::Medium,
        summary: "A string, quoted identifier, `$$` body or comment is never closed.",
        why: "Everything after the opening quote or comment is swallowed: PostgreSQL rejects the migration, or worse, runs it with the following statements hidden inside the literal.",
        instead: "Close the literal or comment where it was meant to end.",
        bad: "UPDATE \"User\" SET \"name\" = 'O''Brien WHERE \"id\" = 1;",
        good: "UPDATE \"User\" SET \"name\" = 'O''Brien' WHERE \"id\" = 1;",
    },
    check: Check::Engine,
};
