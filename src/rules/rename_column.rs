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

fn check(action: &Action, _script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::RenameColumn { table, column, to } => {
            Some(Hit::new(format!("renames column `{column}` of table `{table}` to `{to}`")))
        }
        _ => None,
    }
}
