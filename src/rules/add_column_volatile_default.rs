//! `add-column-volatile-default`: adds a column whose default differs per row to an existing table.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "add-column-volatile-default",
        category: Category::Safety,
        severity: Severity::Medium,
        summary: "Adds a column with a volatile default (SERIAL, gen_random_uuid(), random(), ...) to an existing table.",
        why: "A constant or stable default (a literal, now(), CURRENT_TIMESTAMP) is stored once and costs nothing on PostgreSQL 11+; a volatile one is computed for every existing row, so the whole table is rewritten under an ACCESS EXCLUSIVE lock.",
        instead: "Add the column without the default (or with a constant one), set the volatile default with ALTER COLUMN ... SET DEFAULT (it applies to new rows only), and backfill the old rows in batches.",
        bad: "ALTER TABLE \"User\" ADD COLUMN \"publicId\" UUID NOT NULL DEFAULT gen_random_uuid();",
        good: "ALTER TABLE \"User\" ADD COLUMN \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;",
    },
    check: Check::Action(check),
};

fn check(action: &Action, script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::AddColumn { table, column, volatile_default: true, serial, .. }
            if script.is_existing_table(table) =>
        {
            let what = if *serial { "a sequence value" } else { "a volatile default" };
            Some(Hit::new(format!(
                "adds column `{column}` with {what} to existing table `{table}`, rewriting every row"
            )))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings_of;

    #[test]
    fn stable_and_constant_defaults_do_not_rewrite() {
        for default in ["now()", "CURRENT_TIMESTAMP", "'x'", "0", "ARRAY[]::TEXT[]"] {
            let sql = format!(r#"ALTER TABLE "T" ADD COLUMN "c" TEXT DEFAULT {default};"#);
            assert!(findings_of(RULE.meta.id, &sql).is_empty(), "{default}");
        }
        assert!(
            findings_of(RULE.meta.id, r#"CREATE TABLE "T" (a INT); ALTER TABLE "T" ADD COLUMN "n" SERIAL;"#).is_empty()
        );
    }
}
