//! Golden files: the SQL of the fixed migrations folder `tests/golden/migrations` checked and rendered in
//! every format, compared byte for byte with `tests/golden/<format>.*`. The folder holds an approved
//! finding and names and reasons that each format must escape (`|`, `<img ...>`, `%`, a newline
//! followed by `::error::`, `@alice`).
//!
//! They are insta snapshots (binary snapshots, so each format's output is its own plain file,
//! `tests/golden/<format>.snap.<ext>`, beside insta's `.snap` metadata). After an intended change:
//! `cargo insta test --review` (or `INSTA_UPDATE=always cargo test --test golden`, then review
//! the diff with git).
//!
//! `tests/js/render.test.cjs` runs the CLI on the same folder and compares with the same files, so
//! the WASM build and the native one cannot drift apart.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use migration_lint::context::input::{HistoryInput, Migration};
use migration_lint::render::{render, Format, RenderOptions};
use migration_lint::{check_destructive, MigrationsInput, Report};

/// How the CLI names the folder when run from the repository root.
const DIR: &str = "tests/golden/migrations";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The snapshot of a format: `tests/golden/<name>.snap.<ext>`.
fn snapshot_name(format: Format) -> &'static str {
    match format {
        Format::Text => "text.txt",
        Format::Json => "json.json",
        Format::Github => "github.txt",
        Format::Markdown => "markdown.md",
        Format::Sarif => "sarif.json",
        Format::Compact => "compact.txt",
    }
}

/// Each migration's SQL, named as the CLI names it (`<dir>/<name>/migration.sql`), in name order.
fn files() -> BTreeMap<String, String> {
    let dir = root().join(DIR);
    fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.path().is_dir())
        .map(|entry| {
            let name = entry.file_name().into_string().unwrap();
            let sql = fs::read_to_string(entry.path().join("migration.sql")).unwrap();
            (format!("{DIR}/{name}/migration.sql"), sql)
        })
        .collect()
}

/// The report `migration-lint check-destructive tests/golden/migrations` gives, and the sources
/// the text format frames.
fn report() -> (Report, RenderOptions) {
    let files = files();
    let migrations = files
        .iter()
        .map(|(file, sql)| {
            let name = file.trim_start_matches(&format!("{DIR}/")).trim_end_matches("/migration.sql");
            Migration { name: name.to_string(), sql: Some(sql.clone()), files: None }
        })
        .collect();
    let history = HistoryInput { dir: Some(DIR.to_string()), migrations, ..HistoryInput::default() };
    let report = check_destructive(&MigrationsInput { history, config: None });
    (report, RenderOptions { sources: files, ..RenderOptions::default() })
}

#[test]
fn every_format_matches_its_golden_file() {
    let (report, options) = report();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests/golden"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for &format in Format::ALL {
            let out = render(&report, format, &options).unwrap();
            insta::assert_binary_snapshot!(snapshot_name(format), out.into_bytes());
        }
    });
}

/// The fixture must keep exercising what the golden files are there for.
#[test]
fn the_fixture_holds_an_approval_and_text_to_escape() {
    let (report, _) = report();
    let approved: Vec<_> = report.findings.iter().filter(|f| f.approved.is_some()).collect();
    assert_eq!(approved.len(), 1, "{report:#?}");
    assert_eq!(approved[0].rule, "drop-column");
    assert!(approved[0].approved.as_ref().unwrap().reason.contains("| backed up"));
    let messages: String = report.findings.iter().map(|f| f.message.as_str()).collect();
    for needle in ["|", "<img src=x onerror=alert(1)>", "%", "\n::error::"] {
        assert!(messages.contains(needle), "no message holds {needle:?}");
    }
    for severity in ["high", "medium", "low"] {
        assert!(
            report.findings.iter().any(|f| f.approved.is_none() && f.severity.as_str() == severity),
            "no open {severity} finding"
        );
    }
    assert!(report.findings.iter().any(|f| f.rule == "approval-unknown-rule"));
}

/// What the golden files show about escaping, checked directly rather than by eye.
#[test]
fn user_text_is_escaped_in_every_golden_file() {
    let (report, options) = report();
    let github = render(&report, Format::Github, &options).unwrap();
    // One command per finding plus the summary: newlines in names did not make new lines.
    assert_eq!(github.lines().count(), report.findings.len() + 1, "{github}");
    assert!(github.lines().all(|line| line.starts_with("::") || !line.contains("::")), "{github}");
    assert!(github.contains("100%25%0A::error::done"), "{github}");

    let markdown = render(&report, Format::Markdown, &options).unwrap();
    // No HTML from the input outside code spans: every `<` is ours (<br>, <sub>, the marker).
    let outside_code: String = markdown.split('`').step_by(2).collect();
    let tags: Vec<&str> = outside_code.match_indices('<').map(|(at, _)| &outside_code[at..]).collect();
    for tag in tags {
        assert!(
            ["<br>", "<sub>", "</sub>", "<!-- migration-lint:report -->"].iter().any(|ours| tag.starts_with(ours)),
            "{tag}"
        );
    }
    assert!(markdown.contains("(100% &lt;b&gt;verified&lt;/b&gt;) by @\u{2060}alice"), "{markdown}");

    let sarif: serde_json::Value = serde_json::from_str(&render(&report, Format::Sarif, &options).unwrap()).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), report.findings.len());
    assert!(results
        .iter()
        .any(|result| result["message"]["text"].as_str().unwrap().contains("<img src=x onerror=alert(1)>")));
}
