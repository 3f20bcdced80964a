//! `create-index-not-concurrently`: builds an index on an existing table without `CONCURRENTLY`.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};
use crate::text::named;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "create-index-not-concurrently",
        category: Category::Safety,
        severity: Severity::Medium,
        summary: "Builds an index on an existing table without CONCURRENTLY.",
        why: "A plain CREATE INDEX takes a SHARE lock on the table: every INSERT, UPDATE and DELETE waits until the whole index is built, which on a large table is minutes of blocked writes.",
        instead: "Prisma runs a migration.sql as one transaction, and CONCURRENTLY cannot run in one: put `CREATE INDEX CONCURRENTLY` alone in its own migration (one statement, nothing else in the file).",
        bad: "CREATE INDEX \"Order_userId_idx\" ON \"Order\"(\"userId\");",
        good: "CREATE INDEX CONCURRENTLY \"Order_userId_idx\" ON \"Order\"(\"userId\");",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::CreateIndex { name, table, concurrently: false, unique } if script.is_existing_table(table) => {
            let kind = if *unique { "unique index" } else { "index" };
            let name = named(name.as_ref());
            Some(Hit::new(format!("builds {kind}{name} on existing table `{table}` while blocking its writes")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings_of, in_history};

    #[test]
    fn an_index_on_a_table_of_the_same_migration_is_fine() {
        assert!(
            findings_of(RULE.meta.id, r#"CREATE TABLE "T" ("a" TEXT); CREATE INDEX "T_a_idx" ON "T"("a");"#).is_empty()
        );
    }

    #[test]
    fn existing_means_deployed_before_this_migration() {
        let create = r#"CREATE TABLE "T" ("a" TEXT);"#;
        let index = r#"CREATE INDEX "T_a_idx" ON "T"("a");"#;
        assert_eq!(in_history(RULE.meta.id, &[create], index, false).len(), 1);
        assert!(in_history(RULE.meta.id, &[create], index, true).is_empty(), "created on this branch: still empty");
        assert!(in_history(RULE.meta.id, &[], index, false).is_empty(), "no such table: unknown-object says so");
    }
}
