//! `order-edited`: a migration that exists at the merge-base was edited on this branch.

use crate::context::folder::Folder;
use crate::context::prisma::{checksum, first_changed_line, script_matches_checksum, script_matches_text};
use crate::finding::{Category, Severity};
use crate::rule::Draft;
use crate::rule::Placed;
use crate::rule::{Check, Rule, RuleMeta};
use crate::source::Span;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "order-edited",
        category: Category::Order,
        severity: Severity::High,
        summary: "A migration that already exists on the base branch was edited on this branch.",
        why: "Prisma records each applied migration's checksum (the sha256 of `migration.sql`) and never runs it again. Databases that applied the old text keep it, fresh ones get the new text, and `prisma migrate dev` reports the migration as modified after it was applied and asks to reset the database. A change of line endings alone (LF and CRLF) is not an edit: Prisma accepts both.",
        instead: "Restore the file as it is on the base branch and put the change in a new migration.",
        bad: "20251208120000_add_user_email/migration.sql differs from the merge-base's",
        good: "20251208120000_add_user_email/migration.sql equal to the merge-base's, or with only its line endings switched",
    },
    check: Check::Folder(check),
};

pub(crate) fn check<'a>(p: &Folder<'a>) -> Vec<Placed<'a>> {
    let Some(base) = &p.base else { return Vec::new() };
    let mut found = Vec::new();
    for &index in &p.order {
        let migration = &p.migrations[index];
        let Some(recorded) = base.at_merge_base.get(migration.name.as_str()) else { continue };
        let Some(content) = migration.sql.as_deref() else {
            // Its script deleted: `missing-migration-sql` says so only for migrations new on this
            // branch, and this one is deployed.
            if recorded.sql.is_some() || recorded.checksum.is_some() {
                let draft = Draft {
                    rule: &RULE.meta,
                    span: Span::new(0, migration.name.len()),
                    message: format!(
                        "`{}/migration.sql` exists on {} but was deleted on this branch: Prisma cannot apply the folder",
                        migration.name, base.label
                    ),
                    help: Some(format!("Restore `{}/migration.sql` as it is on {}.", migration.name, base.label)),
                };
                found.push(Placed::folder(&migration.name, draft));
            }
            continue;
        };
        let (edited, span, old_checksum) = match (&recorded.sql, &recorded.checksum) {
            (Some(text), _) => {
                let edited = !script_matches_text(content, text);
                (edited, if edited { first_changed_line(content, text) } else { Span::default() }, None)
            }
            (None, Some(sum)) => {
                let first_line = content.find('\n').unwrap_or(content.len());
                (!script_matches_checksum(content, sum), Span::new(0, first_line), Some(sum.as_str()))
            }
            (None, None) => continue,
        };
        if !edited {
            continue;
        }
        let old =
            old_checksum.map_or_else(|| recorded.sql.as_deref().map(checksum).unwrap_or_default(), str::to_string);
        let draft = Draft {
            rule: &RULE.meta,
            span,
            message: format!(
                "`{}` was edited after it reached {}: Prisma's checksum changed from {} to {}",
                migration.name,
                base.label,
                short(&old),
                short(&checksum(content))
            ),
            help: Some(format!("Restore `{}/migration.sql` as it is on {}.", migration.name, base.label)),
        };
        found.push(Placed::script(&migration.name, content, draft));
    }
    found
}

/// The first 12 hex digits of a checksum, enough to tell two apart in a message.
fn short(checksum: &str) -> &str {
    checksum.get(..12).unwrap_or(checksum)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::input::{Base, BaseMigration, HistoryInput};
    use crate::rules::testing::{base, migration, of};
    use crate::verify_order;

    const NAME: &str = "20251208120000_add_user_email";
    const SQL: &str = "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;\n";

    fn found(current: &str, recorded: BaseMigration) -> Vec<crate::finding::Finding> {
        let input = HistoryInput {
            migrations: vec![migration(NAME, current)],
            base: Some(Base { merge_base: vec![recorded], ..Base::default() }),
            ..HistoryInput::default()
        };
        of(&verify_order(&input), RULE.meta.id).into_iter().cloned().collect()
    }

    #[test]
    fn examples() {
        let edited = SQL.replace("TEXT", "VARCHAR(320)");
        let finding = &found(&edited, base(NAME, SQL))[0];
        assert_eq!(finding.file, format!("{NAME}/migration.sql"));
        assert_eq!(finding.line, 2, "points at the first changed line");
        assert_eq!(finding.excerpt, "ALTER TABLE \"User\" ADD COLUMN \"email\" VARCHAR(320);");
        assert!(finding.message.starts_with(&format!(
            "`{NAME}` was edited after it reached the base branch: Prisma's checksum changed from {} to ",
            &checksum(SQL)[..12]
        )));
        assert!(found(SQL, base(NAME, SQL)).is_empty());
    }

    #[test]
    fn switching_line_endings_is_not_an_edit() {
        assert!(found(&SQL.replace('\n', "\r\n"), base(NAME, SQL)).is_empty());
        assert!(found(SQL, base(NAME, &SQL.replace('\n', "\r\n"))).is_empty());
        let by_checksum = BaseMigration { name: NAME.into(), checksum: Some(checksum(SQL)), sql: None };
        assert!(found(&SQL.replace('\n', "\r\n"), by_checksum.clone()).is_empty());
        let finding = &found("SELECT 1;\n", by_checksum)[0];
        assert_eq!((finding.start, finding.end), (0, 9));
    }

    #[test]
    fn trailing_whitespace_is_an_edit() {
        assert_eq!(found(&format!("{SQL}\n"), base(NAME, SQL)).len(), 1);
    }

    #[test]
    fn a_deleted_script_of_a_deployed_migration_is_reported() {
        let input = |recorded: BaseMigration| HistoryInput {
            dir: Some("prisma/migrations".into()),
            migrations: vec![crate::context::input::Migration { sql: None, ..migration(NAME, "") }],
            base: Some(Base { reference: Some("origin/main".into()), merge_base: vec![recorded], ..Base::default() }),
            ..HistoryInput::default()
        };
        let report = verify_order(&input(base(NAME, SQL)));
        let findings = of(&report, RULE.meta.id);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].file, format!("prisma/migrations/{NAME}"));
        assert_eq!(
            findings[0].message,
            format!("`{NAME}/migration.sql` exists on origin/main but was deleted on this branch: Prisma cannot apply the folder")
        );
        let unknown = BaseMigration { name: NAME.into(), checksum: None, sql: None };
        assert!(of(&verify_order(&input(unknown)), RULE.meta.id).is_empty());
    }

    #[test]
    fn nothing_to_compare_with_is_not_an_edit() {
        let unknown = BaseMigration { name: NAME.into(), checksum: None, sql: None };
        assert!(found("anything", unknown).is_empty());
    }
}
