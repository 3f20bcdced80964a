//! The SQL findings (`check-destructive`, every migration, no base) over the shared corpus, by
//! rule: `cargo run --release --example corpus_findings` prints the table the README's corpus
//! section shows. Run on an older commit, it gives that commit's column.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
    let mut migrations = 0;
    let mut repos: Vec<_> =
        fs::read_dir(&corpus).expect("the shared corpus").flatten().filter(|e| e.path().is_dir()).collect();
    repos.sort_by_key(|e| e.file_name());
    for repo in repos {
        let mut list = Vec::new();
        for entry in fs::read_dir(repo.path()).unwrap().flatten() {
            let sql = entry.path().join("migration.sql");
            if let Ok(text) = fs::read_to_string(&sql) {
                list.push(serde_json::json!({ "name": entry.file_name().to_string_lossy(), "sql": text }));
            }
        }
        migrations += list.len();
        let input: migration_lint::MigrationsInput =
            serde_json::from_value(serde_json::json!({ "migrations": list })).expect("an input");
        for finding in migration_lint::check_destructive(&input).findings {
            *by_rule.entry(finding.rule).or_default() += 1;
        }
    }
    println!("{migrations} migrations");
    for (rule, count) in &by_rule {
        println!("{rule}\t{count}");
    }
    println!("total\t{}", by_rule.values().sum::<usize>());
}
