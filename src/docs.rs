//! Documents generated from the code: the README's rules table and the config's JSON schema.
//! Tests fail when the committed copies are stale; `npm run docs` (`cargo run --example docs`)
//! writes them.

use serde_json::{json, Value};

use crate::config::{values_of, FailOn, RuleLevel};
use crate::rules::RULES;

/// The README's markers around the rules table.
pub const RULES_BEGIN: &str = "<!-- rules:begin (generated from src/rules by `npm run docs`) -->\n";
pub const RULES_END: &str = "<!-- rules:end -->";

/// `readme` with its rules table replaced by today's; `None` when it lacks the markers.
pub fn with_rules_table(readme: &str) -> Option<String> {
    let start = readme.find(RULES_BEGIN)?;
    let end = readme.find(RULES_END)?;
    Some(format!("{}{RULES_BEGIN}{}{}", &readme[..start], rules_table(), &readme[end..]))
}

/// The markers in `src/types.d.ts` around the union of rule ids.
pub const IDS_BEGIN: &str = "// rule ids:begin (generated from src/rules by `npm run docs`)\n";
pub const IDS_END: &str = "// rule ids:end";

/// `types` (the text of `src/types.d.ts`) with its `RuleId` union replaced by today's; `None`
/// when it lacks the markers.
pub fn with_rule_ids(types: &str) -> Option<String> {
    let start = types.find(IDS_BEGIN)?;
    let end = types.find(IDS_END)?;
    let mut union = String::from(
        "/** Every rule id: configs and approvals key on them, so they are public API. */\nexport type RuleId =\n",
    );
    for rule in RULES {
        union.push_str(&format!("  | \"{}\"\n", rule.meta.id));
    }
    union.truncate(union.len() - 1);
    union.push_str(";\n");
    Some(format!("{}{IDS_BEGIN}{union}{}", &types[..start], &types[end..]))
}

/// The text of `config.schema.json`.
pub fn config_schema_text() -> String {
    serde_json::to_string_pretty(&config_schema()).unwrap_or_default() + "\n"
}

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
    let level = json!({ "enum": values_of::<RuleLevel>() });
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
            "baseline": { "type": "string", "description": "The newest migration of the deployed history (written by `migration-lint init`): it and the migrations before it are not checked for SQL and names again; order and history checks still cover them." },
            "failOn": { "enum": values_of::<FailOn>(), "description": "Lowest severity that fails the run (default high)." },
            "databaseUrlEnv": { "type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "description": "The environment variable holding the deployed database's URL, for `status` and `check --database-url` (default DATABASE_URL)." },
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
    use crate::config::{keys_of, Config, ExternalApproval, NamingConfig};

    fn root() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn rule_id_union_is_fresh() {
        let types = std::fs::read_to_string(root().join("src/types.d.ts")).unwrap();
        let expected = with_rule_ids(&types).expect("src/types.d.ts lacks the rule id markers");
        assert!(types == expected, "src/types.d.ts's RuleId is stale: run `npm run docs`");
    }

    #[test]
    fn readme_rules_table_is_fresh() {
        let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
        let expected = with_rules_table(&readme).expect("README.md lacks the rules markers");
        assert!(readme == expected, "README.md's rules table is stale: run `npm run docs`");
    }

    #[test]
    fn config_schema_file_is_fresh() {
        let current = std::fs::read_to_string(root().join("config.schema.json")).unwrap_or_default();
        assert!(current == config_schema_text(), "config.schema.json is stale: run `npm run docs`");
    }

    /// The schema's keys are the serde structs' keys, exactly.
    #[test]
    fn schema_keys_are_the_config_keys() {
        let schema = config_schema();
        let keys = |v: &Value| -> Vec<String> {
            let mut k: Vec<String> = v["properties"].as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        let sorted = |keys: &[&str]| -> Vec<String> {
            let mut k: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
            k.sort();
            k
        };
        assert_eq!(keys(&schema), sorted(keys_of::<Config>()));
        assert_eq!(keys(&schema["properties"]["naming"]), sorted(keys_of::<NamingConfig>()));
        assert_eq!(keys(&schema["properties"]["approvals"]["items"]), sorted(keys_of::<ExternalApproval>()));
    }
}
