//! Every migration of the shared corpus of real Prisma projects (`../shared/corpus`):
//! no crash, every statement parsed or reported as scanned, and every drop that Prisma itself
//! warned about in the file's header has its High finding on the same table (and column).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use migration_lint::{check_sql, Finding, Severity};
use regex::Regex;

/// The shared corpus; `None`, with a note saying the test is skipped, where it is absent.
fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !dir.is_dir() {
        eprintln!("note: ../shared/corpus not found; corpus test skipped");
        return None;
    }
    Some(dir)
}

/// Every `<project>/<migration>/migration.sql` of the corpus, sorted.
fn migration_files(corpus: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for project in fs::read_dir(corpus).expect("corpus is readable").flatten() {
        let Ok(migrations) = fs::read_dir(project.path()) else { continue };
        for migration in migrations.flatten() {
            let sql = migration.path().join("migration.sql");
            if sql.is_file() {
                files.push(sql);
            }
        }
    }
    files.sort();
    files
}

/// What Prisma's `/* Warnings: ... */` header says will be dropped: (table, Some(column) | None).
fn prisma_drop_warnings(sql: &str) -> Vec<(String, Option<String>)> {
    let column = Regex::new(r"You are about to drop the column `([^`]+)` on the `([^`]+)` table").unwrap();
    let table = Regex::new(r"You are about to drop the `([^`]+)` table").unwrap();
    // Prisma writes the warnings in the first block comment; lines may wrap.
    let header = sql.split("*/").next().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
    let mut warnings: Vec<_> =
        column.captures_iter(&header).map(|c| (c[2].to_string(), Some(c[1].to_string()))).collect();
    warnings.extend(table.captures_iter(&header).map(|c| (c[1].to_string(), None)));
    warnings
}

fn matches_warning(finding: &Finding, table: &str, column: Option<&str>) -> bool {
    let quoted = |name: &str| format!("`{name}`");
    finding.severity == Severity::High
        && match column {
            Some(column) => {
                finding.rule == "drop-column"
                    && finding.message.contains(&quoted(column))
                    && (finding.message.ends_with(&quoted(table)) || finding.message.ends_with(&format!(".{table}`")))
            }
            None => finding.rule == "drop-table" && finding.message.contains(&format!("{table}`")),
        }
}

#[test]
fn every_corpus_migration_is_checked_and_every_prisma_drop_warning_is_found() {
    let Some(corpus) = corpus_dir() else { return };
    let files = migration_files(&corpus);
    assert!(files.len() > 900, "expected the whole corpus, found {} files", files.len());

    let (mut statements, mut scanned, mut warnings_seen, mut hand_edited) = (0, 0, 0, 0);
    let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
    let mut missing = Vec::new();
    for path in &files {
        let sql = fs::read_to_string(path).expect("corpus files are UTF-8");
        let report = check_sql(&sql, &path.display().to_string());
        statements += report.summary.statements;
        scanned += report.summary.scanned;
        // A statement that was not parsed is never silent: it has its parse-category finding.
        let parse_findings = report.findings.iter().filter(|f| f.rule == "parse-error" || f.rule == "do-block").count();
        assert_eq!(parse_findings, report.summary.scanned, "{}", path.display());
        for finding in &report.findings {
            *per_rule.entry(finding.rule.clone()).or_default() += 1;
        }
        for (table, column) in prisma_drop_warnings(&sql) {
            warnings_seen += 1;
            if report.findings.iter().any(|f| matches_warning(f, &table, column.as_deref())) {
                continue;
            }
            // Two corpus files were edited by hand after Prisma wrote the warning: the generated
            // DROP COLUMN + ADD COLUMN became a RENAME COLUMN, which keeps the data. What the SQL
            // does is what counts, so a rename of that very column answers the warning.
            let renamed = column.as_deref().is_some_and(|column| {
                report.findings.iter().any(|f| {
                    f.rule == "rename-column"
                        && f.message.starts_with(&format!("renames column `{column}` of table `{table}`"))
                })
            });
            if renamed {
                hand_edited += 1;
            } else {
                missing.push(format!("{}: {table}.{column:?}", path.display()));
            }
        }
    }
    eprintln!(
        "corpus: {} files, {statements} statements, {scanned} scanned only, {warnings_seen} Prisma drop warnings",
        files.len()
    );
    eprintln!("findings per rule: {per_rule:?}");
    assert!(warnings_seen >= 220, "expected the corpus's Prisma drop warnings, saw {warnings_seen}");
    assert_eq!(hand_edited, 2, "the two hand-edited renames (formbricks rename_branding, rallly rename_poll_id)");
    assert!(missing.is_empty(), "Prisma drop warnings without a High finding:\n{}", missing.join("\n"));
}

/// The team's own folder: the old line-regex script found 11 of its 60 `DROP COLUMN`s.
#[test]
fn skillancer_drop_columns_are_all_found() {
    let Some(corpus) = corpus_dir() else { return };
    let folder = corpus.join("artpromedia__skillancer");
    let drops: usize = migration_files(&corpus)
        .iter()
        .filter(|path| path.starts_with(&folder))
        .map(|path| {
            let sql = fs::read_to_string(path).unwrap();
            check_sql(&sql, "m").findings.iter().filter(|f| f.rule == "drop-column").count()
        })
        .sum();
    assert_eq!(drops, 60);
}

/// What Prisma's header says an enum loses: (enum, values).
fn prisma_enum_warnings(sql: &str) -> Vec<(String, Vec<String>)> {
    let warning = Regex::new(r"The values? \[([^\]]*)\] on the enum `([^`]+)` will be removed").unwrap();
    let header = sql.split("*/").next().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
    warning
        .captures_iter(&header)
        .map(|c| (c[2].to_string(), c[1].split(',').map(|v| v.trim().to_string()).collect()))
        .collect()
}

/// The same warnings through the path `check` and `check-destructive` take on a folder: each
/// project's history replayed by the schema model, so folding and what exists before a migration
/// apply. Every drop warning still has its High finding, and every enum warning its
/// `enum-values-removed` naming each value the model says is lost.
#[test]
fn every_prisma_warning_is_found_when_the_folder_is_checked_as_a_history() {
    let Some(corpus) = corpus_dir() else { return };
    let (mut drops, mut enums, mut missing) = (0, 0, Vec::new());
    for project in fs::read_dir(&corpus).unwrap().flatten().filter(|p| p.path().is_dir()) {
        let mut migrations = Vec::new();
        for entry in fs::read_dir(project.path()).unwrap().flatten() {
            if let Ok(sql) = fs::read_to_string(entry.path().join("migration.sql")) {
                migrations.push(serde_json::json!({ "name": entry.file_name().to_string_lossy(), "sql": sql }));
            }
        }
        let sources: Vec<(String, String)> = migrations
            .iter()
            .map(|m| (format!("{}/migration.sql", m["name"].as_str().unwrap()), m["sql"].as_str().unwrap().to_string()))
            .collect();
        let input: migration_lint::MigrationsInput =
            serde_json::from_value(serde_json::json!({ "migrations": migrations })).unwrap();
        let report = migration_lint::check_destructive(&input);
        for (file, sql) in &sources {
            let findings: Vec<&Finding> = report.findings.iter().filter(|f| &f.file == file).collect();
            for (table, column) in prisma_drop_warnings(sql) {
                drops += 1;
                // The two hand-edited renames, as in the test above.
                let renamed = column.as_deref().is_some_and(|column| {
                    findings.iter().any(|f| {
                        f.rule == "rename-column"
                            && f.message.starts_with(&format!("renames column `{column}` of table `{table}`"))
                    })
                });
                if !findings.iter().any(|f| matches_warning(f, &table, column.as_deref())) && !renamed {
                    missing.push(format!("{file}: {table}.{column:?}"));
                }
            }
            for (name, values) in prisma_enum_warnings(sql) {
                enums += 1;
                let named = |f: &&&Finding| {
                    f.rule == "enum-values-removed"
                        && f.message.starts_with(&format!("enum `{name}` loses"))
                        && values.iter().all(|v| f.message.contains(&format!("`{v}`")))
                };
                if !findings.iter().any(|f| named(&f)) {
                    missing.push(format!("{file}: enum {name} {values:?}"));
                }
            }
        }
    }
    assert!(drops >= 220 && enums >= 10, "drops {drops}, enums {enums}");
    assert!(missing.is_empty(), "Prisma warnings without their finding:\n{}", missing.join("\n"));
}
