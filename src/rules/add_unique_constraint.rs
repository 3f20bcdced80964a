//! `add-unique-constraint`: Adds a unique index or constraint to an existing table.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind, ConstraintKind};
use crate::text::named;

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "add-unique-constraint",
        category: Category::Safety,
        severity: Severity::Low,
        summary: "Adds a unique index or constraint to an existing table.",
        why: "Creation fails if existing rows hold duplicates (Prisma warns: \"A unique constraint covering the columns ... will be added\"), and a plain CREATE INDEX blocks writes to the table while it builds.",
        instead: "Check for duplicates first (`SELECT col, count(*) ... GROUP BY col HAVING count(*) > 1`) and clean them up in an earlier migration.",
        bad: "CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");",
        good: "CREATE INDEX \"User_email_idx\" ON \"User\"(\"email\");",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::CreateIndex { name, table, unique: true, .. } if script.is_existing_table(table) => {
            Some(Hit::new(format!("adds unique index{} to existing table `{table}`", named(name.as_ref()))))
        }
        ActionKind::AddConstraint { table, constraint, kind: ConstraintKind::Unique, using_index: false, .. }
            if script.is_existing_table(table) =>
        {
            Some(Hit::new(format!("adds unique constraint{} to existing table `{table}`", named(constraint.as_ref()))))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings_of;

    #[test]
    fn unique_index_on_a_table_created_in_the_same_migration_is_fine() {
        assert!(findings_of(RULE.meta.id, "CREATE TABLE \"U\" (e TEXT); CREATE UNIQUE INDEX \"U_e_key\" ON \"U\"(e);")
            .is_empty());
    }
}
