//! The one list of rules. Each rule lives in its own file with its metadata, its check and its tests;
//! adding a rule means adding that file and one line to `RULES`.

use serde::Serialize;

use crate::actions::Action;
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

/// How a rule is run.
pub enum Check {
    /// Called for every action of every statement of a migration's SQL.
    Action(fn(&Action) -> Option<Hit>),
    /// Emitted by the engine itself where it detects the condition (parse problems, naming, order);
    /// the engine refers to the rule's `static` directly, so an id cannot go missing.
    Engine,
}

pub struct Rule {
    pub meta: RuleMeta,
    pub check: Check,
}

/// Every rule, in the order the docs list them.
pub static RULES: &[&Rule] = &[];

/// Look a rule up by id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.meta.id == id)
}
