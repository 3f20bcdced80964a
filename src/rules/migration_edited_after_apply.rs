//! `migration-edited-after-apply`: An applied migration's file was changed since the database applied it.

use crate::context::deployed::Deployed;
use crate::context::prisma::{checksum, script_matches_checksum};
use crate::finding::{Category, Severity};
use crate::rule::{Check, Placed, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "migration-edited-after-apply",
        category: Category::Deployed,
        severity: Severity::High,
        summary: "An applied migration's file was changed after the database applied it.",
        why: "The database holds what the file said when it was applied; `prisma migrate deploy` never runs \
              an applied migration again, so the edit reaches no deployed database, while a new \
              environment gets the edited version: the two drift apart. `prisma migrate status` does not \
              report it (only `migrate dev` compares checksums, and then wants to reset the database).",
        instead: "Put the file back as it was applied (git history has it) and make the change in a new \
                  migration.",
        bad: "the file's sha256 differs from the row's checksum",
        good: "the file is byte for byte what was applied (line endings aside)",
    },
    check: Check::Deployed(check),
};

fn check<'a>(deployed: &Deployed<'a>) -> Vec<Placed<'a>> {
    let mut found = Vec::new();
    for migration in &deployed.local {
        let (Some(row), Some(sql)) = (deployed.applied(&migration.name), migration.sql.as_deref()) else { continue };
        // Prisma's own tolerance: as is, CRLF -> LF, LF -> CRLF; old unpadded checksums.
        if script_matches_checksum(sql, &row.checksum) {
            continue;
        }
        let short = |sum: &str| sum.chars().take(12).collect::<String>();
        let message = format!(
            "was edited after {} applied it (finished {}): the row's checksum is {}…, the file's is {}…",
            deployed.database,
            row.finished_at.as_deref().unwrap_or("?"),
            short(&row.checksum),
            short(&checksum(sql))
        );
        found.push(Placed::about_folder(&migration.name, &RULE.meta, message, None));
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::deployed::{applied, status_with};

    #[test]
    fn an_edit_is_reported_and_line_endings_alone_are_not() {
        let applied_sql = "CREATE TABLE a (id int);\nCREATE INDEX a_id ON a (id);\n";
        let rows = || Some(vec![applied("20250101000000_a", applied_sql)]);
        let edited =
            status_with(&[("20250101000000_a", "CREATE TABLE a (id bigint);\nCREATE INDEX a_id ON a (id);\n")], rows());
        assert_eq!(edited.iter().filter(|f| f.rule == "migration-edited-after-apply").count(), 1);
        assert!(edited[0].message.contains("was edited after"), "{}", edited[0].message);
        let crlf = status_with(&[("20250101000000_a", &applied_sql.replace('\n', "\r\n"))], rows());
        assert!(crlf.is_empty(), "{crlf:?}");
        let same = status_with(&[("20250101000000_a", applied_sql)], rows());
        assert!(same.is_empty());
    }
}
