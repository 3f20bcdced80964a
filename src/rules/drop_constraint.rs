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

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        // One finding per risk: a constraint that goes with its table or its columns (Prisma drops
        // the foreign keys first), or with the table it references, is that drop's; one added
        // again under the same name is a redefinition (and `add-foreign-key` judges the new one).
        ActionKind::DropConstraint { table, constraint }
            if script.drops_table_after(action, table)
                || script.recreates_after(action, "CONSTRAINT", constraint)
                || script.constraint_before(table, constraint).is_some_and(|c| {
                    (!c.columns.is_empty() && c.columns.iter().all(|column| script.drops_column(table, column)))
                        || c.references
                            .as_ref()
                            .is_some_and(|(referenced, _)| script.drops_table_after(action, &referenced.to_name()))
                }) =>
        {
            None
        }
        ActionKind::DropConstraint { table, constraint } => {
            Some(Hit::new(format!("drops constraint `{constraint}` of table `{table}`")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod history_tests {
    use crate::rules::testing::in_history;

    const EARLIER: &str = r#"CREATE TABLE "User" ("id" TEXT PRIMARY KEY);
        CREATE TABLE "Post" ("id" TEXT, "authorId" TEXT, "editorId" TEXT,
            CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id"),
            CONSTRAINT "Post_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "User"("id"));"#;

    #[test]
    fn a_constraint_that_goes_with_its_column_or_its_referenced_table_is_that_drop_s() {
        let with_column = r#"ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey";
            ALTER TABLE "Post" DROP COLUMN "authorId";"#;
        assert!(in_history("drop-constraint", &[EARLIER], with_column, false).is_empty());
        let with_referenced = r#"ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey";
            ALTER TABLE "Post" DROP CONSTRAINT "Post_editorId_fkey";
            DROP TABLE "User";"#;
        assert!(in_history("drop-constraint", &[EARLIER], with_referenced, false).is_empty());
        let alone = r#"ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey";"#;
        assert_eq!(in_history("drop-constraint", &[EARLIER], alone, false).len(), 1);
    }
}
