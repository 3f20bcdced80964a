//! `migration-failed`: A migration failed on the deployed database and was never resolved.

use crate::context::deployed::Deployed;
use crate::finding::{excerpt_of, Category, Severity};
use crate::rule::{Check, Placed, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "migration-failed",
        category: Category::Deployed,
        severity: Severity::High,
        summary: "A migration failed on the deployed database and was never resolved.",
        why: "Its row in `_prisma_migrations` has neither `finished_at` nor `rolled_back_at`: \
              `prisma migrate deploy` refuses to run at all (P3009) until it is resolved, so no later \
              migration reaches the database either. The failed file ran in one transaction only if it \
              holds no `BEGIN`/`COMMIT` of its own: check what it left behind.",
        instead: "Find out what the failed migration changed. If nothing stayed (or you undid it), fix the \
                  migration and mark it rolled back: `prisma migrate resolve --rolled-back NAME`; the next \
                  deploy applies it again. If you finished its changes by hand, mark it applied instead: \
                  `prisma migrate resolve --applied NAME`.",
        bad: "20250101000000_add_index (started_at set, finished_at and rolled_back_at NULL)",
        good: "20250101000000_add_index (finished_at set)",
    },
    check: Check::Deployed(check),
};

fn check<'a>(deployed: &Deployed<'a>) -> Vec<Placed<'a>> {
    deployed
        .failed
        .iter()
        .map(|row| {
            let name = row.migration_name.as_str();
            let mut message = format!(
                "failed on {} (started {}, {} step{} applied) and is not resolved: `prisma migrate deploy` \
                 refuses to run until it is (P3009)",
                deployed.database,
                row.started_at,
                row.applied_steps_count,
                if row.applied_steps_count == 1 { "" } else { "s" }
            );
            if deployed.local(name).is_none() {
                message.push_str("; its folder is not here either");
            }
            let help = row
                .logs
                .as_deref()
                .map(str::trim)
                .filter(|logs| !logs.is_empty())
                .map(|logs| format!("What Prisma logged: {}", excerpt_of(logs)));
            let help = Some(format!(
                "{}{}Run `prisma migrate resolve --rolled-back {name}` if it left nothing behind (after fixing \
                 it), or `prisma migrate resolve --applied {name}` if you completed it by hand.",
                help.as_deref().unwrap_or(""),
                if help.is_some() { " " } else { "" }
            ));
            Placed::about_folder(name, &RULE.meta, message, help)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::context::deployed::AppliedRow;
    use crate::rules::testing::deployed::{applied, status};

    #[test]
    fn a_row_neither_finished_nor_rolled_back_is_a_failed_migration_with_both_ways_out() {
        let failed = AppliedRow {
            finished_at: None,
            logs: Some("Database error code: 23505\n\nERROR: could not create unique index".into()),
            ..applied("20250102000000_b", "")
        };
        let found =
            status(&["20250101000000_a", "20250102000000_b"], Some(vec![applied("20250101000000_a", ""), failed]));
        let failed: Vec<_> = found.iter().filter(|f| f.rule == "migration-failed").collect();
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].file, "prisma/migrations/20250102000000_b");
        assert!(failed[0].message.contains("refuses to run until it is (P3009)"), "{}", failed[0].message);
        assert!(failed[0].help.contains("could not create unique index"), "{}", failed[0].help);
        assert!(failed[0].help.contains("prisma migrate resolve --rolled-back 20250102000000_b"));
        assert!(failed[0].help.contains("prisma migrate resolve --applied 20250102000000_b"));
        // The failed migration is not also pending.
        assert!(!found.iter().any(|f| f.rule == "migration-pending"));
    }
}
