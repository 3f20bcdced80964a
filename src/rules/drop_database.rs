//! `drop-database`: Drops a whole database.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "drop-database",
        category: Category::Destructive,
        severity: Severity::High,
        summary: "Drops a whole database.",
        why: "Every table and row in the database is lost; this never belongs in an application migration.",
        instead: "Remove the statement. Databases are created and dropped by infrastructure tooling, with backups, not by Prisma migrations.",
        bad: "DROP DATABASE \"staging\";",
        good: "CREATE TABLE \"Staging\" (\"id\" INTEGER);",
    },
    check: Check::Action(check),
};

fn check(action: &Action, _script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::DropDatabase { database } => Some(Hit::new(format!("drops database `{database}`"))),
        _ => None,
    }
}
