//! SARIF 2.1.0 (OASIS), the format GitHub code scanning and other tools read.
//!
//! One run. `tool.driver.rules` describes the rules the results use, in the order of `RULES`,
//! from their metadata (summary, why, what to do instead, examples); each result points at its
//! rule by `ruleId` and `ruleIndex`. Levels: `high` is `error`, `medium` is `warning`, `low` is
//! `note`. An approved finding stays a result, with a suppression (`inSource` for an approval
//! comment in the SQL, `external` for one in the configuration) whose justification is the reason,
//! which is how SARIF consumers tell accepted results from open ones.
//!
//! Columns are counted in Unicode code points, as findings count them; the run says so in
//! `columnKind` (SARIF's default is UTF-16 code units). `endColumn` is exclusive in both.
//!
//! `tests/js/sarif.test.cjs` validates this output against the official schema.

use serde::Serialize;

use crate::finding::{Finding, Report, Severity};
use crate::rule::RuleMeta;
use crate::rules::RULES;

use super::RenderError;

/// Where OASIS publishes the schema (2.1.0 with its errata, the version GitHub documents).
pub const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub fn sarif(report: &Report) -> Result<String, RenderError> {
    let rules: Vec<&RuleMeta> =
        RULES.iter().map(|rule| &rule.meta).filter(|meta| report.findings.iter().any(|f| f.rule == meta.id)).collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "migration-lint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: rules.iter().map(|meta| descriptor(meta)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results: report.findings.iter().map(|finding| result(finding, &rules)).collect(),
            invocations: invocation(report),
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).map_err(|error| RenderError::Json(error.to_string()))?;
    out.push('\n');
    Ok(out)
}

/// What is about the run, not a location: what was compared and what verify saw, as the
/// invocation's notifications; `None` when there is neither (a report on loose SQL).
fn invocation(report: &Report) -> Option<[Invocation; 1]> {
    let mut notes: Vec<String> = super::compared(report).into_iter().collect();
    if let Some(verification) = &report.verification {
        notes.push(super::verification_line(verification));
        notes.extend(verification.notes.iter().cloned());
    }
    notes.extend(report.deployed.iter().map(super::deployed_line));
    if notes.is_empty() {
        return None;
    }
    Some([Invocation {
        execution_successful: true,
        tool_execution_notifications: notes
            .into_iter()
            .map(|text| Notification { level: "note", message: Text { text } })
            .collect(),
    }])
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

fn descriptor(meta: &'static RuleMeta) -> Descriptor {
    let example = |text: &str| format!("```\n{text}\n```");
    Descriptor {
        id: meta.id,
        short_description: Text { text: meta.summary.to_string() },
        full_description: Text { text: meta.why.to_string() },
        help: Help {
            text: format!("{}\n\nWhat to do instead: {}", meta.why, meta.instead),
            markdown: format!(
                "**Why it is risky:** {}\n\n**What to do instead:** {}\n\nFires on:\n\n{}\n\nDoes not fire on:\n\n{}",
                meta.why,
                meta.instead,
                example(meta.bad),
                example(meta.good)
            ),
        },
        default_configuration: Configuration { level: level(meta.severity) },
        properties: RuleProperties { category: meta.category.as_str(), tags: [meta.category.as_str()] },
    }
}

fn result<'a>(finding: &'a Finding, rules: &[&RuleMeta]) -> SarifResult<'a> {
    let region = (finding.line > 0).then(|| Region {
        start_line: finding.line,
        start_column: finding.column.max(1),
        end_line: finding.end_line.max(finding.line),
        end_column: finding.end_column.max(1),
    });
    let locations = match finding.file.is_empty() {
        true => Vec::new(),
        false => vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri: uri_reference(&finding.file) },
                region,
            },
        }],
    };
    let suppressions = finding.approved.as_ref().map(|approval| {
        vec![Suppression {
            kind: match approval.source.as_str() {
                "comment" => "inSource",
                _ => "external",
            },
            status: "accepted",
            justification: &approval.reason,
        }]
    });
    SarifResult {
        rule_id: &finding.rule,
        rule_index: rules.iter().position(|meta| meta.id == finding.rule),
        level: level(finding.severity),
        message: Text { text: finding.message.clone() },
        locations,
        suppressions,
    }
}

/// A relative path as a URI reference: every byte but the unreserved ones and `/`
/// percent-encoded, so spaces, `%`, `#`, `?` or a `c:` that would read as a scheme stay path.
pub fn uri_reference(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    invocations: Option<[Invocation; 1]>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    category: &'static str,
    tags: [&'static str; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<Vec<Suppression<'a>>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    status: &'static str,
    justification: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Approval;
    use serde_json::{json, Value};

    const FILE: &str = "prisma/migrations/20250101000000_drop_user_email/migration.sql";

    fn log(report: &Report) -> Value {
        serde_json::from_str(&sarif(report).unwrap()).unwrap()
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_reference("prisma/migrations/2025_a/migration.sql"), "prisma/migrations/2025_a/migration.sql");
        assert_eq!(uri_reference("my dir/100%#?.sql"), "my%20dir/100%25%23%3F.sql");
        assert_eq!(uri_reference("c:/x"), "c%3A/x");
        assert_eq!(uri_reference("é"), "%C3%A9");
    }

    #[test]
    fn a_log_has_one_run_with_the_used_rules_and_a_result_per_finding() {
        let sql = "ALTER TABLE \"User\" RENAME COLUMN \"a\" TO \"b\";\nALTER TABLE \"User\" DROP COLUMN \"é\";\n";
        let log = log(&crate::check_sql(sql, FILE));
        assert_eq!(log["$schema"], SCHEMA);
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(log["runs"].as_array().unwrap().len(), 1);
        assert_eq!(run["tool"]["driver"]["name"], "migration-lint");
        assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        // RULES order: drop-column is listed before rename-column.
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|rule| rule["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["drop-column", "rename-column"]);
        let drop_column = &crate::rules::find("drop-column").unwrap().meta;
        assert_eq!(rules[0]["shortDescription"]["text"], drop_column.summary);
        assert_eq!(rules[0]["fullDescription"]["text"], drop_column.why);
        assert_eq!(rules[0]["defaultConfiguration"]["level"], "error");
        assert_eq!(rules[1]["defaultConfiguration"]["level"], "warning");
        assert!(rules[0]["help"]["markdown"].as_str().unwrap().contains(drop_column.bad));

        let results = run["results"].as_array().unwrap();
        assert_eq!(results[0]["ruleId"], "rename-column");
        assert_eq!(results[0]["ruleIndex"], 1);
        assert_eq!(results[0]["level"], "warning");
        assert_eq!(
            results[1],
            json!({
                "ruleId": "drop-column",
                "ruleIndex": 0,
                "level": "error",
                "message": { "text": "drops column `é` of table `User`" },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": FILE },
                        "region": { "startLine": 2, "startColumn": 20, "endLine": 2, "endColumn": 35 }
                    }
                }]
            })
        );
    }

    #[test]
    fn approvals_are_suppressions_by_source_with_the_reason() {
        let sql = "-- migration-lint approve drop-column: unused since 2025-11\nALTER TABLE \"User\" DROP COLUMN \"email\";\nDROP TABLE \"Post\";\n";
        let mut report = crate::check_sql(sql, FILE);
        report.findings[1].approved = Some(Approval { reason: "archived in s3".into(), source: "config".into() });
        let log = log(&report);
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert_eq!(
            results[0]["suppressions"],
            json!([{ "kind": "inSource", "status": "accepted", "justification": "unused since 2025-11" }])
        );
        assert_eq!(
            results[1]["suppressions"],
            json!([{ "kind": "external", "status": "accepted", "justification": "archived in s3" }])
        );
        assert_eq!(results[0]["level"], "error", "an approved finding keeps its level");
    }

    #[test]
    fn findings_without_a_position_or_a_known_rule_still_make_results() {
        let mut report = crate::check_sql("DROP TABLE a;", FILE);
        let finding = &mut report.findings[0];
        (finding.line, finding.column, finding.end_line, finding.end_column) = (0, 0, 0, 0);
        finding.rule = "from-a-newer-version".into();
        let log = log(&report);
        assert_eq!(log["runs"][0]["tool"]["driver"]["rules"], json!([]));
        let result = &log["runs"][0]["results"][0];
        assert_eq!(result["ruleId"], "from-a-newer-version");
        assert!(result.get("ruleIndex").is_none());
        assert_eq!(result["locations"][0]["physicalLocation"], json!({ "artifactLocation": { "uri": FILE } }));
    }
}
