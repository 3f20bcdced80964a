//! The WebAssembly boundary: each export converts its arguments, calls the core, converts back.
//! Nothing else belongs here.
//!
//! The TypeScript types of everything that crosses the boundary are declared once, in
//! `src/types.d.ts` (checked against the serde output by `tests/types.rs`), and land in
//! `pkg/migration_lint.d.ts`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::config::{Config, NamingConfig};
use crate::context::input::{HistoryInput, NameInput};
use crate::engine::folder::{self as project, MigrationsInput};
use crate::render::{self, Format, RenderOptions};
use crate::Report;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Plain JS objects and arrays, `null` for `None`, numbers for integers.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| JsError::new(&error.to_string()))
}

/// A report as JSON text, which js/api.mjs parses with `JSON.parse`: one native call, where building
/// the objects from Rust costs a boundary crossing per field (a corpus-sized report: see
/// `from_json_bytes`).
fn report_json(report: &Report) -> Result<String, JsError> {
    serde_json::to_string(report).map_err(|error| JsError::new(&error.to_string()))
}

/// `what` names the argument in the error, e.g. "invalid report: missing field `summary`".
///
/// Goes through `serde_json::Value`: serde-wasm-bindgen reads a struct by looking up each declared
/// field, so it never sees an unknown key and `deny_unknown_fields` would be silently ignored.
fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    let invalid = |error: &dyn std::fmt::Display| JsError::new(&format!("invalid {what}: {error}"));
    let value: serde_json::Value = serde_wasm_bindgen::from_value(value).map_err(|error| invalid(&error))?;
    serde_json::from_value(value).map_err(|error| invalid(&error))
}

/// A large input handed over as UTF-8 JSON bytes (`TextEncoder` over `JSON.stringify` in
/// js/api.mjs): for a folder of 10,000 migrations, stringifying and parsing took 5 + 27 ms where
/// walking the JS object with `from_js` took 70-100 ms; bytes rather than a string because
/// wasm-bindgen copies a string in a JS loop, char by char (41 ms of a 300 ms cold corpus run,
/// before V8 optimises the loop), and a `Uint8Array` with one native copy. `deny_unknown_fields`
/// holds either way.
fn from_json_bytes<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, JsError> {
    serde_json::from_slice(bytes).map_err(|error| JsError::new(&format!("invalid {what}: {error}")))
}

/// An optional argument: `undefined` or `null` is its default.
fn optional_from_js<T: DeserializeOwned + Default>(value: JsValue, what: &str) -> Result<T, JsError> {
    match value.is_undefined() || value.is_null() {
        true => Ok(T::default()),
        false => from_js(value, what),
    }
}

/// Check one migration's SQL, handed over as UTF-8 bytes (`TextEncoder` in js/api.mjs: one native
/// copy, where a string is copied char by char in JS; see `from_json_bytes`); `file` is how
/// findings name it.
#[wasm_bindgen(js_name = checkSql)]
pub fn check_sql(sql: &[u8], file: &str) -> Result<String, JsError> {
    let sql = std::str::from_utf8(sql).map_err(|error| JsError::new(&format!("invalid sql: not UTF-8 ({error})")))?;
    report_json(&crate::check_sql(sql, file))
}

/// Every check of a migrations folder handed in as plain data: SQL, naming, order and history.
/// `input`: a `MigrationsInput` as JSON text.
#[wasm_bindgen(js_name = checkMigrations)]
pub fn check_migrations(input: &[u8]) -> Result<String, JsError> {
    report_json(&project::check_migrations(&from_json_bytes::<MigrationsInput>(input, "migrations input")?))
}

/// The SQL checks of a migrations folder handed in as plain data (`check-destructive`).
/// `input`: a `MigrationsInput` as JSON text.
#[wasm_bindgen(js_name = checkDestructive)]
pub fn check_destructive(input: &[u8]) -> Result<String, JsError> {
    report_json(&project::check_destructive(&from_json_bytes::<MigrationsInput>(input, "migrations input")?))
}

/// The order and history checks over names, texts and the base branch's lists.
/// `input`: a `HistoryInput` as JSON text.
#[wasm_bindgen(js_name = verifyOrder)]
pub fn verify_order(input: &[u8]) -> Result<String, JsError> {
    report_json(&crate::verify_order(&from_json_bytes::<HistoryInput>(input, "history input")?))
}

/// The naming checks of one migration folder name; `naming` as in the config file.
#[wasm_bindgen(js_name = validateName, unchecked_return_type = "Report")]
pub fn validate_name(
    #[wasm_bindgen(unchecked_param_type = "NameInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NamingConfig | undefined")] naming: JsValue,
) -> Result<JsValue, JsError> {
    let input: NameInput = from_js(input, "name input")?;
    let naming: NamingConfig = optional_from_js(naming, "naming options")?;
    to_js(&crate::check_name(&input, &naming.options()))
}

/// Validate a configuration (the text of `migration-lint.config.json`); the error names the bad
/// key and suggests the closest valid one.
#[wasm_bindgen(js_name = parseConfig, unchecked_return_type = "Config")]
pub fn parse_config(text: &str) -> Result<JsValue, JsError> {
    to_js(&Config::from_json(text).map_err(|error| JsError::new(&error.to_string()))?)
}

/// Every rule's metadata, in the order the docs list them.
#[wasm_bindgen(unchecked_return_type = "RuleMeta[]")]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&crate::RULES.iter().map(|rule| &rule.meta).collect::<Vec<_>>())
}

/// The names of the output formats `render` accepts.
#[wasm_bindgen(unchecked_return_type = "Format[]")]
pub fn formats() -> Result<JsValue, JsError> {
    to_js(&Format::ALL.iter().map(|format| format.name()).collect::<Vec<_>>())
}

/// A report in one of the `formats()`: text, JSON, GitHub annotations, a Markdown comment or SARIF.
#[wasm_bindgen]
pub fn render(
    report: &[u8],
    #[wasm_bindgen(unchecked_param_type = "Format")] format: &str,
    #[wasm_bindgen(unchecked_param_type = "RenderOptions | undefined")] options: JsValue,
) -> Result<String, JsError> {
    let report: Report = from_json_bytes(report, "report")?;
    let options: RenderOptions = optional_from_js(options, "render options")?;
    Ok(render::render(&report, Format::parse(format)?, &options)?)
}

/// The CLI's run over one or more folders: checks, merged report, rendered output and the exit
/// decision in one call. `request`: a `RunRequest` as JSON.
#[wasm_bindgen(js_name = runFolders, unchecked_return_type = "RunOutcome")]
pub fn run_folders(request: &[u8]) -> Result<JsValue, JsError> {
    let request: project::RunRequest = from_json_bytes(request, "run request")?;
    to_js(&project::run_request(request).map_err(|error| JsError::new(&error))?)
}

/// Several reports (of several migrations folders) as one: findings in order, counts added.
/// `reports`: a JSON array of reports.
#[wasm_bindgen(js_name = mergeReports)]
pub fn merge_reports(reports: &[u8]) -> Result<String, JsError> {
    let reports: Vec<Report> = from_json_bytes(reports, "reports")?;
    let mut merged = Report::default();
    for report in reports {
        merged.merge(report);
    }
    // The reports came from JS: count from their findings rather than trust their summaries.
    merged.tally();
    report_json(&merged)
}

/// A rule's metadata as text, for `--explain`.
#[wasm_bindgen]
pub fn explain(id: &str, color: bool) -> Result<String, JsError> {
    let rule = crate::rules::find(id).ok_or_else(|| JsError::new(&format!("unknown rule `{id}`")))?;
    Ok(render::explain(&rule.meta, color))
}

/// Whether the report has an unapproved finding at or above `failOn`.
#[wasm_bindgen(js_name = failsAt)]
pub fn fails_at(
    report: &[u8],
    #[wasm_bindgen(unchecked_param_type = "FailOn")] fail_on: &str,
) -> Result<bool, JsError> {
    let report: Report = from_json_bytes(report, "report")?;
    Ok(report.fails(project::parse_fail_on(fail_on).map_err(|error| JsError::new(&error))?))
}
