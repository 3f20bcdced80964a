//! `alter-column-type`: Changes a column's type (ALTER COLUMN ... TYPE / SET DATA TYPE).

use crate::context::script::{Script, TableState};
use crate::finding::{Category, Severity};
use crate::model::types::{parse_type, type_change, TypeChange};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};
use crate::syntax::ident;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "alter-column-type",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Changes a column's type (ALTER COLUMN ... TYPE / SET DATA TYPE); high where values can be lost, none where PostgreSQL changes only the catalog.",
        why: "Most type changes rewrite the whole table under an ACCESS EXCLUSIVE lock, can fail on existing values or silently truncate or round them, and break code that expects the old type.",
        instead: "Add a new column with the new type, backfill it in batches, switch the code over, then drop the old column in a later release. If you keep the in-place change, test the USING cast on a copy of production data.",
        bad: "ALTER TABLE \"Invoice\" ALTER COLUMN \"amount\" SET DATA TYPE INTEGER;",
        good: "ALTER TABLE \"Invoice\" ALTER COLUMN \"amount\" SET DEFAULT 0;",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    let ActionKind::AlterColumnType { table, column, new_type, .. } = &action.kind else { return None };
    // No rows yet: a table this migration creates (or, with a base, one not deployed) or a column
    // it added a moment ago.
    if script.table_state(table) == TableState::New || script.adds_column_before(action, table, column) {
        return None;
    }
    // The type's own name, the last part of a qualified one.
    let new_name = ident::from_token(new_type.rsplit('.').next().unwrap_or(new_type), false);
    // Prisma's enum rebuild (`CREATE TYPE x_new`, this, renames, `DROP TYPE x_old`): what it loses
    // is `enum-values-removed`'s, from the history.
    if script.enum_rebuilds().iter().any(|&(new, ..)| Some(new) == new_name.as_ref()) {
        return None;
    }
    let generic = || Hit::new(format!("changes the type of column `{column}` of table `{table}` to `{new_type}`"));
    let (Some(before), Some(catalog)) = (script.column_type_before(table, column), script.before()) else {
        return Some(generic());
    };
    let Some(new) = parse_type(new_type, catalog.after()) else { return Some(generic()) };
    let new = new.format();
    let change = format!("changes column `{column}` of table `{table}` from `{before}` to `{new}`");
    match type_change(&before, &new) {
        TypeChange::Free => None,
        TypeChange::Rewrite => {
            Some(Hit::new(format!("{change}: every value converts, but the table is rewritten under lock")))
        }
        TypeChange::Lossy => {
            Some(Hit::new(format!("{change}: values can be cut, rounded or fail to convert")).severity(Severity::High))
        }
    }
}

#[cfg(test)]
mod history_tests {
    use crate::rules::testing::in_history;

    const EARLIER: &str = r#"CREATE TABLE "T" ("a" VARCHAR(50), "n" INTEGER, "p" DECIMAL(10,2), "s" TEXT);"#;

    fn found(sql: &str) -> Vec<(String, String)> {
        in_history("alter-column-type", &[EARLIER], sql, false)
            .into_iter()
            .map(|f| (serde_json::to_value(f.severity).unwrap().as_str().unwrap().to_string(), f.message))
            .collect()
    }

    #[test]
    fn the_old_type_grades_the_change() {
        assert!(found(r#"ALTER TABLE "T" ALTER COLUMN "a" TYPE VARCHAR(100);"#).is_empty(), "a longer varchar");
        assert!(found(r#"ALTER TABLE "T" ALTER COLUMN "a" TYPE TEXT;"#).is_empty());
        assert!(found(r#"ALTER TABLE "T" ALTER COLUMN "p" TYPE DECIMAL(12,2);"#).is_empty());
        assert_eq!(
            found(r#"ALTER TABLE "T" ALTER COLUMN "n" TYPE BIGINT;"#),
            [("medium".to_string(), "changes column `n` of table `T` from `integer` to `bigint`: every value converts, but the table is rewritten under lock".to_string())]
        );
        assert_eq!(
            found(r#"ALTER TABLE "T" ALTER COLUMN "s" TYPE INTEGER USING "s"::integer;"#),
            [("high".to_string(), "changes column `s` of table `T` from `text` to `integer`: values can be cut, rounded or fail to convert".to_string())]
        );
        assert_eq!(found(r#"ALTER TABLE "T" ALTER COLUMN "a" TYPE VARCHAR(10);"#)[0].0, "high");
    }

    #[test]
    fn only_an_enum_rebuild_is_left_to_enum_values_removed() {
        // A new enum the column moves to, not a rebuild of one it had: its values may not hold
        // the column's text.
        let new_type = "CREATE TYPE \"Mood\" AS ENUM ('A');\nALTER TABLE \"T\" ALTER COLUMN \"s\" TYPE \"Mood\" USING \"s\"::\"Mood\";";
        assert_eq!(found(new_type).len(), 1);
        // The same message when a later statement is refused: the type the file creates is known.
        let refused = format!("{new_type}\nALTER TABLE \"Missing\" ADD COLUMN \"x\" TEXT;");
        assert_eq!(found(&refused), found(new_type));
        let earlier = r#"CREATE TYPE "Role" AS ENUM ('A', 'B'); CREATE TABLE "U" ("r" "Role");"#;
        let rebuild = "CREATE TYPE \"Role_new\" AS ENUM ('A');\nALTER TABLE \"U\" ALTER COLUMN \"r\" TYPE \"Role_new\" USING (\"r\"::text::\"Role_new\");\nALTER TYPE \"Role\" RENAME TO \"Role_old\";\nALTER TYPE \"Role_new\" RENAME TO \"Role\";\nDROP TYPE \"Role_old\";";
        assert!(in_history("alter-column-type", &[earlier], rebuild, false).is_empty());
        assert!(in_history("drop-type", &[earlier], rebuild, false).is_empty());
        assert_eq!(in_history("enum-values-removed", &[earlier], rebuild, false).len(), 1);
    }
}
