//! `drop-object`: Drops another kind of object (extension, domain, policy, ...).

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind, ObjectKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "drop-object",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Drops another kind of object (extension, domain, policy, ...).",
        why: "Dropping an extension removes its types and functions (and, with CASCADE, the columns using them); dropping a policy changes who can see which rows.",
        instead: "Check what depends on the object (`\\dx+`, `pg_depend`) and keep its CREATE statement as the rollback.",
        bad: "DROP EXTENSION \"pg_trgm\";",
        good: "CREATE EXTENSION IF NOT EXISTS \"pg_trgm\";",
    },
    check: Check::Action(check),
};

fn check(action: &Action, _script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::DropObject {
            kind: kind @ (ObjectKind::Extension | ObjectKind::Domain | ObjectKind::Policy | ObjectKind::Other),
            name,
            ..
        } => Some(Hit::new(format!("drops {} `{name}`", kind.as_str()))),
        _ => None,
    }
}
