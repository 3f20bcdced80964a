//! The SQL pass: every action rule over every action of a migration's SQL, and every script rule
//! over the whole of it, then the migration's approvals. `check_sql` is this pass alone.

use crate::config::ExternalApproval;
use crate::context::script::Script;
use crate::engine::approvals::{self, Approvable};
use crate::finding::{Finding, Report, Severity, Summary};
use crate::rule::{Check, Draft, Hit};
use crate::rules::RULES;
use crate::source::LineIndex;
use crate::syntax::analysis::{analyze_with, Reader, Reading};

/// Check one migration's SQL: `file` is how findings name it.
pub fn check(sql: &str, file: &str) -> Report {
    check_with(sql, file, &[])
}

/// [`check`], with approvals kept outside the SQL for this migration.
pub fn check_with(sql: &str, file: &str, external: &[ExternalApproval]) -> Report {
    check_read(sql, file, external, Reader::Parser)
}

/// [`check_with`], reading the statements with `reader`: the rules' cases run through both
/// readers, which proves that the token scanner (the fallback for statements the parser cannot
/// read) finds what the parser finds.
pub fn check_read(sql: &str, file: &str, external: &[ExternalApproval], reader: Reader) -> Report {
    let analysis = analyze_with(sql, reader);
    let script = Script::new(sql, &analysis);
    let mut findings = script_findings(&script, file);
    let external: Vec<&ExternalApproval> = external.iter().collect();
    let migration = Approvable { folder: file, script_file: file, script: Some((sql, &analysis)), external: &external };
    let mut targets: Vec<&mut Finding> = findings.iter_mut().collect();
    let problems = match !external.is_empty() || approvals::has_written(&analysis, sql) {
        true => approvals::apply(&migration, &mut targets, &|id| reads_sql(id)),
        false => Vec::new(),
    };
    approvals::hint(&migration, None, false, &mut targets);
    findings.extend(problems);
    let mut report = Report { findings, summary: counts(&script), ..Report::default() };
    report.sort();
    report.tally();
    report
}

/// Whether rule `id` is applied by the SQL pass.
pub fn reads_sql(id: &str) -> bool {
    crate::rules::find(id).is_some_and(|rule| rule.reads_sql())
}

/// The findings of every action and script rule on `script`, before approvals, named `file`.
pub fn script_findings(script: &Script, file: &str) -> Vec<Finding> {
    let mut drafts: Vec<(Draft, Option<Severity>)> = Vec::new();
    for rule in RULES {
        match rule.check {
            Check::Action(check) => {
                for action in &script.analysis.actions {
                    if let Some(Hit { message, help, severity }) = check(action, script) {
                        drafts.push((Draft { rule: &rule.meta, span: action.span, message, help }, severity));
                    }
                }
            }
            Check::Script(check) => drafts.extend(check(script).into_iter().map(|draft| (draft, None))),
            _ => {}
        }
    }
    if drafts.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(script.sql);
    drafts
        .into_iter()
        .map(|(draft, severity)| {
            let mut finding = draft.locate(file, &index);
            finding.severity = severity.unwrap_or(finding.severity);
            finding
        })
        .collect()
}

/// The statement counts of one checked script.
pub fn counts(script: &Script) -> Summary {
    let statements = &script.analysis.statements;
    let parsed = statements.iter().filter(|s| s.reading == Reading::Parsed).count();
    Summary { files: 1, statements: statements.len(), parsed, scanned: statements.len() - parsed, ..Summary::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules_and_lines(sql: &str) -> Vec<(String, u32)> {
        check(sql, "m.sql").findings.into_iter().map(|f: Finding| (f.rule, f.line)).collect()
    }

    #[test]
    fn crlf_and_bom_keep_lines_right() {
        let sql = "\u{feff}-- x\r\nCREATE TABLE a (x INT);\r\n\r\nALTER TABLE a\r\n  DROP COLUMN x;\r\n";
        let report = check(sql, "m.sql");
        assert_eq!(report.findings.len(), 1);
        assert_eq!((report.findings[0].line, report.findings[0].column), (5, 3));
        assert_eq!(report.findings[0].excerpt, "DROP COLUMN x");
    }

    #[test]
    fn an_unreadable_statement_is_scanned_and_reported_where_the_parser_stopped() {
        let sql = "CREATE TABLE a (x INT);\nDROP TABLE a FROBNICATE;\n";
        let report = check(sql, "m.sql");
        let rules: Vec<(&str, u32)> = report.findings.iter().map(|f| (f.rule.as_str(), f.line)).collect();
        assert_eq!(rules, vec![("drop-table", 2), ("parse-error", 2)]);
        let parse = &report.findings[1];
        assert_eq!(parse.column, 14, "points at the token the parser could not read");
        assert!(parse.message.contains("1 action found by the scan"), "{}", parse.message);
        assert_eq!((report.summary.parsed, report.summary.scanned), (1, 1));
    }

    #[test]
    fn do_blocks_count_and_function_bodies_do_not() {
        let sql = "DO $$ BEGIN\n  DROP TABLE old_sessions;\nEND $$;\n\
                   CREATE FUNCTION f() RETURNS void AS $$ DELETE FROM logs $$ LANGUAGE sql;\n";
        assert_eq!(rules_and_lines(sql), vec![("do-block".to_string(), 1), ("drop-table".to_string(), 2)]);
    }

    #[test]
    fn unterminated_string_is_reported_once_at_its_opening() {
        let sql = "UPDATE t SET a = 'x WHERE id = 1;\nDROP TABLE t;";
        let report = check(sql, "m.sql");
        let unterminated: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == "unterminated").collect();
        assert_eq!(unterminated.len(), 1);
        assert_eq!((unterminated[0].line, unterminated[0].column), (1, 18));
        assert!(report.findings.iter().all(|f| f.rule != "drop-table"), "the DROP is inside the open string");
    }

    #[test]
    fn quoted_schema_qualified_names_are_unquoted_in_messages() {
        let report = check(r#"DROP TABLE "public"."Weird ""Name""";"#, "m.sql");
        assert_eq!(report.findings[0].message, "drops table `public.Weird \"Name\"` and all its rows");
    }

    #[test]
    fn empty_and_comment_only_input() {
        for sql in ["", "   \n", "-- nothing\n/* at all */", ";;;"] {
            let report = check(sql, "m.sql");
            assert!(report.findings.is_empty(), "{sql:?}");
            assert_eq!(report.summary.statements, 0, "{sql:?}");
        }
    }
}
