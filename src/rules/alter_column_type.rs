//! `alter-column-type`: Changes a column's type (ALTER COLUMN ... TYPE / SET DATA TYPE).

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "alter-column-type",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Changes a column's type (ALTER COLUMN ... TYPE / SET DATA TYPE).",
        why: "Most type changes rewrite the whole table under an ACCESS EXCLUSIVE lock, can fail on existing values or silently truncate or round them, and break code that expects the old type.",
        instead: "Add a new column with the new type, backfill it in batches, switch the code over, then drop the old column in a later release. If you keep the in-place change, test the USING cast on a copy of production data.",
        bad: "ALTER TABLE \"Invoice\" ALTER COLUMN \"amount\" SET DATA TYPE INTEGER;",
        good: "ALTER TABLE \"Invoice\" ALTER COLUMN \"amount\" SET DEFAULT 0;",
    },
    check: Check::Action(check),
};

fn check(action: &Action, _script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::AlterColumnType { table, column, new_type, .. } => {
            Some(Hit::new(format!("changes the type of column `{column}` of table `{table}` to `{new_type}`")))
        }
        _ => None,
    }
}
