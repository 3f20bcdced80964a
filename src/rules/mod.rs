//! The one list of rules. Each rule lives in its own file with its metadata, its check (typed by
//! what it reads: an action, a migration's SQL, a folder name, the folder as a whole; see
//! [`Check`]) and its cases; adding any rule means adding that file and one line to `RULES`
//! (and, for an SQL or naming rule, its fixture `tests/rules/<id>.*`). The engines run the rules
//! only through this list.

pub mod add_check_constraint;
pub mod add_column_volatile_default;
pub mod add_foreign_key;
pub mod add_primary_key;
pub mod add_required_column;
pub mod add_unique_constraint;
pub mod alter_column_type;
pub mod approval_unknown_rule;
pub mod approval_unused;
pub mod approval_without_reason;
pub mod concurrently_in_transaction;
pub mod create_index_not_concurrently;
pub mod delete_rows;
pub mod do_block;
pub mod drop_column;
pub mod drop_constraint;
pub mod drop_database;
pub mod drop_function;
pub mod drop_index;
pub mod drop_object;
pub mod drop_schema;
pub mod drop_sequence;
pub mod drop_table;
pub mod drop_trigger;
pub mod drop_type;
pub mod drop_view;
pub mod enum_value_used_in_transaction;
pub mod enum_values_removed;
pub mod foreign_key_without_index;
pub mod migration_applied_out_of_order;
pub mod migration_edited_after_apply;
pub mod migration_failed;
pub mod migration_fails;
pub mod migration_missing_locally;
pub mod migration_pending;
pub mod migration_rolled_back;
pub mod missing_migration_sql;
pub mod naming_descriptive;
pub mod naming_duplicate;
pub mod naming_future_timestamp;
pub mod naming_lock_file;
pub mod naming_snake_case;
pub mod naming_table;
pub mod naming_timestamp;
pub mod naming_unexpected_file;
pub mod naming_verb;
pub mod order_before_base;
pub mod order_branch_conflict;
pub mod order_deleted;
pub mod order_dependency;
pub mod order_duplicate_timestamp;
pub mod order_edited;
pub mod order_stale_branch;
pub mod parse_error;
pub mod rename_column;
pub mod rename_table;
pub mod set_not_null;
pub mod truncate_table;
pub mod unknown_object;
pub mod unterminated;
pub mod update_without_where;

pub use crate::rule::{Check, Hit, Rule, RuleMeta};

/// Every rule, in the order the docs list them.
pub static RULES: &[&Rule] = &[
    &drop_table::RULE,
    &drop_column::RULE,
    &delete_rows::RULE,
    &truncate_table::RULE,
    &drop_schema::RULE,
    &drop_database::RULE,
    &drop_index::RULE,
    &drop_constraint::RULE,
    &alter_column_type::RULE,
    &enum_values_removed::RULE,
    &drop_type::RULE,
    &drop_view::RULE,
    &drop_sequence::RULE,
    &drop_function::RULE,
    &drop_trigger::RULE,
    &drop_object::RULE,
    &update_without_where::RULE,
    &rename_table::RULE,
    &rename_column::RULE,
    &add_required_column::RULE,
    &set_not_null::RULE,
    &add_unique_constraint::RULE,
    &create_index_not_concurrently::RULE,
    &add_foreign_key::RULE,
    &foreign_key_without_index::RULE,
    &add_check_constraint::RULE,
    &add_primary_key::RULE,
    &add_column_volatile_default::RULE,
    &concurrently_in_transaction::RULE,
    &enum_value_used_in_transaction::RULE,
    &unknown_object::RULE,
    &parse_error::RULE,
    &do_block::RULE,
    &unterminated::RULE,
    &approval_without_reason::RULE,
    &approval_unknown_rule::RULE,
    &approval_unused::RULE,
    &missing_migration_sql::RULE,
    &migration_fails::RULE,
    &naming_timestamp::RULE,
    &naming_future_timestamp::RULE,
    &naming_snake_case::RULE,
    &naming_verb::RULE,
    &naming_descriptive::RULE,
    &naming_table::RULE,
    &naming_duplicate::RULE,
    &naming_unexpected_file::RULE,
    &naming_lock_file::RULE,
    &order_duplicate_timestamp::RULE,
    &order_dependency::RULE,
    &order_before_base::RULE,
    &order_edited::RULE,
    &order_deleted::RULE,
    &order_stale_branch::RULE,
    &order_branch_conflict::RULE,
    &migration_pending::RULE,
    &migration_failed::RULE,
    &migration_edited_after_apply::RULE,
    &migration_missing_locally::RULE,
    &migration_applied_out_of_order::RULE,
    &migration_rolled_back::RULE,
];

/// Look a rule up by id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.meta.id == id)
}

#[cfg(test)]
pub mod testing;

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::context::input::NameInput;
    use crate::context::name::NamingOptions;
    use crate::finding::Category;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for rule in RULES {
            let meta = &rule.meta;
            assert!(seen.insert(meta.id), "duplicate rule id {}", meta.id);
            assert!(meta.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{} is not kebab-case", meta.id);
            for (field, text) in [
                ("summary", meta.summary),
                ("why", meta.why),
                ("instead", meta.instead),
                ("bad", meta.bad),
                ("good", meta.good),
            ] {
                assert!(!text.trim().is_empty(), "{}: empty {field}", meta.id);
            }
        }
    }

    /// Every SQL rule's own bad example fires it, and its good example does not.
    #[test]
    fn sql_rule_examples_fire_and_pass() {
        for rule in RULES {
            let meta = &rule.meta;
            if matches!(meta.category, Category::Naming | Category::Order | Category::Verify | Category::Deployed) {
                continue;
            }
            // Rules that read the history see their examples after a migration that makes the
            // objects they name.
            if cases::READS_HISTORY.contains(&meta.id) {
                let earlier =
                    r#"CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN'); CREATE TABLE "User" ("id" TEXT, "role" "Role");"#;
                assert!(
                    !testing::in_history(meta.id, &[earlier], meta.bad, false).is_empty(),
                    "{}: bad example does not fire",
                    meta.id
                );
                assert!(
                    testing::in_history(meta.id, &[earlier], meta.good, false).is_empty(),
                    "{}: good example fires",
                    meta.id
                );
                continue;
            }
            assert!(
                !testing::findings_of(meta.id, meta.bad).is_empty(),
                "{}: bad example does not fire: {}",
                meta.id,
                meta.bad
            );
            assert!(
                testing::findings_of(meta.id, meta.good).is_empty(),
                "{}: good example fires: {}",
                meta.id,
                meta.good
            );
        }
    }

    /// The per-name rules' examples are folder names: each bad one fires its rule, each good one does not.
    #[test]
    fn name_rule_examples_fire_and_pass() {
        for rule in RULES.iter().filter(|rule| matches!(rule.check, Check::Name(_))) {
            let meta = &rule.meta;
            // The table rule's examples carry their SQL after ` -- with SQL: `.
            let case = |example: &'static str| match example.split_once(" -- with SQL: ") {
                Some((name, sql)) => (name, Some(sql)),
                None => (example, None),
            };
            let fired = |(name, sql): (&str, Option<&str>)| {
                let input =
                    NameInput { name: name.into(), sql: sql.map(str::to_string), now: Some(testing::NOW), first: None };
                crate::check_name(&input, &NamingOptions::default()).findings.iter().any(|f| f.rule == meta.id)
            };
            assert!(fired(case(meta.bad)), "{}: bad example does not fire: {}", meta.id, meta.bad);
            assert!(!fired(case(meta.good)), "{}: good example fires: {}", meta.id, meta.good);
        }
    }
}

/// The rules' cases in `tests/rules/` (see its README): every rule has its own, and the SQL ones
/// are proven on both readers.
#[cfg(test)]
mod cases {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::context::input::NameInput;
    use crate::context::name::NamingOptions;
    use crate::engine::lint::check_read;
    use crate::syntax::{analyze_with, Action, ActionKind, Reader};

    fn dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules")
    }

    fn read(file: &str) -> Option<String> {
        std::fs::read_to_string(dir().join(file)).ok()
    }

    /// Where a rule's cases are: a fixture for the rules that read SQL or a name, the rule's own
    /// tests for those that read the whole folder.
    fn cases_of(rule: &Rule) -> PathBuf {
        match rule.check {
            // Rules that read the history (the schema before the migration) have their cases as
            // whole histories, in their own file.
            Check::Script(_) if READS_HISTORY.contains(&rule.meta.id) => Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src/rules")
                .join(format!("{}.rs", rule.meta.id.replace('-', "_"))),
            Check::Action(_) | Check::Script(_) => dir().join(format!("{}.sql", rule.meta.id)),
            Check::Emitted { .. } if rule.meta.id.starts_with("approval-") => {
                dir().join(format!("{}.sql", rule.meta.id))
            }
            Check::Name(_) => dir().join(format!("{}.names", rule.meta.id)),
            Check::Folder(_) | Check::Deployed(_) | Check::Emitted { .. } => Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src/rules")
                .join(format!("{}.rs", rule.meta.id.replace('-', "_"))),
        }
    }

    /// SQL rules that report nothing without the schema the earlier migrations built.
    pub const READS_HISTORY: &[&str] = &["enum-values-removed", "unknown-object", "foreign-key-without-index"];

    #[test]
    fn every_rule_has_its_own_cases() {
        for rule in RULES {
            let path = cases_of(rule);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|_| panic!("{}: no cases at {}", rule.meta.id, path.display()));
            if path.extension().is_some_and(|e| e == "rs") {
                assert!(text.contains("#[test]"), "{}: {} has no tests", rule.meta.id, path.display());
            } else {
                assert!(text.contains("fires"), "{}: {} has no case that fires", rule.meta.id, path.display());
            }
        }
        // And no fixture is left without its rule (a renamed id would leave one behind).
        for entry in std::fs::read_dir(dir()).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if let Some(id) = name.strip_suffix(".sql").or_else(|| name.strip_suffix(".names")) {
                assert!(find(id).is_some(), "tests/rules/{name} names no rule");
            }
        }
    }

    /// The lines marked `-- fires` in an SQL case.
    fn marked_lines(sql: &str) -> BTreeSet<u32> {
        let lines = sql.lines().enumerate();
        lines.filter(|(_, line)| line.trim_end().ends_with("-- fires")).map(|(i, _)| i as u32 + 1).collect()
    }

    fn sql_cases() -> Vec<(&'static Rule, String)> {
        RULES
            .iter()
            .copied()
            .filter_map(|rule| {
                let path = cases_of(rule);
                (path.extension().is_some_and(|e| e == "sql")).then(|| (rule, std::fs::read_to_string(path).unwrap()))
            })
            .collect()
    }

    #[test]
    fn sql_cases_fire_exactly_where_marked_on_both_readers() {
        let mut wrong = Vec::new();
        for (rule, sql) in sql_cases() {
            let expected = marked_lines(&sql);
            assert!(!expected.is_empty(), "{}: no line marked `-- fires`", rule.meta.id);
            // Read by the scanner alone, every statement is one the parser did not read.
            let readers: &[Reader] = if rule.meta.id == parse_error::RULE.meta.id {
                &[Reader::Parser]
            } else {
                &[Reader::Parser, Reader::Scanner]
            };
            for &reader in readers {
                let report = check_read(&sql, "case.sql", &[], reader);
                let found: BTreeSet<u32> =
                    report.findings.iter().filter(|f| f.rule == rule.meta.id).map(|f| f.line).collect();
                if found != expected {
                    wrong.push(format!("{} ({reader:?}): fires on lines {found:?}, marked {expected:?}", rule.meta.id));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// A type as written and as sqlparser prints it differ in spacing and case only.
    fn comparable(action: &Action) -> (ActionKind, crate::source::Span) {
        let mut kind = action.kind.clone();
        if let ActionKind::AlterColumnType { new_type, .. } = &mut kind {
            *new_type = new_type.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
        }
        (kind, action.span)
    }

    #[test]
    fn the_parser_and_the_scanner_read_every_case_alike() {
        let mut differ = Vec::new();
        for (rule, sql) in sql_cases() {
            let parsed = analyze_with(&sql, Reader::Parser);
            let scanned = analyze_with(&sql, Reader::Scanner);
            assert_eq!(parsed.statements.len(), scanned.statements.len(), "{}", rule.meta.id);
            for statement in &parsed.statements {
                let of = |analysis: &crate::syntax::Analysis| -> Vec<_> {
                    analysis.actions.iter().filter(|a| a.statement == statement.span).map(comparable).collect()
                };
                let (from_parser, from_scanner) = (of(&parsed), of(&scanned));
                if from_parser != from_scanner {
                    let text = &sql[statement.span.start..statement.span.end];
                    differ.push(format!(
                        "{}: {text}\n  parser:  {from_parser:?}\n  scanner: {from_scanner:?}",
                        rule.meta.id
                    ));
                }
            }
        }
        assert!(differ.is_empty(), "{}", differ.join("\n"));
    }

    #[test]
    fn name_cases_fire_exactly_where_said() {
        let mut wrong = Vec::new();
        for rule in RULES.iter().filter(|rule| matches!(rule.check, Check::Name(_))) {
            let text = read(&format!("{}.names", rule.meta.id)).unwrap();
            for line in text.lines().filter(|line| !line.trim().is_empty()) {
                let mut parts = line.split(" | ");
                let (verdict, name) = parts.next().unwrap().split_once(' ').unwrap();
                let mut input = NameInput { name: name.into(), now: Some(testing::NOW), ..NameInput::default() };
                for part in parts {
                    match part {
                        "first" => input.first = Some(true),
                        "later" => input.first = Some(false),
                        sql => {
                            input.sql = Some(sql.strip_prefix("sql: ").unwrap_or_else(|| panic!("{line}")).to_string())
                        }
                    }
                }
                let fired = crate::check_name(&input, &NamingOptions::default())
                    .findings
                    .iter()
                    .any(|f| f.rule == rule.meta.id);
                let expected = match verdict {
                    "fires" => true,
                    "passes" => false,
                    other => panic!("{}: `{other}` is neither fires nor passes", rule.meta.id),
                };
                if fired != expected {
                    wrong.push(format!("{}: {line}", rule.meta.id));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
