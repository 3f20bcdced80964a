//! What a rule is: its metadata, how it is run (typed by what it reads), and what it reports
//! before the report places it in a file. The list of rules is `crate::rules`.

use serde::Serialize;

use crate::context::deployed::Deployed;
use crate::context::folder::Folder;
use crate::context::name::NameSubject;
use crate::context::script::Script;
use crate::finding::{excerpt_of, Category, Finding, Severity};
use crate::source::{LineIndex, Span};
use crate::syntax::actions::Action;

/// Everything a user (or the docs, the CLI's `--explain`, the playground) needs to know about a rule.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleMeta {
    /// Stable, kebab-case: configs and approvals key on it.
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

/// What an action rule reports about one action: the message naming the objects, and optional
/// specific help.
pub struct Hit {
    pub message: String,
    pub help: Option<String>,
    /// This case's severity, where the rule grades its cases (`alter-column-type`: a lossy change
    /// is high, a widening that rewrites the table medium); `None` for the rule's own.
    pub severity: Option<Severity>,
}

impl Hit {
    pub fn new(message: impl Into<String>) -> Hit {
        Hit { message: message.into(), help: None, severity: None }
    }

    pub fn severity(mut self, severity: Severity) -> Hit {
        self.severity = Some(severity);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Hit {
        self.help = Some(help.into());
        self
    }
}

/// How a rule is run, by what it reads. The engines loop over `crate::rules::RULES` and call each
/// rule of the kind they run; nothing else calls a rule.
pub enum Check {
    /// Each action of each statement of a migration's SQL, with the migration around it.
    Action(fn(&Action, &Script) -> Option<Hit>),
    /// A migration's SQL as a whole (what could not be read). Spans are in the SQL.
    Script(fn(&Script) -> Vec<Draft>),
    /// A migration folder's name. Spans are in the name.
    Name(fn(&NameSubject) -> Option<Draft>),
    /// The migrations folder as a whole: its folders, lock file, order and base branch.
    Folder(for<'a> fn(&Folder<'a>) -> Vec<Placed<'a>>),
    /// The deployed database's record against the folder; run by `status` alone.
    Deployed(for<'a> fn(&Deployed<'a>) -> Vec<Placed<'a>>),
    /// Reported by an engine where it finds the condition, not by a check of its own: approvals
    /// (the approval matcher) and a folder without `migration.sql` (the SQL pass, which has nothing
    /// to read). `by` names the engine.
    Emitted { by: &'static str },
}

pub struct Rule {
    pub meta: RuleMeta,
    pub check: Check,
}

impl Rule {
    /// Whether the rule reads a migration's SQL (run by the SQL pass, its findings in the SQL).
    pub fn reads_sql(&self) -> bool {
        matches!(self.check, Check::Action(_) | Check::Script(_))
    }
}

/// The fields of a finding that come from its rule and its context, before it is placed in a file.
#[derive(Debug, Clone)]
pub struct Draft {
    pub rule: &'static RuleMeta,
    pub span: Span,
    pub message: String,
    /// Extra advice specific to this case, put before the rule's general advice.
    pub help: Option<String>,
}

impl Draft {
    /// Place the draft in a file, resolving its span to lines and columns.
    pub fn locate(mut self, file: &str, index: &LineIndex) -> Finding {
        // Offsets must index the text: clamp to it, on char boundaries.
        self.span = Span::new(index.snap(self.span.start), index.snap(self.span.end));
        let start = index.position(self.span.start);
        let end = index.position(self.span.end);
        let text = index.text();
        let excerpt = text.get(self.span.start..self.span.end).map(excerpt_of).unwrap_or_default();
        let help = match self.help {
            Some(specific) => format!("{specific} {}", self.rule.instead),
            None => self.rule.instead.to_string(),
        };
        Finding {
            rule: self.rule.id.to_string(),
            category: self.rule.category,
            severity: self.rule.severity,
            file: file.to_string(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            start: self.span.start,
            end: self.span.end,
            start_utf16: index.utf16_offset(self.span.start),
            end_utf16: index.utf16_offset(self.span.end),
            message: self.message,
            why: self.rule.why.to_string(),
            help,
            excerpt,
            approved: None,
            approve: None,
        }
    }
}

/// A draft and the text its span is in, before it becomes a finding.
pub enum Placed<'a> {
    /// About a folder: `file` is the folder name, the span is in the name.
    Folder { name: &'a str, draft: Draft },
    /// About a file's content: the span is in `text`.
    Text { file: String, text: &'a str, draft: Draft },
}

impl<'a> Placed<'a> {
    pub fn folder(name: &'a str, draft: Draft) -> Placed<'a> {
        Placed::Folder { name, draft }
    }

    /// A finding of `rule` about the folder `name` as a whole (its span: all of the name).
    pub fn about_folder(name: &'a str, rule: &'static RuleMeta, message: String, help: Option<String>) -> Placed<'a> {
        Placed::Folder { name, draft: Draft { rule, span: Span::new(0, name.len()), message, help } }
    }

    /// About a migration's `migration.sql`: `file` is `<name>/migration.sql`.
    pub fn script(name: &str, content: &'a str, draft: Draft) -> Placed<'a> {
        Placed::Text { file: format!("{name}/migration.sql"), text: content, draft }
    }

    pub fn finding(self) -> Finding {
        match self {
            Placed::Folder { name, draft } => draft.locate(name, &LineIndex::new(name)),
            Placed::Text { file, text, draft } => draft.locate(&file, &LineIndex::new(text)),
        }
    }
}
