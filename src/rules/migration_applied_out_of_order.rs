//! `migration-applied-out-of-order`: A pending migration sorts before one the database already applied.

use crate::context::deployed::Deployed;
use crate::context::prisma::compare_names;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Placed, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "migration-applied-out-of-order",
        category: Category::Deployed,
        severity: Severity::Medium,
        summary: "A pending migration sorts before a migration the database already applied.",
        why: "Prisma applies pending migrations after the ones already applied, whatever their names: on this \
              database it runs after migrations written later, while a fresh database runs it before them. \
              What it expects (a column a later migration drops, a table a later one renames) may not hold \
              here. It usually comes from a branch merged after newer migrations were deployed.",
        instead: "Rename the folder with a timestamp after the newest applied migration (the SQL stays as \
                  it is), if it has not been applied anywhere; check that it still does what it should after \
                  the later migrations.",
        bad: "pending 20250101000000_a while 20250105000000_b is applied",
        good: "pending 20250106000000_a after the applied 20250105000000_b",
    },
    check: Check::Deployed(check),
};

fn check<'a>(deployed: &Deployed<'a>) -> Vec<Placed<'a>> {
    let Some(newest) = deployed.newest_applied() else { return Vec::new() };
    deployed
        .pending
        .iter()
        .copied()
        .filter(|migration| compare_names(&migration.name, newest).is_lt())
        .map(|migration| {
            let message = format!(
                "is pending on {} but sorts before `{newest}`, which is applied: Prisma will run it after \
                 migrations written later",
                deployed.database
            );
            Placed::about_folder(&migration.name, &RULE.meta, message, None)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::deployed::{applied, status};

    #[test]
    fn a_pending_migration_older_than_the_newest_applied_is_reported() {
        let found = status(
            &["20250101000000_a", "20250102000000_late_branch", "20250103000000_c", "20250104000000_d"],
            Some(vec![applied("20250101000000_a", ""), applied("20250103000000_c", "")]),
        );
        let out_of_order: Vec<_> = found.iter().filter(|f| f.rule == "migration-applied-out-of-order").collect();
        assert_eq!(out_of_order.len(), 1);
        assert_eq!(out_of_order[0].file, "prisma/migrations/20250102000000_late_branch");
        // Both are still pending.
        assert_eq!(found.iter().filter(|f| f.rule == "migration-pending").count(), 2);
    }
}
