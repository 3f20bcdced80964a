//! `drop-index`: Drops an index.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind, ObjectKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "drop-index",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Drops an index.",
        why: "Queries that used the index fall back to scans, which can overload the database right after the deploy; a dropped unique index also stops enforcing uniqueness.",
        instead: "Check that no query plan depends on it (pg_stat_user_indexes.idx_scan), and keep the CREATE INDEX statement ready as the rollback.",
        bad: "DROP INDEX \"User_email_key\";",
        good: "CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        // One finding per risk: an index that goes with its table or its columns is that drop's;
        // one created again under the same name (or as the same-named unique constraint) is a
        // redefinition, and `create-index-not-concurrently` judges the new build.
        ActionKind::DropObject { kind: ObjectKind::Index, name, .. }
            if script.recreates_after(action, "INDEX", &name.name)
                || script.index_before(name).is_some_and(|index| {
                    let table = index.table.to_name();
                    script.drops_table_after(action, &table)
                        || (!index.columns.is_empty()
                            && index.columns.iter().all(|c| c.as_ref().is_some_and(|c| script.drops_column(&table, c))))
                }) =>
        {
            None
        }
        ActionKind::DropObject { kind: ObjectKind::Index, name, .. } => Some(Hit::new(format!("drops index `{name}`"))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings_of;

    #[test]
    fn drop_index_concurrently_if_exists_is_found_though_it_does_not_parse() {
        let found = findings_of(RULE.meta.id, "DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"a_idx\";");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "drops index `public.a_idx`");
    }
}

#[cfg(test)]
mod history_tests {
    use crate::rules::testing::in_history;

    const EARLIER: &str = r#"CREATE TABLE "Post" ("id" TEXT, "slug" TEXT, "title" TEXT);
        CREATE INDEX "Post_slug_idx" ON "Post"("slug");
        CREATE INDEX "Post_title_idx" ON "Post"("title");"#;

    #[test]
    fn an_index_that_goes_with_its_column_or_table_is_that_drop_s() {
        let with_column = r#"DROP INDEX "Post_slug_idx"; ALTER TABLE "Post" DROP COLUMN "slug";"#;
        assert!(in_history("drop-index", &[EARLIER], with_column, false).is_empty());
        let with_table = r#"DROP INDEX "Post_slug_idx"; DROP TABLE "Post";"#;
        assert!(in_history("drop-index", &[EARLIER], with_table, false).is_empty());
        let alone = r#"DROP INDEX "Post_title_idx"; ALTER TABLE "Post" DROP COLUMN "slug";"#;
        assert_eq!(in_history("drop-index", &[EARLIER], alone, false).len(), 1);
    }
}
