//! `rename-column`: Renames a column.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "rename-column",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Renames a column.",
        why: "Code still running during the deploy reads and writes the old name and fails until the new code is live.",
        instead: "In Prisma, rename the field but keep the column with `@map(\"old_name\")`; or add the new column, write to both, backfill, switch reads, then drop the old one.",
        bad: "ALTER TABLE \"User\" RENAME COLUMN \"name\" TO \"fullName\";",
        good: "ALTER TABLE \"User\" ADD COLUMN \"fullName\" TEXT;",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        // A column this migration added (a temporary column swapped in): no running code knows it.
        ActionKind::RenameColumn { table, column, .. } if script.adds_column_before(action, table, column) => None,
        ActionKind::RenameColumn { table, column, to } => {
            Some(Hit::new(format!("renames column `{column}` of table `{table}` to `{to}`")))
        }
        _ => None,
    }
}
