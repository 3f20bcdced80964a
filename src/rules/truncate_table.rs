//! `truncate-table`: Empties a table with TRUNCATE.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "truncate-table",
        category: Category::Destructive,
        severity: Severity::High,
        summary: "Empties a table with TRUNCATE.",
        why: "TRUNCATE removes every row at once, takes an ACCESS EXCLUSIVE lock, and cannot be limited by a condition.",
        instead: "If the data is truly disposable, say so in the migration and back it up anyway; otherwise delete in reviewed batches.",
        bad: "TRUNCATE TABLE \"AuditLog\";",
        good: "SELECT 1 FROM \"AuditLog\" LIMIT 1;",
    },
    check: Check::Action(check),
};

fn check(action: &Action, _script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::Truncate { table } => Some(Hit::new(format!("empties table `{table}` (TRUNCATE)"))),
        _ => None,
    }
}
