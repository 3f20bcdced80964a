//! `migration-pending`: A migration the deployed database has not applied yet.

use crate::context::deployed::Deployed;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Placed, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "migration-pending",
        category: Category::Deployed,
        severity: Severity::Low,
        summary: "The deployed database has not applied this migration yet.",
        why: "`prisma migrate deploy` applies every pending migration, in Prisma's order, the next time it \
              runs: what is listed here is what the next deploy changes.",
        instead: "Review the pending migrations (`migration-lint check`) before the deploy runs them.",
        bad: "20250101000000_add_email_to_user (in the folder, not in _prisma_migrations)",
        good: "20250101000000_add_email_to_user (applied: a finished row in _prisma_migrations)",
    },
    check: Check::Deployed(check),
};

fn check<'a>(deployed: &Deployed<'a>) -> Vec<Placed<'a>> {
    let pending = &deployed.pending;
    let total = pending.len();
    // A failed migration stops `migrate deploy` before any of these.
    let blocked = !deployed.failed.is_empty();
    pending
        .iter()
        .enumerate()
        .map(|(i, migration)| {
            let message = match deployed.rows {
                None => format!(
                    "{} has no `_prisma_migrations` table: nothing was ever deployed there, so the next \
                     `prisma migrate deploy` applies every migration; this one is {} of {total}",
                    deployed.database,
                    i + 1
                ),
                Some(_) if blocked => format!(
                    "not applied to {} yet: `prisma migrate deploy` applies it ({} of {total} pending, in this order) once \
                     the failed migration is resolved",
                    deployed.database,
                    i + 1
                ),
                Some(_) => format!(
                    "not applied to {} yet: the next `prisma migrate deploy` applies it ({} of {total} pending, in this order)",
                    deployed.database,
                    i + 1
                ),
            };
                        Placed::about_folder(&migration.name, &RULE.meta, message, None)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::deployed::{applied, status};

    #[test]
    fn what_no_row_applied_is_pending_in_prisma_order() {
        let found = status(
            &["20250102000000_b", "20250101000000_a", "20250103000000_c"],
            Some(vec![applied("20250101000000_a", "")]),
        );
        let pending: Vec<(&str, &str)> = found
            .iter()
            .filter(|f| f.rule == "migration-pending")
            .map(|f| (f.file.as_str(), f.message.as_str()))
            .collect();
        assert_eq!(pending.len(), 2);
        assert_eq!(pending[0].0, "prisma/migrations/20250102000000_b");
        assert!(pending[0].1.contains("(1 of 2 pending, in this order)"), "{}", pending[0].1);
        assert_eq!(pending[1].0, "prisma/migrations/20250103000000_c");
    }

    #[test]
    fn a_database_without_the_table_has_everything_pending_and_says_so() {
        let found = status(&["20250101000000_a", "20250102000000_b"], None);
        assert_eq!(found.len(), 2);
        assert!(found[0].message.contains("has no `_prisma_migrations` table: nothing was ever deployed there"));
        assert!(found[1].message.ends_with("this one is 2 of 2"), "{}", found[1].message);
    }
}
