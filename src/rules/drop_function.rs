//! `drop-function`: Drops a function or procedure.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind, ObjectKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "drop-function",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Drops a function or procedure.",
        why: "Triggers, defaults, policies and application queries that call it fail.",
        instead: "Find its callers (triggers, column defaults, RLS policies, raw queries) first, and keep its CREATE statement as the rollback.",
        bad: "DROP FUNCTION \"set_updated_at\"();",
        good: "CREATE OR REPLACE FUNCTION \"set_updated_at\"() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        // Dropped and created again in the same migration: a redefinition, nothing is lost.
        ActionKind::DropObject { kind: kind @ (ObjectKind::Function | ObjectKind::Procedure), name, .. }
            if script.recreates_after(
                action,
                if *kind == ObjectKind::Function { "FUNCTION" } else { "PROCEDURE" },
                &name.name,
            ) =>
        {
            None
        }
        ActionKind::DropObject { kind: kind @ (ObjectKind::Function | ObjectKind::Procedure), name, .. } => {
            Some(Hit::new(format!("drops {} `{name}`", kind.as_str())))
        }
        _ => None,
    }
}
