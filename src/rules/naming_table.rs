//! `naming-table`: a migration that changes one to three tables names one of them.

use crate::context::name::{names_table, touched_tables, NameSubject};
use crate::finding::{Category, Severity};
use crate::rule::Draft;
use crate::rule::{Check, Rule, RuleMeta};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "naming-table",
        category: Category::Naming,
        severity: Severity::Low,
        summary: "The migration changes one to three tables, and its name mentions none of them.",
        why: "When something breaks on deploy, the folder name is how people find the migration that touched the table. A name that misses the table (`add_verification_fields` for a change to `Session`) sends them to the wrong place. Table names match in snake, camel or Pascal case, singular or plural (`UserProfile`, `user_profile`, `user_profiles`).",
        instead: "Put the table in the name: `add_index_jobs_status`, `drop_legacy_sessions_table`. The help suggests a name derived from the SQL.",
        bad: "20251208160000_cleanup_old_data -- with SQL: DROP TABLE \"legacy_sessions\";",
        good: "20251208160000_drop_legacy_sessions_table -- with SQL: DROP TABLE \"legacy_sessions\";",
    },
    check: Check::Name(check),
};

/// More tables than this and a name cannot be expected to list them.
const MAX_TABLES: usize = 3;

pub(crate) fn check(subject: &NameSubject) -> Option<Draft> {
    let actions = subject.actions?;
    // The first migration, by convention `init`, sets up the schema and names no table.
    if subject.name.words.is_empty() || subject.is_initial() {
        return None;
    }
    let tables = touched_tables(actions, MAX_TABLES);
    if tables.is_empty() || tables.len() > MAX_TABLES {
        return None;
    }
    if tables.iter().any(|table| names_table(&subject.name.words, table.name.written())) {
        return None;
    }
    let listed: Vec<String> = tables.iter().map(|table| format!("`{}`", table.name)).collect();
    let message = match listed.as_slice() {
        [one] => format!("the migration changes table {one}, and its name does not mention it"),
        [rest @ .., last] => {
            format!("the migration changes tables {} and {last}, and its name mentions none of them", rest.join(", "))
        }
        [] => return None,
    };
    Some(Draft { rule: &RULE.meta, span: subject.name.description_span(), message, help: subject.suggestion_help() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::name::NameContext;
    use crate::rules::testing::{action, findings_for, table, NOW};
    use crate::syntax::actions::{Action, ActionKind};

    fn found(name: &str, actions: &[Action]) -> Vec<crate::finding::Finding> {
        findings_for(RULE.meta.id, name, &NameContext { now: Some(NOW), actions: Some(actions), first: Some(false) })
    }

    fn drop_table(name: &str) -> Action {
        action(ActionKind::DropTable { table: table(name), cascade: false })
    }

    fn add_column(on: &str, column: &str) -> Action {
        action(ActionKind::AddColumn {
            table: table(on),
            column: column.into(),
            not_null: false,
            has_default: false,
            serial: false,
            volatile_default: false,
        })
    }

    #[test]
    fn examples() {
        let sql = [drop_table("legacy_sessions")];
        let finding = &found("20251208160000_cleanup_old_data", &sql)[0];
        assert_eq!(finding.message, "the migration changes table `legacy_sessions`, and its name does not mention it");
        assert!(
            finding.help.starts_with("Suggested name: `20251208160000_drop_legacy_sessions_table`."),
            "{}",
            finding.help
        );
        assert_eq!((finding.start, finding.end), (15, 31));
        assert!(found("20251208160000_drop_legacy_sessions_table", &sql).is_empty());
    }

    #[test]
    fn any_one_of_up_to_three_tables_is_enough() {
        let sql = [add_column("UserProfile", "bio"), add_column("Account", "plan")];
        assert!(found("20251208120000_add_bio_to_user_profiles", &sql).is_empty());
        assert!(found("20251208120000_add_account_plan", &sql).is_empty());
        let finding = &found("20251208120000_add_bio_and_plan", &sql)[0];
        assert_eq!(
            finding.message,
            "the migration changes tables `UserProfile` and `Account`, and its name mentions none of them"
        );
    }

    #[test]
    fn the_first_migration_may_be_called_init() {
        let sql = [drop_table("legacy_sessions")];
        let first = NameContext { now: Some(NOW), actions: Some(&sql), first: Some(true) };
        assert!(findings_for(RULE.meta.id, "20230101000000_init", &first).is_empty());
        assert_eq!(found("20230101000000_init", &sql).len(), 1, "a later `init` is checked");
    }

    #[test]
    fn many_tables_or_none_are_not_checked() {
        let many: Vec<Action> = ["A", "B", "C", "D"].iter().map(|t| add_column(t, "x")).collect();
        assert!(found("20251208120000_add_tenant_ids", &many).is_empty());
        assert!(found("20251208120000_add_status_enum", &[]).is_empty());
        let ctx = NameContext { now: Some(NOW), ..Default::default() };
        assert!(findings_for(RULE.meta.id, "20251208120000_cleanup_old_data", &ctx).is_empty(), "no SQL, no check");
    }

    #[test]
    fn schema_and_case_do_not_count_as_different_tables() {
        let qualified = action(ActionKind::DropTable {
            table: crate::syntax::actions::Name::new(Some("public".into()), "Session".into()),
            cascade: false,
        });
        let sql = [qualified, drop_table("session")];
        assert!(found("20251208120000_drop_sessions", &sql).is_empty());
        assert_eq!(
            found("20251208120000_drop_tokens", &sql)[0].message,
            "the migration changes table `Session`, and its name does not mention it"
        );
    }
}
