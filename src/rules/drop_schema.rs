//! `drop-schema`: Drops a schema, with everything in it.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "drop-schema",
        category: Category::Destructive,
        severity: Severity::High,
        summary: "Drops a schema, with everything in it.",
        why: "A schema holds tables, types and functions; dropping it (above all with CASCADE) removes all of them and their data.",
        instead: "Drop the objects one by one in reviewed migrations, after backing them up.",
        bad: "DROP SCHEMA \"analytics\" CASCADE;",
        good: "CREATE SCHEMA IF NOT EXISTS \"analytics\";",
    },
    check: Check::Action(check),
};

fn check(action: &Action, _script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::DropSchema { schema, cascade } => Some(Hit::new(format!(
            "drops schema `{schema}`{}",
            if *cascade { " and everything in it (CASCADE)" } else { "" }
        ))),
        _ => None,
    }
}
