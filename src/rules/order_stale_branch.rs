//! `order-stale-branch`: the base branch gained migrations since this branch forked.

use crate::context::folder::Folder;
use crate::finding::{Category, Severity};
use crate::rule::Draft;
use crate::rule::Placed;
use crate::rule::{Check, Rule, RuleMeta};
use crate::source::Span;
use crate::text::list;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "order-stale-branch",
        category: Category::Order,
        severity: Severity::Low,
        summary: "The base branch gained migrations since this branch forked, and this branch adds its own.",
        why: "This branch's migrations were generated and tested without the base's new ones. After the merge both run on the same database, in name order; a conflict between them shows up only then. `order-branch-conflict` reports the objects both sides change, and `order-before-base` a migration that would run out of order.",
        instead: "Rebase onto the base branch (or merge it in) and run `prisma migrate dev` so this branch's migrations are applied, and tested, after the base's.",
        bad: "origin/main gained 20251209000000_add_user_phone since the fork; this branch adds 20251210000000_add_user_email",
        good: "origin/main has no new migrations since the fork",
    },
    check: Check::Folder(check),
};

pub(crate) fn check<'a>(p: &Folder<'a>) -> Vec<Placed<'a>> {
    let Some(base) = &p.base else { return Vec::new() };
    let gained = p.base_gained();
    let new = p.new_migrations();
    let (Some(&first_new), false) = (new.first(), gained.is_empty()) else { return Vec::new() };
    let names: Vec<String> = gained.iter().map(|m| format!("`{}`", m.name)).collect();
    let count = match names.len() {
        1 => "a migration".to_string(),
        n => format!("{n} migrations"),
    };
    let name = &p.migrations[first_new].name;
    let draft = Draft {
        rule: &RULE.meta,
        span: Span::new(0, name.len()),
        message: format!("{} gained {count} since this branch forked: {}", base.label, list(&names, 5)),
        help: Some(format!("Rebase onto {}.", base.label)),
    };
    vec![Placed::folder(name, draft)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::input::{Base, HistoryInput};
    use crate::rules::testing::{base, migration, of};
    use crate::verify_order;

    fn found(head: &[&str], branch: &[&str]) -> Vec<(String, String)> {
        let input = HistoryInput {
            migrations: branch.iter().map(|n| migration(n, "")).collect(),
            base: Some(Base {
                commit: None,
                reference: Some("origin/main".into()),
                merge_base: vec![base("20251201000000_init", "")],
                base_head: Some(head.iter().map(|n| base(n, "")).collect()),
            }),
            ..HistoryInput::default()
        };
        of(&verify_order(&input), RULE.meta.id).iter().map(|f| (f.file.clone(), f.message.clone())).collect()
    }

    #[test]
    fn examples() {
        let stale = found(
            &["20251201000000_init", "20251209000000_add_user_phone"],
            &["20251201000000_init", "20251210000000_add_user_email"],
        );
        assert_eq!(
            stale,
            [(
                "20251210000000_add_user_email".to_string(),
                "origin/main gained a migration since this branch forked: `20251209000000_add_user_phone`".to_string()
            )]
        );
        assert!(found(&["20251201000000_init"], &["20251201000000_init", "20251210000000_add_user_email"]).is_empty());
    }

    #[test]
    fn a_branch_without_migrations_of_its_own_is_not_reported() {
        assert!(found(&["20251201000000_init", "20251209000000_add_user_phone"], &["20251201000000_init"]).is_empty());
    }

    #[test]
    fn many_gained_migrations_are_counted() {
        let head: Vec<String> = (0..8).map(|i| format!("2025120900000{i}_add_{i}")).collect();
        let mut head_refs: Vec<&str> = head.iter().map(String::as_str).collect();
        head_refs.push("20251201000000_init");
        let stale = found(&head_refs, &["20251201000000_init", "20251210000000_mine"]);
        assert!(stale[0]
            .1
            .starts_with("origin/main gained 8 migrations since this branch forked: `20251209000000_add_0`"));
        assert!(stale[0].1.ends_with("and 3 more"));
    }
}
