//! `drop-trigger`: Drops a trigger.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind, ObjectKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "drop-trigger",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Drops a trigger.",
        why: "Whatever the trigger maintained (timestamps, audit rows, denormalised counts) silently stops being maintained.",
        instead: "Move its work into the application or a replacement trigger in the same migration; keep its CREATE TRIGGER as the rollback.",
        bad: "DROP TRIGGER \"audit_user\" ON \"User\";",
        good: "ALTER TABLE \"User\" ENABLE TRIGGER \"audit_user\";",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        // Dropped and created again in the same migration: a redefinition, nothing is lost.
        ActionKind::DropObject { kind: ObjectKind::Trigger, name, .. }
            if script.recreates_after(action, "TRIGGER", &name.name) =>
        {
            None
        }
        ActionKind::DropObject { kind: ObjectKind::Trigger, name, on } => Some(Hit::new(match on {
            Some(table) => format!("drops trigger `{name}` on table `{table}`"),
            None => format!("drops trigger `{name}`"),
        })),
        _ => None,
    }
}
