//! Reports as text for people, JSON for programs, GitHub Actions annotations, a pull-request
//! comment in Markdown and SARIF for code scanning: pure functions of a `Report`.
//!
//! The text format is a rustc-style code frame per finding. A finding holds its span, line and
//! column, and a trimmed excerpt, but not the lines around it; callers that have the files' text
//! pass it in `RenderOptions::sources` (keyed by the finding's `file`) and get the full source
//! lines with an underline under the span. Without it (a report read back from JSON, say) the
//! frame shows the finding's excerpt instead, so rendering never needs anything but the report.
//!
//! Everything user-controlled (file names, identifiers in messages, SQL excerpts, approval
//! reasons) is escaped for the format it lands in: control chars for the terminal here, workflow
//! command syntax in `github`, Markdown and HTML in `markdown`; JSON and SARIF escape by
//! construction (serde_json).
//!
//! Adding a format: a variant of `Format`, its name in `Format::ALL`, a pure function here (or in
//! a submodule), and its name in `Format` in `src/types.d.ts` (`tests/types.rs` checks it).

mod github;
mod markdown;
mod sarif;
mod schema;

pub use schema::{schema_text, SchemaFormat};

pub use github::github;
pub use markdown::markdown;
pub use sarif::sarif;

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

use crate::config::FailOn;
use crate::finding::{ApproveVia, DeployedState, Finding, HowToApprove, Report, Scope, Severity, Verification};
use crate::rule::RuleMeta;
use crate::source::LineIndex;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    /// GitHub Actions workflow commands (annotations on the diff).
    Github,
    /// A pull-request comment.
    Markdown,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// One line per finding, `path:line:column: severity[rule] message`.
    Compact,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: &'static [Format] =
        &[Format::Text, Format::Compact, Format::Json, Format::Github, Format::Markdown, Format::Sarif];

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Github => "github",
            Format::Markdown => "markdown",
            Format::Sarif => "sarif",
            Format::Compact => "compact",
        }
    }

    pub fn parse(name: &str) -> Result<Format, RenderError> {
        Format::ALL
            .iter()
            .copied()
            .find(|format| format.name() == name)
            .ok_or_else(|| RenderError::UnknownFormat(name.to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    UnknownFormat(String),
    /// serde_json refused the report (cannot happen for the types in `finding.rs`; kept as a value
    /// rather than a panic all the same).
    Json(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::UnknownFormat(name) => {
                let names: Vec<&str> = Format::ALL.iter().map(|format| format.name()).collect();
                write!(f, "unknown format `{name}`: expected one of {}", names.join(", "))
            }
            RenderError::Json(error) => write!(f, "cannot write the report as JSON: {error}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// How to render. Every field is optional on the JS side (`{}` is the default).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct RenderOptions {
    /// Colour the text format with ANSI escapes.
    pub color: bool,
    /// The text of each checked file, keyed by the name findings carry in `file`, for code frames
    /// (the text format's only).
    #[serde(deserialize_with = "crate::context::texts::by_name")]
    pub sources: BTreeMap<String, String>,
    /// The run's threshold: findings at or above it that are not approved show how to approve
    /// them (default `high`; `never` shows none).
    pub fail_on: FailOn,
}

pub fn render(report: &Report, format: Format, options: &RenderOptions) -> Result<String, RenderError> {
    let threshold = options.fail_on.threshold();
    match format {
        Format::Text => Ok(text(report, options)),
        Format::Compact => Ok(compact(report)),
        Format::Json => json(report),
        Format::Github => Ok(github(report, threshold)),
        Format::Markdown => Ok(markdown(report, threshold)),
        Format::Sarif => sarif(report),
    }
}

/// How to approve `finding`, when the run's threshold asks for it: not approved, at or above the
/// threshold, and an approval would cover it.
pub(crate) fn to_approve(finding: &Finding, threshold: Option<Severity>) -> Option<&HowToApprove> {
    let threshold = threshold?;
    match finding.approved.is_none() && finding.severity >= threshold {
        true => finding.approve.as_ref(),
        false => None,
    }
}

/// "add above line 5: -- migration-lint approve drop-column: <reason>", or the config entry with
/// why it goes there.
pub(crate) fn approve_text(finding: &Finding, how: &HowToApprove) -> String {
    match (how.via, how.line) {
        (ApproveVia::Comment, Some(line)) => format!("add above line {line}: {}", how.text),
        (ApproveVia::Comment, None) => format!("add above the statement: {}", how.text),
        (ApproveVia::Config, _) => format!("add to the config's \"approvals\" ({}): {}", config_why(finding), how.text),
    }
}

/// Why an approval goes in the config: the migration is deployed history, or the finding is
/// about its folder, where no comment can go.
pub(crate) fn config_why(finding: &Finding) -> &'static str {
    match finding.file.ends_with("/migration.sql") {
        true => "the migration is deployed: a comment would change its checksum",
        false => "a comment in the SQL cannot approve a finding about the folder",
    }
}

/// One line per finding, `path:line:column: severity[rule] message`, the form editors' problem
/// matchers and `grep` read; nothing else.
pub fn compact(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let location = match finding.line {
            0 => clean(&finding.file),
            line => format!("{}:{line}:{}", clean(&finding.file), finding.column),
        };
        let approved = if finding.approved.is_some() { " (approved)" } else { "" };
        let _ = writeln!(
            out,
            "{location}: {}[{}]{approved} {}",
            finding.severity.as_str(),
            clean(&finding.rule),
            clean(&finding.message)
        );
    }
    out
}

/// `{"findings": [...], "summary": {...}}`, pretty-printed, fields in declaration order, with a
/// final newline.
pub fn json(report: &Report) -> Result<String, RenderError> {
    let mut out = serde_json::to_string_pretty(report).map_err(|error| RenderError::Json(error.to_string()))?;
    out.push('\n');
    Ok(out)
}

/// A heading per migration, a code frame per finding, then a summary line. Each rule's why and
/// help are printed once per run: later findings of the rule refer to the first.
pub fn text(report: &Report, options: &RenderOptions) -> String {
    let paint = Paint { color: options.color };
    let threshold = options.fail_on.threshold();
    let indexes: BTreeMap<&str, LineIndex> =
        options.sources.iter().map(|(file, text)| (file.as_str(), LineIndex::new(text))).collect();
    let mut out = String::new();
    let mut explained = Explained::default();
    for (migration, findings) in by_migration(&report.findings) {
        let _ = writeln!(out, "{}\n", paint.bold(&format!("{} ({})", clean(migration), group_counts(&findings))));
        for finding in findings {
            let frame = indexes
                .get(finding.file.as_str())
                .and_then(|index| Frame::from_source(finding, index))
                .or_else(|| Frame::from_excerpt(finding));
            write_finding(&mut out, finding, frame.as_ref(), &paint, &mut explained, threshold);
            out.push('\n');
        }
    }
    if let Some(verification) = &report.verification {
        for note in &verification.notes {
            let _ = writeln!(out, "{} {}", paint.bold("note:"), clean(note));
        }
    }
    out.push_str(&paint.bold(&clean(&summary_line(report))));
    out.push('\n');
    if let Some(verification) = &report.verification {
        out.push_str(&verification_line(verification));
        out.push('\n');
    }
    for state in &report.deployed {
        out.push_str(&clean(&deployed_line(state)));
        out.push('\n');
    }
    out
}

/// What a deployed database holds: "postgresql://app@db:5432/app: up to date, all 12 migrations
/// applied", or the counts of what is not.
pub fn deployed_line(state: &DeployedState) -> String {
    let DeployedState { database, table, applied, pending, failed, missing_locally, .. } = state;
    if !table {
        return format!(
            "{database}: no _prisma_migrations table, nothing deployed yet; {} pending",
            plural(*pending, "migration")
        );
    }
    if pending + failed + missing_locally == 0 {
        return format!("{database}: up to date, {} applied", plural(*applied, "migration"));
    }
    let mut line = format!("{database}: {applied} applied, {pending} pending");
    if *failed > 0 {
        let _ = write!(line, ", {failed} failed");
    }
    if *missing_locally > 0 {
        let _ = write!(line, ", {missing_locally} applied but missing locally");
    }
    line
}

/// Findings grouped by migration, in the report's order (sorted by file, then position). A
/// migration's SQL findings (`<dir>/<name>/migration.sql`) and those about its folder
/// (`<dir>/<name>`) share one group.
pub(crate) fn by_migration(findings: &[Finding]) -> Vec<(&str, Vec<&Finding>)> {
    let mut groups: Vec<(&str, Vec<&Finding>)> = Vec::new();
    let mut at: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in findings {
        let migration = finding.file.strip_suffix("/migration.sql").unwrap_or(&finding.file);
        match at.get(migration) {
            Some(&index) => groups[index].1.push(finding),
            None => {
                at.insert(migration, groups.len());
                groups.push((migration, vec![finding]));
            }
        }
    }
    groups
}

/// "2 high, 1 approved" for a heading: the severities present, open findings only, then approved.
fn group_counts(findings: &[&Finding]) -> String {
    let mut parts = Vec::new();
    for severity in [Severity::High, Severity::Medium, Severity::Low] {
        let count = findings.iter().filter(|f| f.approved.is_none() && f.severity == severity).count();
        if count > 0 {
            parts.push(format!("{count} {}", severity.as_str()));
        }
    }
    let approved = findings.iter().filter(|f| f.approved.is_some()).count();
    if approved > 0 {
        parts.push(format!("{approved} approved"));
    }
    parts.join(", ")
}

/// The rules whose why and help the text report has printed, with the help printed.
#[derive(Default)]
struct Explained<'r> {
    why: BTreeMap<&'r str, &'r str>,
    help: BTreeMap<&'r str, &'r str>,
}

/// What the engine said about the whole history: "applies on PostgreSQL 18.6 (PGlite 0.5.14): all
/// 12 migrations, from an empty database", or the counts of what did not.
pub fn verification_line(verification: &Verification) -> String {
    let Verification { engine, migrations, applied, failed, not_verified, .. } = verification;
    if verification.applies() {
        let all = if *migrations == 1 { "its 1 migration".to_string() } else { format!("all {migrations} migrations") };
        return format!("applies on {engine}: {all}, in Prisma's order, from an empty database");
    }
    let mut line = format!("verified on {engine}: {applied} of {} applied", plural(*migrations, "migration"));
    if *failed > 0 {
        let _ = write!(line, ", {failed} failed");
    }
    if *not_verified > 0 {
        let _ = write!(line, ", {not_verified} not verified");
    }
    line
}

/// One line: counts by severity, files and statements, and what was compared.
fn summary_line(report: &Report) -> String {
    // A `status` report reads no SQL: its scope is the database, on the lines after.
    let scope = if report.summary.files == 0 && !report.deployed.is_empty() {
        String::new()
    } else {
        format!(" in {}", scope(report))
    };
    let mut line = match report.findings.is_empty() {
        true => format!("no findings{scope}"),
        false => format!("{}: {}{scope}", plural(report.findings.len(), "finding"), counts(report)),
    };
    if let Some(compared) = compared(report) {
        let _ = write!(line, "; {compared}");
    }
    line
}

/// What was checked: "2 files (7 statements, 1 only scanned)".
fn scope(report: &Report) -> String {
    let summary = &report.summary;
    let mut scope = format!("{} ({}", plural(summary.files, "file"), plural(summary.statements, "statement"));
    if summary.scanned > 0 {
        let _ = write!(scope, ", {} only scanned", summary.scanned);
    }
    scope.push(')');
    scope
}

/// What each folder was compared with, for the summary: "1 of 12 migrations checked: new since
/// origin/main (merge-base 1a2b3c4d)". `None` for a report on loose SQL. Several folders are
/// named each.
pub(crate) fn compared(report: &Report) -> Option<String> {
    match report.scopes.as_slice() {
        [] => None,
        [one] => Some(scope_phrase(one)),
        many => Some(
            many.iter().map(|scope| format!("{}: {}", scope.dir, scope_phrase(scope))).collect::<Vec<_>>().join("; "),
        ),
    }
}

/// One folder's part of [`compared`].
fn scope_phrase(scope: &Scope) -> String {
    let Scope { migrations, checked, .. } = *scope;
    let merge_base =
        |at: &Option<String>| at.as_deref().map_or(String::new(), |c| format!(" (merge-base {})", short(c)));
    if scope.all {
        let mut phrase = format!("{} checked (--all)", every(migrations));
        if let Some(base) = &scope.base {
            let _ = write!(phrase, ", history against {base}{}", merge_base(&scope.merge_base));
        }
        return phrase;
    }
    let checked = format!("{checked} of {} checked", plural(migrations, "migration"));
    match (&scope.base, &scope.baseline) {
        (Some(base), Some(baseline)) => {
            format!("{checked}: new since {base}{} and after the baseline {baseline}", merge_base(&scope.merge_base))
        }
        (Some(base), None) => format!("{checked}: new since {base}{}", merge_base(&scope.merge_base)),
        (None, Some(baseline)) => format!("{checked}: after the baseline {baseline} (no base branch compared)"),
        (None, None) => {
            let why = scope.skipped_base.as_deref().map_or(String::new(), |why| format!(" ({why})"));
            format!(
                "no base{why}: {} checked; run `migration-lint init` or pass --base to check only new ones",
                every(migrations)
            )
        }
    }
}

/// "every migration (12)", "the 1 migration".
fn every(migrations: usize) -> String {
    match migrations {
        1 => "the 1 migration".to_string(),
        count => format!("every migration ({count})"),
    }
}

/// A commit hash as people read it: its first 12 hex digits.
fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

/// "1 high, 0 medium, 2 low, 1 approved" (the approved part only when there are some).
fn counts(report: &Report) -> String {
    let summary = &report.summary;
    let mut counts = format!("{} high, {} medium, {} low", summary.high, summary.medium, summary.low);
    if summary.approved > 0 {
        let _ = write!(counts, ", {} approved", summary.approved);
    }
    counts
}

fn plural(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        _ => format!("{count} {noun}s"),
    }
}

/// Lines longer than this many are shown as their first and last few lines.
const MAX_FRAME_LINES: usize = 6;
const HEAD_LINES: usize = 3;
const TAIL_LINES: usize = 2;
/// How wide a tab is shown (rustc does the same).
const TAB_WIDTH: usize = 4;

/// The lines a code frame shows and where the span lies in them.
struct Frame<'a> {
    first_line: u32,
    lines: Vec<&'a str>,
    /// 1-based char column of the span's start in the first line.
    start_column: usize,
    /// 1-based char column just past the span's end in the last line.
    end_column: usize,
}

impl<'a> Frame<'a> {
    /// The finding's own lines from the file's text, or `None` when they do not fit the text
    /// (the report came from another version of the file).
    fn from_source(finding: &Finding, index: &LineIndex<'a>) -> Option<Frame<'a>> {
        let line_count = index.text().bytes().filter(|&b| b == b'\n').count() + 1;
        let (first, mut last) = (finding.line, finding.end_line.max(finding.line));
        if first == 0 || last as usize > line_count {
            return None;
        }
        let mut end_column = finding.end_column as usize;
        // A span ending at the very start of a line ends, for display, at the end of the one before.
        if last > first && end_column <= 1 {
            last -= 1;
            end_column = index.line_text(last).chars().count() + 1;
        }
        let lines: Vec<&str> = (first..=last).map(|line| index.line_text(line)).collect();
        Some(Frame { first_line: first, lines, start_column: finding.column as usize, end_column })
    }

    /// The excerpt alone, from its first char to its last; `None` when the finding has none
    /// (a finding about a whole folder, say).
    fn from_excerpt(finding: &Finding) -> Option<Frame<'_>> {
        let lines: Vec<&str> = finding.excerpt.lines().map(|line| line.trim_end_matches('\r')).collect();
        let last = lines.last()?;
        let end_column = last.chars().count() + 1;
        Some(Frame { first_line: finding.line.max(1), lines, start_column: 1, end_column })
    }

    fn last_line(&self) -> u32 {
        self.first_line + self.lines.len() as u32 - 1
    }
}

fn write_finding<'r>(
    out: &mut String,
    finding: &'r Finding,
    frame: Option<&Frame>,
    paint: &Paint,
    explained: &mut Explained<'r>,
    threshold: Option<Severity>,
) {
    let severity = finding.severity;
    let label = match finding.approved {
        Some(_) => format!("{}[{}] (approved)", severity.as_str(), clean(&finding.rule)),
        None => format!("{}[{}]", severity.as_str(), clean(&finding.rule)),
    };
    let _ =
        writeln!(out, "{}{}", paint.severity(severity, &label), paint.bold(&format!(": {}", clean(&finding.message))));

    let width = frame.map_or(1, |frame| digits(frame.last_line()));
    let pad = " ".repeat(width);
    let location = match frame {
        Some(_) => format!("{}:{}:{}", clean(&finding.file), finding.line, finding.column),
        None => clean(&finding.file),
    };
    let _ = writeln!(out, "{pad}{} {location}", paint.gutter("-->"));
    let bar = paint.gutter("|");
    if let Some(frame) = frame {
        let _ = writeln!(out, "{pad} {bar}");
        write_frame(out, frame, width, severity, paint);
    }
    let _ = writeln!(out, "{pad} {bar}");
    let note = paint.gutter("=");
    let rule = finding.rule.as_str();
    // The first finding of a rule explains it; later ones refer to it, unless their text differs
    // (a help naming this finding's objects).
    let why_known = explained.why.get(rule) == Some(&finding.why.as_str());
    let help_known = explained.help.get(rule) == Some(&finding.help.as_str());
    match (why_known, help_known) {
        (true, true) => {
            let _ = writeln!(out, "{pad} {note} {}: as for the first {} above", paint.bold("why, help"), clean(rule));
        }
        (true, false) => {
            let _ = writeln!(out, "{pad} {note} {}: as for the first {} above", paint.bold("why"), clean(rule));
            let _ = writeln!(out, "{pad} {note} {}: {}", paint.bold("help"), clean(&finding.help));
        }
        (false, _) => {
            let _ = writeln!(out, "{pad} {note} {}: {}", paint.bold("why"), clean(&finding.why));
            let _ = writeln!(out, "{pad} {note} {}: {}", paint.bold("help"), clean(&finding.help));
        }
    }
    explained.why.entry(rule).or_insert(&finding.why);
    explained.help.entry(rule).or_insert(&finding.help);
    if let Some(approval) = &finding.approved {
        let _ = writeln!(
            out,
            "{pad} {note} {}: {} ({})",
            paint.bold("approved"),
            clean(&approval.reason),
            clean(&approval.source)
        );
    }
    if let Some(how) = to_approve(finding, threshold) {
        let _ = writeln!(out, "{pad} {note} {}: {}", paint.bold("approve"), clean(&approve_text(finding, how)));
    }
}

/// The source lines with the span underlined: carets under a one-line span, rustc's
/// `/`, `|` and `|___^` margin for a span over several lines.
fn write_frame(out: &mut String, frame: &Frame, width: usize, severity: Severity, paint: &Paint) {
    let pad = " ".repeat(width);
    let bar = paint.gutter("|");
    let numbered = |out: &mut String, offset: usize, margin: &str| {
        let number = paint.gutter(&format!("{:>width$}", frame.first_line as usize + offset));
        let shown = display(frame.lines[offset]);
        let _ = writeln!(out, "{}", format!("{number} {bar} {}{shown}", paint.severity(severity, margin)).trim_end());
    };
    let first = frame.lines[0];
    let start = display_width(first, frame.start_column);

    if frame.lines.len() == 1 {
        numbered(out, 0, "");
        let end = display_width(first, frame.end_column).max(start + 1);
        let carets = "^".repeat(end - start);
        let _ = writeln!(out, "{pad} {bar} {}{}", " ".repeat(start), paint.severity(severity, &carets));
        return;
    }

    // The span starts at the first non-blank char of its line: mark the line with `/`; otherwise
    // draw `_` from the margin to the start.
    let starts_at_indent = first.chars().take(frame.start_column.saturating_sub(1)).all(char::is_whitespace);
    if starts_at_indent {
        numbered(out, 0, "/ ");
    } else {
        numbered(out, 0, "  ");
        let rule = format!(" {}^", "_".repeat(start + 1));
        let _ = writeln!(out, "{pad} {bar} {}", paint.severity(severity, &rule));
    }
    let count = frame.lines.len();
    for offset in 1..count {
        if count > MAX_FRAME_LINES && offset == HEAD_LINES {
            let _ = writeln!(out, "{}", paint.gutter("..."));
        }
        if count > MAX_FRAME_LINES && (HEAD_LINES..count - TAIL_LINES).contains(&offset) {
            continue;
        }
        numbered(out, offset, "| ");
    }
    let last = frame.lines[count - 1];
    let end = display_width(last, frame.end_column).max(1);
    let rule = format!("|{}^", "_".repeat(end));
    let _ = writeln!(out, "{pad} {bar} {}", paint.severity(severity, &rule));
}

/// Display width of the chars before the 1-based char `column` of `line` (tabs count `TAB_WIDTH`).
fn display_width(line: &str, column: usize) -> usize {
    line.chars().take(column.saturating_sub(1)).map(|c| if c == '\t' { TAB_WIDTH } else { 1 }).sum()
}

/// A source line as shown: tabs expanded, control chars made harmless.
fn display(line: &str) -> String {
    clean(&line.replace('\t', &" ".repeat(TAB_WIDTH)))
}

/// User-controlled text (SQL, identifiers, paths) must not drive the terminal: control chars,
/// line breaks and escapes included, become U+FFFD, one column wide like the char they replace.
fn clean(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect()
}

fn digits(number: u32) -> usize {
    number.to_string().len()
}

/// ANSI colours as rustc uses them, or plain text.
struct Paint {
    color: bool,
}

impl Paint {
    fn paint(&self, code: &str, text: &str) -> String {
        match self.color && !text.is_empty() {
            true => format!("\x1b[{code}m{text}\x1b[0m"),
            false => text.to_string(),
        }
    }

    fn severity(&self, severity: Severity, text: &str) -> String {
        let code = match severity {
            Severity::High => "1;31",
            Severity::Medium => "1;33",
            Severity::Low => "1;36",
        };
        self.paint(code, text)
    }

    fn gutter(&self, text: &str) -> String {
        self.paint("1;34", text)
    }

    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
}

/// Every rule, one line each (id, category, default severity, summary), for `--explain` alone.
pub fn rule_list(color: bool) -> String {
    let paint = Paint { color };
    let width = crate::RULES.iter().map(|rule| rule.meta.id.len()).max().unwrap_or(0);
    let category = crate::RULES.iter().map(|rule| rule.meta.category.as_str().len()).max().unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        paint.bold(&format!("{:width$}  {:category$}  {:6}  summary", "rule", "category", "level"))
    );
    for rule in crate::RULES {
        let meta = &rule.meta;
        let id = paint.severity(meta.severity, &format!("{:width$}", meta.id));
        let _ =
            writeln!(out, "{id}  {:category$}  {:6}  {}", meta.category.as_str(), meta.severity.as_str(), meta.summary);
    }
    let _ = writeln!(
        out,
        "\n{} rules. `migration-lint --explain RULE` says why each is risky and what to do instead.",
        crate::RULES.len()
    );
    out
}

/// A rule's metadata for `--explain`.
pub fn explain(rule: &RuleMeta, color: bool) -> String {
    let paint = Paint { color };
    let example = |sql: &str| sql.lines().map(|line| format!("    {line}\n")).collect::<String>();
    format!(
        "{}: {}\n{} {}, default severity {}\n\n{}\n{}\n\n{}\n{}\n\n{}\n{}\n{}\n{}",
        paint.severity(rule.severity, rule.id),
        rule.summary,
        paint.bold("category"),
        rule.category.as_str(),
        rule.severity.as_str(),
        paint.bold("Why it is risky:"),
        rule.why,
        paint.bold("What to do instead:"),
        rule.instead,
        paint.bold("Fires on:"),
        example(rule.bad),
        paint.bold("Does not fire on:"),
        example(rule.good),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Approval, Category, Span, Summary};
    use crate::rule::Draft;

    static DROP_COLUMN: RuleMeta = RuleMeta {
        id: "drop-column",
        category: Category::Destructive,
        severity: Severity::High,
        summary: "Drops a column.",
        why: "The column's data is gone.",
        instead: "Stop using it first.",
        bad: "ALTER TABLE \"User\" DROP COLUMN \"email\";",
        good: "ALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;",
    };

    static RENAME: RuleMeta = RuleMeta {
        id: "rename-table",
        category: Category::Destructive,
        severity: Severity::Medium,
        summary: "Renames a table.",
        why: "Running code still uses the old name.",
        instead: "Add a view.",
        bad: "ALTER TABLE a RENAME TO b;",
        good: "CREATE VIEW a AS SELECT * FROM b;",
    };

    const FILE: &str = "20240101000000_cleanup/migration.sql";

    /// A finding for the first occurrence of `needle` in `sql`.
    fn finding(rule: &'static RuleMeta, sql: &str, needle: &str, message: &str) -> Finding {
        let start = sql.find(needle).expect("needle in sql");
        let draft = Draft { rule, span: Span::new(start, start + needle.len()), message: message.into(), help: None };
        draft.locate(FILE, &LineIndex::new(sql))
    }

    fn report(findings: Vec<Finding>, statements: usize) -> Report {
        let mut report = Report {
            findings,
            summary: Summary { files: 1, statements, parsed: statements, ..Summary::default() },
            ..Report::default()
        };
        report.tally();
        report
    }

    fn with_source(sql: &str) -> RenderOptions {
        RenderOptions { sources: BTreeMap::from([(FILE.to_string(), sql.to_string())]), ..RenderOptions::default() }
    }

    const MULTI: &str = "-- drop two columns\nALTER TABLE \"User\" DROP COLUMN \"email\",\nDROP COLUMN \"name\";\n";

    #[test]
    fn one_line_span_gets_carets_under_it() {
        let found = finding(&DROP_COLUMN, MULTI, "DROP COLUMN \"email\"", "drops column `email` of table `User`");
        let out = text(&report(vec![found], 1), &with_source(MULTI));
        assert_eq!(
            out,
            "20240101000000_cleanup (1 high)\n\n\
             high[drop-column]: drops column `email` of table `User`\n \
             --> 20240101000000_cleanup/migration.sql:2:20\n  \
             |\n\
             2 | ALTER TABLE \"User\" DROP COLUMN \"email\",\n  \
             |                    ^^^^^^^^^^^^^^^^^^^\n  \
             |\n  \
             = why: The column's data is gone.\n  \
             = help: Stop using it first.\n\
             \n\
             1 finding: 1 high, 0 medium, 0 low in 1 file (1 statement)\n"
        );
    }

    #[test]
    fn span_over_lines_gets_a_margin_from_start_to_end() {
        let sql = "ALTER TABLE \"User\"\n  RENAME TO \"Account\";\n";
        let found = finding(&RENAME, sql, "\"User\"\n  RENAME TO \"Account\"", "renames table `User`");
        let out = text(&report(vec![found], 1), &with_source(sql));
        assert_eq!(
            out,
            "20240101000000_cleanup (1 medium)\n\n\
             medium[rename-table]: renames table `User`\n \
             --> 20240101000000_cleanup/migration.sql:1:13\n  \
             |\n\
             1 |   ALTER TABLE \"User\"\n  \
             |  _____________^\n\
             2 | |   RENAME TO \"Account\";\n  \
             | |_____________________^\n  \
             |\n  \
             = why: Running code still uses the old name.\n  \
             = help: Add a view.\n\
             \n\
             1 finding: 0 high, 1 medium, 0 low in 1 file (1 statement)\n"
        );
    }

    #[test]
    fn span_from_line_start_is_marked_with_a_slash_and_long_spans_are_elided() {
        let sql = "CREATE TABLE t (\n a int,\n b int,\n c int,\n d int,\n e int,\n f int\n);\nSELECT 1;\n";
        let statement = &sql[..sql.find(";\n").unwrap() + 1];
        let found = finding(&RENAME, sql, statement, "a long one");
        let out = text(&report(vec![found], 2), &with_source(sql));
        assert!(
            out.contains(
                " --> 20240101000000_cleanup/migration.sql:1:1\n  \
             |\n\
             1 | / CREATE TABLE t (\n\
             2 | |  a int,\n\
             3 | |  b int,\n\
             ...\n\
             7 | |  f int\n\
             8 | | );\n  \
             | |__^\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn without_the_source_the_excerpt_is_framed() {
        let found = finding(&DROP_COLUMN, MULTI, "DROP COLUMN \"name\"", "drops column `name` of table `User`");
        let out = text(&report(vec![found], 1), &RenderOptions::default());
        assert!(
            out.contains(
                " --> 20240101000000_cleanup/migration.sql:3:1\n  \
             |\n\
             3 | DROP COLUMN \"name\"\n  \
             | ^^^^^^^^^^^^^^^^^^\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn a_source_that_does_not_fit_the_finding_falls_back_to_the_excerpt() {
        let found = finding(&DROP_COLUMN, MULTI, "DROP COLUMN \"name\"", "drops column `name`");
        let out = text(&report(vec![found], 1), &with_source("SELECT 1;"));
        assert!(out.contains("3 | DROP COLUMN \"name\"\n"), "{out}");
    }

    #[test]
    fn a_finding_without_text_names_only_its_file() {
        let mut found = finding(&DROP_COLUMN, MULTI, "DROP", "the folder has no migration.sql");
        found.file = "20240101000000_cleanup".into();
        found.excerpt.clear();
        let out = text(&report(vec![found], 0), &RenderOptions::default());
        assert!(
            out.contains(
                "high[drop-column]: the folder has no migration.sql\n --> 20240101000000_cleanup\n  |\n  = why:"
            ),
            "{out}"
        );
    }

    #[test]
    fn tabs_are_expanded_and_the_carets_follow() {
        let sql = "\tDROP TABLE a;";
        let found = finding(&DROP_COLUMN, sql, "DROP TABLE a", "drops table `a`");
        let out = text(&report(vec![found], 1), &with_source(sql));
        assert!(out.contains("1 |     DROP TABLE a;\n  |     ^^^^^^^^^^^^\n"), "{out}");
    }

    #[test]
    fn control_chars_from_the_input_cannot_reach_the_terminal() {
        let sql = "DROP TABLE \"a\x1b[2Jb\";";
        let found = finding(&DROP_COLUMN, sql, sql, "drops table `a\x1b[2Jb`");
        let out = text(&report(vec![found], 1), &with_source(sql));
        assert!(!out.contains('\x1b'), "{out}");
        assert!(out.contains("drops table `a\u{FFFD}[2Jb`"), "{out}");
    }

    #[test]
    fn colour_wraps_labels_and_gutter_in_ansi_codes() {
        let found = finding(&DROP_COLUMN, MULTI, "DROP COLUMN \"email\"", "drops column `email`");
        let options = RenderOptions { color: true, ..with_source(MULTI) };
        let out = text(&report(vec![found], 1), &options);
        assert!(out.starts_with("\x1b[1m20240101000000_cleanup (1 high)\x1b[0m\n\n"), "{out}");
        assert!(out.contains("\n\x1b[1;31mhigh[drop-column]\x1b[0m\x1b[1m: drops column `email`\x1b[0m\n"), "{out}");
        assert!(out.contains("\x1b[1;34m-->\x1b[0m"), "{out}");
        assert!(out.contains("\x1b[1;31m^^^^^^^^^^^^^^^^^^^\x1b[0m"), "{out}");
    }

    #[test]
    fn approved_findings_say_so_and_count_apart() {
        let mut found = finding(&DROP_COLUMN, MULTI, "DROP COLUMN \"email\"", "drops column `email`");
        found.approved = Some(Approval { reason: "unused since 2025-11".into(), source: "comment".into() });
        let out = text(&report(vec![found], 1), &with_source(MULTI));
        assert!(
            out.starts_with(
                "20240101000000_cleanup (1 approved)\n\nhigh[drop-column] (approved): drops column `email`\n"
            ),
            "{out}"
        );
        assert!(out.contains("  = approved: unused since 2025-11 (comment)\n"), "{out}");
        assert!(out.ends_with("1 finding: 0 high, 0 medium, 0 low, 1 approved in 1 file (1 statement)\n"), "{out}");
    }

    #[test]
    fn a_heading_per_migration_and_each_rule_explained_once() {
        let sql = "ALTER TABLE \"User\" DROP COLUMN \"email\";\nALTER TABLE \"User\" DROP COLUMN \"name\";\nALTER TABLE a RENAME TO b;\n";
        let first = finding(&DROP_COLUMN, sql, "DROP COLUMN \"email\"", "drops column `email`");
        let second = finding(&DROP_COLUMN, sql, "DROP COLUMN \"name\"", "drops column `name`");
        let mut third = finding(&RENAME, sql, "RENAME TO b", "renames table `a`");
        let mut other = finding(&DROP_COLUMN, sql, "DROP COLUMN \"name\"", "drops column `name`");
        other.file = "20240102000000_more/migration.sql".into();
        other.help = "Name-specific advice. Stop using it first.".into();
        third.approved = Some(Approval { reason: "ok".into(), source: "config".into() });
        let out = text(&report(vec![first, second, third, other], 3), &with_source(sql));
        assert!(out.starts_with("20240101000000_cleanup (2 high, 1 approved)\n\nhigh[drop-column]"), "{out}");
        assert!(out.contains("\n20240102000000_more (1 high)\n\nhigh[drop-column]"), "{out}");
        assert_eq!(out.matches("= why: The column's data is gone.").count(), 1, "{out}");
        assert_eq!(out.matches("= why, help: as for the first drop-column above").count(), 1, "{out}");
        // Its own help is printed; only the why refers back.
        assert!(out.contains("= why: as for the first drop-column above\n  = help: Name-specific advice."), "{out}");
        assert_eq!(out.matches("= why: Running code still uses the old name.").count(), 1, "{out}");
    }

    #[test]
    fn findings_at_or_above_the_threshold_say_how_to_approve() {
        let sql = "ALTER TABLE \"User\"\n  DROP COLUMN \"email\";\nALTER TABLE a RENAME TO b;\n";
        let mut drop = finding(&DROP_COLUMN, sql, "DROP COLUMN \"email\"", "drops column `email`");
        let comment = |rule: &str| HowToApprove {
            via: ApproveVia::Comment,
            line: Some(1),
            text: format!("-- migration-lint approve {rule}: <reason>"),
        };
        drop.approve = Some(comment("drop-column"));
        let mut rename = finding(&RENAME, sql, "RENAME TO b", "renames table `a`");
        rename.approve = Some(HowToApprove {
            via: ApproveVia::Config,
            line: None,
            text: r#"{"migration": "m", "rule": "rename-table", "line": 3, "reason": "<reason>"}"#.into(),
        });
        let findings = report(vec![drop, rename], 2);
        let out = text(&findings, &with_source(sql));
        assert!(
            out.contains("  = approve: add above line 1: -- migration-lint approve drop-column: <reason>\n"),
            "{out}"
        );
        // Medium is below the default threshold (high).
        assert!(!out.contains("approve rename-table"), "{out}");
        let medium = RenderOptions { fail_on: FailOn::Medium, ..with_source(sql) };
        let out = text(&findings, &medium);
        assert!(
            out.contains(
                "  = approve: add to the config's \"approvals\" (the migration is deployed: a comment would change \
                 its checksum): {\"migration\": \"m\", \"rule\": \"rename-table\", \"line\": 3, \"reason\": \"<reason>\"}\n"
            ),
            "{out}"
        );
        let never = RenderOptions { fail_on: FailOn::Never, ..with_source(sql) };
        assert!(!text(&findings, &never).contains("= approve"));
    }

    #[test]
    fn compact_is_one_line_per_finding() {
        let sql = "DROP TABLE a;\nALTER TABLE a RENAME TO b;\n";
        let mut drop = finding(&DROP_COLUMN, sql, "DROP TABLE a", "drops table `a`\x1b[2J");
        drop.approved = Some(Approval { reason: "ok".into(), source: "comment".into() });
        let rename = finding(&RENAME, sql, "RENAME TO b", "renames table `a`");
        let mut folder = finding(&RENAME, sql, "DROP", "about the folder");
        (folder.file, folder.line) = ("20240101000000_cleanup".into(), 0);
        assert_eq!(
            compact(&report(vec![drop, rename, folder], 2)),
            "20240101000000_cleanup/migration.sql:1:1: high[drop-column] (approved) drops table `a`\u{FFFD}[2J\n\
             20240101000000_cleanup/migration.sql:2:15: medium[rename-table] renames table `a`\n\
             20240101000000_cleanup: medium[rename-table] about the folder\n"
        );
    }

    #[test]
    fn the_summary_names_what_was_compared() {
        let scope = |base: Option<&str>, baseline: Option<&str>| Scope {
            dir: "prisma/migrations".into(),
            migrations: 12,
            checked: 2,
            base: base.map(str::to_string),
            merge_base: base.map(|_| "0123456789abcdef0123".to_string()),
            baseline: baseline.map(str::to_string),
            ..Scope::default()
        };
        let line = |scopes: Vec<Scope>| summary_line(&Report { scopes, ..report(vec![], 1) });
        assert_eq!(
            line(vec![scope(Some("origin/main"), None)]),
            "no findings in 1 file (1 statement); 2 of 12 migrations checked: new since origin/main (merge-base 0123456789ab)"
        );
        assert!(line(vec![scope(Some("origin/main"), Some("20250101000000_x"))])
            .ends_with("new since origin/main (merge-base 0123456789ab) and after the baseline 20250101000000_x"));
        assert!(line(vec![scope(None, Some("20250101000000_x"))])
            .ends_with("; 2 of 12 migrations checked: after the baseline 20250101000000_x (no base branch compared)"));
        assert!(line(vec![scope(None, None)]).ends_with(
            "; no base: every migration (12) checked; run `migration-lint init` or pass --base to check only new ones"
        ));
        let skipped = Scope { skipped_base: Some("origin/main is not available".into()), ..scope(None, None) };
        assert!(line(vec![skipped]).contains("; no base (origin/main is not available): every migration (12) checked"));
        let all = Scope { all: true, ..scope(Some("origin/main"), None) };
        assert!(line(vec![all.clone()]).ends_with(
            "; every migration (12) checked (--all), history against origin/main (merge-base 0123456789ab)"
        ));
        let other = Scope { dir: "apps/b/migrations".into(), ..scope(None, None) };
        assert!(line(vec![all, other]).contains("; prisma/migrations: every migration (12) checked (--all), history against origin/main (merge-base 0123456789ab); apps/b/migrations: no base"));
        assert_eq!(line(vec![]), "no findings in 1 file (1 statement)");
    }

    #[test]
    fn a_clean_report_is_one_summary_line() {
        let mut clean = report(vec![], 3);
        clean.summary.files = 2;
        clean.summary.scanned = 1;
        assert_eq!(text(&clean, &RenderOptions::default()), "no findings in 2 files (3 statements, 1 only scanned)\n");
    }

    #[test]
    fn json_is_the_report_pretty_printed_in_field_order() {
        let found = finding(&DROP_COLUMN, "DROP TABLE a;", "DROP TABLE a", "drops table `a`");
        let out = json(&report(vec![found], 1)).unwrap();
        assert_eq!(
            out,
            r#"{
  "findings": [
    {
      "rule": "drop-column",
      "category": "destructive",
      "severity": "high",
      "file": "20240101000000_cleanup/migration.sql",
      "line": 1,
      "column": 1,
      "endLine": 1,
      "endColumn": 13,
      "start": 0,
      "end": 12,
      "startUtf16": 0,
      "endUtf16": 12,
      "message": "drops table `a`",
      "why": "The column's data is gone.",
      "help": "Stop using it first.",
      "excerpt": "DROP TABLE a"
    }
  ],
  "summary": {
    "files": 1,
    "statements": 1,
    "parsed": 1,
    "scanned": 0,
    "high": 1,
    "medium": 0,
    "low": 0,
    "approved": 0
  }
}
"#
        );
        let back: Report = serde_json::from_str(&out).unwrap();
        assert_eq!(back, report(back.findings.clone(), 1));
    }

    #[test]
    fn formats_parse_by_name_and_unknown_ones_are_errors() {
        assert_eq!(Format::parse("json"), Ok(Format::Json));
        assert_eq!(Format::parse("text"), Ok(Format::Text));
        let error = Format::parse("xml").unwrap_err();
        assert_eq!(Format::parse("sarif"), Ok(Format::Sarif));
        assert_eq!(
            error.to_string(),
            "unknown format `xml`: expected one of text, compact, json, github, markdown, sarif"
        );
        for format in Format::ALL {
            assert_eq!(Format::parse(format.name()), Ok(*format));
        }
    }

    #[test]
    fn explain_lists_every_part_of_the_rule() {
        assert_eq!(
            explain(&DROP_COLUMN, false),
            "drop-column: Drops a column.\n\
             category destructive, default severity high\n\
             \n\
             Why it is risky:\nThe column's data is gone.\n\
             \n\
             What to do instead:\nStop using it first.\n\
             \n\
             Fires on:\n    ALTER TABLE \"User\" DROP COLUMN \"email\";\n\
             \n\
             Does not fire on:\n    ALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;\n"
        );
    }
}
