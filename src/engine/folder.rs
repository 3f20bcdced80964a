//! The runs over a whole migrations folder: the SQL pass over each migration, the naming rules
//! over each name, the folder rules over the folder, then one approval matcher and the config's
//! levels. Every run reads each migration's SQL at most once ([`Folder`] holds it).
//!
//! The JS side reads the folder (`<dir>/<name>/migration.sql`, `<dir>/migration_lock.toml`), git
//! (the base branch's migrations) and the configuration, and passes what it found; nothing here
//! touches the file system or git, so the same code serves Node, the browser and native tests.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::config::{Config, ExternalApproval, FailOn};
use crate::context::folder::{Folder, Replayed};
use crate::context::input::{HistoryInput, Migration, NameInput};
use crate::context::name::{NameContext, NameSubject, NamingOptions, ParsedName};
use crate::context::script::Script;
use crate::engine::approvals::{self, Approvable};
use crate::engine::lint;
use crate::finding::{Category, Finding, Report, Scope, Severity};

use crate::render::{self, Format, RenderOptions};
use crate::rule::{Check, Draft, Placed, Rule};
use crate::rules::{missing_migration_sql, order_dependency, unknown_object, RULES};
use crate::source::{LineIndex, Span};
use crate::syntax::analysis::{analyze, Analysis};

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
        let mut history = HistoryInput::deserialize(Value::Object(fields)).map_err(D::Error::custom)?;
        if history.baseline.is_none() {
            history.baseline = config.as_ref().and_then(|config| config.baseline.clone());
        }
        Ok(MigrationsInput { history, config })
    }
}

impl From<HistoryInput> for MigrationsInput {
    fn from(history: HistoryInput) -> Self {
        MigrationsInput { history, config: None }
    }
}

/// Which rules a run applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checks {
    /// The SQL rules and a missing `migration.sql` (`check-destructive`).
    Sql,
    /// The naming rules: each name, the folders' files, repeated names, the lock file.
    Naming,
    /// The order and history rules.
    Order,
    /// Naming and order.
    History,
    /// Every rule (`check`).
    All,
}

impl Checks {
    fn sql(self) -> bool {
        matches!(self, Checks::Sql | Checks::All)
    }

    fn category(self, category: Category) -> bool {
        match self {
            Checks::Sql => !matches!(category, Category::Naming | Category::Order),
            Checks::Naming => category == Category::Naming,
            Checks::Order => category == Category::Order,
            Checks::History => matches!(category, Category::Naming | Category::Order),
            Checks::All => true,
        }
    }

    /// Whether the run applies `rule`.
    pub fn applies(self, rule: &Rule) -> bool {
        match rule.check {
            // What PostgreSQL refused is reported by `engine::verify` alone, which applies no other rule.
            Check::Action(_) | Check::Script(_) | Check::Emitted { .. } => {
                self.sql() && rule.meta.category != Category::Verify
            }
            Check::Name(_) | Check::Folder(_) => self.category(rule.meta.category),
            // Read from a database: `engine::status` runs them.
            Check::Deployed(_) => false,
        }
    }

    /// Without the SQL pass (which replays, so reads, every migration): whether migration `index`
    /// needs its SQL read. The naming rules read the migrations they report on; the order rules
    /// read every migration (a table used before the folder that creates it).
    fn reads(self, in_scope: bool) -> bool {
        in_scope || matches!(self, Checks::Order | Checks::History)
    }
}

/// Every check of a migrations folder: each migration's SQL, the names, the order and, with a
/// base, the history. With a base, SQL and names are checked only for migrations new on this
/// branch unless `all` is set ([`HistoryInput::in_scope`]). Findings are sorted by file, then
/// position; the config's approvals and rule levels are applied.
pub fn check_migrations(input: &MigrationsInput) -> Report {
    run(input, Checks::All)
}

/// The SQL checks of a migrations folder (destructive, safety, parse, approvals), scoped like
/// [`check_migrations`]: with a base, only migrations new on this branch unless `all`.
pub fn check_destructive(input: &MigrationsInput) -> Report {
    run(input, Checks::Sql)
}

/// Naming and order checks over a migrations folder (no SQL rules, no config).
pub fn check_history(input: &HistoryInput, opts: &NamingOptions) -> Report {
    run_rules(input, None, opts, Checks::History)
}

/// The naming rules over a folder: each name, repeated names, the folders' files, the lock file.
pub fn validate_migrations(input: &HistoryInput, opts: &NamingOptions) -> Report {
    run_rules(input, None, opts, Checks::Naming)
}

/// The order and history rules: duplicate timestamps, dependencies between folders, and with a
/// base, migrations that sort before the base's newest, edited or deleted migrations, a stale
/// branch and objects changed on both sides.
pub fn verify_order(input: &HistoryInput) -> Report {
    run_rules(input, None, &NamingOptions::default(), Checks::Order)
}

pub(crate) fn run(input: &MigrationsInput, checks: Checks) -> Report {
    let default = Config::default();
    let config = input.config.as_ref().unwrap_or(&default);
    let mut report = run_rules(&input.history, Some(config), &config.naming.options(), checks);
    config.apply_levels(&mut report);
    report
}

/// Run the rules `checks` selects over a folder, with the config's approvals when given.
fn run_rules(input: &HistoryInput, config: Option<&Config>, opts: &NamingOptions, checks: Checks) -> Report {
    let in_scope = input.in_scope();
    let mut report = Report::default();
    // Findings are named relative to the migrations folder until the end.
    let mut findings: Vec<Finding> = Vec::new();
    // The SQL pass: each migration in scope checked against the schema the migrations before it
    // built, as the folder replays the history in Prisma's order (deployed migrations included).
    let folder = if checks.sql() {
        let summary = &mut report.summary;
        let found = &mut findings;
        let mut visit = |index: usize, analysis: &Analysis, replayed: Replayed<'_>| {
            if !in_scope[index] {
                return;
            }
            let migration = &input.migrations[index];
            let sql = migration.sql.as_deref().unwrap_or("");
            let script = Script::new(sql, analysis).in_history(replayed);
            found.extend(lint::script_findings(&script, &script_file(&migration.name)));
            let counts = lint::counts(&script);
            summary.files += counts.files;
            summary.statements += counts.statements;
            summary.parsed += counts.parsed;
            summary.scanned += counts.scanned;
        };
        let folder = Folder::replaying(input, opts, &mut visit);
        for (index, migration) in input.migrations.iter().enumerate() {
            if in_scope[index] && migration.sql.is_none() {
                findings.push(missing_sql(migration));
            }
        }
        folder
    } else {
        Folder::new(input, opts, |index| checks.reads(in_scope[index]))
    };
    let name_rules: Vec<&Rule> =
        RULES.iter().copied().filter(|rule| matches!(rule.check, Check::Name(_)) && checks.applies(rule)).collect();
    if !name_rules.is_empty() {
        for (rank, &index) in folder.order.iter().enumerate() {
            if in_scope[index] {
                let ctx = NameContext { now: folder.now, actions: Some(folder.actions(index)), first: Some(rank == 0) };
                findings.extend(name_findings(&folder.names[index], opts, &ctx, &name_rules));
            }
        }
    }
    for rule in RULES {
        if let Check::Folder(check) = rule.check {
            if checks.applies(rule) {
                findings.extend(check(&folder).into_iter().map(Placed::finding));
            }
        }
    }
    // One finding per risk: a statement that fails because the folder creating its table sorts
    // later is `order-dependency`'s, which names that folder.
    let ordered: Vec<(String, usize)> = findings
        .iter()
        .filter(|f| f.rule == order_dependency::RULE.meta.id)
        .map(|f| (f.file.clone(), f.start))
        .collect();
    findings.retain(|f| {
        f.rule != unknown_object::RULE.meta.id
            || !ordered.iter().any(|(file, start)| *file == f.file && (f.start..=f.end).contains(start))
    });
    if let (true, Some(config)) = (checks.sql(), config) {
        approve(&folder, config, checks, &mut findings);
    }
    for finding in &mut findings {
        finding.file = input.path(&finding.file);
    }
    report.findings = findings;
    report.scopes = vec![scope_of(input, &in_scope)];
    report.sort();
    report.tally();
    report
}

/// What a run over `input` compared with: its base, baseline, and how many migrations it checked.
pub(crate) fn scope_of(input: &HistoryInput, in_scope: &[bool]) -> Scope {
    let base = input.base.as_ref();
    Scope {
        dir: input.dir.clone().unwrap_or_else(|| ".".to_string()),
        migrations: input.migrations.len(),
        checked: in_scope.iter().filter(|&&checked| checked).count(),
        base: base.map(|base| base.reference.clone().unwrap_or_else(|| "the base branch".to_string())),
        merge_base: base.and_then(|base| base.commit.clone()),
        baseline: input.baseline.clone(),
        all: input.all,
        skipped_base: input.skipped_base.clone(),
    }
}

/// `<name>/migration.sql`: how findings name a migration's SQL inside the folder.
pub(crate) fn script_file(name: &str) -> String {
    format!("{name}/migration.sql")
}

/// The finding for a folder without `migration.sql`: Prisma refuses to apply such a folder.
fn missing_sql(migration: &Migration) -> Finding {
    let draft = Draft {
        rule: &missing_migration_sql::RULE.meta,
        span: Span::default(),
        message: format!("migration folder `{}` has no migration.sql", migration.name),
        help: None,
    };
    draft.locate(&migration.name, &LineIndex::new(""))
}

/// The naming rules `rules` over one parsed name; findings name the folder, spans are in the name.
fn name_findings(name: &ParsedName, opts: &NamingOptions, ctx: &NameContext, rules: &[&Rule]) -> Vec<Finding> {
    let subject = NameSubject { name, opts, now: ctx.now, actions: ctx.actions, first: ctx.first };
    let drafts: Vec<Draft> = rules
        .iter()
        .filter_map(|rule| match rule.check {
            Check::Name(check) => check(&subject),
            _ => None,
        })
        .collect();
    if drafts.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(name.text);
    drafts.into_iter().map(|draft| draft.locate(name.text, &index)).collect()
}

/// Check one folder name with the per-name rules (timestamp, future, snake_case, verb, descriptive,
/// table). `file` of each finding is the name; spans are byte ranges in it.
pub fn validate_name(name: &str, opts: &NamingOptions, ctx: &NameContext) -> Vec<Finding> {
    let rules: Vec<&Rule> = RULES.iter().copied().filter(|rule| matches!(rule.check, Check::Name(_))).collect();
    name_findings(&ParsedName::parse(name), opts, ctx, &rules)
}

/// [`validate_name`] over a [`NameInput`], parsing its SQL when given.
pub fn check_name(input: &NameInput, opts: &NamingOptions) -> Report {
    let analysis = input.sql.as_deref().map(analyze);
    let ctx =
        NameContext { now: input.now, actions: analysis.as_ref().map(|a| a.actions.as_slice()), first: input.first };
    let mut report = Report { findings: validate_name(&input.name, opts, &ctx), ..Default::default() };
    report.tally();
    report
}

/// Apply every approval of the folder (its SQL comments, the config's entries) to the findings,
/// adding the findings about approvals that are malformed or match nothing. Approvals are read
/// only for migrations the run reports on.
fn approve(folder: &Folder, config: &Config, checks: Checks, findings: &mut Vec<Finding>) {
    let mut configured: HashMap<&str, Vec<&ExternalApproval>> = HashMap::new();
    for approval in &config.approvals {
        configured.entry(approval.migration.as_str()).or_default().push(approval);
    }
    let ran = |id: &str| crate::rules::find(id).is_some_and(|rule| checks.applies(rule));
    // Sorted by file, each migration's findings are two runs: its folder's and its SQL's.
    findings.sort_by(|a, b| a.file.cmp(&b.file));
    let mut problems = Vec::new();
    for (index, migration) in folder.migrations.iter().enumerate() {
        if !folder.in_scope(index) {
            continue;
        }
        let external = configured.get(migration.name.as_str()).map_or(&[][..], Vec::as_slice);
        let script = migration.sql.as_deref().zip(folder.analyses[index].as_ref());
        let written = script.is_some_and(|(sql, analysis)| approvals::has_written(analysis, sql));
        let script_file = script_file(&migration.name);
        let mut targets = of_files(findings, &migration.name, &script_file);
        if targets.is_empty() && external.is_empty() {
            continue;
        }
        let approvable = Approvable { folder: &migration.name, script_file: &script_file, script, external };
        if !external.is_empty() || written {
            problems.extend(approvals::apply(&approvable, &mut targets, &ran));
        }
        approvals::hint(&approvable, Some(&migration.name), folder.is_deployed(index), &mut targets);
    }
    findings.extend(problems);
}

/// The findings (sorted by file) that name file `a` or file `b`.
fn of_files<'f>(findings: &'f mut [Finding], a: &str, b: &str) -> Vec<&'f mut Finding> {
    let range = |file: &str, findings: &[Finding]| {
        findings.partition_point(|f| f.file.as_str() < file)..findings.partition_point(|f| f.file.as_str() <= file)
    };
    let (first, second) = {
        let (ra, rb) = (range(a, findings), range(b, findings));
        if ra.start <= rb.start {
            (ra, rb)
        } else {
            (rb, ra)
        }
    };
    let (left, right) = findings.split_at_mut(second.start);
    left[first].iter_mut().chain(right[..second.len()].iter_mut()).collect()
}

/// The CLI's `--fail-on`: a severity, or `never` (`None`).
pub fn parse_fail_on(text: &str) -> Result<Option<Severity>, String> {
    FailOn::parse(text).map(FailOn::threshold)
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
    let fail_on = FailOn::parse(&request.fail_on)?;
    let checks = match request.command.as_str() {
        "check" => Checks::All,
        "check-destructive" => Checks::Sql,
        other => return Err(format!("unknown command `{other}`: expected check or check-destructive")),
    };
    let mut report = Report::default();
    let mut sources = BTreeMap::new();
    for folder in &request.folders {
        let folder_report = run(folder, checks);
        // Code frames need the text of each file a finding names; only the text format shows them.
        if format == Format::Text {
            add_sources(&folder.history, &folder_report, &mut sources);
        }
        report.merge(folder_report);
    }
    let output = render::render(&report, format, &RenderOptions { color: request.color, sources, fail_on })
        .map_err(|error| error.to_string())?;
    Ok(RunOutcome { fails: report.fails(fail_on.threshold()), output })
}

/// The texts findings point into: SQL files, folder names (naming findings point into the name),
/// the lock file. Mirrors `sourcesOf` in js/api.mjs, for the files `report` names.
pub(crate) fn add_sources(history: &HistoryInput, report: &Report, sources: &mut BTreeMap<String, String>) {
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
    use crate::context::input::{Base, BaseMigration};

    /// 2025-12-08T16:00:00Z, after every name used here.
    const NOW: i64 = 1_765_209_600;
    const LOCK: &str = "provider = \"postgresql\"\n";
    const INIT: &str = "20251201000000_init";
    const INIT_SQL: &str =
        "CREATE TABLE \"User\" (\"id\" TEXT NOT NULL);\nCREATE TABLE \"Session\" (\"id\" TEXT NOT NULL);\n";
    const DROP: &str = "20251202000000_drop_session_table";
    const DROP_SQL: &str = "DROP TABLE \"Session\";\n";

    fn migration(name: &str, sql: Option<&str>) -> Migration {
        Migration { name: name.into(), sql: sql.map(str::to_string), files: None }
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
    fn a_folder_without_migration_sql_is_a_high_finding_naming_the_folder() {
        let input = folder(
            Some("prisma/migrations"),
            vec![migration(INIT, Some(INIT_SQL)), migration("20251202000000_add_x", None)],
        );
        let report = check_destructive(&input.into());
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
        let report = check_destructive(&input.into());
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
        let mut all = check_migrations(&input.clone().into());

        let mut expected = Report::default();
        for m in &input.migrations {
            let sql = m.sql.as_deref().unwrap();
            expected.merge(crate::check_sql(sql, &input.sql_file(&m.name)));
        }
        expected.merge(check_history(&input, &NamingOptions::default()));
        expected.sort();
        expected.tally();
        // Only `check` applies approvals, so only it says how to approve the naming and order findings.
        assert!(all.findings.iter().any(|f| f.category == Category::Naming && f.approve.is_some()));
        for finding in all.findings.iter_mut().chain(expected.findings.iter_mut()) {
            finding.approve = None;
        }
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
        let mut destructive = check_destructive(&input.into());
        destructive.findings.iter_mut().for_each(|finding| finding.approve = None);
        let sql_only: Vec<&Finding> =
            all.findings.iter().filter(|f| !matches!(f.category, Category::Naming | Category::Order)).collect();
        assert_eq!(destructive.findings.iter().collect::<Vec<_>>(), sql_only);
        assert_eq!(destructive.summary.files, 4);
    }

    #[test]
    fn with_a_base_only_new_migrations_are_checked_unless_all() {
        let branch = |all| HistoryInput {
            base: Some(Base {
                commit: None,
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
            let new_only = run(&branch(false).into());
            assert_eq!(tables(&new_only), vec!["DROP TABLE \"User\""]);
            assert_eq!(new_only.summary.files, 1);
            let all = run(&branch(true).into());
            assert_eq!(tables(&all), vec!["DROP TABLE \"Session\"", "DROP TABLE \"User\""]);
            assert_eq!(all.summary.files, 3);
        }
        // The deployed migrations are still read: an edit of one is reported.
        let mut edited = branch(false);
        edited.migrations[1].sql = Some("DROP TABLE \"Session\" CASCADE;\n".into());
        assert_eq!(
            rows(&check_migrations(&edited.into()))
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
        assert_eq!(rows(&check_migrations(&input.into())), Vec::<(String, String)>::new());
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
        let found = rows(&check_migrations(&input.into()));
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
                        Some("ALTER TABLE \"User\" RENAME COLUMN \"id\" TO \"b\";\n"),
                    ),
                ],
            )
        };
        let plain = check_migrations(&input().into());
        assert_eq!(
            rows(&plain),
            vec![
                ("drop-table".into(), format!("m/{DROP}/migration.sql")),
                ("naming-verb".into(), "m/20251203000000_tweak_user".into()),
                ("rename-column".into(), "m/20251203000000_tweak_user/migration.sql".into()),
            ]
        );

        let configured = check_migrations(&with_config(
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
        let approved = check_migrations(&with_config(input(), &config("naming-verb")));
        assert_eq!(rows(&approved), vec![("naming-verb".to_string(), "20251203000000_tweak".to_string())]);
        assert_eq!(
            approved.findings[0].approved.as_ref().map(|a| a.reason.as_str()),
            Some("named before the convention")
        );
        assert_eq!(approved.summary.approved, 1);

        // Matching nothing: reported once, on the folder (not also by the SQL checks).
        let unused = check_migrations(&with_config(input(), &config("order-edited")));
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
            rows(&check_destructive(&with_config(input(), &config("naming-verb")))),
            Vec::<(String, String)>::new()
        );
    }

    /// One matcher for every rule: a comment in the SQL approves an order finding in that SQL too,
    /// and a run that does not apply a rule neither uses nor reports its approvals.
    #[test]
    fn approval_comments_cover_order_findings_and_rules_the_run_applies() {
        let uses_profile = "-- migration-lint approve order-dependency: created by hand on every database\n\
                            ALTER TABLE \"Profile\" ADD COLUMN \"bio\" TEXT;\n";
        let input = folder(
            None,
            vec![
                migration("20251202000000_create_profile_table", Some("CREATE TABLE \"Profile\" (\"id\" TEXT);\n")),
                migration("20251201000000_add_bio_to_profile", Some(uses_profile)),
            ],
        );
        let report = check_migrations(&with_config(input.clone(), "{}"));
        let order: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == "order-dependency").collect();
        assert_eq!(order.len(), 1, "{report:#?}");
        assert_eq!(order[0].approved.as_ref().map(|a| a.source.as_str()), Some("comment"));
        assert!(report.findings.iter().all(|f| f.rule != "approval-unused"), "{report:#?}");
        // check-destructive applies no order rule: the approval is left alone, not called unused.
        let destructive = check_destructive(&with_config(input, "{}"));
        assert_eq!(rows(&destructive), Vec::<(String, String)>::new());
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
        assert_eq!(input.config.as_ref().and_then(|c| c.fail_on).map(FailOn::threshold), Some(Some(Severity::Medium)));
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
        let files: Vec<&str> =
            report.findings.iter().filter(|f| f.rule.starts_with("drop-")).map(|f| f.file.as_str()).collect();
        assert_eq!(
            files,
            ["a/20240101000000_drop_session_table/migration.sql", "b/20240101000000_drop_session_table/migration.sql"]
        );
        // Each folder's first migration drops what no migration made: the history starts from a
        // database made otherwise, so nothing is called missing.
        assert!(report.findings.iter().all(|f| f.rule != "unknown-object"));
        assert_eq!(
            run_request(request("xml", "high")).unwrap_err(),
            "unknown format `xml`: expected one of text, compact, json, github, markdown, sarif"
        );
        assert!(run_request(request("text", "critical")).unwrap_err().starts_with("unknown threshold `critical`"));
    }

    /// The naming and history runs, with the rules' test helpers.
    mod names_and_history {
        use std::collections::HashSet;

        use crate::context::input::{Base, BaseMigration, HistoryInput, Migration, NameInput};
        use crate::context::name::{NameContext, NamingOptions};
        use crate::engine::folder::{check_history, check_name, validate_migrations};
        use crate::finding::{Finding, Report};
        use crate::rules::testing::{base, fired, migration, NOW};

        #[test]
        fn a_clean_folder_has_no_findings() {
            let input = HistoryInput {
                migrations: vec![
                    migration("20250101000000_init", "CREATE TABLE \"User\" (id int);"),
                    migration("20250102000000_add_email_to_user", "ALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;"),
                ],
                lock: Some("provider = \"postgresql\"".into()),
                now: Some(NOW),
                ..HistoryInput::default()
            };
            let report = check_history(&input, &NamingOptions::default());
            assert_eq!(report.findings, Vec::<Finding>::new());
        }

        #[test]
        fn with_a_base_only_new_migrations_are_named_unless_all() {
            let input = |all| HistoryInput {
                migrations: vec![migration("skillpod_b2b_enterprise", ""), migration("20250102000000_NewThing", "")],
                lock: Some("provider = \"postgresql\"".into()),
                base: Some(Base { merge_base: vec![base("skillpod_b2b_enterprise", "")], ..Base::default() }),
                all,
                ..HistoryInput::default()
            };
            let files = |report: Report| report.findings.into_iter().map(|f| f.file).collect::<HashSet<_>>();
            let new_only = files(validate_migrations(&input(false), &NamingOptions::default()));
            assert_eq!(new_only, HashSet::from(["20250102000000_NewThing".to_string()]));
            assert!(
                files(validate_migrations(&input(true), &NamingOptions::default())).contains("skillpod_b2b_enterprise")
            );
        }

        /// Input-derived data must never panic (a panic in WASM kills the caller): names and texts
        /// built from a pool of awkward characters, run through every entry point.
        #[test]
        fn arbitrary_names_and_texts_never_panic() {
            let pool: Vec<char> = "0123456789_-aZ é😀\r\n\u{0}\u{feff}\"'#=;".chars().collect();
            let mut seed: u32 = 7;
            let mut next = |below: usize| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (seed >> 8) as usize % below
            };
            for _ in 0..300 {
                let mut text = |max: usize| -> String { (0..next(max)).map(|_| pool[next(pool.len())]).collect() };
                let names: Vec<String> =
                    (0..4).map(|i| if i % 2 == 0 { format!("2025{}", text(20)) } else { text(20) }).collect();
                let sqls: Vec<String> = (0..4).map(|_| text(40)).collect();
                let migrations: Vec<Migration> = names.iter().zip(&sqls).map(|(n, s)| migration(n, s)).collect();
                let base_list: Vec<BaseMigration> =
                    names.iter().zip(sqls.iter().rev()).map(|(n, s)| base(n, s)).collect();
                let input = HistoryInput {
                    migrations,
                    lock: Some(text(30)),
                    base: Some(Base {
                        commit: None,
                        reference: None,
                        merge_base: base_list[..2].to_vec(),
                        base_head: Some(base_list.clone()),
                    }),
                    now: Some(text(3).len() as i64 * 700_000_000),
                    all: true,
                    ..HistoryInput::default()
                };
                let report = check_history(&input, &NamingOptions { max_length: 3, ..NamingOptions::default() });
                // Every finding names a folder of the input, its migration.sql, or the lock file.
                for finding in report.findings {
                    let folder = finding.file.strip_suffix("/migration.sql").unwrap_or(&finding.file);
                    let known = names.iter().any(|name| name == folder) || folder == "migration_lock.toml";
                    assert!(known, "{finding:?}");
                }
            }
        }

        #[test]
        fn folder_rules_and_the_lock_are_reported_with_their_files() {
            let input = HistoryInput {
                migrations: vec![Migration {
                    name: "20250101000000_init".into(),
                    sql: None,
                    files: Some(vec!["notes.txt".into()]),
                }],
                lock: None,
                ..HistoryInput::default()
            };
            let report = validate_migrations(&input, &NamingOptions::default());
            let found: Vec<(&str, &str)> = report.findings.iter().map(|f| (f.rule.as_str(), f.file.as_str())).collect();
            assert!(found.contains(&("naming-unexpected-file", "20250101000000_init")), "{found:?}");
            assert!(found.contains(&("naming-lock-file", "migration_lock.toml")), "{found:?}");
            // A missing migration.sql is `missing-migration-sql`, reported by `project::check_migration`.
            assert_eq!(found.len(), 2, "{found:?}");
        }

        /// The per-name rules' examples are folder names: each bad one fires its rule, each good one does not.
        #[test]
        fn name_rule_examples_fire_and_pass() {
            use crate::rules::testing::found;
            use crate::rules::{
                naming_descriptive, naming_future_timestamp, naming_snake_case, naming_timestamp, naming_verb,
            };
            for rule in [
                &naming_timestamp::RULE,
                &naming_future_timestamp::RULE,
                &naming_snake_case::RULE,
                &naming_verb::RULE,
                &naming_descriptive::RULE,
            ] {
                let meta = &rule.meta;
                assert_eq!(found(meta.id, meta.bad).len(), 1, "{}: bad example {}", meta.id, meta.bad);
                assert!(found(meta.id, meta.good).is_empty(), "{}: good example {}", meta.id, meta.good);
            }
        }

        #[test]
        fn validate_name_accepts_the_issue_s_examples() {
            let ctx = NameContext { now: Some(NOW), ..Default::default() };
            for name in [
                "20251208120000_add_user_verification_fields",
                "20251208130000_create_audit_logs_table",
                "20251208140000_add_index_jobs_status",
                "20251208150000_rename_column_user_name",
                "20251208160000_drop_legacy_sessions_table",
            ] {
                assert_eq!(fired(name, &ctx), Vec::<String>::new(), "{name}");
            }
        }

        #[test]
        fn check_name_reads_the_sql_when_given() {
            let input = NameInput {
                name: "20251208160000_cleanup".into(),
                sql: Some("DROP TABLE \"legacy_sessions\";".into()),
                now: Some(NOW),
                first: Some(false),
            };
            let report = check_name(&input, &NamingOptions::default());
            let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
            assert!(rules.contains(&"naming-table"), "{rules:?}");
            assert!(report.findings.iter().any(|f| f.help.contains("`20251208160000_drop_legacy_sessions_table`")));
            assert_eq!(report.summary.low, report.findings.len());
        }
    }
}
