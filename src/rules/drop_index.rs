//! `drop-index`: Drops an index.

use crate::context::script::Script;
use crate::finding::{Category, Severity};
use crate::rule::{Check, Hit, Rule, RuleMeta};
use crate::syntax::actions::{Action, ActionKind, ObjectKind};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "drop-index",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Drops an index.",
        why: "Queries that used the index fall back to scans, which can overload the database right after the deploy; a dropped unique index also stops enforcing uniqueness.",
        instead: "Check that no query plan depends on it (pg_stat_user_indexes.idx_scan), and keep the CREATE INDEX statement ready as the rollback.",
        bad: "DROP INDEX \"User_email_key\";",
        good: "CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");",
    },
    check: Check::Action(check),
};

fn check(action: &Action, _script: &Script) -> Option<Hit> {
    match &action.kind {
        ActionKind::DropObject { kind: ObjectKind::Index, name, .. } => Some(Hit::new(format!("drops index `{name}`"))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings_of;

    #[test]
    fn drop_index_concurrently_if_exists_is_found_though_it_does_not_parse() {
        let found = findings_of(RULE.meta.id, "DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"a_idx\";");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "drops index `public.a_idx`");
    }
}
