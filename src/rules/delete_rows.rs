//! `delete-rows`: Deletes rows (DELETE FROM), with or without WHERE.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "delete-rows",
        category: Category::Destructive,
        severity: Severity::High,
        summary: "Deletes rows (DELETE FROM), with or without WHERE.",
        why: "Deleted rows are gone once the migration commits; a WHERE clause that matches more than intended in production is found only afterwards.",
        instead: "Back the rows up first (`CREATE TABLE ..._backup AS SELECT ... WHERE <same condition>`), check the row count the condition matches in production, and keep data clean-ups out of schema migrations where you can (a reviewed one-off script).",
        bad: "DELETE FROM \"Session\" WHERE \"expiresAt\" < now();",
        good: "SELECT count(*) FROM \"Session\" WHERE \"expiresAt\" < now();",
    },
    check: Check::Action(check),
};

fn check(action: &Action, _script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::Delete { table, has_where } => Some(Hit::new(if *has_where {
            format!("deletes rows of table `{table}`")
        } else {
            format!("deletes every row of table `{table}` (no WHERE)")
        })),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings_of;

    #[test]
    fn deletes_in_ctes_and_using_forms_are_found() {
        assert_eq!(findings_of(RULE.meta.id, "WITH d AS (DELETE FROM a RETURNING id) SELECT * FROM d;").len(), 1);
        assert_eq!(findings_of(RULE.meta.id, "DELETE FROM a USING b WHERE a.id = b.id;").len(), 1);
    }
}
