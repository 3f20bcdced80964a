//! `drop-view`: Drops a view or materialized view.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind, ObjectKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "drop-view",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Drops a view or materialized view.",
        why: "Queries and reports that read the view fail; a materialized view's stored data is lost and must be recomputed.",
        instead: "Find the view's readers first, and keep its CREATE statement as the rollback.",
        bad: "DROP MATERIALIZED VIEW \"DailyStats\";",
        good: "REFRESH MATERIALIZED VIEW \"DailyStats\";",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        // Dropped and created again in the same migration: a redefinition, nothing is lost.
        ActionKind::DropObject { kind: ObjectKind::View | ObjectKind::MaterializedView, name, .. }
            if script.recreates_after(action, "VIEW", &name.name) =>
        {
            None
        }
        ActionKind::DropObject { kind: kind @ (ObjectKind::View | ObjectKind::MaterializedView), name, .. } => {
            Some(Hit::new(format!("drops {} `{name}`", kind.as_str())))
        }
        _ => None,
    }
}
