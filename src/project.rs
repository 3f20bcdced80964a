//! Checks over a whole Prisma migrations folder, handed in as plain data.
//!
//! The JS side reads the folder (`<dir>/<name>/migration.sql`, `<dir>/migration_lock.toml`), git
//! (the base branch's migrations) and the configuration, and passes what it found; nothing here
//! touches the file system or git, so the same code serves Node, the browser and native tests.
//!
//! Two entry points, one per CLI command: [`check_migrations`] runs every check (SQL, naming,
//! order), [`check_destructive`] only the SQL checks. Both parse each migration once: the
//! [`Analysis`] that the SQL rules read also hands its actions to the history checks. Every finding
//! names its file through [`HistoryInput::path`], so SQL and history findings agree on names.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use std::collections::{BTreeMap, BTreeSet};

use crate::approvals::{self, ExternalApproval};
use crate::config::Config;
use crate::finding::{Approval, Category, Draft, Finding, Report, Severity, Span};
use crate::history::{check_history, HistoryInput, Migration};
use crate::render::{self, Format, RenderOptions};
use crate::rules::{self, missing_migration_sql};
use crate::source::LineIndex;
use crate::sql::{self, Analysis};

/// A migrations folder, its base branch and the configuration: the input of both entry points.
///
/// In JSON (and from JS) it is one object: the keys of [`HistoryInput`] (`dir`, `migrations`,
/// `lock`, `base`, `now`, `all`) and an optional `config`, validated as strictly as the config
/// file is (an unknown key is an error that names it).
#[derive(Debug, Clone, Default)]
pub struct MigrationsInput {
    pub history: HistoryInput,
    /// `None`: the defaults (no levels changed, default naming options, no approvals).
    pub config: Option<Config>,
}

impl<'de> Deserialize<'de> for MigrationsInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut fields = serde_json::Map::<String, Value>::deserialize(deserializer)?;
        let config = match fields.remove("config") {
            None | Some(Value::Null) => None,
            Some(value) => {
                Some(Config::from_value(&value).map_err(|error| D::Error::custom(format!("config: {error}")))?)
            }
        };
        // The rest is a `HistoryInput`, with its own refusal of unknown keys.
        let history = HistoryInput::deserialize(Value::Object(fields)).map_err(D::Error::custom)?;
        Ok(MigrationsInput { history, config })
    }
}

impl From<HistoryInput> for MigrationsInput {
    fn from(history: HistoryInput) -> Self {
        MigrationsInput { history, config: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Checks {
    /// The SQL checks only (`check-destructive`).
    Sql,
    /// SQL, naming and order (`check`).
    All,
}

/// Every check of a migrations folder: each migration's SQL, the names, the order and, with a
/// base, the history. With a base, SQL and names are checked only for migrations new on this
/// branch unless `all` is set ([`HistoryInput::in_scope`]). Findings are sorted by file, then
/// position; the config's approvals and rule levels are applied.
pub fn check_migrations(input: MigrationsInput) -> Report {
    run(input, Checks::All)
}

/// The SQL checks of a migrations folder (destructive, safety, parse, approvals), scoped like
/// [`check_migrations`]: with a base, only migrations new on this branch unless `all`.
pub fn check_destructive(input: MigrationsInput) -> Report {
    run(input, Checks::Sql)
}

fn run(input: MigrationsInput, checks: Checks) -> Report {
    let MigrationsInput { mut history, config } = input;
    let config = config.unwrap_or_default();
    let in_scope = history.in_scope();
    let mut report = Report::default();
    // Configured approvals of naming and order rules, applied once those findings exist.
    let mut folder_approvals: Vec<(usize, Vec<ExternalApproval>)> = Vec::new();
    for (index, &scoped) in in_scope.iter().enumerate() {
        let migration = &history.migrations[index];
        // The order rules read every migration's actions (a table used before the folder that
        // creates it), so `check` parses deployed migrations too; `check-destructive` does not.
        let wanted = scoped || checks == Checks::All;
        let analysis = migration.sql.as_deref().filter(|_| wanted).map(sql::analyze);
        if scoped {
            let (for_folder, for_sql): (Vec<_>, Vec<_>) =
                config.approvals_for(&migration.name).into_iter().partition(|a| is_folder_rule(&a.rule));
            report.merge(check_migration(&history, migration, analysis.as_ref(), &for_sql));
            if !for_folder.is_empty() {
                folder_approvals.push((index, for_folder));
            }
        }
        history.migrations[index].actions = analysis.map(|analysis| analysis.actions);
    }
    if checks == Checks::All {
        report.merge(check_history(&history, &config.naming.options()));
    }
    for (index, approvals) in &folder_approvals {
        approve_folder(&history, &history.migrations[*index], approvals, checks == Checks::All, &mut report.findings);
    }
    config.apply_levels(&mut report);
    report.sort();
    report.tally();
    report
}

/// Rules whose findings are about the folder or the history, not produced by the SQL checks:
/// their configured approvals are applied here, not by [`sql::check_analysis`] (which would
/// call them unused).
fn is_folder_rule(id: &str) -> bool {
    rules::find(id).is_some_and(|rule| matches!(rule.meta.category, Category::Naming | Category::Order))
}

/// Mark the folder's naming and order findings that `approvals` cover; with `report_unused`, an
/// approval that covers nothing is an `approval-unused` finding on the folder.
fn approve_folder(
    history: &HistoryInput,
    migration: &Migration,
    approvals: &[ExternalApproval],
    report_unused: bool,
    findings: &mut Vec<Finding>,
) {
    let folder = history.path(&migration.name);
    let script = history.sql_file(&migration.name);
    let mut unused = Vec::new();
    for approval in approvals {
        let mut used = false;
        for finding in findings.iter_mut() {
            let here = finding.file == folder || finding.file == script;
            let on_line = approval.line.is_none_or(|line| finding.line == line);
            if here && on_line && finding.rule == approval.rule && finding.approved.is_none() {
                finding.approved = Some(Approval { reason: approval.reason.clone(), source: "config".into() });
                used = true;
            }
        }
        if !used && report_unused {
            unused.push(approvals::unused_external(approval, &folder, &LineIndex::new(&migration.name)));
        }
    }
    findings.extend(unused);
}

/// The SQL checks of one migration over its analysis, or a finding that it has no
/// `migration.sql` (Prisma refuses to apply such a folder).
fn check_migration(
    history: &HistoryInput,
    migration: &Migration,
    analysis: Option<&Analysis>,
    approvals: &[ExternalApproval],
) -> Report {
    // `run` analyses every in-scope migration that has a migration.sql.
    match migration.sql.as_deref().zip(analysis) {
        Some((sql, analysis)) => sql::check_analysis(sql, &history.sql_file(&migration.name), analysis, approvals),
        None => {
            let draft = Draft {
                rule: &missing_migration_sql::RULE.meta,
                span: Span::default(),
                message: format!("migration folder `{}` has no migration.sql", migration.name),
                help: None,
            };
            let finding = draft.locate(&history.path(&migration.name), &LineIndex::new(""));
            let mut report = Report { findings: vec![finding], ..Report::default() };
            report.tally();
            report
        }
    }
}

/// The CLI's `--fail-on`: a severity, or `never`.
pub fn parse_fail_on(text: &str) -> Result<Option<Severity>, String> {
    match text {
        "never" => Ok(None),
        _ => Severity::parse(text)
            .map(Some)
            .ok_or_else(|| format!("unknown threshold `{text}`: expected one of high, medium, low, never")),
    }
}

/// A run of the CLI over one or more migrations folders: check each, merge, render, decide the
/// exit. One call, so a large report crosses the WASM boundary once, as the rendered text, instead
/// of as objects to merge and render again (a corpus-sized report is megabytes of JSON).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RunRequest {
    pub folders: Vec<MigrationsInput>,
    /// `check` (every check) or `check-destructive` (the SQL checks).
    pub command: String,
    pub format: String,
    /// `high`, `medium`, `low` or `never`.
    pub fail_on: String,
    #[serde(default)]
    pub color: bool,
}

#[derive(Debug, PartialEq, Eq, serde::Serialize)]
pub struct RunOutcome {
    pub output: String,
    /// An unapproved finding is at or above the threshold: exit 1.
    pub fails: bool,
}

pub fn run_request(request: RunRequest) -> Result<RunOutcome, String> {
    let format = Format::parse(&request.format).map_err(|error| error.to_string())?;
    let fail_on = parse_fail_on(&request.fail_on)?;
    let checks = match request.command.as_str() {
        "check" => Checks::All,
        "check-destructive" => Checks::Sql,
        other => return Err(format!("unknown command `{other}`: expected check or check-destructive")),
    };
    let mut report = Report::default();
    let mut sources = BTreeMap::new();
    for folder in request.folders {
        // Code frames need the text of each file a finding names; only the text format shows them.
        let history = (format == Format::Text).then(|| folder.history.clone());
        let folder_report = run(folder, checks);
        if let Some(history) = history {
            add_sources(&history, &folder_report, &mut sources);
        }
        report.merge(folder_report);
    }
    let output = render::render(&report, format, &RenderOptions { color: request.color, sources })
        .map_err(|error| error.to_string())?;
    Ok(RunOutcome { fails: report.fails(fail_on), output })
}

/// The texts findings point into: SQL files, folder names (naming findings point into the name),
/// the lock file. Mirrors `sourcesOf` in js/api.mjs, for the files `report` names.
fn add_sources(history: &HistoryInput, report: &Report, sources: &mut BTreeMap<String, String>) {
    let named: BTreeSet<&str> = report.findings.iter().map(|f| f.file.as_str()).collect();
    let mut add = |file: String, text: &str| {
        if named.contains(file.as_str()) {
            sources.insert(file, text.to_string());
        }
    };
    if let Some(base) = &history.base {
        for migration in base.merge_base.iter().chain(base.base_head.iter().flatten()) {
            add(history.path(&migration.name), &migration.name);
        }
    }
    for migration in &history.migrations {
        add(history.path(&migration.name), &migration.name);
        if let Some(sql) = &migration.sql {
            add(history.sql_file(&migration.name), sql);
        }
    }
    if let Some(lock) = &history.lock {
        add(history.path("migration_lock.toml"), lock);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashSet};

    use super::*;
    use crate::history::{Base, BaseMigration};
    use crate::naming::NamingOptions;

    /// 2025-12-08T16:00:00Z, after every name used here.
    const NOW: i64 = 1_765_209_600;
    const LOCK: &str = "provider = \"postgresql\"\n";
    const INIT: &str = "20251201000000_init";
    const INIT_SQL: &str =
        "CREATE TABLE \"User\" (\"id\" TEXT NOT NULL);\nCREATE TABLE \"Session\" (\"id\" TEXT NOT NULL);\n";
    const DROP: &str = "20251202000000_drop_session_table";
    const DROP_SQL: &str = "DROP TABLE \"Session\";\n";

    fn migration(name: &str, sql: Option<&str>) -> Migration {
        Migration { name: name.into(), sql: sql.map(str::to_string), files: None, actions: None }
    }

    fn folder(dir: Option<&str>, migrations: Vec<Migration>) -> HistoryInput {
        HistoryInput {
            dir: dir.map(str::to_string),
            migrations,
            lock: Some(LOCK.into()),
            now: Some(NOW),
            ..HistoryInput::default()
        }
    }

    fn recorded(name: &str, sql: &str) -> BaseMigration {
        BaseMigration { name: name.into(), checksum: None, sql: Some(sql.into()) }
    }

    fn with_config(history: HistoryInput, config: &str) -> MigrationsInput {
        MigrationsInput { history, config: Some(Config::from_json(config).unwrap()) }
    }

    fn rows(report: &Report) -> Vec<(String, String)> {
        report.findings.iter().map(|f| (f.rule.clone(), f.file.clone())).collect()
    }

    #[test]
    fn files_are_named_under_the_dir_when_given() {
        let mut input = HistoryInput { dir: Some("prisma/migrations/".into()), ..HistoryInput::default() };
        assert_eq!(input.sql_file("20240101000000_init"), "prisma/migrations/20240101000000_init/migration.sql");
        input.dir = None;
        assert_eq!(input.sql_file("20240101000000_init"), "20240101000000_init/migration.sql");
        input.dir = Some(String::new());
        assert_eq!(input.path("20240101000000_init"), "20240101000000_init");
        input.dir = Some("./".into());
        assert_eq!(input.path("migration_lock.toml"), "migration_lock.toml");
    }

    #[test]
    fn a_folder_without_migration_sql_is_a_high_finding_naming_the_folder() {
        let input = folder(
            Some("prisma/migrations"),
            vec![migration(INIT, Some(INIT_SQL)), migration("20251202000000_add_x", None)],
        );
        let report = check_destructive(input.into());
        let missing: Vec<_> = report.findings.iter().filter(|f| f.rule == "missing-migration-sql").collect();
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].file, "prisma/migrations/20251202000000_add_x");
        assert_eq!(missing[0].severity, Severity::High);
        assert_eq!(missing[0].message, "migration folder `20251202000000_add_x` has no migration.sql");
        assert_eq!(report.summary.files, 1);
        assert_eq!(report.summary.high, report.findings.iter().filter(|f| f.severity == Severity::High).count());
    }

    #[test]
    fn each_migration_is_checked_as_its_own_file() {
        let input = folder(None, vec![migration("b", Some("SELECT 1;")), migration("a", Some("SELECT 1;\nSELECT 2;"))]);
        let report = check_destructive(input.into());
        assert_eq!(report.summary.files, 2);
        let separately = crate::check_sql("SELECT 1;", "b/migration.sql").summary.statements
            + crate::check_sql("SELECT 1;\nSELECT 2;", "a/migration.sql").summary.statements;
        assert_eq!(report.summary.statements, separately);
    }

    /// The wiring adds nothing and loses nothing: `check` is the SQL checks of every file plus the
    /// history checks, each finding named the same way.
    #[test]
    fn check_is_the_sql_checks_and_the_history_checks_together() {
        let migrations = vec![
            migration(INIT, Some(INIT_SQL)),
            migration(DROP, Some(DROP_SQL)),
            migration("20251203000000_Stuff", Some("ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER NOT NULL;\n")),
            migration("20251130000000_add_user_email", Some("ALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;\n")),
        ];
        let input = HistoryInput { lock: None, ..folder(Some("db/migrations"), migrations) };
        let all = check_migrations(input.clone().into());

        let mut expected = Report::default();
        for m in &input.migrations {
            let sql = m.sql.as_deref().unwrap();
            expected.merge(crate::check_sql(sql, &input.sql_file(&m.name)));
        }
        expected.merge(check_history(&input, &NamingOptions::default()));
        expected.sort();
        expected.tally();
        assert_eq!(all, expected);

        let categories: HashSet<Category> = all.findings.iter().map(|f| f.category).collect();
        assert_eq!(
            categories,
            HashSet::from([Category::Destructive, Category::Safety, Category::Naming, Category::Order])
        );
        let files: BTreeSet<&str> = all.findings.iter().map(|f| f.file.as_str()).collect();
        for file in &files {
            assert!(file.starts_with("db/migrations/"), "{file}");
        }
        assert!(files.contains("db/migrations/migration_lock.toml"), "{files:?}");
        assert!(files.contains("db/migrations/20251203000000_Stuff"), "{files:?}");
        assert!(files.contains("db/migrations/20251202000000_drop_session_table/migration.sql"), "{files:?}");
        // check-destructive: the same SQL findings, none of the others.
        let destructive = check_destructive(input.into());
        let sql_only: Vec<&Finding> =
            all.findings.iter().filter(|f| !matches!(f.category, Category::Naming | Category::Order)).collect();
        assert_eq!(destructive.findings.iter().collect::<Vec<_>>(), sql_only);
        assert_eq!(destructive.summary.files, 4);
    }

    #[test]
    fn with_a_base_only_new_migrations_are_checked_unless_all() {
        let branch = |all| HistoryInput {
            base: Some(Base {
                reference: Some("origin/main".into()),
                merge_base: vec![recorded(INIT, INIT_SQL), recorded(DROP, DROP_SQL)],
                base_head: None,
            }),
            all,
            ..folder(
                Some("prisma/migrations"),
                vec![
                    migration(INIT, Some(INIT_SQL)),
                    migration(DROP, Some(DROP_SQL)),
                    migration("20251203000000_drop_user_table", Some("DROP TABLE \"User\";\n")),
                ],
            )
        };
        let tables = |report: &Report| -> Vec<String> {
            report.findings.iter().filter(|f| f.rule == "drop-table").map(|f| f.excerpt.clone()).collect()
        };
        for run in [check_migrations, check_destructive] {
            let new_only = run(branch(false).into());
            assert_eq!(tables(&new_only), vec!["DROP TABLE \"User\""]);
            assert_eq!(new_only.summary.files, 1);
            let all = run(branch(true).into());
            assert_eq!(tables(&all), vec!["DROP TABLE \"Session\"", "DROP TABLE \"User\""]);
            assert_eq!(all.summary.files, 3);
        }
        // The deployed migrations are still read: an edit of one is reported.
        let mut edited = branch(false);
        edited.migrations[1].sql = Some("DROP TABLE \"Session\" CASCADE;\n".into());
        assert_eq!(
            rows(&check_migrations(edited.into()))
                .into_iter()
                .filter(|(rule, _)| rule == "order-edited")
                .collect::<Vec<_>>(),
            vec![("order-edited".to_string(), format!("prisma/migrations/{DROP}/migration.sql"))]
        );
    }

    #[test]
    fn deployed_migrations_still_count_for_the_order_rules() {
        // The new migration alters a table that a deployed one creates: no order-dependency.
        let input = HistoryInput {
            base: Some(Base { merge_base: vec![recorded(INIT, INIT_SQL)], ..Base::default() }),
            ..folder(
                None,
                vec![
                    migration(INIT, Some(INIT_SQL)),
                    migration(
                        "20251202000000_add_age_to_user",
                        Some("ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER;\n"),
                    ),
                ],
            )
        };
        assert_eq!(rows(&check_migrations(input.into())), Vec::<(String, String)>::new());
        // Out of order, the dependency is found although the creating migration is deployed.
        let input = HistoryInput {
            base: Some(Base {
                merge_base: vec![recorded("20251203000000_create_user_table", INIT_SQL)],
                ..Base::default()
            }),
            ..folder(
                None,
                vec![
                    migration("20251203000000_create_user_table", Some(INIT_SQL)),
                    migration(
                        "20251202000000_add_age_to_user",
                        Some("ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER;\n"),
                    ),
                ],
            )
        };
        let found = rows(&check_migrations(input.into()));
        assert!(found.iter().any(|(rule, _)| rule == "order-dependency"), "{found:?}");
    }

    #[test]
    fn config_levels_naming_options_and_approvals_apply() {
        let input = || {
            folder(
                Some("m"),
                vec![
                    migration(INIT, Some(INIT_SQL)),
                    migration(DROP, Some(DROP_SQL)),
                    migration(
                        "20251203000000_tweak_user",
                        Some("ALTER TABLE \"User\" RENAME COLUMN \"a\" TO \"b\";\n"),
                    ),
                ],
            )
        };
        let plain = check_migrations(input().into());
        assert_eq!(
            rows(&plain),
            vec![
                ("drop-table".into(), format!("m/{DROP}/migration.sql")),
                ("naming-verb".into(), "m/20251203000000_tweak_user".into()),
                ("rename-column".into(), "m/20251203000000_tweak_user/migration.sql".into()),
            ]
        );

        let configured = check_migrations(with_config(
            input(),
            r#"{
                "rules": {"rename-column": "off", "naming-verb": "high"},
                "naming": {"maxLength": 8},
                "approvals": [{"migration": "20251202000000_drop_session_table", "rule": "drop-table", "reason": "empty since 2024"}]
            }"#,
        ));
        let levels: Vec<(&str, Severity, bool)> =
            configured.findings.iter().map(|f| (f.rule.as_str(), f.severity, f.approved.is_some())).collect();
        assert_eq!(
            levels,
            vec![
                ("naming-descriptive", Severity::Low, false),
                ("drop-table", Severity::High, true),
                ("naming-verb", Severity::High, false),
                ("naming-descriptive", Severity::Low, false),
            ],
            "{configured:#?}"
        );
        assert_eq!(configured.findings[1].approved.as_ref().unwrap().source, "config");
        assert_eq!((configured.summary.high, configured.summary.approved), (1, 1));
    }

    #[test]
    fn configured_approvals_of_naming_and_order_rules_approve_folder_findings() {
        let input = || {
            folder(None, vec![migration(INIT, Some(INIT_SQL)), migration("20251203000000_tweak", Some("SELECT 1;\n"))])
        };
        let config = |rule: &str| {
            format!(
                r#"{{"approvals": [{{"migration": "20251203000000_tweak", "rule": "{rule}", "reason": "named before the convention"}}]}}"#
            )
        };
        let approved = check_migrations(with_config(input(), &config("naming-verb")));
        assert_eq!(rows(&approved), vec![("naming-verb".to_string(), "20251203000000_tweak".to_string())]);
        assert_eq!(
            approved.findings[0].approved.as_ref().map(|a| a.reason.as_str()),
            Some("named before the convention")
        );
        assert_eq!(approved.summary.approved, 1);

        // Matching nothing: reported once, on the folder (not also by the SQL checks).
        let unused = check_migrations(with_config(input(), &config("order-edited")));
        assert_eq!(
            rows(&unused),
            vec![
                ("approval-unused".to_string(), "20251203000000_tweak".to_string()),
                ("naming-verb".to_string(), "20251203000000_tweak".to_string()),
            ]
        );
        assert_eq!(
            unused.findings[0].message,
            "configured approval of `order-edited` matches no finding of that rule in this migration"
        );
        // check-destructive runs no naming checks: such an approval is not its business.
        assert_eq!(
            rows(&check_destructive(with_config(input(), &config("naming-verb")))),
            Vec::<(String, String)>::new()
        );
    }

    #[test]
    fn input_deserializes_from_one_object_and_refuses_unknown_keys() {
        let input: MigrationsInput = serde_json::from_str(
            r#"{"dir": "prisma/migrations", "migrations": [{"name": "a", "sql": null, "files": ["x"]}], "lock": null,
                "base": {"ref": "origin/main", "mergeBase": [{"name": "a", "checksum": "00"}]}, "now": 1, "all": true,
                "config": {"failOn": "medium", "rules": {"drop-table": "low"}}}"#,
        )
        .unwrap();
        assert_eq!(input.history.migrations[0].sql, None);
        assert_eq!(input.history.base.as_ref().and_then(|b| b.reference.as_deref()), Some("origin/main"));
        assert_eq!(
            input.config.as_ref().and_then(|c| c.fail_on.as_deref()).map(parse_fail_on),
            Some(Ok(Some(Severity::Medium)))
        );
        let minimal: MigrationsInput = serde_json::from_str(r#"{"migrations": [], "config": null}"#).unwrap();
        assert!(minimal.config.is_none() && !minimal.history.all);

        let error = |json: &str| serde_json::from_str::<MigrationsInput>(json).unwrap_err().to_string();
        assert!(error(r#"{"migrations": [], "bse": "main"}"#).contains("unknown field `bse`"));
        assert!(error(r#"{"migrations": [], "base": "main"}"#).contains("invalid type: string \"main\""));
        assert!(
            error(r#"{"migrations": [{"name": "a", "sql": "", "content": ""}]}"#).contains("unknown field `content`")
        );
        assert!(
            error(r#"{"migrations": [], "config": {"naming": {"maxLen": 3}}}"#)
                .starts_with("config: `naming.maxLen`: unknown key `maxLen`; did you mean `maxLength`?"),
            "{}",
            error(r#"{"migrations": [], "config": {"naming": {"maxLen": 3}}}"#)
        );
        assert!(error(r#""prisma/migrations""#).contains("invalid type: string"));
    }

    #[test]
    fn fail_on_takes_a_severity_or_never() {
        assert_eq!(parse_fail_on("medium"), Ok(Some(Severity::Medium)));
        assert_eq!(parse_fail_on("never"), Ok(None));
        assert_eq!(
            parse_fail_on("critical"),
            Err("unknown threshold `critical`: expected one of high, medium, low, never".to_string())
        );
    }

    #[test]
    fn a_run_checks_merges_renders_and_decides_the_exit_in_one_call() {
        let folder = |dir: &str, sql: &str| -> MigrationsInput {
            serde_json::from_value(serde_json::json!({
                "dir": dir,
                "migrations": [{ "name": "20240101000000_drop_session_table", "sql": sql }],
                "lock": "provider = \"postgresql\""
            }))
            .unwrap()
        };
        let request = |format: &str, fail_on: &str| RunRequest {
            folders: vec![folder("a", "DROP TABLE \"Session\";"), folder("b", "DROP INDEX \"i\";")],
            command: "check-destructive".into(),
            format: format.into(),
            fail_on: fail_on.into(),
            color: false,
        };
        let text = run_request(request("text", "high")).unwrap();
        assert!(text.fails);
        // Both folders' SQL is framed: the sources travel inside the request.
        assert!(text.output.contains("1 | DROP TABLE \"Session\";"), "{}", text.output);
        assert!(text.output.contains("1 | DROP INDEX \"i\";"), "{}", text.output);
        let json = run_request(request("json", "never")).unwrap();
        assert!(!json.fails);
        let report: Report = serde_json::from_str(&json.output).unwrap();
        assert_eq!(report.summary.files, 2);
        let files: Vec<&str> = report.findings.iter().map(|f| f.file.as_str()).collect();
        assert_eq!(
            files,
            ["a/20240101000000_drop_session_table/migration.sql", "b/20240101000000_drop_session_table/migration.sql"]
        );
        assert_eq!(
            run_request(request("xml", "high")).unwrap_err(),
            "unknown format `xml`: expected one of text, json, github, markdown, sarif"
        );
        assert!(run_request(request("text", "critical")).unwrap_err().starts_with("unknown threshold `critical`"));
    }
}
