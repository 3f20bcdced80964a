//! `add-check-constraint`: adds a CHECK constraint to an existing table without `NOT VALID`.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind, ConstraintKind};
use crate::text::named;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "add-check-constraint",
        category: Category::Safety,
        severity: Severity::Medium,
        summary: "Adds a CHECK constraint to an existing table without NOT VALID.",
        why: "PostgreSQL checks every existing row under an ACCESS EXCLUSIVE lock: reads and writes of the table wait for the whole scan, and the migration fails if one row breaks the rule.",
        instead: "Add the constraint `NOT VALID` (new rows are checked at once), then `ALTER TABLE ... VALIDATE CONSTRAINT` in a later migration, which takes a lock that lets reads and writes go on.",
        bad: "ALTER TABLE \"Order\" ADD CONSTRAINT \"Order_total_check\" CHECK (\"total\" >= 0);",
        good: "ALTER TABLE \"Order\" ADD CONSTRAINT \"Order_total_check\" CHECK (\"total\" >= 0) NOT VALID;",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::AddConstraint { table, constraint, kind: ConstraintKind::Check, not_valid: false, .. }
            if script.is_existing_table(table) =>
        {
            let name = named(constraint.as_ref());
            Some(Hit::new(format!(
                "adds check constraint{name} to existing table `{table}`, checking every row under lock"
            )))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::in_history;

    #[test]
    fn existing_means_deployed_before_this_migration() {
        let check = r#"ALTER TABLE "O" ADD CONSTRAINT "O_t_check" CHECK ("t" > 0);"#;
        assert_eq!(in_history(RULE.meta.id, &[r#"CREATE TABLE "O" ("t" INT);"#], check, false).len(), 1);
        assert!(in_history(RULE.meta.id, &[r#"CREATE TABLE "O" ("t" INT);"#], check, true).is_empty());
    }
}
