//! `unknown-object`: a statement names a table, column, type, index or constraint that does not
//! exist at that point of the history; PostgreSQL refuses it at deploy.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Draft, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "unknown-object",
        category: Category::Safety,
        severity: Severity::High,
        summary: "Names a table, column, type, index or constraint that does not exist at that point of the history: the deploy fails.",
        why: "Replayed in Prisma's order, the earlier migrations never create the object (or drop it before), so PostgreSQL refuses the statement (SQLSTATE 42P01, 42703 or 42704) and the deploy stops. Reported only where the model is certain: nothing it could not follow (a DO block with dynamic SQL, an unreadable statement) could have made the object.",
        instead: "Create the object in an earlier migration, fix the name, or add IF EXISTS. If the object was created outside migrations (by hand, by db push), the database has drifted from the history: add a migration that creates it.",
        bad: "ALTER TABLE \"Acount\" ADD COLUMN \"plan\" TEXT;",
        good: "ALTER TABLE IF EXISTS \"Acount\" ADD COLUMN \"plan\" TEXT;",
    },
    check: Check::Script(check),
};

/// The statement the replay says PostgreSQL refuses, when it refuses it because something does
/// not exist.
fn check(script: &Script) -> Vec<Draft> {
    let Some(failure) = script.refused().filter(|f| f.is_missing_object()) else {
        return Vec::new();
    };
    vec![Draft {
        rule: &RULE.meta,
        span: failure.statement,
        message: format!(
            "{} at this point of the history (SQLSTATE {}): the deploy fails here",
            failure.message, failure.sqlstate
        ),
        help: None,
    }]
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::in_history;

    #[test]
    fn what_the_history_never_created_is_reported() {
        let found = in_history(
            "unknown-object",
            &[r#"CREATE TABLE "Account" ("id" TEXT);"#],
            r#"ALTER TABLE "Acount" ADD COLUMN "plan" TEXT;"#,
            false,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "relation \"Acount\" does not exist at this point of the history (SQLSTATE 42P01): the deploy fails here"
        );
        let column = in_history(
            "unknown-object",
            &[r#"CREATE TABLE "A" ("id" TEXT);"#],
            r#"ALTER TABLE "A" DROP COLUMN "nope";"#,
            false,
        );
        assert_eq!(column.len(), 1);
    }

    #[test]
    fn if_exists_and_uncertain_history_are_not_reported() {
        assert!(in_history("unknown-object", &[], r#"DROP TABLE IF EXISTS "Nope";"#, false).is_empty());
        let opaque = r#"DO $$ BEGIN EXECUTE 'CREATE TABLE "Made" (id int)'; END $$;"#;
        assert!(in_history("unknown-object", &[opaque], r#"DROP TABLE "Made";"#, false).is_empty());
    }
}
