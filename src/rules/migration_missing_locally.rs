//! `migration-missing-locally`: The database applied a migration this folder does not have.

use crate::context::deployed::Deployed;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Placed, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "migration-missing-locally",
        category: Category::Deployed,
        severity: Severity::High,
        summary: "The database applied a migration that is not in this folder.",
        why: "Its folder was deleted or renamed after it was deployed, or it came from a branch that was \
              never merged: the database has changes no migration here describes, a new environment will \
              not get them, and `prisma migrate dev` will want to reset the database.",
        instead: "Restore the folder from git (under its exact name), or merge the branch it came from. If the \
                  change was undone on the database, mark it: `prisma migrate resolve --rolled-back NAME`.",
        bad: "a finished row for 20250101000000_a, no folder 20250101000000_a",
        good: "every finished row has its folder",
    },
    check: Check::Deployed(check),
};

fn check<'a>(deployed: &Deployed<'a>) -> Vec<Placed<'a>> {
    deployed
        .missing_locally
        .iter()
        .map(|row| {
            let name = row.migration_name.as_str();
            let message = format!(
                "applied to {} (finished {}) but not in this folder: deleted, renamed, or from a branch not merged",
                deployed.database,
                row.finished_at.as_deref().unwrap_or("?")
            );
            Placed::about_folder(name, &RULE.meta, message, None)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::deployed::{applied, status};

    #[test]
    fn an_applied_row_without_its_folder_is_reported_once() {
        let rows = vec![
            applied("20250101000000_a", ""),
            applied("20250102000000_gone", ""),
            applied("20250102000000_gone", ""),
        ];
        let found = status(&["20250101000000_a"], Some(rows));
        let missing: Vec<_> = found.iter().filter(|f| f.rule == "migration-missing-locally").collect();
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].file, "prisma/migrations/20250102000000_gone");
    }
}
