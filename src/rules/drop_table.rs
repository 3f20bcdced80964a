//! `drop-table`: Drops a table and every row in it.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "drop-table",
        category: Category::Destructive,
        severity: Severity::High,
        summary: "Drops a table and every row in it.",
        why: "DROP TABLE deletes the table's data for good; the code still deployed while the migration runs fails on every query that names it, and a rollback cannot bring the rows back.",
        instead: "First ship code that no longer reads or writes the table, back the data up (or rename the table to `<name>_deprecated` and drop it in a later release), then drop it. Write down how to restore it from the backup.",
        bad: "DROP TABLE \"Session\";",
        good: "CREATE TABLE \"Session\" (\"id\" TEXT NOT NULL);",
    },
    check: Check::Action(check),
};

fn check(action: &Action, _script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::DropTable { table, cascade } => {
            let hit = Hit::new(format!("drops table `{table}` and all its rows"));
            Some(if *cascade {
                hit.help("CASCADE also drops every view and foreign key that depends on it.")
            } else {
                hit
            })
        }
        _ => None,
    }
}
