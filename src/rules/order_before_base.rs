//! `order-before-base`: a migration new on this branch sorts before the base branch's newest.

use std::cmp::Ordering;

use crate::context::folder::Folder;
use crate::context::name::next_timestamp;
use crate::context::name::{ParsedName, Timestamp};
use crate::context::prisma::compare_names;
use crate::finding::{Category, Severity};
use crate::rule::Draft;
use crate::rule::Placed;
use crate::rule::{Check, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "order-before-base",
        category: Category::Order,
        severity: Severity::High,
        summary: "A migration new on this branch sorts before the newest migration already on the base branch.",
        why: "Databases that already ran the base's newest migration apply this one after it, while fresh databases apply it before: the two orders differ, and `prisma migrate dev` reports the history as diverged. It happens when a branch generated its migration before another branch's migration was merged.",
        instead: "Regenerate the migration with a new timestamp: rename the folder to a timestamp after the base's newest migration (the help suggests one), or delete the folder, rebase onto the base branch and run `prisma migrate dev` to create it again.",
        bad: "base has 20251208120000_add_user_email; this branch adds 20251207090000_add_user_phone",
        good: "base has 20251208120000_add_user_email; this branch adds 20251208130000_add_user_phone",
    },
    check: Check::Folder(check),
};

pub(crate) fn check<'a>(p: &Folder<'a>) -> Vec<Placed<'a>> {
    let Some(base) = &p.base else { return Vec::new() };
    // The newest timestamped migration on the base: a folder without a timestamp (which sorts after
    // all of them) would make every new migration "older"; the naming rules report that folder.
    let newest = |timestamped_only: bool| {
        base.head
            .iter()
            .chain(base.merge_base)
            .map(|m| m.name.as_str())
            .filter(|name| !timestamped_only || ParsedName::parse(name).timestamp().is_some())
            .max_by(|a, b| compare_names(a, b))
    };
    let Some(newest) = newest(true).or_else(|| newest(false)) else { return Vec::new() };
    // Suggested renames keep the new migrations in their current order after the base's newest.
    let mut cursor_name = newest.to_string();
    let mut cursor_time: Option<Timestamp> = ParsedName::parse(newest).timestamp();
    let mut found = Vec::new();
    for index in p.new_migrations() {
        let migration = &p.migrations[index];
        let name = &p.names[index];
        if compare_names(&migration.name, &cursor_name) == Ordering::Greater {
            cursor_name = migration.name.clone();
            cursor_time = name.timestamp().or(cursor_time);
            continue;
        }
        let timestamp = next_timestamp(cursor_time, p.now);
        let description = name.snake_description().unwrap_or_else(|| "describe_the_change".to_string());
        let suggested = format!("{timestamp}_{description}");
        let draft = Draft {
            rule: &RULE.meta,
            span: if name.digits.end > 0 { name.digits } else { crate::finding::Span::new(0, migration.name.len()) },
            message: format!(
                "`{}` is new on this branch but sorts before `{newest}`, the newest migration on {}: databases that ran `{newest}` apply it after, fresh ones before",
                migration.name, base.label
            ),
            help: Some(format!("Rename the folder to `{suggested}`, or delete it, rebase onto {} and run `prisma migrate dev`.", base.label)),
        };
        found.push(Placed::folder(&migration.name, draft));
        cursor_time = Timestamp::parse(&timestamp).ok();
        cursor_name = suggested;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::input::{Base, HistoryInput};
    use crate::rules::testing::{base, migration, of};
    use crate::verify_order;

    fn input(base_names: &[&str], head_names: Option<&[&str]>, branch: &[&str]) -> HistoryInput {
        let list = |names: &[&str]| names.iter().map(|n| base(n, "")).collect::<Vec<_>>();
        HistoryInput {
            migrations: branch.iter().map(|n| migration(n, "")).collect(),
            base: Some(Base {
                commit: None,
                reference: Some("origin/main".into()),
                merge_base: list(base_names),
                base_head: head_names.map(list),
            }),
            ..HistoryInput::default()
        }
    }

    fn messages_and_help(input: &HistoryInput) -> Vec<(String, String, String)> {
        of(&verify_order(input), RULE.meta.id)
            .iter()
            .map(|f| (f.file.clone(), f.message.clone(), f.help.clone()))
            .collect()
    }

    #[test]
    fn examples() {
        let found = messages_and_help(&input(
            &["20251201000000_init"],
            Some(&["20251201000000_init", "20251208120000_add_user_email"]),
            &["20251201000000_init", "20251207090000_add_user_phone"],
        ));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "20251207090000_add_user_phone");
        assert_eq!(found[0].1, "`20251207090000_add_user_phone` is new on this branch but sorts before `20251208120000_add_user_email`, the newest migration on origin/main: databases that ran `20251208120000_add_user_email` apply it after, fresh ones before");
        assert!(
            found[0].2.starts_with(
                "Rename the folder to `20251208120001_add_user_phone`, or delete it, rebase onto origin/main"
            ),
            "{}",
            found[0].2
        );
        let good = input(
            &["20251201000000_init"],
            Some(&["20251201000000_init", "20251208120000_add_user_email"]),
            &["20251201000000_init", "20251208130000_add_user_phone"],
        );
        assert!(messages_and_help(&good).is_empty());
    }

    #[test]
    fn renames_keep_the_branch_s_own_order() {
        let found = messages_and_help(&input(
            &["20251210000000_base"],
            None,
            &["20251210000000_base", "20251201000000_first", "20251202000000_second", "20251230000000_third"],
        ));
        let helps: Vec<&str> = found.iter().map(|f| f.2.split('`').nth(1).unwrap_or("")).collect();
        assert_eq!(helps, ["20251210000001_first", "20251210000002_second"]);
    }

    #[test]
    fn a_base_folder_without_timestamp_is_not_the_newest() {
        let names = ["20260214145014_add_oauth_accounts", "skillpod_b2b_enterprise"];
        let mut branch = names.to_vec();
        branch.push("20260301000000_add_x");
        assert!(messages_and_help(&input(&names, None, &branch)).is_empty());
        branch.push("20260101000000_add_y");
        assert_eq!(messages_and_help(&input(&names, None, &branch)).len(), 1);
    }

    #[test]
    fn migrations_already_on_the_base_are_not_new() {
        // The branch merged the base in: the base's migration is not this branch's.
        let found = messages_and_help(&input(
            &["20251201000000_init"],
            Some(&["20251201000000_init", "20251203000000_on_main", "20251208000000_newer_on_main"]),
            &["20251201000000_init", "20251203000000_on_main", "20251208000000_newer_on_main"],
        ));
        assert!(found.is_empty());
    }
}
