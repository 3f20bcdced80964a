//! `drop-constraint`: Drops a table constraint (primary key, unique, foreign key, check).

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "drop-constraint",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Drops a table constraint (primary key, unique, foreign key, check).",
        why: "Once the constraint is gone the database accepts rows that break it (duplicates, orphans, invalid values), and re-adding it later fails if any slipped in.",
        instead: "Make sure the application enforces the rule or no longer needs it; keep the ADD CONSTRAINT statement as the rollback (with NOT VALID + VALIDATE CONSTRAINT to re-add it without a long lock).",
        bad: "ALTER TABLE \"Post\" DROP CONSTRAINT \"Post_authorId_fkey\";",
        good: "ALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\");",
    },
    check: Check::Action(check),
};

fn check(action: &Action, _script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::DropConstraint { table, constraint } => {
            Some(Hit::new(format!("drops constraint `{constraint}` of table `{table}`")))
        }
        _ => None,
    }
}
