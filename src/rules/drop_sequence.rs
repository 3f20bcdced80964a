//! `drop-sequence`: Drops a sequence.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind, ObjectKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "drop-sequence",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Drops a sequence.",
        why: "Columns whose default draws from the sequence fail on insert, and the sequence's current value is lost.",
        instead: "Drop the column defaults that use it first; note the current value (`SELECT last_value`) so it can be recreated.",
        bad: "DROP SEQUENCE \"invoice_number_seq\";",
        good: "CREATE SEQUENCE \"invoice_number_seq\";",
    },
    check: Check::Action(check),
};

fn check(action: &Action, _script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::DropObject { kind: ObjectKind::Sequence, name, .. } => {
            Some(Hit::new(format!("drops sequence `{name}`")))
        }
        _ => None,
    }
}
