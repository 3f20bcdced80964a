//! `drop-type`: Drops a type (usually a Prisma enum).

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind, ObjectKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "drop-type",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Drops a type (usually a Prisma enum).",
        why: "Columns still using the type block the drop or, with CASCADE, are dropped with it; code that still sends the enum's values fails.",
        instead: "Make sure no column uses the type any more. For Prisma's enum rebuild (rename to `_old`, create, convert, drop), check that no row holds a value the new enum lacks.",
        bad: "DROP TYPE \"Role_old\";",
        good: "CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN');",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        // The old copy of an enum Prisma rebuilt (renamed to `x_old` in this migration): what the
        // rebuild loses is `enum-values-removed`'s, from the history.
        ActionKind::DropObject { kind: ObjectKind::Type, name, .. }
            if script.enum_rebuilds().iter().any(|&(.., old)| *old == name.name) =>
        {
            None
        }
        ActionKind::DropObject { kind: ObjectKind::Type, name, .. } => Some(Hit::new(format!("drops type `{name}`"))),
        _ => None,
    }
}
