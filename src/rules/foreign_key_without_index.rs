//! `foreign-key-without-index`: A foreign key whose columns lead no index of the child table.

use std::collections::BTreeSet;

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::model::{ConstraintType, Key};
use crate::rule::{Check, Draft, Rule, RuleMeta};
use crate::syntax::actions::{ActionKind, ConstraintKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "foreign-key-without-index",
        category: Category::Safety,
        severity: Severity::Low,
        summary: "A foreign key whose columns are not the leading columns of any index on its table.",
        why: "PostgreSQL indexes the referenced key, never the referencing columns. Without an index on them, \
              every DELETE of a parent row (and every update of its key) scans the whole child table to \
              check or cascade, holding its locks for the length of the scan, and joins from parent to \
              children scan it too.",
        instead: "Index the foreign key's columns: in Prisma, `@@index([authorId])` on the model with the \
                  relation (Prisma writes the CREATE INDEX); on a large existing table, build it with \
                  CREATE INDEX CONCURRENTLY in a migration of its own.",
        bad: "CREATE TABLE \"Post\" (\"id\" TEXT PRIMARY KEY, \"authorId\" TEXT NOT NULL);\n\
              ALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\");",
        good: "CREATE TABLE \"Post\" (\"id\" TEXT PRIMARY KEY, \"authorId\" TEXT NOT NULL);\n\
               CREATE INDEX \"Post_authorId_idx\" ON \"Post\"(\"authorId\");\n\
               ALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\");",
    },
    check: Check::Script(check),
};

/// Whether an index on `columns` (`None`: an expression) serves lookups on all of `wanted`: they
/// are its leading columns, in any order.
fn leads(columns: &[Option<String>], wanted: &[String]) -> bool {
    columns.len() >= wanted.len()
        && columns[..wanted.len()].iter().all(|c| c.as_ref().is_some_and(|c| wanted.contains(c)))
}

/// The foreign keys this migration adds (by `ALTER TABLE ... ADD CONSTRAINT`, or in a table it
/// creates), judged by the schema it leaves: an index created later in the same file counts.
fn check(script: &Script) -> Vec<Draft> {
    let Some(before) = script.before() else { return Vec::new() };
    let after = before.after();
    let mut seen: BTreeSet<(Key, String)> = BTreeSet::new();
    let mut found = Vec::new();
    // The foreign keys of `table` the schema before the migration does not have.
    let new_foreign_keys = |table: &crate::syntax::Name| -> Vec<String> {
        let key = Key::of_name(table);
        let had = before.table(&key);
        after.tables.get(&key).map_or_else(Vec::new, |entry| {
            entry
                .constraints
                .iter()
                .filter(|c| c.kind == ConstraintType::ForeignKey && had.and_then(|t| t.constraint(&c.name)).is_none())
                .map(|c| c.name.clone())
                .collect()
        })
    };
    // `ALTER TABLE ... ADD [CONSTRAINT name] FOREIGN KEY` first (Prisma's way: the finding goes on the
    // statement that adds it), then those written inside a `CREATE TABLE`.
    let adding = script.analysis.actions.iter().filter(|a| matches!(a.kind, ActionKind::AddConstraint { .. }));
    let creating = script.analysis.actions.iter().filter(|a| matches!(a.kind, ActionKind::CreateTable { .. }));
    for action in adding.chain(creating) {
        let (table, names): (&_, Vec<String>) = match &action.kind {
            ActionKind::AddConstraint { table, constraint: Some(name), kind: ConstraintKind::ForeignKey, .. } => {
                (table, vec![name.stored().into_owned()])
            }
            // Unnamed: PostgreSQL names it; the ones new on the table are the candidates.
            ActionKind::AddConstraint { table, constraint: None, kind: ConstraintKind::ForeignKey, .. }
            | ActionKind::CreateTable { table } => (table, new_foreign_keys(table)),
            _ => continue,
        };
        let key = Key::of_name(table);
        if after.uncertain.contains_key(&key) {
            continue;
        }
        let Some(entry) = after.tables.get(&key) else { continue };
        for name in names {
            let Some(foreign) = entry.constraint(&name) else { continue };
            if foreign.kind != ConstraintType::ForeignKey
                || foreign.columns.is_empty()
                || !seen.insert((key.clone(), name.clone()))
            {
                continue;
            }
            let indexed = after
                .indexes
                .values()
                .any(|index| index.table == key && !index.partial && leads(&index.columns, &foreign.columns));
            if indexed {
                continue;
            }
            let columns = foreign.columns.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
            let parent = foreign
                .references
                .as_ref()
                .map_or_else(|| "the referenced table".to_string(), |(parent, _)| format!("`{parent}`"));
            found.push(Draft {
                rule: &RULE.meta,
                span: action.span,
                message: format!(
                    "foreign key `{name}` of `{table}` ({columns}) has no index that starts with its columns: every delete \
                     from {parent} scans `{table}`"
                ),
                help: Some(format!(
                    "In Prisma: `@@index([{}])` on the model.",
                    foreign.columns.join(", ")
                )),
            });
        }
    }
    found.sort_by_key(|draft| draft.span.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::in_history;

    const USERS: &str = r#"CREATE TABLE "User" ("id" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));"#;

    fn found(sql: &str) -> Vec<String> {
        in_history(RULE.meta.id, &[USERS], sql, false).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn prismas_relation_without_an_index_fires_and_with_one_it_does_not() {
        let table = r#"CREATE TABLE "Post" ("id" TEXT NOT NULL, "authorId" TEXT NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));"#;
        let fk = r#"ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;"#;
        let without = found(&format!("{table}\n{fk}"));
        assert_eq!(without.len(), 1, "{without:?}");
        assert!(without[0].contains("foreign key `Post_authorId_fkey` of `Post` (`authorId`)"), "{}", without[0]);
        assert!(without[0].contains("every delete from `User` scans `Post`"), "{}", without[0]);
        let index = r#"CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");"#;
        assert!(found(&format!("{table}\n{index}\n{fk}")).is_empty());
        // An index built after the constraint, in the same migration, counts too.
        assert!(found(&format!("{table}\n{fk}\n{index}")).is_empty());
    }

    #[test]
    fn the_columns_must_lead_the_index_in_any_order_and_a_partial_index_does_not_count() {
        let table =
            r#"CREATE TABLE "M" ("a" TEXT, "b" TEXT, "c" TEXT, CONSTRAINT "M_pkey" PRIMARY KEY ("c", "a", "b"));"#;
        let pair = r#"CREATE TABLE "P" ("a" TEXT, "b" TEXT, CONSTRAINT "P_pkey" PRIMARY KEY ("a", "b"));"#;
        let fk = r#"ALTER TABLE "M" ADD CONSTRAINT "M_ab_fkey" FOREIGN KEY ("b", "a") REFERENCES "P"("a", "b");"#;
        // The primary key (c, a, b) does not start with (a, b).
        assert_eq!(found(&format!("{pair}\n{table}\n{fk}")).len(), 1);
        let leading = r#"CREATE INDEX "M_ab_idx" ON "M"("a", "b", "c");"#;
        assert!(found(&format!("{pair}\n{table}\n{leading}\n{fk}")).is_empty());
        let partial = r#"CREATE INDEX "M_ab_idx" ON "M"("a", "b") WHERE "c" IS NOT NULL;"#;
        assert_eq!(found(&format!("{pair}\n{table}\n{partial}\n{fk}")).len(), 1);
        // A unique constraint's index serves it.
        let unique = r#"CREATE UNIQUE INDEX "M_b_a_key" ON "M"("b", "a");"#;
        assert!(found(&format!("{pair}\n{table}\n{unique}\n{fk}")).is_empty());
    }

    #[test]
    fn a_foreign_key_written_in_create_table_or_unnamed_is_judged_too() {
        let inline = r#"CREATE TABLE "Post" ("id" TEXT PRIMARY KEY, "authorId" TEXT REFERENCES "User"("id"));"#;
        assert_eq!(found(inline).len(), 1, "{:?}", found(inline));
        let unnamed = r#"CREATE TABLE "Post" ("id" TEXT PRIMARY KEY, "authorId" TEXT);
ALTER TABLE "Post" ADD FOREIGN KEY ("authorId") REFERENCES "User"("id");"#;
        let findings = in_history(RULE.meta.id, &[USERS], unnamed, false);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].line, 2, "on the ALTER TABLE that adds it");
    }

    #[test]
    fn prismas_layout_puts_the_finding_on_the_alter_table_not_the_create_table() {
        let sql = r#"CREATE TABLE "Post" ("id" TEXT NOT NULL, "authorId" TEXT NOT NULL);

ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id");"#;
        let findings = in_history(RULE.meta.id, &[USERS], sql, false);
        assert_eq!(findings.iter().map(|f| f.line).collect::<Vec<_>>(), [3]);
    }

    #[test]
    fn an_index_dropped_later_in_the_migration_does_not_count() {
        let sql = r#"CREATE TABLE "Post" ("id" TEXT PRIMARY KEY, "authorId" TEXT);
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id");
DROP INDEX "Post_authorId_idx";"#;
        assert_eq!(found(sql).len(), 1);
    }
}
