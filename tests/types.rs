//! The TypeScript types in `src/types.d.ts` (shipped in `pkg/migration_lint.d.ts`) are written by
//! hand once; this test holds them to what serde actually sends across the boundary, so the two
//! cannot drift: every interface's properties are exactly the serialized keys, and every union
//! lists exactly the serialized variants.

use std::collections::{BTreeMap, BTreeSet};

use migration_lint::config::ExternalApproval;
use migration_lint::config::{Config, NamingConfig, RuleLevel};
use migration_lint::context::input::NameInput;
use migration_lint::context::input::{Base, BaseMigration, HistoryInput, Migration};
use migration_lint::engine::folder::{parse_fail_on, MigrationsInput};
use migration_lint::engine::verify;
use migration_lint::finding::{Approval, ApproveVia, HowToApprove, Scope};
use migration_lint::render::{Format, RenderOptions};
use migration_lint::{Category, Finding, Report, Severity, Summary};
use serde::Serialize;

const TYPES: &str = include_str!("../src/types.d.ts");

/// `interface Name [extends Parent] { key: ...; "key"?: ...; }` -> Name -> keys (a parent's
/// included), from the declaration file's own shape (one property per line, comments skipped).
fn interfaces() -> BTreeMap<String, BTreeSet<String>> {
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<(String, Option<String>, BTreeSet<String>)> = None;
    for line in TYPES.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("export interface ") {
            let header = rest.trim_end_matches('{').trim();
            let (name, parent) = match header.split_once(" extends ") {
                Some((name, parent)) => (name.trim().to_string(), Some(parent.trim().to_string())),
                None => (header.to_string(), None),
            };
            current = Some((name, parent, BTreeSet::new()));
        } else if line == "}" {
            if let Some((name, parent, mut keys)) = current.take() {
                if let Some(parent) = parent {
                    let inherited = found
                        .get(&parent)
                        .unwrap_or_else(|| panic!("{name} extends {parent}, declared later or not at all"));
                    keys.extend(inherited.iter().cloned());
                }
                found.insert(name, keys);
            }
        } else if let Some((_, _, keys)) = current.as_mut() {
            if let Some((key, _)) = line.split_once(':') {
                if !key.starts_with('/') && !key.starts_with('*') {
                    keys.insert(key.trim_end_matches('?').trim_matches('"').to_string());
                }
            }
        }
    }
    found
}

/// `export type Name = "a" | "b";` -> the quoted members.
/// Also over several lines (`export type Name =\n  | "a"\n  | "b";`).
fn union(name: &str) -> BTreeSet<String> {
    let prefix = format!("export type {name} =");
    let start = TYPES.find(&prefix).unwrap_or_else(|| panic!("no type {name}")) + prefix.len();
    let body = &TYPES[start..start + TYPES[start..].find(';').unwrap()];
    body.split('|').map(|member| member.trim().trim_matches('"').to_string()).filter(|m| !m.is_empty()).collect()
}

fn keys_of(value: &impl Serialize) -> BTreeSet<String> {
    match serde_json::to_value(value).unwrap() {
        serde_json::Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("not an object: {other}"),
    }
}

fn assert_interface(name: &str, value: &impl Serialize) {
    let declared = interfaces().remove(name).unwrap_or_else(|| panic!("src/types.d.ts has no interface {name}"));
    assert_eq!(declared, keys_of(value), "interface {name} in src/types.d.ts differs from the serde output");
}

fn strings(values: impl IntoIterator<Item = impl Serialize>) -> BTreeSet<String> {
    values.into_iter().map(|value| serde_json::to_value(value).unwrap().as_str().unwrap().to_string()).collect()
}

/// Every variant; the match makes adding a variant without updating this list a compile error.
fn all_categories() -> Vec<Category> {
    let all = vec![
        Category::Destructive,
        Category::Safety,
        Category::Naming,
        Category::Order,
        Category::Parse,
        Category::Approval,
        Category::Verify,
        Category::Deployed,
    ];
    for category in &all {
        match category {
            Category::Destructive
            | Category::Safety
            | Category::Naming
            | Category::Order
            | Category::Parse
            | Category::Approval
            | Category::Verify
            | Category::Deployed => {}
        }
    }
    all
}

fn all_severities() -> Vec<Severity> {
    let all = vec![Severity::Low, Severity::Medium, Severity::High];
    for severity in &all {
        match severity {
            Severity::Low | Severity::Medium | Severity::High => {}
        }
    }
    all
}

#[test]
fn unions_list_exactly_the_serialized_variants() {
    assert_eq!(union("Severity"), strings(all_severities()));
    assert_eq!(union("Category"), strings(all_categories()));
    assert_eq!(union("Format"), Format::ALL.iter().map(|format| format.name().to_string()).collect());
    assert_eq!(union("RuleId"), migration_lint::RULES.iter().map(|rule| rule.meta.id.to_string()).collect());
    assert_eq!(union("ApproveVia"), strings([ApproveVia::Comment, ApproveVia::Config]));
    // `FailOn` is `Severity | "never"`, and the core accepts exactly those.
    assert_eq!(union("FailOn"), BTreeSet::from(["Severity".to_string(), "never".to_string()]));
    let levels = [RuleLevel::Off, RuleLevel::Low, RuleLevel::Medium, RuleLevel::High];
    for level in &levels {
        match level {
            RuleLevel::Off | RuleLevel::Low | RuleLevel::Medium | RuleLevel::High => {}
        }
    }
    assert_eq!(union("RuleLevel"), strings(levels));
    for fail_on in union("Severity").iter().chain(["never".to_string()].iter()) {
        assert!(parse_fail_on(fail_on).is_ok(), "{fail_on}");
    }
}

#[test]
fn interfaces_declare_exactly_the_serialized_keys() {
    let approval = Approval { reason: "r".into(), source: "comment".into() };
    let finding = Finding {
        rule: "drop-table".into(),
        category: Category::Destructive,
        severity: Severity::High,
        file: "a/migration.sql".into(),
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 2,
        start: 0,
        end: 1,
        start_utf16: 0,
        end_utf16: 1,
        message: String::new(),
        why: String::new(),
        help: String::new(),
        excerpt: String::new(),
        approved: Some(approval.clone()),
        approve: Some(HowToApprove { via: ApproveVia::Config, line: Some(3), text: "{}".into() }),
    };
    assert_interface("Approval", &approval);
    assert_interface("Finding", &finding);
    assert_interface("Summary", &Summary::default());
    let verification = migration_lint::finding::Verification::default();
    let scope = Scope {
        dir: "d".into(),
        migrations: 2,
        checked: 1,
        base: Some("origin/main".into()),
        merge_base: Some("abc".into()),
        baseline: Some("m".into()),
        all: false,
        skipped_base: Some("why".into()),
    };
    let deployed = migration_lint::finding::DeployedState {
        dir: "d".into(),
        database: "postgresql://u@h:5432/d".into(),
        table: true,
        ..Default::default()
    };
    assert_interface(
        "Report",
        &Report {
            verification: Some(verification.clone()),
            scopes: vec![scope.clone()],
            deployed: vec![deployed.clone()],
            ..Report::default()
        },
    );
    assert_interface("DeployedState", &deployed);
    assert_interface("Scope", &scope);
    assert_interface("HowToApprove", finding.approve.as_ref().unwrap());
    assert_interface("Verification", &verification);
    assert_interface("VerifyPlan", &verify::Plan::default());
    assert_interface("EngineStatement", &verify::statements("SELECT 1;")[0]);
    let failure =
        verify::EngineFailure { migration: "m".into(), line: 1, sqlstate: "42P01".into(), message: "x".into() };
    assert_interface("SchemaFailure", &failure);
    assert_interface("Verified", &verify::Verified { report: Report::default(), failures: vec![failure] });
    // Read, never written: an object with every declared key is accepted.
    let error = serde_json::json!({"sqlstate": "42P01", "message": "m", "detail": null, "hint": null, "position": 1, "statement": null});
    assert_eq!(keys_of(&error), interfaces().remove("EngineError").unwrap());
    let outcome = serde_json::json!({"name": "m", "error": error});
    assert_eq!(keys_of(&outcome), interfaces().remove("EngineOutcome").unwrap());
    let input = serde_json::json!({"folder": {"migrations": []}, "outcomes": [outcome], "engine": "PG"});
    assert_eq!(keys_of(&input), interfaces().remove("VerifyInput").unwrap());
    let _: verify::VerifyInput = serde_json::from_value(input).unwrap();
    // `status`'s input, read never written: every declared key is accepted.
    let row = serde_json::json!({"id": "1", "migrationName": "m", "checksum": "00", "startedAt": "t", "finishedAt": null, "rolledBackAt": null, "logs": null, "appliedStepsCount": 0});
    assert_eq!(keys_of(&row), interfaces().remove("AppliedRow").unwrap());
    let deployed = serde_json::json!({"database": "postgresql://u@h:5432/d", "rows": [row]});
    assert_eq!(keys_of(&deployed), interfaces().remove("DeployedInput").unwrap());
    let status = serde_json::json!({"folder": {"migrations": []}, "deployed": deployed});
    assert_eq!(keys_of(&status), interfaces().remove("StatusInput").unwrap());
    let _: migration_lint::StatusInput = serde_json::from_value(status).unwrap();
    assert_interface("RuleMeta", &migration_lint::RULES[0].meta);
    let migration = Migration { name: "a".into(), sql: None, files: Some(vec![]) };
    assert_interface("MigrationInput", &migration);
    let recorded = BaseMigration { name: "a".into(), checksum: Some("00".into()), sql: None };
    assert_interface("BaseMigration", &recorded);
    let base = Base {
        commit: Some("0123456789abcdef".into()),
        reference: Some("origin/main".into()),
        merge_base: vec![recorded.clone()],
        base_head: Some(vec![recorded]),
    };
    assert_interface("Base", &base);
    let history = HistoryInput {
        dir: None,
        migrations: vec![migration],
        lock: None,
        base: Some(base),
        now: Some(0),
        all: false,
        baseline: Some("m".into()),
        skipped_base: Some("why".into()),
    };
    assert_interface("HistoryInput", &history);
    assert_interface("NameInput", &NameInput { name: "a".into(), sql: None, now: None, first: None });
    let config = Config::from_json(
        r#"{"$schema": "s", "migrations": "m", "base": "b", "baseline": "m", "failOn": "low", "rules": {"drop-table": "off"},
            "naming": {"verbs": ["add"], "extraVerbs": [], "maxLength": 1, "futureToleranceMinutes": 1},
            "approvals": [{"migration": "m", "rule": "drop-table", "line": 1, "reason": "r"}]}"#,
    )
    .unwrap();
    assert_interface("Config", &config);
    assert_interface("NamingConfig", &config.naming);
    assert_interface("ExternalApproval", &config.approvals[0]);
    let _: &ExternalApproval = &config.approvals[0];
    let _: &NamingConfig = &config.naming;
    assert_interface("RenderOptions", &RenderOptions::default());
    assert_interface("RunOutcome", &migration_lint::engine::folder::RunOutcome { output: "x".into(), fails: true });

    // `MigrationsInput` is read, never written: it is `HistoryInput` and `config`, and an object
    // with every declared key is accepted.
    let declared = interfaces().remove("MigrationsInput").unwrap();
    let mut expected = keys_of(&history);
    expected.insert("config".to_string());
    assert_eq!(declared, expected);
    let mut object = serde_json::to_value(&history).unwrap();
    object["config"] = serde_json::to_value(&config).unwrap();
    let read: MigrationsInput = serde_json::from_value(object).unwrap();
    assert_eq!(read.config, Some(config));

    // A history that fills every list of the schema output.
    let sql = r#"CREATE TYPE "Role" AS ENUM ('A');
        CREATE TABLE "T" ("id" SERIAL PRIMARY KEY, "role" "Role" NOT NULL DEFAULT 'A', "u" TEXT UNIQUE CHECK ("u" <> ''));
        CREATE INDEX "T_role_idx" ON "T"("role");
        CREATE VIEW "V" AS SELECT 1;
        CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER "t" BEFORE INSERT ON "T" FOR EACH ROW EXECUTE FUNCTION f();
        CREATE EXTENSION citext;
        ALTER TABLE "T" ADD COLUMN "b" INT GARBAGE GARBAGE;"#;
    let input = HistoryInput {
        migrations: vec![
            Migration { name: "20240101000000_init".into(), sql: Some(sql.into()), files: None },
            Migration { name: "20240102000000_drop".into(), sql: Some(r#"DROP TABLE "Missing";"#.into()), files: None },
        ],
        ..history.clone()
    };
    let output = migration_lint::replay_schema(&HistoryInput { base: None, ..input });
    assert_interface("SchemaOutput", &output);
    let first = |list: serde_json::Value| list.as_array().and_then(|rows| rows.first().cloned()).expect("a row");
    let json = serde_json::to_value(&output).unwrap();
    for (interface, list) in [
        ("SchemaTable", "tables"),
        ("SchemaColumn", "columns"),
        ("SchemaEnum", "enums"),
        ("SchemaIndex", "indexes"),
        ("SchemaConstraint", "constraints"),
        ("SchemaView", "views"),
        ("SchemaName", "sequences"),
        ("SchemaName", "functions"),
        ("SchemaTrigger", "triggers"),
        ("SchemaFailure", "failures"),
    ] {
        assert_interface(interface, &first(json[list].clone()));
    }
    assert!(!output.schema.uncertain.is_empty() && !output.schema.extensions.is_empty());
    let kinds: BTreeSet<String> = output
        .schema
        .constraints
        .iter()
        .map(|c| serde_json::to_value(c.kind).unwrap().as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["c", "p", "u"].map(String::from).into_iter().collect(), "{:?}", output.schema.constraints);

    let checked = [
        "SchemaOutput",
        "SchemaName",
        "SchemaTable",
        "SchemaView",
        "SchemaEnum",
        "SchemaColumn",
        "SchemaIndex",
        "SchemaConstraint",
        "SchemaTrigger",
        "SchemaFailure",
        "Approval",
        "Finding",
        "Summary",
        "Report",
        "RuleMeta",
        "MigrationInput",
        "BaseMigration",
        "Base",
        "HistoryInput",
        "MigrationsInput",
        "NameInput",
        "NamingConfig",
        "ExternalApproval",
        "Config",
        "RenderOptions",
        "Scope",
        "HowToApprove",
        "RunOutcome",
        "Verification",
        "VerifyPlan",
        "EngineStatement",
        "EngineError",
        "EngineOutcome",
        "VerifyInput",
        "Verified",
        "DeployedState",
        "AppliedRow",
        "DeployedInput",
        "StatusInput",
    ];
    assert_eq!(
        interfaces().into_keys().collect::<BTreeSet<_>>(),
        checked.iter().map(|name| name.to_string()).collect()
    );
}
