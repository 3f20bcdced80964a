//! The WASM boundary, tested as JS sees it: each export is called with UTF-8 bytes (JSON, or the SQL
//! or config text itself) and its JSON result parsed as js/api.mjs parses it (property names,
//! `null`s, numbers), or its error read as a thrown `Error`.
//! Runs under Node (no `run_in_browser`):
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target wasm32-unknown-unknown --test wasm`
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, JSON};
use migration_lint::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("an object")
}

fn keys(value: &JsValue) -> Vec<String> {
    let mut keys: Vec<String> =
        Object::keys(value.unchecked_ref::<Object>()).iter().filter_map(|key| key.as_string()).collect();
    keys.sort();
    keys
}

fn parse(json: &str) -> JsValue {
    JSON::parse(json).expect("valid JSON")
}

/// A value as the UTF-8 JSON bytes js/api.mjs hands over.
fn bytes(value: &JsValue) -> Vec<u8> {
    String::from(JSON::stringify(value).expect("serialisable")).into_bytes()
}

/// An export's JSON result, parsed.
fn ok(result: Result<String, wasm_bindgen::JsError>) -> JsValue {
    parse(&result.expect("a result"))
}

/// A JSON result that is a string (rendered output, explained rule).
fn ok_text(result: Result<String, wasm_bindgen::JsError>) -> String {
    ok(result).as_string().expect("a JSON string")
}

fn file(name: &str) -> Vec<u8> {
    format!(r#"{{"file": "{name}"}}"#).into_bytes()
}

/// The message of the `Error` an export threw.
fn error_message(result: Result<impl std::fmt::Debug, wasm_bindgen::JsError>) -> String {
    let error = JsValue::from(result.expect_err("an error"));
    get(&error, "message").as_string().expect("an Error with a message")
}

const DROP: &str = "-- DROP TABLE in a comment is not a statement\nALTER TABLE \"public\".\"User\" DROP COLUMN \"a\",\nDROP COLUMN \"b\";\nDROP TABLE \"Session\";\n";

#[wasm_bindgen_test]
fn check_sql_returns_a_plain_report_with_camel_case_findings() {
    let report = ok(wasm::check_sql(DROP.as_bytes(), &file("m/migration.sql")));
    assert_eq!(keys(&report), ["findings", "summary"]);
    let findings: Array = get(&report, "findings").dyn_into().expect("an array");
    let rules: Vec<String> = findings.iter().map(|f| get(&f, "rule").as_string().unwrap()).collect();
    assert_eq!(rules, ["drop-column", "drop-column", "drop-table"]);

    let second = findings.get(1);
    assert_eq!(
        keys(&second),
        [
            "approve",
            "category",
            "column",
            "end",
            "endColumn",
            "endLine",
            "endUtf16",
            "excerpt",
            "file",
            "help",
            "line",
            "message",
            "rule",
            "severity",
            "start",
            "startUtf16",
            "why"
        ],
        "no `approved` key when not approved"
    );
    let approve = get(&second, "approve");
    assert_eq!(get(&approve, "text").as_string().as_deref(), Some("-- migration-lint approve drop-column: <reason>"));
    assert_eq!(get(&approve, "line").as_f64(), Some(2.0));
    assert_eq!(get(&second, "line").as_f64(), Some(3.0));
    assert_eq!(get(&second, "column").as_f64(), Some(1.0));
    assert_eq!(get(&second, "severity").as_string().as_deref(), Some("high"));
    assert_eq!(get(&second, "file").as_string().as_deref(), Some("m/migration.sql"));
    assert_eq!(get(&get(&report, "summary"), "high").as_f64(), Some(3.0));
}

#[wasm_bindgen_test]
fn utf16_offsets_index_the_js_string() {
    let sql = "-- 😀 émoji\nDROP TABLE \"Séance\";";
    let report = ok(wasm::check_sql(sql.as_bytes(), &file("m.sql")));
    let finding = Array::from(&get(&report, "findings")).get(0);
    let start = get(&finding, "startUtf16").as_f64().unwrap() as u32;
    let end = get(&finding, "endUtf16").as_f64().unwrap() as u32;
    let (byte_start, byte_end) =
        (get(&finding, "start").as_f64().unwrap() as usize, get(&finding, "end").as_f64().unwrap() as usize);
    let js = js_sys::JsString::from(sql);
    assert_eq!(String::from(js.substring(start, end)), sql[byte_start..byte_end]);
    assert!(sql[byte_start..byte_end].starts_with("DROP TABLE \"Séance\""));
}

#[wasm_bindgen_test]
fn rules_lists_every_rule_with_its_metadata() {
    let rules: Array = ok(wasm::rules()).dyn_into().unwrap();
    assert_eq!(rules.length() as usize, migration_lint::RULES.len());
    let first = rules.get(0);
    assert_eq!(keys(&first), ["bad", "category", "good", "id", "instead", "severity", "summary", "why"]);
    let ids: Vec<String> = rules.iter().map(|rule| get(&rule, "id").as_string().unwrap()).collect();
    assert!(ids.contains(&"drop-table".to_string()), "{ids:?}");
}

#[wasm_bindgen_test]
fn render_round_trips_a_report_from_js() {
    let report = ok(wasm::check_sql(DROP.as_bytes(), &file("m/migration.sql")));
    let json = ok_text(wasm::render(&bytes(&report), b"\"json\"", b"{}"));
    assert_eq!(JSON::stringify(&parse(&json)).unwrap(), JSON::stringify(&report).unwrap());

    let options = format!(r#"{{"sources": {{"m/migration.sql": {}}}}}"#, serde_json::to_string(DROP).unwrap());
    let text = ok_text(wasm::render(&bytes(&report), b"\"text\"", options.as_bytes()));
    assert!(text.contains(" --> m/migration.sql:2:29\n"), "{text}");
    assert!(text.contains("2 | ALTER TABLE \"public\".\"User\" DROP COLUMN \"a\",\n"), "{text}");
    assert!(text.ends_with("in 1 file (2 statements)\n"), "{text}");
}

#[wasm_bindgen_test]
fn bad_arguments_are_errors_not_panics() {
    let report = ok(wasm::check_sql("SELECT 1;".as_bytes(), &file("a.sql")));
    assert_eq!(
        error_message(wasm::render(&bytes(&report), b"\"xml\"", b"{}")),
        "unknown format `xml`: expected one of text, compact, json, github, markdown, sarif"
    );
    assert!(error_message(wasm::render(&bytes(&report), b"\"text\"", br#"{"colour": true}"#))
        .starts_with("invalid render options: unknown field `colour`"));
    assert!(error_message(wasm::render(&bytes(&report), b"text", b"{}")).starts_with("invalid format: "));
    assert!(error_message(wasm::render(br#"{"findings": []}"#, b"\"json\"", b"{}")).contains("missing field `summary`"));
    assert!(error_message(wasm::check_migrations(r#""prisma/migrations""#.as_bytes()))
        .starts_with("invalid migrations input: invalid type: string"));
    assert!(error_message(wasm::check_migrations("{".as_bytes()))
        .starts_with("invalid migrations input: EOF while parsing"));
    assert_eq!(error_message(wasm::explain(br#"{"id": "drop-everything"}"#)), "unknown rule `drop-everything`");
    assert!(
        error_message(wasm::fails_at(&bytes(&report), br#""critical""#)).starts_with("unknown threshold `critical`")
    );
    assert!(error_message(wasm::replay_schema(br#"{"migrations": 1}"#, br#""json""#))
        .starts_with("invalid history input: invalid type: integer"));
    assert_eq!(
        error_message(wasm::replay_schema(br#"{"migrations": []}"#, br#""yaml""#)),
        "unknown schema format `yaml`: expected one of text, json"
    );
    assert!(error_message(wasm::run_folders(br#"{"folders": []}"#)).starts_with("invalid run request: missing field"));
    assert!(error_message(wasm::check_destructive(br#"{"migrations": "x"}"#))
        .starts_with("invalid migrations input: invalid type: string"));
    assert!(error_message(wasm::merge_reports(b"{}")).starts_with("invalid reports: invalid type: map"));
    // The module still works after each error.
    assert!(error_message(wasm::check_sql(b"DROP TABLE \xff;", &file("a.sql"))).starts_with("invalid sql: not UTF-8"));
    assert!(wasm::check_sql("DROP TABLE a;".as_bytes(), &file("a.sql")).is_ok());
}

const FOLDER: &str = r#"{"dir": "prisma/migrations", "migrations": [
    {"name": "20240102000000_drop", "sql": "DROP TABLE \"Session\";", "files": ["migration.sql"]},
    {"name": "20240101000000_init", "sql": "CREATE TABLE \"Session\" (id int);"}
], "lock": "provider = \"postgresql\""}"#;

fn rules_and_files(report: &JsValue) -> Vec<(String, String)> {
    Array::from(&get(report, "findings"))
        .iter()
        .map(|f| (get(&f, "rule").as_string().unwrap(), get(&f, "file").as_string().unwrap()))
        .collect()
}

#[wasm_bindgen_test]
fn check_destructive_checks_each_folder_as_its_own_file() {
    let report = ok(wasm::check_destructive(FOLDER.as_bytes()));
    assert_eq!(
        rules_and_files(&report),
        [("drop-table".to_string(), "prisma/migrations/20240102000000_drop/migration.sql".to_string())]
    );
    assert_eq!(get(&get(&report, "summary"), "files").as_f64(), Some(2.0));
}

#[wasm_bindgen_test]
fn check_migrations_adds_naming_and_order_and_applies_the_config() {
    let report = ok(wasm::check_migrations(FOLDER.as_bytes()));
    assert_eq!(
        rules_and_files(&report),
        [
            ("naming-descriptive".to_string(), "prisma/migrations/20240102000000_drop".to_string()),
            ("naming-table".to_string(), "prisma/migrations/20240102000000_drop".to_string()),
            ("drop-table".to_string(), "prisma/migrations/20240102000000_drop/migration.sql".to_string()),
        ]
    );
    let config = r#"{"rules": {"naming-descriptive": "off", "naming-table": "off"}, "approvals": [{"migration": "20240102000000_drop", "rule": "drop-table", "reason": "empty"}]}"#;
    let report = ok(wasm::check_migrations(&with_config(config).as_bytes()));
    let findings = Array::from(&get(&report, "findings"));
    assert_eq!(findings.length(), 1);
    assert_eq!(get(&get(&findings.get(0), "approved"), "source").as_string().as_deref(), Some("config"));

    let error = error_message(wasm::check_migrations(&with_config(r#"{"rules": {"drop-tabel": "off"}}"#).as_bytes()));
    assert!(
        error.starts_with("invalid migrations input: config: `rules.drop-tabel`: unknown rule `drop-tabel`; did you mean `drop-table`?"),
        "{error}"
    );
}

/// `FOLDER` with a `config` key.
fn with_config(config: &str) -> String {
    let mut input: serde_json::Value = serde_json::from_str(FOLDER).unwrap();
    input["config"] = serde_json::from_str(config).unwrap();
    input.to_string()
}

#[wasm_bindgen_test]
fn verify_order_compares_with_the_base() {
    let input = r#"{"migrations": [{"name": "20240101000000_init", "sql": "SELECT 2;\n"}],
        "base": {"ref": "origin/main", "mergeBase": [{"name": "20240101000000_init", "sql": "SELECT 1;\n"}]}}"#;
    let report = ok(wasm::verify_order(input.as_bytes()));
    assert_eq!(
        rules_and_files(&report),
        [("order-edited".to_string(), "20240101000000_init/migration.sql".to_string())]
    );
    assert!(error_message(wasm::verify_order(r#"{"migrations": [], "config": {}}"#.as_bytes()))
        .starts_with("invalid history input: unknown field `config`"));
}

#[wasm_bindgen_test]
fn validate_name_checks_one_name_with_the_config_s_naming_options() {
    let report = ok(wasm::validate_name(br#"{"name": "skillpod_b2b_enterprise"}"#, b"null"));
    let rules: Vec<String> = rules_and_files(&report).into_iter().map(|(rule, _)| rule).collect();
    assert!(rules.contains(&"naming-timestamp".to_string()), "{rules:?}");
    let sql = r#"{"name": "20240101000000_seed_users", "sql": "INSERT INTO \"User\" VALUES (1);", "now": 1800000000}"#;
    let default_verbs = ok(wasm::validate_name(sql.as_bytes(), b"null"));
    assert!(!rules_and_files(&default_verbs).iter().any(|(rule, _)| rule == "naming-verb"));
    let strict = ok(wasm::validate_name(sql.as_bytes(), br#"{"verbs": ["add"]}"#));
    assert_eq!(rules_and_files(&strict), [("naming-verb".to_string(), "20240101000000_seed_users".to_string())]);
    assert!(error_message(wasm::validate_name(sql.as_bytes(), br#"{"maxLen": 3}"#))
        .starts_with("invalid naming options: unknown field `maxLen`"));
}

#[wasm_bindgen_test]
fn parse_config_returns_the_config_or_names_the_bad_key() {
    let config = ok(wasm::parse_config(br#"{"base": "origin/main", "failOn": "medium"}"#));
    assert_eq!(get(&config, "base").as_string().as_deref(), Some("origin/main"));
    assert_eq!(
        error_message(wasm::parse_config(br#"{"failon": "high"}"#)),
        "`failon`: unknown key `failon`; did you mean `failOn`? (expected one of `$schema`, `migrations`, `base`, `baseline`, `failOn`, `databaseUrlEnv`, `rules`, `naming`, `approvals`)"
    );
}

#[wasm_bindgen_test]
fn fails_at_compares_with_the_threshold() {
    let report = ok(wasm::check_sql("DROP INDEX \"a\";".as_bytes(), &file("a.sql")));
    assert_eq!(wasm::fails_at(&bytes(&report), br#""high""#).unwrap(), "false");
    assert_eq!(wasm::fails_at(&bytes(&report), br#""medium""#).unwrap(), "true");
    assert_eq!(wasm::fails_at(&bytes(&report), br#""never""#).unwrap(), "false");
    let thresholds: Vec<String> = Array::from(&ok(wasm::thresholds())).iter().filter_map(|n| n.as_string()).collect();
    assert_eq!(thresholds, ["high", "medium", "low", "never"]);
}

#[wasm_bindgen_test]
fn schema_formats_names_what_replay_schema_prints() {
    let names: Vec<String> = Array::from(&ok(wasm::schema_formats())).iter().filter_map(|n| n.as_string()).collect();
    assert_eq!(names, ["text", "json"]);
    for name in &names {
        assert!(wasm::replay_schema(br#"{"migrations": []}"#, format!("{name:?}").as_bytes()).is_ok(), "{name}");
    }
}

#[wasm_bindgen_test]
fn formats_names_what_render_accepts() {
    let names: Vec<String> = Array::from(&ok(wasm::formats())).iter().filter_map(|n| n.as_string()).collect();
    assert_eq!(names, ["text", "compact", "json", "github", "markdown", "sarif"]);
    let report = ok(wasm::check_sql("DROP TABLE \"a\";".as_bytes(), &file("a.sql")));
    for name in &names {
        let out = ok_text(wasm::render(&bytes(&report), format!("{name:?}").as_bytes(), b"{}"));
        assert!(out.contains("drop-table"), "{name}: {out}");
    }
}

/// A large text handed in apart (`keepText`) stands where the input's JSON names it, is read
/// once, and is dropped when the export that read the input returns, even when it fails.
#[wasm_bindgen_test]
fn kept_texts_stand_for_sql_in_the_input_and_are_dropped_after_the_call() {
    let id = wasm::keep_text(b"DROP TABLE \"Session\";".to_vec()).ok().expect("kept");
    let input = FOLDER.replace(r#""sql": "DROP TABLE \"Session\";""#, &format!(r#""sql": {{"$text": {id}}}"#));
    assert_ne!(input, FOLDER);
    let report = ok(wasm::check_migrations(input.as_bytes()));
    assert!(rules_and_files(&report).iter().any(|(rule, _)| rule == "drop-table"));
    // Taken and dropped: the same input again names a text that is gone.
    let error = error_message(wasm::check_migrations(input.as_bytes()));
    assert!(error.contains("no kept text"), "{error}");
    // Dropped after a failing call too: the next id starts again from 0.
    let first = wasm::keep_text(b"x".to_vec()).ok().expect("kept");
    assert!(error_message(wasm::check_migrations(b"{")).starts_with("invalid migrations input"));
    assert_eq!(wasm::keep_text(b"y".to_vec()).ok(), Some(first));
    assert!(error_message(wasm::run_folders(br#"{"folders": []}"#)).starts_with("invalid run request"));
    assert_eq!(
        error_message(wasm::keep_text(vec![0xff])),
        "invalid text: not UTF-8 (invalid utf-8 sequence of 1 bytes from index 0)"
    );
}
