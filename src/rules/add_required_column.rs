//! `add-required-column`: Adds a NOT NULL column without a default to an existing table.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "add-required-column",
        category: Category::Safety,
        severity: Severity::Medium,
        summary: "Adds a NOT NULL column without a default to an existing table.",
        why: "PostgreSQL cannot fill the new column for the rows already there, so the migration fails on any table that has rows (Prisma warns: \"Added the required column ... without a default value\").",
        instead: "Add the column with a DEFAULT, or add it nullable, backfill it, then SET NOT NULL in a later migration.",
        bad: "ALTER TABLE \"User\" ADD COLUMN \"tenantId\" TEXT NOT NULL;",
        good: "ALTER TABLE \"User\" ADD COLUMN \"tenantId\" TEXT NOT NULL DEFAULT 'default';",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::AddColumn { table, column, not_null: true, has_default: false, serial: false, .. }
            if script.is_existing_table(table) =>
        {
            Some(Hit::new(format!("adds required column `{column}` to table `{table}` without a default")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings_of, in_history};

    #[test]
    fn serial_and_identity_columns_fill_themselves() {
        for column in ["n SERIAL NOT NULL", "n BIGSERIAL NOT NULL", "n INT GENERATED ALWAYS AS IDENTITY NOT NULL"] {
            assert!(findings_of(RULE.meta.id, &format!("ALTER TABLE t ADD COLUMN {column};")).is_empty(), "{column}");
        }
    }

    #[test]
    fn only_tables_deployed_before_the_migration_count() {
        let add = r#"ALTER TABLE "T" ADD COLUMN "c" TEXT NOT NULL;"#;
        assert_eq!(in_history(RULE.meta.id, &[r#"CREATE TABLE "T" ("id" TEXT);"#], add, false).len(), 1);
        assert!(
            in_history(RULE.meta.id, &[r#"CREATE TABLE "T" ("id" TEXT);"#], add, true).is_empty(),
            "new on this branch"
        );
    }

    #[test]
    fn a_column_added_to_a_table_created_in_the_same_migration_is_fine() {
        assert!(
            findings_of(RULE.meta.id, "CREATE TABLE t (id INT); ALTER TABLE t ADD COLUMN c TEXT NOT NULL;").is_empty()
        );
    }
}
