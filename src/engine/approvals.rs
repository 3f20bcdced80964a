//! Approvals: a reviewed, explicit way to accept a finding, matched in one place for every rule.
//!
//! In the SQL, a comment on the statement's line or just above it:
//! `-- migration-lint approve drop-column: unused since 2025-11, backed up in s3://...`
//! (several rules may be listed, comma-separated). Outside the SQL (for migrations already
//! deployed, where a new comment would change Prisma's checksum): config entries keyed by
//! migration, rule and, optionally, a line: in the SQL, any line of the approved statement; in a
//! folder name, line 1.
//!
//! An approved finding stays in every report, marked approved with its reason, and no longer fails
//! the run. An approval without a reason, for an unknown rule, or matching nothing is itself a
//! finding; an approval of a rule the run did not apply (`check-destructive` runs no naming rule)
//! is left alone.

use crate::config::ExternalApproval;
use crate::finding::{approve_comment, Approval, ApproveVia, Category, Finding, HowToApprove};
use crate::rule::Draft;
use crate::rules::{self, approval_unknown_rule, approval_unused, approval_without_reason};
use crate::source::{LineIndex, Span};
use crate::syntax::analysis::Analysis;
use crate::syntax::lexer::{tokens_from, Kind, Token};
use crate::text::closest;

const MARKER: &str = crate::finding::APPROVE_MARKER;

/// One migration as the matcher sees it: where its findings are, its SQL, and its approvals.
pub struct Approvable<'a> {
    /// How findings name the folder (naming findings) and its `migration.sql`.
    pub folder: &'a str,
    pub script_file: &'a str,
    /// The SQL and how it was read; `None` when the folder has no `migration.sql` (or it was not read).
    pub script: Option<(&'a str, &'a Analysis)>,
    /// The config's approvals for this migration.
    pub external: &'a [&'a ExternalApproval],
}

/// Mark the findings of one migration that its approvals cover, and return the findings about
/// approvals that are malformed or match nothing. `findings` may hold findings of other files:
/// only those naming `folder` or `script_file` are matched. `ran(id)` says whether the run applied
/// rule `id`: approvals of rules it did not apply are neither used nor reported unused.
pub fn apply(migration: &Approvable, findings: &mut [&mut Finding], ran: &dyn Fn(&str) -> bool) -> Vec<Finding> {
    let mut problems = Vec::new();
    let index = migration.script.map(|(sql, _)| LineIndex::new(sql));
    if let (Some((sql, analysis)), Some(index)) = (migration.script, &index) {
        for written in written_approvals(sql, analysis) {
            problems.extend(
                apply_written(migration, &written, findings, ran)
                    .into_iter()
                    .map(|d| d.locate(migration.script_file, index)),
            );
        }
    }
    for approval in migration.external {
        if !ran(&approval.rule) {
            continue;
        }
        let statement = match (approval.line, migration.script, &index) {
            (Some(line), Some((_, analysis)), Some(index)) => {
                analysis.statements.iter().find(|s| spans_line(index, s.span, line)).map(|s| s.span)
            }
            _ => None,
        };
        let mut used = false;
        for finding in findings.iter_mut() {
            let in_script = finding.file == migration.script_file;
            if finding.rule != approval.rule
                || finding.approved.is_some()
                || !(in_script || finding.file == migration.folder)
            {
                continue;
            }
            let covered = match (approval.line, statement) {
                (None, _) => true,
                (Some(_), Some(span)) if in_script => finding.start >= span.start && finding.start <= span.end,
                (Some(line), _) => finding.line == line,
            };
            if covered {
                finding.approved = Some(Approval { reason: approval.reason.clone(), source: "config".into() });
                used = true;
            }
        }
        if !used {
            problems.push(unused_external(migration, approval));
        }
    }
    problems
}

/// Say how to approve each unapproved finding of one migration: a comment above its statement
/// when the migration is new, an entry of the config's `approvals` when it is deployed history
/// (`deployed`: a comment would change the checksum Prisma keeps) or the finding is about the
/// folder rather than a statement. `name` is the migration folder's name, which a config entry
/// needs; without it (loose SQL) only comments are offered. Findings about approvals get none.
pub fn hint(migration: &Approvable, name: Option<&str>, deployed: bool, findings: &mut [&mut Finding]) {
    let index = migration.script.map(|(sql, _)| LineIndex::new(sql));
    for finding in findings.iter_mut() {
        if finding.approved.is_some() || finding.category == Category::Approval {
            continue;
        }
        let in_script = finding.file == migration.script_file;
        if !in_script && finding.file != migration.folder {
            continue;
        }
        // The first line of the statement the finding is in: a comment there covers all of it.
        let statement_line = match (migration.script, &index) {
            (Some((_, analysis)), Some(index)) if in_script => analysis
                .statements
                .iter()
                .find(|s| s.span.start <= finding.start && finding.start <= s.span.end)
                .map(|s| index.position(s.span.start).line),
            _ => None,
        };
        finding.approve = match (statement_line, name) {
            (Some(line), _) if !deployed => Some(HowToApprove {
                via: ApproveVia::Comment,
                line: Some(line),
                text: approve_comment(&[&finding.rule]),
            }),
            (line, Some(name)) => Some(HowToApprove {
                via: ApproveVia::Config,
                line: None,
                text: config_entry(name, &finding.rule, line),
            }),
            (_, None) => None,
        };
    }
}

/// A config `approvals` entry as JSON, on one line.
fn config_entry(migration: &str, rule: &str, line: Option<u32>) -> String {
    let quote = |text: &str| serde_json::to_string(text).unwrap_or_default();
    let line = line.map_or(String::new(), |line| format!(", \"line\": {line}"));
    format!("{{\"migration\": {}, \"rule\": {}{line}, \"reason\": \"<reason>\"}}", quote(migration), quote(rule))
}

/// Apply one approval comment; the drafts of its problems (spans in the SQL).
fn apply_written(
    migration: &Approvable,
    written: &Written,
    findings: &mut [&mut Finding],
    ran: &dyn Fn(&str) -> bool,
) -> Vec<Draft> {
    if written.rules.is_empty() {
        return vec![Draft {
            rule: &approval_unknown_rule::RULE.meta,
            span: written.span,
            message: "approval names no rule".to_string(),
            help: Some(
                "Write the rule id after `approve`, e.g. `-- migration-lint approve drop-column: <reason>`.".into(),
            ),
        }];
    }
    if written.reason.is_empty() {
        let ids: Vec<&str> = written.rules.iter().map(|(id, _)| id.as_str()).collect();
        return vec![Draft {
            rule: &approval_without_reason::RULE.meta,
            span: written.span,
            message: format!("approval of `{}` gives no reason", ids.join("`, `")),
            help: None,
        }];
    }
    let mut problems = Vec::new();
    for (id, span) in &written.rules {
        if rules::find(id).is_none() {
            problems.push(Draft {
                rule: &approval_unknown_rule::RULE.meta,
                span: *span,
                message: format!("approval names unknown rule `{id}`"),
                help: closest(id, rules::RULES.iter().map(|r| r.meta.id)).map(|near| format!("Did you mean `{near}`?")),
            });
            continue;
        }
        if !ran(id) {
            continue;
        }
        let mut used = false;
        for finding in findings.iter_mut() {
            if finding.file == migration.script_file
                && finding.rule == *id
                && finding.approved.is_none()
                && finding.start >= written.covers.start
                && finding.start <= written.covers.end
            {
                finding.approved = Some(Approval { reason: written.reason.clone(), source: "comment".into() });
                used = true;
            }
        }
        if !used {
            problems.push(Draft {
                rule: &approval_unused::RULE.meta,
                span: *span,
                message: format!("approval of `{id}` matches no finding of that rule here"),
                help: None,
            });
        }
    }
    problems
}

/// The finding for a configured approval that matched nothing: on the migration's SQL for the
/// rules that read SQL, on the folder for the others.
fn unused_external(migration: &Approvable, approval: &ExternalApproval) -> Finding {
    let reads_sql = rules::find(&approval.rule).is_some_and(|rule| rule.reads_sql());
    let (file, text) = match migration.script {
        Some((sql, _)) if reads_sql => (migration.script_file, sql),
        _ => (migration.folder, ""),
    };
    let at = approval.line.map_or(String::new(), |line| format!(" at line {line}"));
    let draft = Draft {
        rule: &approval_unused::RULE.meta,
        span: Span::default(),
        message: format!(
            "configured approval of `{}`{at} matches no finding of that rule in this migration",
            approval.rule
        ),
        help: None,
    };
    draft.locate(file, &LineIndex::new(text))
}

/// Whether the SQL holds an approval comment at all (most migrations hold none).
pub fn has_written(analysis: &Analysis, sql: &str) -> bool {
    analysis.comments.iter().any(|t| parse_comment(sql, t).is_some())
}

/// One approval comment, read from the SQL.
struct Written {
    rules: Vec<(String, Span)>,
    reason: String,
    /// The whole comment.
    span: Span,
    /// Which findings it covers: those starting inside this byte range.
    covers: Span,
}

/// Read `-- migration-lint approve rule[, rule]: reason` from a comment's text.
fn parse_comment(sql: &str, token: &Token) -> Option<(Vec<(String, Span)>, String)> {
    let text = token.text(sql);
    let inner_start = 2; // after `--` or `/*`
    let inner = match token.kind {
        Kind::LineComment => &text[inner_start..],
        Kind::BlockComment => text[inner_start..].strip_suffix("*/").unwrap_or(&text[inner_start..]),
        _ => return None,
    };
    let trimmed = inner.trim_start();
    if !trimmed.get(..MARKER.len())?.eq_ignore_ascii_case(MARKER) {
        return None;
    }
    let list_start = token.span.start + inner_start + (inner.len() - trimmed.len()) + MARKER.len();
    let after = &trimmed[MARKER.len()..];
    let (list, reason) = match after.split_once(':') {
        Some((list, reason)) => (list, reason.trim().to_string()),
        None => (after, String::new()),
    };
    let mut rules = Vec::new();
    let mut offset = list_start;
    for part in list.split(',') {
        let id = part.trim();
        if !id.is_empty() {
            let start = offset + (part.len() - part.trim_start().len());
            rules.push((id.to_string(), Span::new(start, start + id.len())));
        }
        offset += part.len() + 1;
    }
    Some((rules, reason))
}

/// Which findings a comment covers. A comment after code on its line covers findings starting on
/// that line; a comment on its own line covers the statement it stands above (every finding in it)
/// or, inside a statement, the clause on the next line.
fn coverage(sql: &str, analysis: &Analysis, comment: &Token) -> Span {
    let line_start = sql[..comment.span.start].rfind('\n').map_or(0, |i| i + 1);
    let trailing = !sql[line_start..comment.span.start].trim().is_empty();
    let next_code = tokens_from(sql, comment.span.end).find(|t| !t.is_comment());
    let line_end = |from: usize| sql[from..].find('\n').map_or(sql.len(), |i| from + i);
    if trailing {
        return Span::new(line_start, line_end(comment.span.start));
    }
    let Some(next) = &next_code else { return Span::new(comment.span.end, comment.span.end) };
    match analysis.statements.iter().find(|s| s.span.start == next.span.start) {
        Some(statement) => statement.span,
        None => {
            let next_line_start = sql[..next.span.start].rfind('\n').map_or(0, |i| i + 1);
            Span::new(next_line_start, line_end(next.span.start))
        }
    }
}

fn written_approvals(sql: &str, analysis: &Analysis) -> Vec<Written> {
    analysis
        .comments
        .iter()
        .filter_map(|token| {
            let (rules, reason) = parse_comment(sql, token)?;
            Some(Written { rules, reason, span: token.span, covers: coverage(sql, analysis, token) })
        })
        .collect()
}

fn spans_line(index: &LineIndex, span: Span, line: u32) -> bool {
    index.position(span.start).line <= line && line <= index.position(span.end).line
}

#[cfg(test)]
mod tests {
    use crate::config::ExternalApproval;
    use crate::engine::lint::check_with;
    use crate::finding::Finding;

    fn check(sql: &str) -> Vec<Finding> {
        check_with(sql, "m.sql", &[]).findings
    }

    fn summary(findings: &[Finding]) -> Vec<(String, u32, bool)> {
        findings.iter().map(|f| (f.rule.clone(), f.line, f.approved.is_some())).collect()
    }

    fn row(rule: &str, line: u32, approved: bool) -> (String, u32, bool) {
        (rule.to_string(), line, approved)
    }

    #[test]
    fn a_comment_above_a_statement_approves_its_findings_with_the_reason() {
        let found = check(
            "-- migration-lint approve drop-column: unused since 2025-11, backed up\n\
             ALTER TABLE \"User\" DROP COLUMN \"a\",\nDROP COLUMN \"b\";\nDROP TABLE x;",
        );
        assert_eq!(
            summary(&found),
            vec![row("drop-column", 2, true), row("drop-column", 3, true), row("drop-table", 4, false)]
        );
        let approval = found[0].approved.as_ref().unwrap();
        assert_eq!(approval.reason, "unused since 2025-11, backed up");
        assert_eq!(approval.source, "comment");
    }

    #[test]
    fn a_trailing_comment_approves_only_its_own_line() {
        let found =
            check("ALTER TABLE t DROP COLUMN a, /* migration-lint approve drop-column: moved to u */\nDROP COLUMN b;");
        assert_eq!(summary(&found), vec![row("drop-column", 1, true), row("drop-column", 2, false)]);
    }

    #[test]
    fn a_comment_inside_a_statement_approves_the_next_clause() {
        let found =
            check("ALTER TABLE t\n  -- migration-lint approve drop-column: ok\n  DROP COLUMN a,\n  DROP COLUMN b;");
        assert_eq!(summary(&found), vec![row("drop-column", 3, true), row("drop-column", 4, false)]);
    }

    #[test]
    fn several_rules_in_one_comment() {
        let found = check("-- migration-lint approve drop-index, drop-table: legacy\nDROP INDEX i;\nDROP TABLE t;");
        assert_eq!(
            summary(&found),
            vec![row("approval-unused", 1, false), row("drop-index", 2, true), row("drop-table", 3, false)]
        );
        let found = check("-- migration-lint approve drop-index, drop-table: legacy\nDROP TABLE t;");
        // drop-index matched nothing here.
        assert_eq!(summary(&found), vec![row("approval-unused", 1, false), row("drop-table", 2, true)]);
    }

    #[test]
    fn approval_without_reason_does_not_approve() {
        let found = check("-- migration-lint approve drop-table\nDROP TABLE t;");
        assert_eq!(summary(&found), vec![row("approval-without-reason", 1, false), row("drop-table", 2, false)]);
        let found = check("-- migration-lint approve drop-table:   \nDROP TABLE t;");
        assert_eq!(found[0].rule, "approval-without-reason");
    }

    #[test]
    fn unknown_rule_suggests_the_closest_id() {
        let found = check("-- migration-lint approve drop-tabel: old\nDROP TABLE t;");
        assert_eq!(found[0].rule, "approval-unknown-rule");
        assert_eq!(found[0].message, "approval names unknown rule `drop-tabel`");
        assert!(found[0].help.starts_with("Did you mean `drop-table`?"), "{}", found[0].help);
        assert_eq!(found[0].excerpt, "drop-tabel");
        assert!(found[1].approved.is_none());
    }

    #[test]
    fn stale_approval_is_reported() {
        let found = check("-- migration-lint approve drop-table: old\nCREATE TABLE t (id int);");
        assert_eq!(summary(&found), vec![row("approval-unused", 1, false)]);
    }

    #[test]
    fn words_in_other_comments_are_not_approvals() {
        let found = check("-- we did not approve this: see migration-lint docs\nDROP TABLE t;");
        assert_eq!(summary(&found), vec![row("drop-table", 2, false)]);
    }

    #[test]
    fn external_approvals_by_line_or_for_the_whole_migration() {
        let sql = "DROP TABLE a;\nALTER TABLE b\n  DROP COLUMN c;\nDROP TABLE d;";
        let external = |rule: &str, line: Option<u32>| ExternalApproval {
            migration: "m".into(),
            rule: rule.into(),
            line,
            reason: "reviewed".into(),
        };
        let found =
            check_with(sql, "m.sql", &[external("drop-column", Some(2)), external("drop-table", None)]).findings;
        assert!(found.iter().all(|f| f.approved.as_ref().is_some_and(|a| a.source == "config")), "{found:#?}");
        let found = check_with(sql, "m.sql", &[external("drop-table", Some(3))]).findings;
        assert_eq!(
            summary(&found),
            vec![
                row("approval-unused", 1, false),
                row("drop-table", 1, false),
                row("drop-column", 3, false),
                row("drop-table", 4, false)
            ]
        );
    }
}
