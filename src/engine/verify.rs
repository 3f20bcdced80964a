//! `migration-lint verify`: a history applied to a real PostgreSQL, and what the server answered
//! turned into findings.
//!
//! The JS side owns the server (PGlite, PostgreSQL compiled to WASM, in Node or the page): it asks
//! for the [`plan`] (Prisma's order, the extensions the history creates), sends each
//! `migration.sql` as one simple query as `prisma migrate deploy` does, and, when PostgreSQL gives
//! no error position, re-runs the failed file one [`Piece`](crate::syntax::analysis::Piece) at a time in a transaction it rolls
//! back, to learn which statement failed. It hands back one [`Outcome`] per migration; everything
//! else happens here: where the failure is, whether it is a knock-on effect of an earlier failure,
//! whether it is in deployed history (a note, not a finding), what to do about it, and the approvals
//! and levels of the config.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::config::{Config, FailOn};
use crate::context::input::HistoryInput;
use crate::context::prisma::prisma_order;
use crate::engine::approvals::{self, Approvable};
use crate::engine::folder::{self, Checks, MigrationsInput, RunOutcome};
use crate::finding::{Finding, Report, Verification};
use crate::render::{self, Format, RenderOptions};
use crate::rule::Draft;
use crate::rules::{approval_unused, migration_fails};
use crate::source::{LineIndex, Span};
use crate::syntax::actions::{Ident, Object};
use crate::syntax::analysis::{analyze, pieces, Analysis};
use crate::syntax::lexer::tokenize;

/// What the engine needs before it starts: the migrations to send, in Prisma's order (folders
/// without `migration.sql` are left out, as the checks report them), and the extensions the
/// history creates, so only those are loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub migrations: Vec<String>,
    pub extensions: Vec<String>,
}

pub fn plan(input: &HistoryInput) -> Plan {
    let mut plan = Plan::default();
    for index in prisma_order(input.migrations.iter().map(|m| m.name.as_str())) {
        let migration = &input.migrations[index];
        let Some(sql) = migration.sql.as_deref() else { continue };
        plan.migrations.push(migration.name.clone());
        for extension in created_extensions(sql) {
            if !plan.extensions.contains(&extension) {
                plan.extensions.push(extension);
            }
        }
    }
    plan
}

/// The names of `CREATE EXTENSION [IF NOT EXISTS] name` statements, as PostgreSQL folds them.
pub fn created_extensions(sql: &str) -> Vec<String> {
    if !sql.as_bytes().windows(9).any(|w| w.eq_ignore_ascii_case(b"extension")) {
        return Vec::new();
    }
    let code: Vec<_> = tokenize(sql).into_iter().filter(|t| !t.is_comment()).collect();
    let mut names = Vec::new();
    for (i, pair) in code.windows(2).enumerate() {
        let starts = i == 0 || code[i - 1].is_punct(';');
        if !(starts && pair[0].is(sql, "CREATE") && pair[1].is(sql, "EXTENSION")) {
            continue;
        }
        let mut rest = code[i + 2..].iter();
        let mut name = rest.next();
        if name.is_some_and(|t| t.is(sql, "IF")) {
            name = rest.nth(2); // IF NOT EXISTS name
        }
        if let Some(token) = name {
            names.extend(token.ident(sql).map(|name| name.stored().into_owned()));
        }
    }
    names
}

/// A statement of a migration as the engine re-runs it: offsets in UTF-16 code units (JS string
/// indices), and whether it is transaction control, which the re-run skips.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EngineStatement {
    pub start: usize,
    pub end: usize,
    pub control: bool,
}

/// [`pieces`] of `sql` in JS string indices.
pub fn statements(sql: &str) -> Vec<EngineStatement> {
    let index = LineIndex::new(sql);
    pieces(sql)
        .into_iter()
        .map(|p| EngineStatement {
            start: index.utf16_offset(p.span.start),
            end: index.utf16_offset(p.span.end),
            control: p.control,
        })
        .collect()
}

/// What the server answered for one migration.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Outcome {
    pub name: String,
    /// `None`: the migration applied.
    #[serde(default)]
    pub error: Option<EngineError>,
}

/// PostgreSQL's error, as its protocol gives it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EngineError {
    /// The SQLSTATE (`42P01`); `None` when the engine failed without one.
    #[serde(default)]
    pub sqlstate: Option<String>,
    pub message: String,
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default)]
    pub hint: Option<String>,
    /// The error position: a 1-based index, in characters, into the migration's text. PostgreSQL
    /// gives one for errors found while analysing a statement (an unknown column in a query).
    #[serde(default)]
    pub position: Option<usize>,
    /// Which of [`statements`] failed when re-run alone, where PostgreSQL gave no position.
    #[serde(default)]
    pub statement: Option<usize>,
}

/// One migrations folder and the server's answers for it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VerifyInput {
    pub folder: MigrationsInput,
    pub outcomes: Vec<Outcome>,
    /// `PostgreSQL 18.6 (PGlite 0.5.14)`.
    pub engine: String,
}

/// A statement the server refused, in the shape of the schema model's failures (`--schema`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EngineFailure {
    pub migration: String,
    pub line: u32,
    pub sqlstate: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verified {
    pub report: Report,
    pub failures: Vec<EngineFailure>,
}

/// A migration that did not apply, as later failures may be its consequence.
struct Unapplied {
    name: String,
    /// Lowercased names of what it creates or changes (tables, columns, types, indexes,
    /// extensions): what a later statement may miss because it did not apply.
    names: HashSet<String>,
    /// The extension the engine lacks, when that is why it (or what it depends on) did not apply.
    extension: Option<String>,
}

/// The findings and the verification summary for one folder's outcomes.
pub fn verify(input: &VerifyInput) -> Verified {
    let history = &input.folder.history;
    let in_scope = history.in_scope();
    let by_name: HashMap<&str, usize> =
        history.migrations.iter().enumerate().map(|(i, m)| (m.name.as_str(), i)).collect();
    let engine = input.engine.as_str();
    let mut verification = Verification { engine: engine.to_string(), ..Verification::default() };
    let mut report = Report::default();
    let mut failures = Vec::new();
    let mut unapplied: Vec<Unapplied> = Vec::new();
    // The failed migrations' analyses, for the approvals.
    let mut analyses: BTreeMap<usize, Analysis> = BTreeMap::new();
    for outcome in &input.outcomes {
        let Some(&index) = by_name.get(outcome.name.as_str()) else {
            verification.notes.push(format!("`{}` was applied but is not in the folder", outcome.name));
            continue;
        };
        let migration = &history.migrations[index];
        let sql = migration.sql.as_deref().unwrap_or("");
        verification.migrations += 1;
        report.summary.files += 1;
        let Some(error) = &outcome.error else {
            verification.applied += 1;
            report.summary.statements += pieces(sql).len();
            continue;
        };
        // The analysis splits the file as `pieces` does (the statement the engine names indexes both).
        let analysis = analyze(sql);
        report.summary.statements += analysis.statements.len();
        let lines = LineIndex::new(sql);
        let place = locate(sql, &analysis, error);
        let line = lines.position(place.map_or(0, |(_, at)| at)).line;
        let sqlstate = error.sqlstate.clone().unwrap_or_default();
        failures.push(EngineFailure {
            migration: migration.name.clone(),
            line,
            sqlstate: sqlstate.clone(),
            message: error.message.clone(),
        });
        let missed = missed_names(&analysis, place.map(|(statement, _)| statement), &error.message);
        let cause = unapplied.iter().rev().find(|earlier| !earlier.names.is_disjoint(&missed));
        let said = format!("{} (SQLSTATE {sqlstate}, line {line})", error.message);
        let mut this = Unapplied { name: migration.name.clone(), names: made_names(sql, &analysis), extension: None };
        if let Some(extension) = missing_extension(&sqlstate, &error.message) {
            verification.not_verified += 1;
            verification.notes.push(format!(
                "`{}` needs extension `{extension}`, which {engine} does not ship: not verified \
                 (a server that has the extension may apply it)",
                migration.name
            ));
            this.extension = Some(extension);
        } else if let Some((cause, extension)) =
            cause.and_then(|cause| cause.extension.as_ref().map(|extension| (cause, extension)))
        {
            verification.not_verified += 1;
            verification.notes.push(format!(
                "`{}` not verified: it fails with {said}, most likely because `{}` could not be applied \
                 without extension `{extension}`",
                migration.name, cause.name
            ));
            this.extension = Some(extension.clone());
        } else if !in_scope[index] {
            verification.failed += 1;
            verification.notes.push(format!(
                "`{}` is deployed on the base branch but fails on a fresh {engine}: {said}. The databases \
                 it was deployed to were changed outside the migrations, or the history no longer applies \
                 from scratch",
                migration.name
            ));
        } else {
            verification.failed += 1;
            let draft = finding(engine, error, &sqlstate, place, cause.map(|cause| cause.name.as_str()));
            report.findings.push(draft.locate(&folder::script_file(&migration.name), &lines));
            analyses.insert(index, analysis);
        }
        unapplied.push(this);
    }
    let default = Config::default();
    let config = input.folder.config.as_ref().unwrap_or(&default);
    approve(history, config, &mut analyses, &mut report.findings);
    for finding in &mut report.findings {
        finding.file = history.path(&finding.file);
    }
    report.verification = Some(verification);
    report.scopes = vec![folder::scope_of(history, &in_scope)];
    report.sort();
    report.tally();
    config.apply_levels(&mut report);
    Verified { report, failures }
}

/// The failing statement's span and the offset of the error in it: the position PostgreSQL gave,
/// else the start of the statement the re-run found.
fn locate(sql: &str, analysis: &Analysis, error: &EngineError) -> Option<(Span, usize)> {
    let statements = &analysis.statements;
    if let Some(position) = error.position.filter(|&p| p > 0) {
        let at = sql.char_indices().nth(position - 1).map_or(sql.len(), |(offset, _)| offset);
        let statement = statements.iter().rev().find(|s| s.span.start <= at).map_or(Span::new(at, at), |s| s.span);
        return Some((statement, at));
    }
    let statement = statements.get(error.statement?)?.span;
    Some((statement, statement.start))
}

/// The finding: at the error position (else the failing statement), PostgreSQL's own words, and
/// what to do about this SQLSTATE.
fn finding(
    engine: &str,
    error: &EngineError,
    sqlstate: &str,
    place: Option<(Span, usize)>,
    cause: Option<&str>,
) -> Draft {
    let span = match place {
        Some((statement, at)) => Span::new(at, statement.end.max(at)),
        None => Span::default(),
    };
    let mut message = format!("fails on {engine}: {} (SQLSTATE {sqlstate})", error.message);
    if place.is_none() {
        message.push_str("; PostgreSQL did not say which statement");
    }
    if let Some(cause) = cause {
        message.push_str(&format!("; may be a knock-on effect of `{cause}`, which failed before it"));
    }
    let mut help = Vec::new();
    if let Some(detail) = error.detail.as_deref().filter(|d| !d.is_empty()) {
        help.push(format!("PostgreSQL: {detail}"));
    }
    if let Some(hint) = error.hint.as_deref().filter(|h| !h.is_empty()) {
        help.push(format!("Hint: {hint}"));
    }
    help.extend(advice(sqlstate).map(str::to_string));
    Draft { rule: &migration_fails::RULE.meta, span, message, help: (!help.is_empty()).then(|| help.join(" ")) }
}

/// What usually causes the SQLSTATEs migrations meet, and the fix.
fn advice(sqlstate: &str) -> Option<&'static str> {
    Some(match sqlstate {
        "25001" => {
            "Prisma sends a migration.sql as one transaction, and this statement cannot run in one: give it a \
             migration of its own, alone in its file."
        }
        "55P04" => {
            "A new enum value cannot be used in the transaction that adds it: add the value in one migration \
             and use it in a later one."
        }
        "42P01" | "42703" | "42704" | "42883" => {
            "Nothing before this statement creates what it names: check the name's spelling and case (quoted \
             names keep their case), and that the migration creating it sorts before this one."
        }
        "42P07" | "42701" | "42710" => {
            "It already exists when this statement runs: an earlier migration created it (use IF NOT EXISTS \
             only if both may run)."
        }
        "23502" | "23505" | "23503" | "23514" => {
            "The rows in the table break the new rule. On a fresh database this comes from rows the migrations \
             insert themselves; fix or backfill them first."
        }
        "42601" => "PostgreSQL cannot parse it: fix the syntax.",
        _ => return None,
    })
}

/// `extension "postgis" is not available`: the engine lacks it.
fn missing_extension(sqlstate: &str, message: &str) -> Option<String> {
    if sqlstate != "0A000" {
        return None;
    }
    let rest = message.strip_prefix("extension \"")?;
    let (name, tail) = rest.split_once('"')?;
    tail.starts_with(" is not available").then(|| name.to_string())
}

/// A name as PostgreSQL stores it, and so prints it in its messages.
fn key(name: &Ident) -> String {
    name.stored().into_owned()
}

fn object_names(object: &Object, names: &mut HashSet<String>) {
    match object {
        Object::Table(table) | Object::Type(table) | Object::Other(_, table) => {
            names.insert(key(&table.name));
        }
        Object::Column(table, column) => {
            names.insert(format!("{}.{}", key(&table.name), key(column)));
        }
        Object::Index(index) => {
            names.insert(key(index));
        }
    }
}

/// What a migration that did not apply leaves missing: the tables, columns (`table.column`),
/// types, indexes and extensions it creates (under their new names, for renames).
fn made_names(sql: &str, analysis: &Analysis) -> HashSet<String> {
    use crate::syntax::actions::ActionKind::*;
    let mut names = HashSet::new();
    for action in &analysis.actions {
        match &action.kind {
            CreateTable { table } => {
                names.insert(key(&table.name));
            }
            RenameTable { to, .. } | RenameType { to, .. } => {
                names.insert(key(to));
            }
            AddColumn { table, column, .. } => {
                names.insert(format!("{}.{}", key(&table.name), key(column)));
            }
            RenameColumn { table, to, .. } => {
                names.insert(format!("{}.{}", key(&table.name), key(to)));
            }
            CreateType { name } | AddEnumValue { name, .. } => {
                names.insert(key(&name.name));
            }
            CreateIndex { name: Some(index), .. } => {
                names.insert(key(index));
            }
            _ => {}
        }
    }
    names.extend(created_extensions(sql));
    names
}

/// What the failing statement may miss: the objects it names, and the names quoted in the error
/// (`relation "public.Document" does not exist`, `type "vector" does not exist`).
fn missed_names(analysis: &Analysis, statement: Option<Span>, message: &str) -> HashSet<String> {
    let mut names = HashSet::new();
    if let Some(statement) = statement {
        for action in analysis.actions.iter().filter(|a| a.statement == statement) {
            for object in action.kind.objects() {
                object_names(&object, &mut names);
            }
        }
    }
    for (i, quoted) in message.split('"').enumerate() {
        if i % 2 == 1 {
            // Messages print stored names, qualified ones with a dot: the last part.
            names.insert(quoted.rsplit('.').next().unwrap_or(quoted).to_string());
        }
    }
    names
}

/// The config's approvals and the SQL's approval comments of `migration-fails`. The other rules'
/// approvals are the checks' business (reported there, left alone here).
fn approve(
    history: &HistoryInput,
    config: &Config,
    analyses: &mut BTreeMap<usize, Analysis>,
    findings: &mut Vec<Finding>,
) {
    let id = migration_fails::RULE.meta.id;
    let ran = |rule: &str| rule == id;
    let in_scope = history.in_scope();
    let deployed = history.deployed();
    for (index, migration) in history.migrations.iter().enumerate() {
        let Some(sql) = migration.sql.as_deref() else { continue };
        let external: Vec<_> =
            config.approvals.iter().filter(|a| a.migration == migration.name && a.rule == id).collect();
        // Failed migrations' analyses are kept; others matter only when they approve something.
        let approves = !external.is_empty() || (sql.contains("migration-lint approve") && sql.contains(id));
        if !in_scope[index] || !(approves || analyses.contains_key(&index)) {
            continue;
        }
        let analysis = analyses.entry(index).or_insert_with(|| analyze(sql));
        let script_file = folder::script_file(&migration.name);
        let mut targets: Vec<&mut Finding> = findings.iter_mut().filter(|f| f.file == script_file).collect();
        let approvable = Approvable {
            folder: &migration.name,
            script_file: &script_file,
            script: Some((sql, analysis)),
            external: &external,
        };
        let problems = if approves { approvals::apply(&approvable, &mut targets, &ran) } else { Vec::new() };
        approvals::hint(&approvable, Some(&migration.name), deployed[index], &mut targets);
        // Malformed approvals are reported by the checks; only a `migration-fails` approval that
        // matched no failure (the only rule this run applies) is this run's to report.
        findings.extend(problems.into_iter().filter(|f| f.rule == approval_unused::RULE.meta.id));
    }
}

/// `verify` (or `check --verify`) over one or more folders, merged and rendered in one call, as
/// [`folder::run_request`] does for `check`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VerifyRun {
    pub folders: Vec<VerifyInput>,
    /// `verify`, or `check` / `check-destructive` to run those checks beside it.
    pub command: String,
    pub format: String,
    pub fail_on: String,
    #[serde(default)]
    pub color: bool,
}

pub fn run_verified(request: VerifyRun) -> Result<RunOutcome, String> {
    let format = Format::parse(&request.format).map_err(|error| error.to_string())?;
    let fail_on = FailOn::parse(&request.fail_on)?;
    let checks = match request.command.as_str() {
        "verify" => None,
        "check" => Some(Checks::All),
        "check-destructive" => Some(Checks::Sql),
        other => return Err(format!("unknown command `{other}`: expected verify, check or check-destructive")),
    };
    let mut report = Report::default();
    let mut sources = BTreeMap::new();
    for input in &request.folders {
        let mut verified = verify(input).report;
        if let Some(checks) = checks {
            // The checks count the files and statements; the verification adds its findings.
            verified.summary = Default::default();
            verified.scopes.clear();
            let mut checked = folder::run(&input.folder, checks);
            checked.merge(verified);
            checked.sort();
            checked.tally();
            verified = checked;
        }
        if format == Format::Text {
            folder::add_sources(&input.folder.history, &verified, &mut sources);
        }
        report.merge(verified);
    }
    let output = render::render(&report, format, &RenderOptions { color: request.color, sources, fail_on })
        .map_err(|error| error.to_string())?;
    Ok(RunOutcome { fails: report.fails(fail_on.threshold()), output })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::input::{Base, BaseMigration, Migration};

    fn history(migrations: &[(&str, &str)]) -> HistoryInput {
        HistoryInput {
            dir: Some("prisma/migrations".into()),
            migrations: migrations
                .iter()
                .map(|(name, sql)| Migration { name: name.to_string(), sql: Some(sql.to_string()), files: None })
                .collect(),
            ..HistoryInput::default()
        }
    }

    fn error(sqlstate: &str, message: &str) -> EngineError {
        EngineError {
            sqlstate: Some(sqlstate.into()),
            message: message.into(),
            detail: None,
            hint: None,
            position: None,
            statement: None,
        }
    }

    fn run(history: HistoryInput, outcomes: Vec<Outcome>) -> Verified {
        verify(&VerifyInput { folder: history.into(), outcomes, engine: "PostgreSQL 18.6 (PGlite 0.5.14)".into() })
    }

    fn ok(name: &str) -> Outcome {
        Outcome { name: name.into(), error: None }
    }

    fn failed(name: &str, error: EngineError) -> Outcome {
        Outcome { name: name.into(), error: Some(error) }
    }

    #[test]
    fn the_plan_is_prisma_s_order_and_the_extensions_the_history_creates() {
        let input = history(&[
            ("20240102000000_b", "-- CREATE EXTENSION hstore;\nCREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";"),
            ("20240101000000_a", "CREATE EXTENSION Vector; SELECT 'create extension x';"),
        ]);
        let plan = plan(&input);
        assert_eq!(plan.migrations, ["20240101000000_a", "20240102000000_b"]);
        assert_eq!(plan.extensions, ["vector", "uuid-ossp"]);
    }

    #[test]
    fn statements_are_in_js_string_indices() {
        let sql = "-- é\nBEGIN;\nCREATE TABLE \"Ü\" (a int);\nCOMMIT;";
        let found = statements(sql);
        let utf16: Vec<u16> = sql.encode_utf16().collect();
        let text = |s: &EngineStatement| String::from_utf16(&utf16[s.start..s.end]).unwrap();
        assert_eq!(found.iter().map(text).collect::<Vec<_>>(), ["BEGIN;", "CREATE TABLE \"Ü\" (a int);", "COMMIT;"]);
        assert_eq!(found.iter().map(|s| s.control).collect::<Vec<_>>(), [true, false, true]);
    }

    #[test]
    fn a_failure_is_a_finding_at_postgresql_s_position() {
        let sql = "CREATE TABLE \"é\" (a int);\nSELECT nope FROM \"é\";\n";
        // PostgreSQL counts characters: `nope` starts at the 35th.
        let position = sql[..sql.find("nope").unwrap()].chars().count() + 1;
        let verified = run(
            history(&[("20240101000000_init", sql)]),
            vec![failed(
                "20240101000000_init",
                EngineError { position: Some(position), ..error("42703", "column \"nope\" does not exist") },
            )],
        );
        let finding = &verified.report.findings[0];
        assert_eq!(finding.rule, "migration-fails");
        assert_eq!(finding.file, "prisma/migrations/20240101000000_init/migration.sql");
        assert_eq!((finding.line, finding.column), (2, 8));
        assert_eq!(finding.excerpt, "nope FROM \"é\";");
        assert_eq!(
            finding.message,
            "fails on PostgreSQL 18.6 (PGlite 0.5.14): column \"nope\" does not exist (SQLSTATE 42703)"
        );
        assert!(finding.help.starts_with("Nothing before this statement creates"), "{}", finding.help);
        assert_eq!(verified.failures[0].line, 2);
        let verification = verified.report.verification.as_ref().unwrap();
        assert_eq!((verification.migrations, verification.applied, verification.failed), (1, 0, 1));
        assert_eq!(verified.report.summary.high, 1);
    }

    #[test]
    fn without_a_position_the_re_run_statement_is_the_place_and_detail_and_hint_are_kept() {
        let sql = "CREATE TABLE a (x int);\nALTER TABLE b ADD COLUMN y int;\n";
        let e = EngineError {
            statement: Some(1),
            detail: Some("d.".into()),
            hint: Some("h.".into()),
            ..error("42P01", "relation \"b\" does not exist")
        };
        let verified = run(history(&[("20240101000000_init", sql)]), vec![failed("20240101000000_init", e)]);
        let finding = &verified.report.findings[0];
        assert_eq!((finding.line, finding.column, finding.excerpt.as_str()), (2, 1, "ALTER TABLE b ADD COLUMN y int;"));
        assert!(finding.help.starts_with("PostgreSQL: d. Hint: h. Nothing before"), "{}", finding.help);
        let unplaced =
            run(history(&[("20240101000000_init", sql)]), vec![failed("20240101000000_init", error("XX000", "boom"))]);
        assert!(unplaced.report.findings[0].message.ends_with("PostgreSQL did not say which statement"));
    }

    #[test]
    fn later_failures_naming_what_a_failed_migration_makes_are_marked_as_knock_on() {
        let input = history(&[
            ("20240101000000_a", "CREATE INDEX CONCURRENTLY i ON t (x); CREATE TABLE \"Post\" (id int);"),
            ("20240102000000_b", "ALTER TABLE \"Post\" ADD COLUMN \"title\" TEXT;"),
            ("20240103000000_c", "ALTER TABLE \"Other\" ADD COLUMN \"title\" TEXT;"),
        ]);
        let outcomes = vec![
            failed(
                "20240101000000_a",
                EngineError {
                    statement: Some(0),
                    ..error("25001", "CREATE INDEX CONCURRENTLY cannot run inside a transaction block")
                },
            ),
            failed(
                "20240102000000_b",
                EngineError { statement: Some(0), ..error("42P01", "relation \"Post\" does not exist") },
            ),
            failed(
                "20240103000000_c",
                EngineError { statement: Some(0), ..error("42P01", "relation \"Other\" does not exist") },
            ),
        ];
        let messages: Vec<String> = run(input, outcomes).report.findings.into_iter().map(|f| f.message).collect();
        assert!(!messages[0].contains("knock-on"));
        assert!(
            messages[1].ends_with("may be a knock-on effect of `20240101000000_a`, which failed before it"),
            "{}",
            messages[1]
        );
        assert!(!messages[2].contains("knock-on"), "{}", messages[2]);
    }

    #[test]
    fn a_missing_extension_and_what_depends_on_it_are_not_verified_notes() {
        let input = history(&[
            ("20240101000000_a", "CREATE EXTENSION postgis;\nCREATE TABLE \"Place\" (g geometry);"),
            ("20240102000000_b", "CREATE INDEX \"Place_g_idx\" ON \"Place\" USING gist (g);"),
            ("20240103000000_c", "CREATE TABLE \"Other\" (id int);"),
        ]);
        let outcomes = vec![
            failed("20240101000000_a", error("0A000", "extension \"postgis\" is not available")),
            failed(
                "20240102000000_b",
                EngineError { statement: Some(0), ..error("42P01", "relation \"Place\" does not exist") },
            ),
            ok("20240103000000_c"),
        ];
        let report = run(input, outcomes).report;
        assert!(report.findings.is_empty());
        let verification = report.verification.unwrap();
        assert_eq!((verification.applied, verification.failed, verification.not_verified), (1, 0, 2));
        assert!(
            verification.notes[0].starts_with("`20240101000000_a` needs extension `postgis`"),
            "{:?}",
            verification.notes
        );
        assert!(verification.notes[1]
            .contains("most likely because `20240101000000_a` could not be applied without extension `postgis`"));
    }

    #[test]
    fn a_deployed_failure_is_a_note_and_approvals_and_levels_apply() {
        let mut input = history(&[
            ("20240101000000_a", "ALTER TABLE \"Gone\" ADD COLUMN x int;"),
            ("20240102000000_b", "-- migration-lint approve migration-fails: created by the platform\nALTER TABLE auth.users ADD COLUMN y int;"),
        ]);
        input.base = Some(Base {
            commit: None,
            reference: Some("origin/main".into()),
            merge_base: vec![BaseMigration { name: "20240101000000_a".into(), checksum: None, sql: None }],
            base_head: None,
        });
        let outcomes = vec![
            failed(
                "20240101000000_a",
                EngineError { statement: Some(0), ..error("42P01", "relation \"Gone\" does not exist") },
            ),
            failed(
                "20240102000000_b",
                EngineError { statement: Some(0), ..error("3F000", "schema \"auth\" does not exist") },
            ),
        ];
        let report = run(input.clone(), outcomes.clone()).report;
        assert_eq!(report.findings.len(), 1);
        assert_eq!(report.findings[0].approved.as_ref().unwrap().reason, "created by the platform");
        let verification = report.verification.as_ref().unwrap();
        assert!(verification.notes[0].starts_with("`20240101000000_a` is deployed on the base branch but fails"));
        assert!(!report.fails(Some(crate::Severity::Low)));

        let config = Config::from_json(r#"{"rules": {"migration-fails": "medium"}}"#).unwrap();
        input.migrations[1].sql = Some("ALTER TABLE auth.users ADD COLUMN y int;".into());
        let levelled = verify(&VerifyInput {
            folder: MigrationsInput { history: input, config: Some(config) },
            outcomes,
            engine: "PG".into(),
        });
        assert_eq!(levelled.report.findings[0].severity, crate::Severity::Medium);
    }

    #[test]
    fn every_format_shows_what_the_engine_said() {
        let input = history(&[("20240101000000_a", "CREATE EXTENSION postgis;"), ("20240102000000_b", "SELECT 1;")]);
        let report = run(
            input.clone(),
            vec![
                failed("20240101000000_a", error("0A000", "extension \"postgis\" is not available")),
                ok("20240102000000_b"),
            ],
        )
        .report;
        let show =
            |format: &str| render::render(&report, Format::parse(format).unwrap(), &RenderOptions::default()).unwrap();
        let text = show("text");
        assert!(text.starts_with("note: `20240101000000_a` needs extension `postgis`"), "{text}");
        assert!(
            text.ends_with("verified on PostgreSQL 18.6 (PGlite 0.5.14): 1 of 2 migrations applied, 1 not verified\n"),
            "{text}"
        );
        assert!(show("markdown").contains("❌ verified on PostgreSQL 18.6 (PGlite 0.5.14): 1 of 2 migrations applied"));
        assert!(
            show("markdown").contains("> **Note:** `20240101000000_a` needs extension `postgis`"),
            "{}",
            show("markdown")
        );
        assert!(show("github").starts_with("::notice title=verify::`20240101000000_a` needs extension"));
        let sarif: serde_json::Value = serde_json::from_str(&show("sarif")).unwrap();
        let notes = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
        assert!(notes[0]["message"]["text"].as_str().unwrap().starts_with("no base: every migration (2) checked"));
        assert_eq!(notes[2]["message"]["text"], report.verification.as_ref().unwrap().notes[0]);
        let json: Report = serde_json::from_str(&show("json")).unwrap();
        assert_eq!(json, report);

        let clean = run(input, vec![ok("20240101000000_a"), ok("20240102000000_b")]).report;
        let text = render::render(&clean, Format::Text, &RenderOptions::default()).unwrap();
        assert_eq!(
            text,
            "no findings in 2 files (2 statements); no base: every migration (2) checked; run `migration-lint init` \
             or pass --base to check only new ones\napplies on PostgreSQL 18.6 (PGlite 0.5.14): all 2 migrations, in \
             Prisma's order, from an empty database\n"
        );
        assert!(render::render(&clean, Format::Markdown, &RenderOptions::default()).unwrap().contains("🐘 applies on"));
    }

    #[test]
    fn an_approval_comment_that_matches_no_failure_is_reported() {
        let sql = "-- migration-lint approve migration-fails: platform schema\nCREATE TABLE a (x int);";
        let report = run(history(&[("20240101000000_a", sql)]), vec![ok("20240101000000_a")]).report;
        assert_eq!(report.findings.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["approval-unused"]);
    }

    #[test]
    fn check_verify_is_the_checks_and_the_failures_in_one_report() {
        let input = history(&[("20240101000000_drop_user_table", "DROP TABLE \"User\";")]);
        let outcomes = vec![failed(
            "20240101000000_drop_user_table",
            EngineError { statement: Some(0), ..error("42P01", "table \"User\" does not exist") },
        )];
        let request = |command: &str| VerifyRun {
            folders: vec![VerifyInput {
                folder: input.clone().into(),
                outcomes: outcomes.clone(),
                engine: "PG".into(),
            }],
            command: command.into(),
            format: "json".into(),
            fail_on: "high".into(),
            color: false,
        };
        let both: Report = serde_json::from_str(&run_verified(request("check")).unwrap().output).unwrap();
        let rules: Vec<&str> = both.findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["drop-table", "migration-fails", "naming-lock-file"]);
        assert_eq!((both.summary.files, both.summary.high), (1, 2));
        let alone: Report = serde_json::from_str(&run_verified(request("verify")).unwrap().output).unwrap();
        assert_eq!(alone.findings.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["migration-fails"]);
        assert!(run_verified(request("lint")).is_err());
    }
}
