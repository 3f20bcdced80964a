//! `add-foreign-key`: adds a foreign key to an existing table without `NOT VALID`.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind, ConstraintKind};
use crate::text::named;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "add-foreign-key",
        category: Category::Safety,
        severity: Severity::Medium,
        summary: "Adds a foreign key to an existing table without NOT VALID.",
        why: "PostgreSQL checks every existing row against the referenced table while holding a SHARE ROW EXCLUSIVE lock on both tables: writes to either wait for the whole scan.",
        instead: "Add the constraint `NOT VALID` (new rows are checked at once), then `ALTER TABLE ... VALIDATE CONSTRAINT` in a later migration, which checks the old rows without blocking writes.",
        bad: "ALTER TABLE \"Order\" ADD CONSTRAINT \"Order_userId_fkey\" FOREIGN KEY (\"userId\") REFERENCES \"User\"(\"id\");",
        good: "ALTER TABLE \"Order\" ADD CONSTRAINT \"Order_userId_fkey\" FOREIGN KEY (\"userId\") REFERENCES \"User\"(\"id\") NOT VALID;",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::AddConstraint { table, constraint, kind: ConstraintKind::ForeignKey, not_valid: false, .. }
            if script.is_existing_table(table) =>
        {
            let name = named(constraint.as_ref());
            Some(Hit::new(format!("adds foreign key{name} to existing table `{table}`, checking every row under lock")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings_of, in_history};

    #[test]
    fn a_foreign_key_on_a_table_of_the_same_migration_is_fine() {
        let sql = r#"CREATE TABLE "O" ("u" TEXT); ALTER TABLE "O" ADD CONSTRAINT "O_u_fkey" FOREIGN KEY ("u") REFERENCES "U"("id");"#;
        assert!(findings_of(RULE.meta.id, sql).is_empty());
    }

    #[test]
    fn existing_means_deployed_before_this_migration() {
        let earlier = r#"CREATE TABLE "U" ("id" TEXT PRIMARY KEY); CREATE TABLE "O" ("u" TEXT);"#;
        let fk = r#"ALTER TABLE "O" ADD CONSTRAINT "O_u_fkey" FOREIGN KEY ("u") REFERENCES "U"("id");"#;
        assert_eq!(in_history(RULE.meta.id, &[earlier], fk, false).len(), 1);
        assert!(in_history(RULE.meta.id, &[earlier], fk, true).is_empty());
    }
}
