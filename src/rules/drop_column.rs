//! `drop-column`: Drops a column and the data in it.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "drop-column",
        category: Category::Destructive,
        severity: Severity::High,
        summary: "Drops a column and the data in it.",
        why: "The column's values are lost for good, and the application version still running during the deploy fails on every query that selects or inserts the column.",
        instead: "Expand and contract: deploy code that stops using the column first (in Prisma, remove the field and ship), back the values up if they matter, then drop the column in a later migration. Document the rollback (re-adding the column restores the shape, not the data).",
        bad: "ALTER TABLE \"User\" DROP COLUMN \"legacyEmail\";",
        good: "ALTER TABLE \"User\" ADD COLUMN \"legacyEmail\" TEXT;",
    },
    check: Check::Action(check),
};

fn check(action: &Action, _script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::DropColumn { table, column } => {
            Some(Hit::new(format!("drops column `{column}` of table `{table}`")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings_of;

    #[test]
    fn each_clause_of_a_multi_line_alter_table_is_its_own_finding() {
        let sql = "ALTER TABLE \"public\".\"User\" DROP COLUMN \"a\",\nDROP COLUMN \"b\",\nADD COLUMN \"c\" TEXT,\nDROP COLUMN \"d\";\n";
        let found = findings_of(RULE.meta.id, sql);
        let lines: Vec<u32> = found.iter().map(|f| f.line).collect();
        assert_eq!(lines, vec![1, 2, 4]);
        assert_eq!(found[0].message, "drops column `a` of table `public.User`");
        assert_eq!(found[1].column, 1);
        assert_eq!(found[1].excerpt, "DROP COLUMN \"b\"");
    }

    #[test]
    fn drop_without_the_column_keyword_is_a_drop_column() {
        assert_eq!(findings_of(RULE.meta.id, "ALTER TABLE t DROP c;").len(), 1);
    }
}
