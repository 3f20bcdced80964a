//! `order-branch-conflict`: this branch and the base's new migrations change the same objects.

use std::collections::HashMap;

use crate::context::folder::Folder;
use crate::finding::{Category, Severity};
use crate::rule::Draft;
use crate::rule::Placed;
use crate::rule::{Check, Rule, RuleMeta};
use crate::source::Span;
use crate::syntax::actions::Object;
use crate::text::list;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "order-branch-conflict",
        category: Category::Order,
        severity: Severity::Medium,
        summary: "A migration new on this branch changes a table, column, index or type that a migration new on the base branch also changes.",
        why: "Two developers changed the same object in parallel; each migration was tested without the other. After the merge they run one after the other: the second can fail (the column was dropped, the index already exists) or silently undo the first, and the Prisma schema may no longer match the database.",
        instead: "Rebase onto the base branch, run `prisma migrate dev` to see whether the schema and the migrations still agree, and regenerate this branch's migration if needed.",
        bad: "origin/main gained a migration that drops column `User.nickname`; this branch's migration renames it",
        good: "origin/main gained a migration on table `Invoice`; this branch's migration changes only `User`",
    },
    check: Check::Folder(check),
};

/// An object compared across branches, by its name as stored and without its schema, so
/// `"public"."User"` and `"User"` are one table (and `"User"` and `user` two).
fn key(object: &Object) -> (String, String, Option<String>) {
    match object {
        Object::Table(table) => (format!("table:{}", table.name.stored()), format!("table `{}`", table.name), None),
        Object::Column(table, column) => (
            format!("column:{}.{}", table.name.stored(), column.stored()),
            format!("column `{}.{column}`", table.name),
            Some(format!("table:{}", table.name.stored())),
        ),
        Object::Index(index) => (format!("index:{}", index.stored()), format!("index `{index}`"), None),
        Object::Type(name) => (format!("type:{}", name.name.stored()), format!("type `{}`", name.name), None),
        Object::Other(kind, name) => {
            (format!("{kind}:{}", name.name.stored()), format!("{kind} `{}`", name.name), None)
        }
    }
}

pub(crate) fn check<'a>(p: &Folder<'a>) -> Vec<Placed<'a>> {
    let Some(base) = &p.base else { return Vec::new() };
    let gained: Vec<(&str, HashMap<String, String>)> = p
        .base_gained()
        .into_iter()
        .filter_map(|m| {
            let content = m.sql.as_deref()?;
            let objects = crate::syntax::analyze(content)
                .actions
                .iter()
                .flat_map(|action| action.kind.objects())
                .map(|object| {
                    let (key, described, _) = key(&object);
                    (key, described)
                })
                .collect();
            Some((m.name.as_str(), objects))
        })
        .collect();
    if gained.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for index in p.new_migrations() {
        let migration = &p.migrations[index];
        for (base_name, base_objects) in &gained {
            let mut first: Option<Span> = None;
            let mut collisions: Vec<(String, String, Option<String>)> = Vec::new();
            for action in p.actions(index).iter() {
                for object in action.kind.objects() {
                    let (key, described, table) = key(&object);
                    if base_objects.contains_key(&key) && !collisions.iter().any(|(seen, ..)| *seen == key) {
                        first.get_or_insert(action.span);
                        collisions.push((key, described, table));
                    }
                }
            }
            let Some(span) = first else { continue };
            // A table whose column collides is implied by the column.
            let covered: Vec<String> = collisions.iter().filter_map(|(.., table)| table.clone()).collect();
            let objects: Vec<String> = collisions
                .into_iter()
                .filter(|(key, ..)| !covered.contains(key))
                .map(|(_, described, _)| described)
                .collect();
            let draft = Draft {
                rule: &RULE.meta,
                span,
                message: format!(
                    "both this migration and `{base_name}`, new on {} since this branch forked, change {}",
                    base.label,
                    list(&objects, 6)
                ),
                help: Some(format!("Rebase onto {} and check the two together.", base.label)),
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

    const INIT: &str = "20251201000000_init";

    /// What the rule reports when the base gained a migration running `base_sql` and this branch
    /// added one running `branch_sql`.
    fn found(base_sql: &str, branch_sql: &str) -> Vec<crate::finding::Finding> {
        let input = HistoryInput {
            migrations: vec![migration(INIT, ""), migration("20251210000000_mine", branch_sql)],
            base: Some(Base {
                commit: None,
                reference: Some("origin/main".into()),
                merge_base: vec![base(INIT, "")],
                base_head: Some(vec![base(INIT, ""), base("20251209000000_theirs", base_sql)]),
            }),
            ..HistoryInput::default()
        };
        of(&verify_order(&input), RULE.meta.id).into_iter().cloned().collect()
    }

    #[test]
    fn examples() {
        let rename = "ALTER TABLE \"public\".\"User\" RENAME COLUMN \"nickname\" TO \"handle\";";
        let finding = &found("ALTER TABLE \"User\" DROP COLUMN \"nickname\";", rename)[0];
        assert_eq!(finding.file, "20251210000000_mine/migration.sql");
        assert_eq!(
            finding.message,
            "both this migration and `20251209000000_theirs`, new on origin/main since this branch forked, change column `User.nickname`"
        );
        let other = "ALTER TABLE \"public\".\"User\" ADD COLUMN \"bio\" TEXT;";
        assert!(found("ALTER TABLE \"Invoice\" ADD COLUMN \"total\" INT;", other).is_empty());
    }

    #[test]
    fn different_columns_of_one_table_collide_on_the_table() {
        let add = "ALTER TABLE \"public\".\"User\" ADD COLUMN \"bio\" TEXT;";
        let finding = &found("ALTER TABLE \"User\" ADD COLUMN \"phone\" TEXT;", add)[0];
        assert!(finding.message.ends_with("change table `User`"), "{}", finding.message);
    }

    #[test]
    fn indexes_and_enums_collide_by_name() {
        let branch_sql = "CREATE UNIQUE INDEX \"User_email_key\" ON \"public\".\"User\"(\"email\");\n\
                          ALTER TYPE \"Role\" ADD VALUE 'OWNER';";
        let base_sql = "DROP INDEX \"User_email_key\";\nALTER TYPE \"Role\" ADD VALUE 'AUDITOR';";
        let finding = &found(base_sql, branch_sql)[0];
        assert!(finding.message.contains("index `User_email_key`"), "{}", finding.message);
        assert!(finding.message.contains("type `Role`"), "{}", finding.message);
    }
}
