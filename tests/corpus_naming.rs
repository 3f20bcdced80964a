//! Naming and order checks over every project of the shared corpus (`../shared/corpus`, real
//! Prisma migrations folders, read-only). Asserts no panic, the known facts about these folders,
//! and no history findings when a project's own history is replayed as a branch on top of itself.
//! Prints a per-project table of what the rules find (`cargo test --test corpus_naming -- --nocapture`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use migration_lint::{check_history, Base, BaseMigration, HistoryInput, Migration};
use migration_lint::{Finding, NamingOptions, Report};

/// 2026-11-01T00:00:00Z: a fixed clock, so the future-timestamp rule gives the same answer every day.
const NOW: i64 = 1_793_491_200;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("note: {} is absent; the corpus tests are skipped", dir.display());
        None
    }
}

/// A project's migrations folder as the JS side reads it.
fn read_project(dir: &Path) -> HistoryInput {
    let mut migrations = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        if !entry.path().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let files = fs::read_dir(entry.path())
            .unwrap()
            .flatten()
            .map(|f| f.file_name().to_string_lossy().into_owned())
            .collect();
        let sql = fs::read_to_string(entry.path().join("migration.sql")).ok();
        migrations.push(Migration { name, sql, files: Some(files) });
    }
    HistoryInput {
        migrations,
        lock: fs::read_to_string(dir.join("migration_lock.toml")).ok(),
        now: Some(NOW),
        ..HistoryInput::default()
    }
}

fn projects() -> Vec<(String, HistoryInput)> {
    let Some(corpus) = corpus() else { return Vec::new() };
    let mut projects: Vec<(String, HistoryInput)> = fs::read_dir(&corpus)
        .unwrap()
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| (entry.file_name().to_string_lossy().into_owned(), read_project(&entry.path())))
        .collect();
    projects.sort_by(|a, b| a.0.cmp(&b.0));
    projects
}

fn has(report: &Report, rule: &str, file: &str) -> Option<Finding> {
    report.findings.iter().find(|f| f.rule == rule && f.file == file).cloned()
}

#[test]
fn naming_and_order_over_the_corpus() {
    let projects = projects();
    if projects.is_empty() {
        return;
    }
    let opts = NamingOptions::default();
    let mut table: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut reports = BTreeMap::new();
    for (project, input) in &projects {
        let report = check_history(input, &opts);
        let counts = table.entry(project.clone()).or_default();
        counts.insert("migrations".into(), input.migrations.len());
        for finding in &report.findings {
            *counts.entry(finding.rule.clone()).or_default() += 1;
        }
        reports.insert(project.as_str(), report);
    }
    print_table(&table);

    let skillancer = &reports["artpromedia__skillancer"];
    let missing = has(skillancer, "naming-timestamp", "skillpod_b2b_enterprise")
        .expect("skillpod_b2b_enterprise has no timestamp");
    assert!(missing.message.contains("after every timestamped migration"), "{}", missing.message);
    // `000000` and `230000` are real times: typed by hand, perhaps, but valid and in order.
    for name in ["20260102000000_add_moat_features", "20260214230000_add_github_oauth_provider"] {
        assert!(has(skillancer, "naming-timestamp", name).is_none(), "{name}");
        assert!(has(skillancer, "naming-future-timestamp", name).is_none(), "{name}");
    }

    let umami = &reports["umami-software__umami"];
    assert!(has(umami, "naming-timestamp", "01_init").unwrap().message.contains("has 2 digits"));

    let papermark = &reports["mfts__papermark"];
    assert!(has(papermark, "naming-timestamp", "20241231_add_dataroom_allow_bulk_download")
        .unwrap()
        .message
        .contains("has 8 digits"));
    let camel = "202310311254_NewColumnEnableNotificationLinkTable";
    assert!(has(papermark, "naming-snake-case", camel)
        .unwrap()
        .help
        .contains("`20231031125400_new_column_enable_notification_link_table`"));

    let hoppscotch = &reports["hoppscotch__hoppscotch"];
    let repeat = has(hoppscotch, "naming-duplicate", "20251202154928_fix_order_index").unwrap();
    assert!(repeat.message.contains("repeats the description of `20250818154928_fix_order_index`"));

    let ghostfolio = &reports["ghostfolio__ghostfolio"];
    let verb = has(ghostfolio, "naming-verb", "20260801103609_removed_is_excluded_from_account").unwrap();
    assert!(verb.message.ends_with("`remove`"), "{}", verb.message);

    for (project, report) in &reports {
        // Every project commits a PostgreSQL lock file.
        assert!(report.findings.iter().all(|f| f.rule != "naming-lock-file"), "{project}");
        // Real histories are applied in this order every day: none uses a table before it is created.
        let dependency: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == "order-dependency").collect();
        assert!(dependency.is_empty(), "{project}: {dependency:#?}");
        for finding in &report.findings {
            assert!(finding.start <= finding.end, "{project}: {finding:?}");
            assert!(!finding.message.is_empty() && !finding.help.is_empty(), "{project}: {finding:?}");
        }
    }
}

/// Each project's history replayed as a branch: the merge-base holds all but the newest three
/// migrations, the base's tip the same, and the branch adds the three. A real, ordered history
/// has nothing to report; moving one migration before the base's newest must be reported.
#[test]
fn a_project_s_own_history_replayed_as_a_branch_is_clean() {
    for (project, input) in projects() {
        let mut names: Vec<&Migration> = input.migrations.iter().collect();
        names.sort_by(|a, b| migration_lint::context::prisma::compare_names(&a.name, &b.name));
        let timestamped: Vec<&&Migration> =
            names.iter().filter(|m| m.name.len() > 15 && m.name.as_bytes()[14] == b'_').collect();
        if timestamped.len() < 5 {
            continue;
        }
        let split = names.len() - 3;
        let base_list: Vec<BaseMigration> = names[..split]
            .iter()
            .map(|m| BaseMigration { name: m.name.clone(), checksum: None, sql: m.sql.clone() })
            .collect();
        let branch = HistoryInput {
            base: Some(Base {
                commit: None,
                reference: Some("origin/main".into()),
                merge_base: base_list,
                base_head: None,
            }),
            ..input.clone()
        };
        let report = check_history(&branch, &NamingOptions::default());
        let history: Vec<&Finding> = report.findings.iter().filter(|f| f.rule.starts_with("order-")).collect();
        assert!(history.is_empty(), "{project}: {history:#?}");

        // The same branch, where the newest migration was generated before the base's oldest.
        let newest = names[names.len() - 1].name.clone();
        let oldest = &names[0].name;
        if newest.as_bytes().get(14) == Some(&b'_') && oldest.as_bytes().get(14) == Some(&b'_') {
            let moved = format!("{}{}", &oldest[..14], &newest[14..]);
            let mut late = branch.clone();
            late.migrations.iter_mut().filter(|m| m.name == newest).for_each(|m| m.name = moved.clone());
            let report = check_history(&late, &NamingOptions::default());
            assert!(report.findings.iter().any(|f| f.rule == "order-before-base" && f.file == moved), "{project}");
        }
    }
}

fn print_table(table: &BTreeMap<String, BTreeMap<String, usize>>) {
    let mut rules: Vec<String> =
        table.values().flat_map(|counts| counts.keys().cloned()).filter(|r| r != "migrations").collect();
    rules.sort();
    rules.dedup();
    println!("| project | migrations | {} |", rules.join(" | "));
    println!("|---|---:|{}", "---:|".repeat(rules.len()));
    for (project, counts) in table {
        let cells: Vec<String> = rules.iter().map(|rule| counts.get(rule).copied().unwrap_or(0).to_string()).collect();
        println!("| {project} | {} | {} |", counts["migrations"], cells.join(" | "));
    }
}
