//! `migration-rolled-back`: A migration was marked rolled back on the database, then applied again.

use crate::context::deployed::Deployed;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Placed, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "migration-rolled-back",
        category: Category::Deployed,
        severity: Severity::Low,
        summary: "A migration was marked rolled back on the database and later applied again.",
        why: "Someone ran `prisma migrate resolve --rolled-back` after it failed, and a later deploy applied \
              it again: the database may still hold what the failed attempt left (a file with its own \
              `BEGIN`/`COMMIT`, or statements that cannot run in a transaction, is not undone by the \
              failure).",
        instead: "Nothing to do if the failed attempt was checked at the time; otherwise compare the schema \
                  with what the migrations build (`migration-lint schema`).",
        bad: "a rolled-back row for 20250101000000_a, then a finished one",
        good: "a single finished row for 20250101000000_a",
    },
    check: Check::Deployed(check),
};

fn check<'a>(deployed: &Deployed<'a>) -> Vec<Placed<'a>> {
    let rows = deployed.rows.unwrap_or(&[]);
    let mut found = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let name = row.migration_name.as_str();
        let Some(rolled_back) = row.rolled_back_at.as_deref() else { continue };
        // Reported once, at the first rolled-back attempt, when a later row applied it.
        if rows[..i].iter().any(|earlier| earlier.migration_name == name && earlier.rolled_back_at.is_some())
            || !rows[i + 1..].iter().any(|later| later.migration_name == name && later.is_applied())
        {
            continue;
        }
        let message = format!(
            "was marked rolled back on {} ({rolled_back}) after a failed attempt, and applied again later",
            deployed.database
        );
        found.push(Placed::about_folder(name, &RULE.meta, message, None));
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::context::deployed::AppliedRow;
    use crate::rules::testing::deployed::{applied, status};

    #[test]
    fn a_rolled_back_row_then_a_finished_one_is_noted_and_the_migration_is_applied() {
        let rolled_back = AppliedRow {
            finished_at: None,
            rolled_back_at: Some("2025-01-02T10:00:00Z".into()),
            ..applied("20250101000000_a", "")
        };
        let found = status(&["20250101000000_a"], Some(vec![rolled_back.clone(), applied("20250101000000_a", "")]));
        assert_eq!(found.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["migration-rolled-back"]);
        // Rolled back and not applied again: pending, nothing else.
        let found = status(&["20250101000000_a"], Some(vec![rolled_back]));
        assert_eq!(found.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["migration-pending"]);
    }
}
