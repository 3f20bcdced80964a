//! `add-primary-key`: adds (or changes) the primary key of an existing table.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind, ConstraintKind};
use crate::text::named;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "add-primary-key",
        category: Category::Safety,
        severity: Severity::Medium,
        summary: "Adds a primary key to an existing table, building its index under lock.",
        why: "ADD PRIMARY KEY builds a unique index while holding an ACCESS EXCLUSIVE lock (no reads, no writes), makes the columns NOT NULL with a full scan, and fails on a duplicate or a NULL.",
        instead: "Build the index first with `CREATE UNIQUE INDEX CONCURRENTLY` in its own migration, then `ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY USING INDEX ...`, which only renames it.",
        bad: "ALTER TABLE \"Tag\" ADD CONSTRAINT \"Tag_pkey\" PRIMARY KEY (\"id\");",
        good: "ALTER TABLE \"Tag\" ADD CONSTRAINT \"Tag_pkey\" PRIMARY KEY USING INDEX \"Tag_id_key\";",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::AddConstraint {
            table, constraint, kind: ConstraintKind::PrimaryKey, using_index: false, ..
        } if script.is_existing_table(table) => {
            let name = named(constraint.as_ref());
            Some(Hit::new(format!("adds primary key{name} to existing table `{table}`, building its index under lock")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{findings_of, in_history};

    #[test]
    fn using_an_index_built_before_is_fine() {
        assert!(findings_of(
            RULE.meta.id,
            r#"ALTER TABLE "T" ADD CONSTRAINT "T_pkey" PRIMARY KEY USING INDEX "T_id_key";"#
        )
        .is_empty());
    }

    #[test]
    fn existing_means_deployed_before_this_migration() {
        let pk = r#"ALTER TABLE "T" ADD CONSTRAINT "T_pkey" PRIMARY KEY ("id");"#;
        assert_eq!(in_history(RULE.meta.id, &[r#"CREATE TABLE "T" ("id" TEXT);"#], pk, false).len(), 1);
        assert!(in_history(RULE.meta.id, &[r#"CREATE TABLE "T" ("id" TEXT);"#], pk, true).is_empty());
    }
}
