//! `rename-table`: Renames a table.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "rename-table",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Renames a table.",
        why: "The application version still running during the deploy keeps querying the old name and fails until the new code is live.",
        instead: "Keep both names working during the deploy: rename and create a view with the old name (dropped in a later release), or in Prisma keep the old table name with `@@map`.",
        bad: "ALTER TABLE \"Team\" RENAME TO \"Organization\";",
        good: "ALTER TABLE \"Team\" ADD COLUMN \"slug\" TEXT;",
    },
    check: Check::Action(check),
};

fn check(action: &Action, _script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::RenameTable { table, to } => Some(Hit::new(format!("renames table `{table}` to `{to}`"))),
        _ => None,
    }
}
