//! Configuration: `migration-lint.config.json`, or the `"migrationLint"` key of `package.json`.
//!
//! Validated strictly: an unknown key, rule id or value is an error that names it, says where it
//! is, and suggests the closest valid one. Errors are values; the JS side turns them into exit 2.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::context::name::NamingOptions;
use crate::finding::{Report, Severity};
use crate::rules;
use crate::text::did_you_mean;

/// A rule's configured level: a severity, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Low,
    Medium,
    High,
}

/// An approval kept outside the SQL (config file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExternalApproval {
    /// The migration folder name.
    pub migration: String,
    pub rule: String,
    /// Any line of the approved statement; without it, every finding of `rule` in the migration.
    #[serde(default)]
    pub line: Option<u32>,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NamingConfig {
    /// Verbs a migration name may start with; replaces the default list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verbs: Option<Vec<String>>,
    /// Verbs added to the default list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_verbs: Option<Vec<String>>,
    /// Longest allowed descriptive part (after the timestamp and `_`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// How far in the future a timestamp may be, in minutes (clock skew between machines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub future_tolerance_minutes: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Config {
    /// JSON schema reference, allowed so editors can validate the file.
    #[serde(default, rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The migrations folder, relative to the config file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migrations: Option<String>,
    /// The git ref new migrations are compared with (e.g. `origin/main`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// The newest migration of the deployed history, written by `migration-lint init`: it and
    /// the migrations before it are not checked for SQL and names again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
    /// Lowest severity that fails the run: `high`, `medium`, `low` or `never`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<FailOn>,
    /// The environment variable holding the deployed database's URL, for `status` and
    /// `check --database-url` (default: `DATABASE_URL`); one per folder in a monorepo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_url_env: Option<String>,
    /// Per-rule level: `off` or a severity.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, RuleLevel>,
    #[serde(default)]
    pub naming: NamingConfig,
    /// Approvals kept outside the SQL.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<ExternalApproval>,
}

impl NamingConfig {
    /// The naming rules' options: the defaults, with what this config sets.
    pub fn options(&self) -> NamingOptions {
        let mut options = NamingOptions::default();
        if let Some(verbs) = &self.verbs {
            options.verbs = verbs.clone();
        }
        if let Some(extra) = &self.extra_verbs {
            options.extra_verbs = extra.clone();
        }
        if let Some(max_length) = self.max_length {
            options.max_length = max_length;
        }
        if let Some(minutes) = self.future_tolerance_minutes {
            options.future_tolerance_minutes = i64::try_from(minutes).unwrap_or(i64::MAX);
        }
        options
    }
}

/// A configuration problem, naming the key and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// Dotted path to the bad key or value (`rules.drop-tabel`, `approvals[2].reason`).
    pub path: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "`{}`: {}", self.path, self.message)
        }
    }
}

/// The keys of `T`, a struct deriving `Deserialize`, as its JSON spells them: read from the
/// derived code itself (serde hands them to `deserialize_struct`), so the keys the validator
/// suggests, the JSON schema and the structs cannot disagree.
pub fn keys_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    introspect::<T>().0
}

/// The values of `T`, a unit-only enum deriving `Deserialize`, as its JSON spells them.
pub fn values_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    introspect::<T>().1
}

fn introspect<'de, T: Deserialize<'de>>() -> (&'static [&'static str], &'static [&'static str]) {
    let mut found = Introspect::default();
    let _ = T::deserialize(&mut found);
    (found.fields, found.variants)
}

/// A deserializer that records the names serde asks it for, then stops.
#[derive(Default)]
struct Introspect {
    fields: &'static [&'static str],
    variants: &'static [&'static str],
}

impl<'de> serde::Deserializer<'de> for &mut Introspect {
    type Error = serde::de::value::Error;

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.fields = fields;
        Err(serde::de::Error::custom("introspected"))
    }

    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.variants = variants;
        Err(serde::de::Error::custom("introspected"))
    }

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("not a struct or an enum"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// The lowest severity that fails a run (`failOn`, `--fail-on`), or `never`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// The default.
    #[default]
    High,
    Medium,
    Low,
    Never,
}

impl FailOn {
    /// Read a threshold as the CLI and the config spell it.
    pub fn parse(text: &str) -> Result<FailOn, String> {
        serde_json::from_value(Value::String(text.to_string()))
            .map_err(|_| format!("unknown threshold `{text}`: expected one of {}", values_of::<FailOn>().join(", ")))
    }

    /// The severity at or above which a finding fails the run; `None` for `never`.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::High => Some(Severity::High),
            FailOn::Medium => Some(Severity::Medium),
            FailOn::Low => Some(Severity::Low),
            FailOn::Never => None,
        }
    }
}

/// `a`, `b`, `c` as "`a`, `b`, `c`" for messages.
fn quoted(values: &[&str]) -> String {
    values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
}

fn error(path: impl Into<String>, message: impl Into<String>) -> ConfigError {
    ConfigError { path: path.into(), message: message.into() }
}

/// Refuse keys of `object` outside `allowed`, suggesting the nearest.
fn check_keys(object: &Value, allowed: &[&str], at: &str) -> Result<(), ConfigError> {
    let Some(map) = object.as_object() else { return Ok(()) };
    for key in map.keys() {
        if !allowed.contains(&key.as_str()) {
            let path = if at.is_empty() { key.clone() } else { format!("{at}.{key}") };
            let expected = allowed.join("`, `");
            return Err(error(
                path,
                format!(
                    "unknown key `{key}`{} (expected one of `{expected}`)",
                    did_you_mean(key, allowed.iter().copied())
                ),
            ));
        }
    }
    Ok(())
}

impl Config {
    /// Parse and validate a config from JSON text.
    pub fn from_json(text: &str) -> Result<Config, ConfigError> {
        let value: Value = serde_json::from_str(text).map_err(|e| error("", format!("invalid JSON: {e}")))?;
        Config::from_value(&value)
    }

    /// Validate a config already parsed as JSON (the `"migrationLint"` key of package.json).
    pub fn from_value(value: &Value) -> Result<Config, ConfigError> {
        if !value.is_object() {
            return Err(error("", "the configuration must be a JSON object"));
        }
        check_keys(value, keys_of::<Config>(), "")?;
        if let Some(naming) = value.get("naming") {
            check_keys(naming, keys_of::<NamingConfig>(), "naming")?;
        }
        if let Some(Value::Array(approvals)) = value.get("approvals") {
            for (i, approval) in approvals.iter().enumerate() {
                check_keys(approval, keys_of::<ExternalApproval>(), &format!("approvals[{i}]"))?;
            }
        }
        if let Some(Value::Object(levels)) = value.get("rules") {
            for (id, level) in levels {
                if rules::find(id).is_none() {
                    let ids = rules::RULES.iter().map(|r| r.meta.id);
                    return Err(error(format!("rules.{id}"), format!("unknown rule `{id}`{}", did_you_mean(id, ids))));
                }
                let levels = values_of::<RuleLevel>();
                if !level.as_str().is_some_and(|l| levels.contains(&l)) {
                    return Err(error(
                        format!("rules.{id}"),
                        format!("invalid level {level} (expected one of {})", quoted(levels)),
                    ));
                }
            }
        }
        if let Some(fail_on) = value.get("failOn") {
            if fail_on.as_str().is_none_or(|f| FailOn::parse(f).is_err()) {
                return Err(error(
                    "failOn",
                    format!("invalid value {fail_on} (expected one of {})", quoted(values_of::<FailOn>())),
                ));
            }
        }
        let config: Config =
            serde_json::from_value(value.clone()).map_err(|e| error("", format!("invalid configuration: {e}")))?;
        for (i, approval) in config.approvals.iter().enumerate() {
            if rules::find(&approval.rule).is_none() {
                let ids = rules::RULES.iter().map(|r| r.meta.id);
                return Err(error(
                    format!("approvals[{i}].rule"),
                    format!("unknown rule `{}`{}", approval.rule, did_you_mean(&approval.rule, ids)),
                ));
            }
            if approval.reason.trim().is_empty() {
                return Err(error(format!("approvals[{i}].reason"), "an approval needs a reason"));
            }
        }
        Ok(config)
    }

    /// Approvals configured for one migration folder.
    pub fn approvals_for(&self, migration: &str) -> Vec<ExternalApproval> {
        self.approvals.iter().filter(|a| a.migration == migration).cloned().collect()
    }

    /// Apply per-rule levels: drop findings of rules turned off, re-level the others.
    pub fn apply_levels(&self, report: &mut Report) {
        if self.rules.is_empty() {
            return;
        }
        report.findings.retain(|f| self.rules.get(&f.rule) != Some(&RuleLevel::Off));
        for finding in &mut report.findings {
            match self.rules.get(&finding.rule) {
                Some(RuleLevel::Low) => finding.severity = Severity::Low,
                Some(RuleLevel::Medium) => finding.severity = Severity::Medium,
                Some(RuleLevel::High) => finding.severity = Severity::High,
                Some(RuleLevel::Off) | None => {}
            }
        }
        report.tally();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_come_from_the_serde_types() {
        assert_eq!(
            keys_of::<Config>(),
            ["$schema", "migrations", "base", "baseline", "failOn", "databaseUrlEnv", "rules", "naming", "approvals"]
        );
        assert_eq!(keys_of::<NamingConfig>(), ["verbs", "extraVerbs", "maxLength", "futureToleranceMinutes"]);
        assert_eq!(keys_of::<ExternalApproval>(), ["migration", "rule", "line", "reason"]);
        assert_eq!(values_of::<FailOn>(), ["high", "medium", "low", "never"]);
        assert_eq!(values_of::<RuleLevel>(), ["off", "low", "medium", "high"]);
        assert!(keys_of::<String>().is_empty() && values_of::<String>().is_empty());
        assert_eq!(FailOn::parse("never"), Ok(FailOn::Never));
        assert_eq!(FailOn::parse("x"), Err("unknown threshold `x`: expected one of high, medium, low, never".into()));
    }

    fn err(json: &str) -> String {
        Config::from_json(json).unwrap_err().to_string()
    }

    #[test]
    fn a_full_config_parses() {
        let config = Config::from_json(
            r#"{
              "$schema": "./node_modules/@skillancer/migration-lint/config.schema.json",
              "migrations": "prisma/migrations", "base": "origin/main", "failOn": "medium",
              "rules": { "rename-column": "off", "drop-index": "high" },
              "naming": { "extraVerbs": ["seed"], "maxLength": 50, "futureToleranceMinutes": 10 },
              "approvals": [{ "migration": "20250101000000_drop_x", "rule": "drop-table", "reason": "backed up" }]
            }"#,
        )
        .unwrap();
        // The CLI applies it under --fail-on, through the one parser of thresholds.
        assert_eq!(config.fail_on.map(FailOn::threshold), Some(Some(Severity::Medium)));
        assert_eq!(config.rules["drop-index"], RuleLevel::High);
        assert_eq!(config.naming.max_length, Some(50));
        assert_eq!(config.approvals_for("20250101000000_drop_x").len(), 1);
        assert_eq!(Config::default().fail_on, None, "no failOn: the CLI's default, high");
    }

    #[test]
    fn unknown_keys_are_named_with_a_suggestion() {
        assert_eq!(
            err(r#"{"failon": "high"}"#),
            "`failon`: unknown key `failon`; did you mean `failOn`? (expected one of `$schema`, `migrations`, `base`, `baseline`, `failOn`, `databaseUrlEnv`, `rules`, `naming`, `approvals`)"
        );
        assert!(err(r#"{"naming": {"maxLen": 3}}"#)
            .starts_with("`naming.maxLen`: unknown key `maxLen`; did you mean `maxLength`?"));
        assert!(err(r#"{"approvals": [{"migration": "m", "rule": "drop-table", "reson": "x"}]}"#)
            .starts_with("`approvals[0].reson`: unknown key `reson`; did you mean `reason`?"));
        assert!(err(r#"{"frobnicate": 1}"#).starts_with("`frobnicate`: unknown key `frobnicate` (expected"));
    }

    #[test]
    fn unknown_rules_and_bad_values_are_named() {
        assert_eq!(
            err(r#"{"rules": {"drop-tabel": "off"}}"#),
            "`rules.drop-tabel`: unknown rule `drop-tabel`; did you mean `drop-table`?"
        );
        assert_eq!(
            err(r#"{"rules": {"drop-table": "critical"}}"#),
            "`rules.drop-table`: invalid level \"critical\" (expected one of `off`, `low`, `medium`, `high`)"
        );
        assert_eq!(
            err(r#"{"failOn": "sometimes"}"#),
            "`failOn`: invalid value \"sometimes\" (expected one of `high`, `medium`, `low`, `never`)"
        );
        assert_eq!(
            err(r#"{"approvals": [{"migration": "m", "rule": "drop-colum", "reason": "x"}]}"#),
            "`approvals[0].rule`: unknown rule `drop-colum`; did you mean `drop-column`?"
        );
        assert_eq!(
            err(r#"{"approvals": [{"migration": "m", "rule": "drop-table", "reason": " "}]}"#),
            "`approvals[0].reason`: an approval needs a reason"
        );
        assert!(err("{").starts_with("invalid JSON:"));
        assert_eq!(err("[]"), "the configuration must be a JSON object");
        assert!(err(r#"{"naming": {"maxLength": "long"}}"#).starts_with("invalid configuration: invalid type"));
    }

    #[test]
    fn levels_turn_rules_off_or_change_severity() {
        let config = Config::from_json(r#"{"rules": {"drop-index": "off", "rename-column": "high"}}"#).unwrap();
        let mut report = crate::check_sql("DROP INDEX i;\nALTER TABLE t RENAME COLUMN a TO b;", "m.sql");
        config.apply_levels(&mut report);
        let rules: Vec<(&str, Severity)> = report.findings.iter().map(|f| (f.rule.as_str(), f.severity)).collect();
        assert_eq!(rules, vec![("rename-column", Severity::High)]);
        assert_eq!(report.summary.high, 1);
    }

    #[test]
    fn naming_config_sets_only_what_it_names() {
        assert_eq!(NamingConfig::default().options(), NamingOptions::default());
        let config = Config::from_json(
            r#"{"naming": {"verbs": ["add"], "extraVerbs": ["seed"], "maxLength": 20, "futureToleranceMinutes": 99999999999999999999}}"#,
        );
        // Out of u64's range: refused, not wrapped.
        assert!(config.is_err());
        let options = Config::from_json(r#"{"naming": {"verbs": ["add"], "extraVerbs": ["seed"], "maxLength": 20, "futureToleranceMinutes": 18446744073709551615}}"#)
            .unwrap()
            .naming
            .options();
        assert_eq!(options.verbs, vec!["add".to_string()]);
        assert_eq!(options.extra_verbs, vec!["seed".to_string()]);
        assert_eq!(options.max_length, 20);
        assert_eq!(options.future_tolerance_minutes, i64::MAX);
        assert_eq!(options.allowed_files, NamingOptions::default().allowed_files);
        let extra_only = Config::from_json(r#"{"naming": {"extraVerbs": ["seed"]}}"#).unwrap().naming.options();
        assert!(extra_only.is_verb("add") && extra_only.is_verb("seed"));
    }
}
