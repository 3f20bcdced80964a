//! GitHub Actions workflow commands: one line per finding, which the runner turns into an
//! annotation on the pull request's diff (and in the run's summary).
//!
//! Severity to command: `high` is `::error`, `medium` is `::warning`, `low` is `::notice`, the
//! way GitHub shows them (red, yellow, blue). An approved finding is a `::notice` whatever its
//! severity, titled "approved" and giving the reason: it no longer fails the run, but the reviewer
//! still sees on the diff what was approved and why.
//!
//! Escaping is the runner's own (`escapeData` and `escapeProperty` in actions/toolkit's
//! `command.ts`): `%`, `\r` and `\n` become `%25`, `%0D` and `%0A` in the message, and in property
//! values also `:` and `,` become `%3A` and `%2C`. So nothing from the SQL (a quoted identifier
//! holding a newline and `::set-output`, say) can end the command early or start another one.
//!
//! The runner shows at most 10 annotations of each kind per step; the last line, the summary, is
//! plain log output.

use std::fmt::Write as _;

use crate::finding::{Finding, Report, Severity};

/// The annotations; an unapproved finding at or above `threshold` says how to approve it.
pub fn github(report: &Report, threshold: Option<Severity>) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let _ = writeln!(out, "{}", command(finding, threshold));
    }
    if let Some(verification) = &report.verification {
        for note in &verification.notes {
            let _ = writeln!(out, "::notice title=verify::{}", escape_data(note));
        }
    }
    out.push_str(&super::summary_line(report));
    out.push('\n');
    if let Some(verification) = &report.verification {
        out.push_str(&super::verification_line(verification));
        out.push('\n');
    }
    for state in &report.deployed {
        out.push_str(&super::deployed_line(state));
        out.push('\n');
    }
    out
}

/// `::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`
fn command(finding: &Finding, threshold: Option<Severity>) -> String {
    let name = match (&finding.approved, finding.severity) {
        (Some(_), _) | (None, Severity::Low) => "notice",
        (None, Severity::Medium) => "warning",
        (None, Severity::High) => "error",
    };
    let mut properties: Vec<(&str, String)> = Vec::new();
    if !finding.file.is_empty() {
        properties.push(("file", finding.file.clone()));
    }
    // Line 0: a finding about a whole folder or file, with no position to point at.
    if finding.line > 0 {
        let end_line = finding.end_line.max(finding.line);
        properties.push(("line", finding.line.to_string()));
        properties.push(("col", finding.column.to_string()));
        properties.push(("endLine", end_line.to_string()));
        properties.push(("endColumn", finding.end_column.to_string()));
    }
    let title = match &finding.approved {
        Some(_) => format!("{} ({}, approved)", finding.rule, finding.severity.as_str()),
        None => format!("{} ({})", finding.rule, finding.severity.as_str()),
    };
    properties.push(("title", title));

    let mut message = finding.message.clone();
    match &finding.approved {
        Some(approval) => {
            let _ = write!(message, "\nApproved ({}): {}", approval.source, approval.reason);
        }
        None => {
            let _ = write!(message, "\nWhy: {}\nHelp: {}", finding.why, finding.help);
        }
    }
    if let Some(how) = super::to_approve(finding, threshold) {
        let _ = write!(message, "\nTo approve, {}", super::approve_text(finding, how));
    }

    let properties: Vec<String> =
        properties.iter().map(|(key, value)| format!("{key}={}", escape_property(value))).collect();
    format!("::{name} {}::{}", properties.join(","), escape_data(&message))
}

/// A workflow command's message.
pub fn escape_data(text: &str) -> String {
    escape(text, false)
}

/// A workflow command's property value.
pub fn escape_property(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, property: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Approval;

    fn findings(sql: &str) -> Report {
        crate::check_sql(sql, "prisma/migrations/20250101000000_drop_user_email/migration.sql")
    }

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(escape_data("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
        // `%` first: an already-escaped sequence in the input stays literal.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("a:b,c%d\ne\rf"), "a%3Ab%2Cc%25d%0Ae%0Df");
        assert_eq!(escape_property("prisma/migrations/x y/migration.sql"), "prisma/migrations/x y/migration.sql");
    }

    #[test]
    fn severity_picks_the_command_and_positions_are_properties() {
        let report = findings(
            "ALTER TABLE \"User\" DROP COLUMN \"email\";\nALTER TABLE \"User\" RENAME COLUMN \"a\" TO \"b\";\n",
        );
        let out = github(&report, Some(Severity::High));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "{out}");
        assert!(
            lines[0].starts_with(
                "::error file=prisma/migrations/20250101000000_drop_user_email/migration.sql,\
                 line=1,col=20,endLine=1,endColumn=39,title=drop-column (high)::\
                 drops column `email` of table `User`%0AWhy: "
            ),
            "{out}"
        );
        assert!(lines[1].starts_with("::warning file="), "{out}");
        assert_eq!(lines[2], "2 findings: 1 high, 1 medium, 0 low in 1 file (2 statements)");
    }

    #[test]
    fn approved_findings_are_notices_with_their_reason() {
        let report = findings("-- migration-lint approve drop-column: unused since 2025-11, 100% backed up\nALTER TABLE \"User\" DROP COLUMN \"email\";\n");
        let out = github(&report, Some(Severity::High));
        assert!(
            out.starts_with("::notice file=prisma/migrations/20250101000000_drop_user_email/migration.sql,line=2,col=20,endLine=2,endColumn=39,title=drop-column (high%2C approved)::drops column `email` of table `User`%0AApproved (comment): unused since 2025-11, 100%25 backed up\n"),
            "{out}"
        );
        assert!(out.ends_with("1 finding: 0 high, 0 medium, 0 low, 1 approved in 1 file (1 statement)\n"), "{out}");
    }

    #[test]
    fn names_from_the_sql_cannot_start_a_command() {
        let report = findings("ALTER TABLE \"User\" DROP COLUMN \"x\n::error::injected\";\n");
        let out = github(&report, Some(Severity::High));
        // One command line and the summary: the newline in the name is escaped, not a line break.
        assert_eq!(out.lines().count(), 2, "{out}");
        assert!(out.contains("drops column `x%0A::error::injected` of table `User`"), "{out}");
        assert!(!out.lines().any(|line| line.starts_with("::error::")), "{out}");
    }

    #[test]
    fn a_finding_without_a_position_names_only_its_file() {
        let mut report = findings("DROP TABLE a;");
        let finding = &mut report.findings[0];
        (finding.line, finding.column, finding.end_line, finding.end_column) = (0, 0, 0, 0);
        finding.file = "prisma/migrations/a,b:c".into();
        finding.approved = Some(Approval { reason: "ok".into(), source: "config".into() });
        let out = github(&report, Some(Severity::High));
        assert!(out.starts_with("::notice file=prisma/migrations/a%2Cb%3Ac,title=drop-table (high%2C approved)::drops table `a` and all its rows%0AApproved (config): ok\n"), "{out}");
    }

    #[test]
    fn a_clean_report_is_the_summary_alone() {
        assert_eq!(github(&findings("SELECT 1;"), Some(Severity::High)), "no findings in 1 file (1 statement)\n");
    }
}
