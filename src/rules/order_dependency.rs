//! `order-dependency`: a migration uses a table that only a later folder creates.

use std::collections::{HashMap, HashSet};

use crate::context::folder::Folder;
use crate::finding::{Category, Severity};
use crate::rule::Draft;
use crate::rule::Placed;
use crate::rule::{Check, Rule, RuleMeta};
use crate::syntax::actions::{ActionKind, Ident};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "order-dependency",
        category: Category::Order,
        severity: Severity::High,
        summary: "A migration uses a table that is created only by a folder Prisma applies after it.",
        why: "Prisma applies folders in name order. When a folder without a proper timestamp, or with a wrong one, sorts after a migration that needs its table, databases that applied them in the order they were written work, but every fresh database (CI, a new developer, `prisma migrate reset`, the shadow database of `migrate dev`) fails at the earlier folder.",
        instead: "Rename the folders (those not deployed yet) so the one creating the table sorts first, or move the statements that use the table into a migration that runs after it.",
        bad: "20250101000000_add_bio_to_profile (ALTER TABLE \"Profile\" ADD COLUMN \"bio\" TEXT) before 20250102000000_create_profile_table (CREATE TABLE \"Profile\" ...)",
        good: "20250101000000_create_profile_table before 20250102000000_add_bio_to_profile",
    },
    check: Check::Folder(check),
};

pub(crate) fn check<'a>(p: &Folder<'a>) -> Vec<Placed<'a>> {
    // The rank (in Prisma's order) of the first migration that creates each table.
    let mut created_at: HashMap<&Ident, usize> = HashMap::new();
    for (rank, &index) in p.order.iter().enumerate() {
        for action in p.actions(index).iter() {
            let created = match &action.kind {
                ActionKind::CreateTable { table } => &table.name,
                ActionKind::RenameTable { to, .. } => to,
                _ => continue,
            };
            created_at.entry(created).or_insert(rank);
        }
    }
    let mut found = Vec::new();
    for (rank, &index) in p.order.iter().enumerate() {
        let mut reported = HashSet::new();
        for action in p.actions(index).iter() {
            // Creating a table, or dropping it (usually `IF EXISTS`), does not need it to exist.
            if matches!(
                action.kind,
                ActionKind::CreateTable { .. } | ActionKind::DropTable { .. } | ActionKind::DropObject { .. }
            ) {
                continue;
            }
            let Some(table) = action.kind.table() else { continue };
            let Some(&creator_rank) = created_at.get(&table.name) else { continue };
            if creator_rank <= rank || !reported.insert(&table.name) {
                continue;
            }
            let creator = p.order[creator_rank];
            if !(p.in_scope(index) || p.in_scope(creator)) {
                continue;
            }
            let migration = &p.migrations[index];
            let draft = Draft {
                rule: &RULE.meta,
                span: action.span,
                message: format!(
                    "uses table `{}`, which only `{}` creates, and Prisma applies that folder later: on a fresh database this migration fails",
                    table.name, p.migrations[creator].name
                ),
                help: None,
            };
            found.push(Placed::script(&migration.name, migration.sql.as_deref().unwrap_or(""), draft));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::input::{Base, HistoryInput};
    use crate::rules::testing::{base, migration, of};
    use crate::verify_order;

    const CREATE_PROFILE: &str = "CREATE TABLE \"Profile\" (\"id\" TEXT NOT NULL);";
    const ADD_BIO: &str = "-- first\nALTER TABLE \"Profile\" ADD COLUMN \"bio\" TEXT;";

    #[test]
    fn examples() {
        let bad = HistoryInput {
            migrations: vec![
                migration("20250102000000_create_profile_table", CREATE_PROFILE),
                migration("20250101000000_add_bio_to_profile", ADD_BIO),
            ],
            ..HistoryInput::default()
        };
        let report = verify_order(&bad);
        let found = of(&report, RULE.meta.id);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].file, "20250101000000_add_bio_to_profile/migration.sql");
        assert_eq!((found[0].line, found[0].column), (2, 23), "the ADD COLUMN clause");
        assert_eq!(found[0].message, "uses table `Profile`, which only `20250102000000_create_profile_table` creates, and Prisma applies that folder later: on a fresh database this migration fails");
        let good = HistoryInput {
            migrations: vec![
                migration("20250101000000_create_profile_table", CREATE_PROFILE),
                migration("20250102000000_add_bio_to_profile", ADD_BIO),
            ],
            ..HistoryInput::default()
        };
        assert!(of(&verify_order(&good), RULE.meta.id).is_empty());
    }

    #[test]
    fn a_folder_without_timestamp_sorts_last_and_breaks_those_using_its_tables() {
        let input = HistoryInput {
            migrations: vec![
                migration("skillpod_b2b_enterprise", "CREATE TABLE \"Tenant\" (\"id\" TEXT);"),
                migration("20260214145014_add_bio_to_tenant", "ALTER TABLE \"Tenant\" ADD COLUMN bio TEXT;"),
            ],
            ..HistoryInput::default()
        };
        assert_eq!(of(&verify_order(&input), RULE.meta.id).len(), 1);
    }

    #[test]
    fn tables_from_elsewhere_or_dropped_first_are_not_reported() {
        let input = HistoryInput {
            migrations: vec![
                migration(
                    "20250101000000_drop_old_profile",
                    "DROP TABLE IF EXISTS \"Profile\";\nALTER TABLE \"Account\" ADD COLUMN \"bio\" TEXT;",
                ),
                migration(
                    "20250102000000_create_profile_table",
                    "CREATE TABLE \"Profile\" (\"id\" TEXT);\nALTER TABLE \"Profile\" ADD COLUMN \"bio\" TEXT;",
                ),
            ],
            ..HistoryInput::default()
        };
        assert!(of(&verify_order(&input), RULE.meta.id).is_empty());
    }

    #[test]
    fn a_renamed_table_counts_as_created() {
        let input = HistoryInput {
            migrations: vec![
                migration("20250101000000_add_bio_to_profile", ADD_BIO),
                migration("20250102000000_rename_old_to_profile", "ALTER TABLE \"Old\" RENAME TO \"Profile\";"),
            ],
            ..HistoryInput::default()
        };
        assert_eq!(of(&verify_order(&input), RULE.meta.id).len(), 1);
    }

    #[test]
    fn with_a_base_deployed_pairs_are_left_alone() {
        let input = HistoryInput {
            migrations: vec![
                migration("20250102000000_create_profile_table", CREATE_PROFILE),
                migration("20250101000000_add_bio_to_profile", ADD_BIO),
            ],
            base: Some(Base {
                merge_base: vec![
                    base("20250102000000_create_profile_table", CREATE_PROFILE),
                    base("20250101000000_add_bio_to_profile", ADD_BIO),
                ],
                ..Base::default()
            }),
            ..HistoryInput::default()
        };
        assert!(of(&verify_order(&input), RULE.meta.id).is_empty());
    }
}
