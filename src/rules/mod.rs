//! The one list of rules. Each rule lives in its own file with its metadata, its check and its tests;
//! adding a rule means adding that file and one line to `RULES`.

pub mod drop_table;
pub mod drop_column;
pub mod delete_rows;
pub mod truncate_table;
pub mod drop_schema;
pub mod drop_database;
pub mod drop_index;
pub mod drop_constraint;
pub mod alter_column_type;
pub mod drop_type;
pub mod drop_view;
pub mod drop_sequence;
pub mod drop_function;
pub mod drop_trigger;
pub mod drop_object;
pub mod update_without_where;
pub mod rename_table;
pub mod rename_column;
pub mod add_required_column;
pub mod set_not_null;
pub mod add_unique_constraint;
pub mod parse_error;
pub mod do_block;
pub mod unterminated;
pub mod approval_without_reason;
pub mod approval_unknown_rule;
pub mod approval_unused;
pub mod missing_migration_sql;
pub mod naming_timestamp;
pub mod naming_future_timestamp;
pub mod naming_snake_case;
pub mod naming_verb;
pub mod naming_descriptive;
pub mod naming_table;
pub mod naming_duplicate;
pub mod naming_unexpected_file;
pub mod naming_lock_file;
pub mod order_duplicate_timestamp;
pub mod order_dependency;
pub mod order_before_base;
pub mod order_edited;
pub mod order_deleted;
pub mod order_stale_branch;
pub mod order_branch_conflict;

use std::collections::HashSet;

use serde::Serialize;

use crate::actions::{Action, Name};
use crate::finding::{Category, Severity};

/// Everything a user (or the docs, the CLI's `--explain`, the playground) needs to know about a rule.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleMeta {
    /// Stable, kebab-case.
    pub id: &'static str,
    pub category: Category,
    /// Default severity; configuration may change it.
    pub severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// Why it is risky.
    pub why: &'static str,
    /// What to do instead: the safe pattern, the rollback to write.
    pub instead: &'static str,
    /// An example that must fire the rule (SQL, or a migration folder name for naming rules).
    pub bad: &'static str,
    /// A close example that must not.
    pub good: &'static str,
}

/// What a check reports about one action: the message naming the objects, and optional specific help.
pub struct Hit {
    pub message: String,
    pub help: Option<String>,
}

impl Hit {
    pub fn new(message: impl Into<String>) -> Hit {
        Hit { message: message.into(), help: None }
    }

    pub fn help(mut self, help: impl Into<String>) -> Hit {
        self.help = Some(help.into());
        self
    }
}

/// What an action rule may know about the rest of its migration.
pub struct Context<'a> {
    /// Tables created earlier in the same migration, lowercased: changes to them touch no existing rows.
    pub created_tables: &'a HashSet<String>,
}

impl Context<'_> {
    pub fn is_new_table(&self, table: &Name) -> bool {
        self.created_tables.contains(&table.name.to_lowercase())
    }
}

/// How a rule is run.
pub enum Check {
    /// Called for every action of every statement of a migration's SQL.
    Action(fn(&Action, &Context) -> Option<Hit>),
    /// Emitted by the engine itself where it detects the condition (parse problems, naming, order);
    /// the engine refers to the rule's `static` directly, so an id cannot go missing.
    Engine,
}

pub struct Rule {
    pub meta: RuleMeta,
    pub check: Check,
}

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
    &parse_error::RULE,
    &do_block::RULE,
    &unterminated::RULE,
    &approval_without_reason::RULE,
    &approval_unknown_rule::RULE,
    &approval_unused::RULE,
    &missing_migration_sql::RULE,
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
];

/// Look a rule up by id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.meta.id == id)
}

#[cfg(test)]
pub mod testing {
    use crate::finding::Finding;

    /// The findings of rule `id` on `sql`.
    pub fn findings_of(id: &str, sql: &str) -> Vec<Finding> {
        crate::check_sql(sql, "migration.sql").findings.into_iter().filter(|f| f.rule == id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Category;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for rule in RULES {
            let meta = &rule.meta;
            assert!(seen.insert(meta.id), "duplicate rule id {}", meta.id);
            assert!(meta.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{} is not kebab-case", meta.id);
            for (field, text) in [("summary", meta.summary), ("why", meta.why), ("instead", meta.instead), ("bad", meta.bad), ("good", meta.good)] {
                assert!(!text.trim().is_empty(), "{}: empty {field}", meta.id);
            }
        }
    }

    /// Every SQL rule's own bad example fires it, and its good example does not.
    #[test]
    fn sql_rule_examples_fire_and_pass() {
        for rule in RULES {
            let meta = &rule.meta;
            if matches!(meta.category, Category::Naming | Category::Order) {
                continue;
            }
            assert!(!testing::findings_of(meta.id, meta.bad).is_empty(), "{}: bad example does not fire: {}", meta.id, meta.bad);
            assert!(testing::findings_of(meta.id, meta.good).is_empty(), "{}: good example fires: {}", meta.id, meta.good);
        }
    }
}
