//! What every check produces: findings with spans, gathered in a report.

use serde::{Deserialize, Serialize};

pub use crate::source::Span;

/// How bad a finding is. Ordered: `Low < Medium < High`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Loses data or breaks running code.
    Destructive,
    /// Can fail or lock tables on a populated database.
    Safety,
    /// Migration folder names.
    Naming,
    /// Migration order and history against the base branch.
    Order,
    /// SQL that the parser could not read.
    Parse,
    /// Approvals that are malformed or match nothing.
    Approval,
    /// What PostgreSQL itself refused when `verify` applied the history to an embedded server.
    Verify,
    /// The deployed database's `_prisma_migrations` against the folder (`status`).
    Deployed,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Destructive => "destructive",
            Category::Safety => "safety",
            Category::Naming => "naming",
            Category::Order => "order",
            Category::Parse => "parse",
            Category::Approval => "approval",
            Category::Verify => "verify",
            Category::Deployed => "deployed",
        }
    }
}

/// An approval of a finding (set by later stages; `None` when not approved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Approval {
    pub reason: String,
    /// Where the approval was given: `comment` or `config`.
    pub source: String,
}

/// One problem found. Serialised as camelCase for JS and JSON reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    /// The file (or migration folder) the finding is about, as the caller named it.
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// Byte offsets into the file text.
    pub start: usize,
    pub end: usize,
    /// UTF-16 offsets into the file text (JS string indices).
    pub start_utf16: usize,
    pub end_utf16: usize,
    /// What was found, naming the objects ("drops column `email` of table `User`").
    pub message: String,
    /// Why it is risky.
    pub why: String,
    /// What to do instead.
    pub help: String,
    /// The SQL (or name) the finding points at, trimmed to a readable length.
    pub excerpt: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub approved: Option<Approval>,
    /// How to approve it, when it is not approved and an approval would cover it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub approve: Option<HowToApprove>,
}

/// Where an approval goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApproveVia {
    /// A comment in the migration's SQL, above the statement.
    Comment,
    /// An entry of the config's `approvals`: the migration is deployed history, where a comment
    /// would change the checksum Prisma keeps.
    Config,
}

/// What starts an approval comment: `-- migration-lint approve rule[, rule]: reason`.
pub const APPROVE_MARKER: &str = "migration-lint approve";

/// The comment that approves `rules` on the statement below it, with the reason left to write.
pub fn approve_comment(rules: &[&str]) -> String {
    format!("-- {APPROVE_MARKER} {}: <reason>", rules.join(", "))
}

/// Exactly what to add to approve a finding, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HowToApprove {
    pub via: ApproveVia,
    /// For a comment: the line it goes above (the first line of the statement).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u32>,
    /// The comment (`-- migration-lint approve drop-column: <reason>`), or the config entry as JSON.
    pub text: String,
}

/// Longest excerpt kept on a finding; longer statements are cut at a char boundary.
const MAX_EXCERPT_CHARS: usize = 240;

/// Cut `text` to at most `MAX_EXCERPT_CHARS` chars, marking the cut.
pub fn excerpt_of(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(MAX_EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Counts over a report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub files: usize,
    pub statements: usize,
    /// Statements read by the SQL parser.
    pub parsed: usize,
    /// Statements the parser could not read, classified by the token scanner only.
    pub scanned: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    pub approved: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// What `verify` saw when it applied the history to PostgreSQL; absent when it did not run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
    /// For each migrations folder checked, how its migrations were chosen (what was compared);
    /// empty for a report on loose SQL.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<Scope>,
    /// For each folder `status` compared with its deployed database, what that database holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deployed: Vec<DeployedState>,
}

/// What a deployed database holds of a folder's migrations, as `status` read it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeployedState {
    /// The migrations folder, as findings name it.
    pub dir: String,
    /// The database, `postgresql://user@host:port/database` (never a password).
    pub database: String,
    /// Whether it has a `_prisma_migrations` table at all.
    pub table: bool,
    /// Local migrations it applied, those the next deploy applies, those that failed, and the
    /// migrations it applied that the folder lacks.
    pub applied: usize,
    pub pending: usize,
    pub failed: usize,
    pub missing_locally: usize,
}

/// How a folder's migrations were chosen for the SQL and naming checks: what was compared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scope {
    /// The migrations folder, as findings name it.
    pub dir: String,
    /// Migrations in the folder.
    pub migrations: usize,
    /// Migrations whose SQL and name were checked.
    pub checked: usize,
    /// The base branch compared with, and the merge-base commit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge_base: Option<String>,
    /// The config's baseline: it and the migrations before it are deployed history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
    /// `--all`: every migration checked, whatever the base and the baseline.
    #[serde(default)]
    pub all: bool,
    /// A defaulted base that was not available, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped_base: Option<String>,
}

/// The outcome of applying a history to an embedded PostgreSQL, beside the findings it produced.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// The server, as it names itself: `PostgreSQL 18.6 (PGlite 0.5.14)`.
    pub engine: String,
    /// Migrations sent to the server, in Prisma's order.
    pub migrations: usize,
    pub applied: usize,
    /// Migrations PostgreSQL refused (deployed ones included: they are notes, not findings).
    pub failed: usize,
    /// Migrations that could not be verified: they need an extension the engine does not ship, or
    /// fail because one that did was not applied.
    pub not_verified: usize,
    /// What the reader should know that is not a finding: a missing extension, a deployed
    /// migration that fails from scratch.
    pub notes: Vec<String>,
}

impl Verification {
    /// Every migration sent applied.
    pub fn applies(&self) -> bool {
        self.applied == self.migrations
    }

    fn merge(&mut self, other: Verification) {
        self.migrations += other.migrations;
        self.applied += other.applied;
        self.failed += other.failed;
        self.not_verified += other.not_verified;
        self.notes.extend(other.notes);
    }
}

impl Report {
    /// Recount the severities from the findings (approved findings are counted apart).
    pub fn tally(&mut self) {
        let (mut high, mut medium, mut low, mut approved) = (0, 0, 0, 0);
        for finding in &self.findings {
            if finding.approved.is_some() {
                approved += 1;
                continue;
            }
            match finding.severity {
                Severity::High => high += 1,
                Severity::Medium => medium += 1,
                Severity::Low => low += 1,
            }
        }
        self.summary.high = high;
        self.summary.medium = medium;
        self.summary.low = low;
        self.summary.approved = approved;
    }

    /// Fold another (tallied) report into this one: findings appended, every count added. Constant
    /// work besides the append, so folding 10,000 migrations' reports stays linear.
    pub fn merge(&mut self, other: Report) {
        let (total, part) = (&mut self.summary, other.summary);
        total.files += part.files;
        total.statements += part.statements;
        total.parsed += part.parsed;
        total.scanned += part.scanned;
        total.high += part.high;
        total.medium += part.medium;
        total.low += part.low;
        total.approved += part.approved;
        self.findings.extend(other.findings);
        self.scopes.extend(other.scopes);
        self.deployed.extend(other.deployed);
        match (&mut self.verification, other.verification) {
            (Some(mine), Some(theirs)) => mine.merge(theirs),
            (mine @ None, theirs) => *mine = theirs,
            (Some(_), None) => {}
        }
    }

    /// Whether any unapproved finding is at or above `threshold` (`None`: never fail).
    pub fn fails(&self, threshold: Option<Severity>) -> bool {
        threshold.is_some_and(|threshold| self.findings.iter().any(|f| f.approved.is_none() && f.severity >= threshold))
    }

    /// Stable order: file, then position, then rule.
    pub fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            (a.file.as_str(), a.start, a.rule.as_str()).cmp(&(b.file.as_str(), b.start, b.rule.as_str()))
        });
    }
}
