//! `update-without-where`: Updates every row of a table (UPDATE without WHERE).

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "update-without-where",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Updates every row of a table (UPDATE without WHERE).",
        why: "Every row is rewritten at once: previous values are lost, the table is locked row by row for the whole statement, and large tables bloat.",
        instead: "If it is a backfill, say so in a comment and batch it on large tables; otherwise add the WHERE clause you meant. Back up the column first if its old values matter.",
        bad: "UPDATE \"User\" SET \"role\" = 'USER';",
        good: "UPDATE \"User\" SET \"role\" = 'USER' WHERE \"role\" IS NULL;",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        // Filling columns this migration added a moment ago: a backfill, no value is lost.
        ActionKind::Update { table, has_where: false }
            if script.set_columns(action).is_some_and(|columns| {
                !columns.is_empty() && columns.iter().all(|c| script.adds_column_before(action, table, c))
            }) =>
        {
            None
        }
        ActionKind::Update { table, has_where: false } => {
            Some(Hit::new(format!("updates every row of table `{table}` (no WHERE)")))
        }
        _ => None,
    }
}
