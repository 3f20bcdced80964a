//! `set-not-null`: Makes an existing column NOT NULL.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "set-not-null",
        category: Category::Safety,
        severity: Severity::Medium,
        summary: "Makes an existing column NOT NULL.",
        why: "The migration fails if any row holds NULL, and PostgreSQL scans the whole table under an ACCESS EXCLUSIVE lock to check.",
        instead: "Backfill the NULLs first (in the same migration or before it); on large tables add `CHECK (col IS NOT NULL) NOT VALID`, VALIDATE it, then SET NOT NULL, which then skips the scan.",
        bad: "ALTER TABLE \"User\" ALTER COLUMN \"email\" SET NOT NULL;",
        good: "ALTER TABLE \"User\" ALTER COLUMN \"email\" DROP NOT NULL;",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::SetNotNull { table, column } if script.is_existing_table(table) => {
            Some(Hit::new(format!("makes column `{column}` of table `{table}` NOT NULL")))
        }
        _ => None,
    }
}
