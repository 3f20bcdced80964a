//! `order-deleted`: a migration that exists at the merge-base was deleted or renamed on this branch.

use crate::context::folder::Folder;
use crate::context::input::BaseMigration;
use crate::context::prisma::{compare_names, script_matches_checksum, script_matches_text};
use crate::finding::{Category, Severity};
use crate::rule::Draft;
use crate::rule::Placed;
use crate::rule::{Check, Rule, RuleMeta};
use crate::source::Span;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "order-deleted",
        category: Category::Order,
        severity: Severity::High,
        summary: "A migration that exists on the base branch was deleted or renamed on this branch.",
        why: "Databases that applied the migration still record it in `_prisma_migrations`, and `prisma migrate dev` then reports it as missing from the migrations folder. Fresh databases no longer get what it created. Prisma identifies migrations by folder name, so a renamed folder is a new migration that would run a second time.",
        instead: "Restore the folder under its old name. To undo what it did, write a new migration.",
        bad: "20251208120000_add_user_email at the merge-base, missing on this branch",
        good: "20251208120000_add_user_email at the merge-base and on this branch",
    },
    check: Check::Folder(check),
};

pub(crate) fn check<'a>(p: &Folder<'a>) -> Vec<Placed<'a>> {
    let Some(base) = &p.base else { return Vec::new() };
    let mut gone: Vec<&BaseMigration> = base
        .merge_base
        .iter()
        .filter(|m| p.index_of(&m.name).is_none())
        // Deleted on the base too: the base's decision, merged in, not this branch's.
        .filter(|m| base.at_head.contains_key(m.name.as_str()))
        .collect();
    gone.sort_by(|a, b| compare_names(&a.name, &b.name));
    let new = p.new_migrations();
    let mut found = Vec::new();
    for recorded in gone {
        let renamed = new.iter().map(|&index| &p.migrations[index]).find(|m| {
            let Some(content) = m.sql.as_deref() else { return false };
            match (&recorded.sql, &recorded.checksum) {
                (Some(text), _) => script_matches_text(content, text),
                (None, Some(sum)) => script_matches_checksum(content, sum),
                (None, None) => false,
            }
        });
        let (name, message) = match renamed {
            Some(to) => (
                to.name.as_str(),
                format!(
                    "`{}` on {} was renamed to `{}`: Prisma would run it again on databases that applied it",
                    recorded.name, base.label, to.name
                ),
            ),
            None => (
                recorded.name.as_str(),
                format!(
                    "`{}` exists on {} but was deleted on this branch: databases that applied it still record it",
                    recorded.name, base.label
                ),
            ),
        };
        let draft = Draft {
            rule: &RULE.meta,
            span: Span::new(0, name.len()),
            message,
            help: Some(format!("Restore the folder `{}`.", recorded.name)),
        };
        found.push(Placed::folder(name, draft));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::input::{Base, HistoryInput};
    use crate::context::prisma::checksum;
    use crate::rules::testing::{base, migration, of};
    use crate::verify_order;

    const KEPT: &str = "20251201000000_init";
    const GONE: &str = "20251208120000_add_user_email";

    fn found(current: &[(&str, &str)], head: Option<Vec<BaseMigration>>) -> Vec<(String, String)> {
        let input = HistoryInput {
            migrations: current.iter().map(|(name, sql)| migration(name, sql)).collect(),
            base: Some(Base {
                commit: None,
                reference: Some("origin/main".into()),
                merge_base: vec![base(KEPT, "CREATE TABLE a (id int);"), base(GONE, "ALTER TABLE a ADD b int;")],
                base_head: head,
            }),
            ..HistoryInput::default()
        };
        of(&verify_order(&input), RULE.meta.id).iter().map(|f| (f.file.clone(), f.message.clone())).collect()
    }

    #[test]
    fn examples() {
        let deleted = found(&[(KEPT, "CREATE TABLE a (id int);")], None);
        assert_eq!(deleted, [(GONE.to_string(), format!("`{GONE}` exists on origin/main but was deleted on this branch: databases that applied it still record it"))]);
        assert!(found(&[(KEPT, "CREATE TABLE a (id int);"), (GONE, "ALTER TABLE a ADD b int;")], None).is_empty());
    }

    #[test]
    fn a_rename_is_recognised_by_content() {
        let renamed = found(&[(KEPT, ""), ("20251209000000_add_b_to_a", "ALTER TABLE a ADD b int;")], None);
        assert_eq!(renamed[0].0, "20251209000000_add_b_to_a");
        assert!(renamed[0].1.contains("was renamed to `20251209000000_add_b_to_a`"));
        let by_checksum = HistoryInput {
            migrations: vec![migration("20251209000000_renamed", "X")],
            base: Some(Base {
                merge_base: vec![BaseMigration { name: GONE.into(), checksum: Some(checksum("X")), sql: None }],
                ..Base::default()
            }),
            ..HistoryInput::default()
        };
        assert!(of(&verify_order(&by_checksum), RULE.meta.id)[0].message.contains("renamed"));
    }

    #[test]
    fn a_deletion_made_on_the_base_is_not_this_branch_s() {
        let head = vec![base(KEPT, "CREATE TABLE a (id int);")];
        assert!(found(&[(KEPT, "CREATE TABLE a (id int);")], Some(head)).is_empty());
    }
}
