//! What must hold of the core's output whatever the input, in one place: the property tests
//! (`tests/properties.rs`), the robustness tests, the fuzz regression cases
//! (`tests/fuzz_regressions.rs`) and the coverage-guided fuzz targets (`fuzz/fuzz_targets/`, which
//! include this file by path) all assert these. Each function panics with what broke.
#![allow(dead_code)]

use migration_lint::source::LineIndex;
use migration_lint::syntax::analysis::pieces;
use migration_lint::syntax::lexer::tokenize;
use migration_lint::{check_migrations, check_sql, Config, Finding, HistoryInput, Migration, MigrationsInput, Report};

/// Tokens: in order, not overlapping, inside the text on char boundaries, and what lies between
/// two tokens is whitespace (a byte-order mark at the very start included): the lexer loses no text.
pub fn tokens_sound(text: &str) {
    let tokens = tokenize(text);
    let mut previous = 0;
    for token in &tokens {
        let span = token.span;
        assert!(previous <= span.start && span.start < span.end && span.end <= text.len(), "{text:?}: {token:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{text:?}: {token:?}");
        let gap = &text[previous..span.start];
        let gap = if previous == 0 { gap.strip_prefix('\u{feff}').unwrap_or(gap) } else { gap };
        assert!(gap.bytes().all(|b| b" \t\n\r\x0c".contains(&b)), "{text:?}: text lost before {token:?}: {gap:?}");
        if let Some(body) = token.dollar_body() {
            assert!(span.start < body.start && body.start <= body.end && body.end <= span.end, "{text:?}: {token:?}");
        }
        previous = span.end;
    }
    let rest = &text[previous..];
    let rest = if previous == 0 { rest.strip_prefix('\u{feff}').unwrap_or(rest) } else { rest };
    assert!(rest.bytes().all(|b| b" \t\n\r\x0c".contains(&b)), "{text:?}: text lost at the end: {rest:?}");
}

/// Statements: in order, not overlapping, and every token that is not a comment lies in exactly
/// one, so statements and what separates them (whitespace, comments, lone `;`) give back the text.
pub fn split_lossless(text: &str) {
    let pieces = pieces(text);
    let mut previous = 0;
    for piece in &pieces {
        assert!(previous <= piece.span.start && piece.span.start < piece.span.end, "{text:?}: {piece:?}");
        assert!(piece.span.end <= text.len() && text.is_char_boundary(piece.span.start), "{text:?}: {piece:?}");
        assert!(text.is_char_boundary(piece.span.end), "{text:?}: {piece:?}");
        previous = piece.span.end;
    }
    for token in tokenize(text).iter().filter(|t| !t.is_comment()) {
        // The statements are in order and apart (asserted above): the one that can hold the token is
        // the last that starts at or before it.
        let last_before = pieces.partition_point(|p| p.span.start <= token.span.start).checked_sub(1);
        let holders = last_before.map_or(0, |i| usize::from(token.span.end <= pieces[i].span.end));
        let lone_semicolon = token.is_punct(';') && holders == 0;
        assert!(holders == 1 || lone_semicolon, "{text:?}: {token:?} is in {holders} statements");
    }
}

/// One finding about `text`: its offsets inside the text on char boundaries, and its line and
/// column those of its start.
pub fn finding_sound(text: &str, finding: &Finding) {
    assert!(finding.start <= finding.end && finding.end <= text.len(), "{text:?}: {finding:?}");
    assert!(text.is_char_boundary(finding.start) && text.is_char_boundary(finding.end), "{text:?}: {finding:?}");
    let position = LineIndex::new(text).position(finding.start);
    assert_eq!((finding.line, finding.column), (position.line, position.column), "{text:?}: {finding:?}");
    assert!(finding.start_utf16 <= finding.end_utf16, "{text:?}: {finding:?}");
}

/// A report of `check_sql` on `text`: every finding sound, and every statement that was not
/// parsed (read from its tokens, or a `DO` block) has its finding.
pub fn report_sound(text: &str, report: &Report) {
    for finding in &report.findings {
        finding_sound(text, finding);
    }
    let unparsed = report.findings.iter().filter(|f| f.rule == "parse-error" || f.rule == "do-block").count();
    assert_eq!(
        unparsed, report.summary.scanned,
        "{text:?}: {} statements unparsed, {unparsed} reported",
        report.summary.scanned
    );
    assert_eq!(report.summary.parsed + report.summary.scanned, report.summary.statements, "{text:?}");
}

/// Everything above for one SQL text, and the same report when it is checked again.
pub fn sql(text: &str) -> Report {
    tokens_sound(text);
    split_lossless(text);
    let report = check_sql(text, "m.sql");
    report_sound(text, &report);
    assert_eq!(report, check_sql(text, "m.sql"), "{text:?}: a second check gave another report");
    report
}

/// A folder's report: each finding on a migration's SQL is sound against that SQL, and checking
/// again gives the same report.
pub fn folder(input: &MigrationsInput) -> Report {
    let report = check_migrations(input);
    for finding in &report.findings {
        let sql = input.history.migrations.iter().find_map(|m| {
            let file = input.history.sql_file(&m.name);
            (file == finding.file).then_some(m.sql.as_deref()).flatten()
        });
        if let Some(sql) = sql {
            finding_sound(sql, finding);
        }
    }
    assert_eq!(report, check_migrations(input), "a second check of the folder gave another report");
    report
}

/// A migrations folder as the folder fuzz target takes it (structured input, `arbitrary`):
/// migrations with any name and SQL (or none: a folder without `migration.sql`), any lock file,
/// and a config given as JSON text (used when it is a valid config).
#[derive(Debug, arbitrary::Arbitrary)]
pub struct FolderCase {
    pub migrations: Vec<(String, Option<String>)>,
    pub lock: Option<String>,
    pub config: Option<String>,
    pub now: Option<i64>,
}

impl FolderCase {
    pub fn input(&self) -> MigrationsInput {
        // A folder's entries have distinct names without `/` or NUL (names that could not be are
        // left out, the first of each name kept): findings name their file by the migration's name.
        let mut seen = std::collections::HashSet::new();
        let migrations = self
            .migrations
            .iter()
            .filter(|(name, _)| !name.contains(['/', '\0']) && seen.insert(name.clone()))
            .map(|(name, sql)| Migration { name: name.clone(), sql: sql.clone(), files: None })
            .collect();
        let history = HistoryInput {
            dir: Some("prisma/migrations".into()),
            migrations,
            lock: self.lock.clone(),
            now: self.now,
            ..HistoryInput::default()
        };
        let config = self.config.as_deref().and_then(|text| Config::from_json(text).ok());
        MigrationsInput { history, config }
    }
}
