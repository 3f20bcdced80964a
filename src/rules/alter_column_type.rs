//! `alter-column-type`: Changes a column's type (ALTER COLUMN ... TYPE / SET DATA TYPE).

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::model::types::{parse_type, type_change, TypeChange};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "alter-column-type",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Changes a column's type (ALTER COLUMN ... TYPE / SET DATA TYPE); high where values can be lost, none where PostgreSQL changes only the catalog.",
        why: "Most type changes rewrite the whole table under an ACCESS EXCLUSIVE lock, can fail on existing values or silently truncate or round them, and break code that expects the old type.",
        instead: "Add a new column with the new type, backfill it in batches, switch the code over, then drop the old column in a later release. If you keep the in-place change, test the USING cast on a copy of production data.",
        bad: "ALTER TABLE \"Invoice\" ALTER COLUMN \"amount\" SET DATA TYPE INTEGER;",
        good: "ALTER TABLE \"Invoice\" ALTER COLUMN \"amount\" SET DEFAULT 0;",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    let ActionKind::AlterColumnType { table, column, new_type, .. } = &action.kind else { return None };
    let new_name = new_type.rsplit('.').next().unwrap_or(new_type).trim_matches('"');
    // Prisma's enum rebuild (`CREATE TYPE x_new`, this, renames, `DROP TYPE x_old`): what it loses
    // is `enum-values-removed`'s, from the history.
    if script.before.is_some() && script.creates_type(new_name) {
        return None;
    }
    let generic = || Hit::new(format!("changes the type of column `{column}` of table `{table}` to `{new_type}`"));
    let (Some(before), Some(catalog)) = (script.column_type_before(table, column), script.before) else {
        return Some(generic());
    };
    let Some(new) = parse_type(new_type, catalog) else { return Some(generic()) };
    let new = new.format();
    let change = format!("changes column `{column}` of table `{table}` from `{before}` to `{new}`");
    match type_change(&before, &new) {
        TypeChange::Free => None,
        TypeChange::Rewrite => Some(Hit::new(format!("{change}: every value converts, but the table is rewritten under lock"))),
        TypeChange::Lossy => Some(
            Hit::new(format!("{change}: values can be cut, rounded or fail to convert")).severity(Severity::High),
        ),
    }
}
