//! The WebAssembly boundary: each export converts its arguments, calls the core, converts back.
//! Nothing else belongs here.
//!
//! **One calling convention.** Every argument crosses as UTF-8 bytes: JSON, or for a document
//! (the SQL of `checkSql`, the text of a config file) the document's own text. Every export returns
//! JSON text, which js/api.mjs parses with `JSON.parse`, and reports a bad argument by throwing an
//! `Error` with a message. Bytes rather than JS values or strings because it is the fastest way in:
//! for a folder of 10,000 migrations, stringifying and parsing took 5 + 27 ms where walking the JS
//! object with serde-wasm-bindgen took 70-100 ms, and wasm-bindgen copies a string in a JS loop,
//! char by char (41 ms of a 300 ms cold corpus run, before V8 optimises the loop), where a
//! `Uint8Array` takes one native copy. JSON text out because building the objects from Rust costs
//! a boundary crossing per field. `deny_unknown_fields` holds on every input.
//!
//! **Panics.** The core returns errors as values; should it panic anyway, the hook installed by
//! every export keeps the message and location, the module traps (`RuntimeError: unreachable`), and
//! js/api.mjs reads the message with `takePanic`, re-instantiates the module (a trapped instance
//! keeps a half-unwound stack and std's panic count, so a second panic would lose its message) and
//! throws an `Error` carrying it.
//!
//! **Large texts apart.** A migration's SQL of 64 KiB or more does not go inside the input's JSON:
//! js/api.mjs hands it in first with `keepText` (its bytes, copied into the module once and owned
//! as they are) and the JSON names it `{"$text": id}`; `context::texts` has the figures. Every
//! export that reads a folder's input drops the texts left when it returns.
//!
//! The TypeScript types of everything that crosses the boundary are declared once, in
//! `src/types.d.ts` (checked against the serde output by `tests/types.rs`), and land in
//! `pkg/migration_lint.d.ts`.

use std::sync::{Mutex, Once};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::config::{values_of, Config, FailOn, NamingConfig};
use crate::context::input::{HistoryInput, NameInput};
use crate::context::texts;
use crate::engine::folder::{self as project, MigrationsInput};
use crate::engine::verify;
use crate::render::{self, Format, RenderOptions};
use crate::Report;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

type Out = Result<String, JsError>;

/// The message and location of the last panic, kept by the hook for `takePanic`.
static PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Installs the panic hook, once; every export calls it first. The hook it replaces (a test
/// harness's, say) still runs.
fn hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Ok(mut last) = PANIC.lock() {
                *last = Some(info.to_string());
            }
            previous(info);
        }))
    });
}

/// The result as JSON text.
fn reply<T: Serialize + ?Sized>(value: &T) -> Out {
    serde_json::to_string(value).map_err(|error| JsError::new(&error.to_string()))
}

/// A JSON argument; `what` names it in the error, e.g. "invalid report: missing field `summary`".
fn read<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, JsError> {
    serde_json::from_slice(bytes).map_err(|error| JsError::new(&format!("invalid {what}: {error}")))
}

/// A document argument: its text, which must be UTF-8.
fn text<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str, JsError> {
    std::str::from_utf8(bytes).map_err(|error| JsError::new(&format!("invalid {what}: not UTF-8 ({error})")))
}

/// Drops the texts kept for an input when the export that read it returns, however it returns.
struct Texts;

impl Drop for Texts {
    fn drop(&mut self) {
        texts::clear();
    }
}

/// Keep a large text (UTF-8 bytes) for the next input that names it `{"$text": id}`; its id.
#[wasm_bindgen(js_name = keepText)]
pub fn keep_text(text: Vec<u8>) -> Result<u32, JsError> {
    hook();
    let text =
        String::from_utf8(text).map_err(|error| fail(format!("invalid text: not UTF-8 ({})", error.utf8_error())))?;
    u32::try_from(texts::keep(text)).map_err(fail)
}

fn fail(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SqlOptions {
    file: String,
}

/// Check one migration's SQL (`sql`: its UTF-8 text); `options`: `{"file": name}`, how findings
/// name it. Returns a `Report`.
#[wasm_bindgen(js_name = checkSql)]
pub fn check_sql(sql: &[u8], options: &[u8]) -> Out {
    hook();
    let sql = text(sql, "sql")?;
    let options: SqlOptions = read(options, "checkSql options")?;
    reply(&crate::check_sql(sql, &options.file))
}

/// Every check of a migrations folder handed in as plain data: SQL, naming, order and history.
/// `input`: a `MigrationsInput`. Returns a `Report`.
#[wasm_bindgen(js_name = checkMigrations)]
pub fn check_migrations(input: &[u8]) -> Out {
    hook();
    let _texts = Texts;
    reply(&project::check_migrations(&read::<MigrationsInput>(input, "migrations input")?))
}

/// The SQL checks of a migrations folder handed in as plain data (`check-destructive`).
/// `input`: a `MigrationsInput`. Returns a `Report`.
#[wasm_bindgen(js_name = checkDestructive)]
pub fn check_destructive(input: &[u8]) -> Out {
    hook();
    let _texts = Texts;
    reply(&project::check_destructive(&read::<MigrationsInput>(input, "migrations input")?))
}

/// The order and history checks over names, texts and the base branch's lists.
/// `input`: a `HistoryInput`. Returns a `Report`.
#[wasm_bindgen(js_name = verifyOrder)]
pub fn verify_order(input: &[u8]) -> Out {
    hook();
    let _texts = Texts;
    reply(&crate::verify_order(&read::<HistoryInput>(input, "history input")?))
}

/// `status`: a migrations folder against its deployed database's `_prisma_migrations`, which the
/// JS side read. `input`: a `StatusInput` (`folder`: a `MigrationsInput`; `deployed`: the database's
/// name and rows). Returns a `Report`.
#[wasm_bindgen(js_name = migrationStatus)]
pub fn migration_status(input: &[u8]) -> Out {
    hook();
    let _texts = Texts;
    reply(&crate::migration_status(&read::<crate::StatusInput>(input, "status input")?))
}

/// The naming checks of one migration folder name. `input`: a `NameInput`; `naming`: the config's
/// `naming` options, or `null` for the defaults. Returns a `Report`.
#[wasm_bindgen(js_name = validateName)]
pub fn validate_name(input: &[u8], naming: &[u8]) -> Out {
    hook();
    let input: NameInput = read(input, "name input")?;
    let naming: Option<NamingConfig> = read(naming, "naming options")?;
    reply(&crate::check_name(&input, &naming.unwrap_or_default().options()))
}

/// Validate a configuration (`text`: the text of `migration-lint.config.json`); the error names the
/// bad key and suggests the closest valid one. Returns the `Config`.
#[wasm_bindgen(js_name = parseConfig)]
pub fn parse_config(config: &[u8]) -> Out {
    hook();
    reply(&Config::from_json(text(config, "config")?).map_err(fail)?)
}

/// Every rule's metadata (`RuleMeta[]`), in the order the docs list them.
#[wasm_bindgen]
pub fn rules() -> Out {
    hook();
    reply(&crate::RULES.iter().map(|rule| &rule.meta).collect::<Vec<_>>())
}

/// The names of the output formats `render` accepts (`Format[]`).
#[wasm_bindgen]
pub fn formats() -> Out {
    hook();
    reply(&Format::ALL.iter().map(|format| format.name()).collect::<Vec<_>>())
}

/// The names of the formats `replaySchema` prints in (`SchemaFormat[]`).
#[wasm_bindgen(js_name = schemaFormats)]
pub fn schema_formats() -> Out {
    hook();
    reply(&render::SchemaFormat::ALL.iter().map(|format| format.name()).collect::<Vec<_>>())
}

/// The thresholds `failsAt` and the config's `failOn` accept (`FailOn[]`), strictest last.
#[wasm_bindgen]
pub fn thresholds() -> Out {
    hook();
    reply(&values_of::<FailOn>())
}

/// A report in one of the `formats()`: text, JSON, GitHub annotations, a Markdown comment or SARIF.
/// `report`: a `Report`; `format`: a JSON string; `options`: `RenderOptions`. Returns the output as
/// a JSON string.
#[wasm_bindgen]
pub fn render(report: &[u8], format: &[u8], options: &[u8]) -> Out {
    hook();
    let _texts = Texts;
    let report: Report = read(report, "report")?;
    let format: String = read(format, "format")?;
    let options: RenderOptions = read(options, "render options")?;
    reply(&render::render(&report, Format::parse(&format)?, &options)?)
}

/// The CLI's run over one or more folders: checks, merged report, rendered output and the exit
/// decision in one call. `request`: a `RunRequest`. Returns a `RunOutcome`.
#[wasm_bindgen(js_name = runFolders)]
pub fn run_folders(request: &[u8]) -> Out {
    hook();
    let _texts = Texts;
    let request: project::RunRequest = read(request, "run request")?;
    reply(&project::run_request(request).map_err(fail)?)
}

/// `verify`'s plan: the migrations to send to PostgreSQL, in order, and the extensions to load.
#[wasm_bindgen(js_name = verifyPlan)]
pub fn verify_plan(input: &[u8]) -> Out {
    hook();
    let _texts = Texts;
    reply(&verify::plan(&read::<HistoryInput>(input, "history input")?))
}

/// A migration's statements, in JS string indices, for re-running a failed file one at a time.
#[wasm_bindgen(js_name = engineStatements)]
pub fn engine_statements(sql: &[u8]) -> Out {
    hook();
    reply(&verify::statements(text(sql, "sql")?))
}

/// The findings and summary from what PostgreSQL answered for each migration.
#[wasm_bindgen(js_name = verifyReport)]
pub fn verify_report(input: &[u8]) -> Out {
    hook();
    let _texts = Texts;
    reply(&verify::verify(&read::<verify::VerifyInput>(input, "verify input")?))
}

/// `verify` or `check --verify` over folders, merged and rendered in one call.
#[wasm_bindgen(js_name = runVerified)]
pub fn run_verified(request: &[u8]) -> Out {
    hook();
    let _texts = Texts;
    let request: verify::VerifyRun = read(request, "verify run")?;
    reply(&verify::run_verified(request).map_err(fail)?)
}

/// Several reports (of several migrations folders) as one: findings in order, counts added.
/// `reports`: a `Report[]`. Returns a `Report`.
#[wasm_bindgen(js_name = mergeReports)]
pub fn merge_reports(reports: &[u8]) -> Out {
    hook();
    let reports: Vec<Report> = read(reports, "reports")?;
    let mut merged = Report::default();
    for report in reports {
        merged.merge(report);
    }
    // The reports came from JS: count from their findings rather than trust their summaries.
    merged.tally();
    reply(&merged)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExplainRequest {
    /// `None`: the list of every rule.
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    color: bool,
}

/// A rule's metadata as text, for `--explain RULE`; without an id, every rule in one table (id,
/// category, default severity, summary). `request`: `{"id"?, "color"?}`. Returns a JSON string.
#[wasm_bindgen]
pub fn explain(request: &[u8]) -> Out {
    hook();
    let request: ExplainRequest = read(request, "explain request")?;
    let Some(id) = &request.id else { return reply(&render::rule_list(request.color)) };
    let rule = crate::rules::find(id).ok_or_else(|| {
        fail(format!(
            "unknown rule `{id}`{}",
            crate::text::did_you_mean(id, crate::RULES.iter().map(|rule| rule.meta.id))
        ))
    })?;
    reply(&render::explain(&rule.meta, request.color))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SuggestRequest {
    word: String,
    candidates: Vec<String>,
}

/// The candidate closest to `word` within a few edits (the CLI's "did you mean"), or `null`.
/// `request`: `{"word", "candidates"}`.
#[wasm_bindgen]
pub fn suggest(request: &[u8]) -> Out {
    hook();
    let request: SuggestRequest = read(request, "suggest request")?;
    reply(&crate::text::closest(&request.word, request.candidates.iter().map(String::as_str)))
}

/// Whether the report has an unapproved finding at or above `failOn` (a JSON string, one of
/// `thresholds()`). Returns `true` or `false`.
#[wasm_bindgen(js_name = failsAt)]
pub fn fails_at(report: &[u8], fail_on: &[u8]) -> Out {
    hook();
    let report: Report = read(report, "report")?;
    let fail_on: String = read(fail_on, "threshold")?;
    reply(&report.fails(project::parse_fail_on(&fail_on).map_err(fail)?))
}

/// The catalog a migrations folder's history builds, replayed in Prisma's order (`schema`).
/// `input`: a `HistoryInput`; `format`: `"json"` (a `SchemaOutput`) or `"text"` (a JSON string).
#[wasm_bindgen(js_name = replaySchema)]
pub fn replay_schema(input: &[u8], format: &[u8]) -> Out {
    hook();
    let _texts = Texts;
    let input: HistoryInput = read(input, "history input")?;
    let format: String = read(format, "format")?;
    let format = render::SchemaFormat::parse(&format).map_err(fail)?;
    let output = crate::replay_schema(&input);
    match format {
        render::SchemaFormat::Json => reply(&output),
        render::SchemaFormat::Text => reply(&render::schema_text(&output)),
    }
}

/// The message and location of the panic that trapped the module, once (then `null`). Returns a JSON
/// string or `null`.
#[wasm_bindgen(js_name = takePanic)]
pub fn take_panic() -> Out {
    let last = PANIC.lock().map(|mut last| last.take()).unwrap_or_default();
    reply(&last)
}

/// Test-only (built with `--features panic-for-test` into target/, never into pkg/): panics with
/// `message`, to prove that JS gets the message as an `Error` and that the module works afterwards.
#[cfg(feature = "panic-for-test")]
#[wasm_bindgen(js_name = panicForTest)]
pub fn panic_for_test(message: &[u8]) -> Out {
    hook();
    let message: String = read(message, "message")?;
    panic!("{message}")
}
