//! Documents generated from the code: the README's rules table and the config's JSON schema.
//! Tests fail when the committed copies are stale; `UPDATE_DOCS=1 cargo test --lib docs` rewrites them.

use serde_json::{json, Value};

use crate::rules::RULES;

/// Markdown table of every rule, grouped by category in registry order.
pub fn rules_table() -> String {
    let mut out = String::from("| rule | category | default | what it reports | instead |\n|---|---|---|---|---|\n");
    for rule in RULES {
        let m = &rule.meta;
        let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            m.id,
            m.category.as_str(),
            m.severity.as_str(),
            cell(m.summary),
            cell(m.instead)
        ));
    }
    out
}

/// JSON schema (draft-07) of `migration-lint.config.json`, matching [`crate::config::Config`].
pub fn config_schema() -> Value {
    let ids: Vec<&str> = RULES.iter().map(|r| r.meta.id).collect();
    let level = json!({ "enum": ["off", "low", "medium", "high"] });
    let rule_levels: serde_json::Map<String, Value> = ids.iter().map(|id| (id.to_string(), level.clone())).collect();
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "migration-lint configuration",
        "description": "migration-lint.config.json, or the \"migrationLint\" key of package.json.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "$schema": { "type": "string" },
            "migrations": { "type": "string", "description": "The Prisma migrations folder, relative to the config file." },
            "base": { "type": "string", "description": "Git ref new migrations are compared with, e.g. origin/main." },
            "failOn": { "enum": ["high", "medium", "low", "never"], "description": "Lowest severity that fails the run (default high)." },
            "rules": {
                "type": "object",
                "description": "Per-rule level: off, or a severity replacing the rule's default.",
                "additionalProperties": false,
                "properties": rule_levels
            },
            "naming": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "verbs": { "type": "array", "items": { "type": "string" }, "description": "Verbs a name may start with (replaces the defaults)." },
                    "extraVerbs": { "type": "array", "items": { "type": "string" }, "description": "Verbs added to the defaults." },
                    "maxLength": { "type": "integer", "minimum": 1, "description": "Longest descriptive part after the timestamp." },
                    "futureToleranceMinutes": { "type": "integer", "minimum": 0, "description": "How far in the future a timestamp may be." }
                }
            },
            "approvals": {
                "type": "array",
                "description": "Approvals kept outside the SQL, for migrations already deployed.",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["migration", "rule", "reason"],
                    "properties": {
                        "migration": { "type": "string", "description": "Migration folder name." },
                        "rule": { "enum": ids },
                        "line": { "type": "integer", "minimum": 1, "description": "Any line of the approved statement; omit for every finding of the rule in the migration." },
                        "reason": { "type": "string", "minLength": 1 }
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const BEGIN: &str = "<!-- rules:begin (generated from src/rules by `UPDATE_DOCS=1 cargo test --lib docs`) -->\n";
    const END: &str = "<!-- rules:end -->";

    fn root() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    /// Compare a committed document with its generated text; rewrite it under UPDATE_DOCS=1.
    fn check_fresh(path: &Path, expected: &str) {
        let current = std::fs::read_to_string(path).unwrap_or_default();
        if current == expected {
            return;
        }
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(path, expected).unwrap();
        } else {
            panic!("{} is stale: run `UPDATE_DOCS=1 cargo test --lib docs`", path.display());
        }
    }

    #[test]
    fn readme_rules_table_is_fresh() {
        let path = root().join("README.md");
        let readme = std::fs::read_to_string(&path).unwrap();
        let (Some(start), Some(end)) = (readme.find(BEGIN), readme.find(END)) else {
            panic!("README.md lacks the rules markers");
        };
        let expected = format!("{}{BEGIN}{}{}", &readme[..start], rules_table(), &readme[end..]);
        check_fresh(&path, &expected);
    }

    #[test]
    fn config_schema_file_is_fresh() {
        let expected = serde_json::to_string_pretty(&config_schema()).unwrap() + "\n";
        check_fresh(&root().join("config.schema.json"), &expected);
    }

    #[test]
    fn schema_keys_are_the_config_keys() {
        let schema = config_schema();
        let keys = |v: &Value| -> Vec<String> {
            let mut k: Vec<String> = v["properties"].as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        // A config that uses every key of the schema must be accepted by the strict parser.
        let full = crate::config::Config::from_json(
            r#"{"$schema": "x", "migrations": "m", "base": "b", "failOn": "low", "rules": {"drop-table": "off"},
                "naming": {"verbs": ["add"], "extraVerbs": ["seed"], "maxLength": 9, "futureToleranceMinutes": 1},
                "approvals": [{"migration": "m", "rule": "drop-table", "line": 1, "reason": "r"}]}"#,
        );
        assert!(full.is_ok(), "{full:?}");
        assert_eq!(keys(&schema).len(), 7);
        assert_eq!(keys(&schema["properties"]["naming"]).len(), 4);
        assert_eq!(keys(&schema["properties"]["approvals"]["items"]).len(), 4);
    }
}
