//! No input makes the core panic (a panic in WASM kills the caller): every prefix of real
//! migrations (cut mid-string, mid-comment, mid-`$$` body), their statements shuffled, and
//! pseudo-random text built from SQL fragments and odd characters.

use std::fs;
use std::path::Path;

use migration_lint::check_sql;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

mod invariants;
use invariants::report_sound as assert_sound;

#[rustfmt::skip]
const FRAGMENTS: &[&str] = &[
    "ALTER TABLE ", "\"User\"", "DROP ", "COLUMN ", "TABLE ", "INDEX ", "CONCURRENTLY ", "IF EXISTS ", ",", ";",
    "(", ")", "'", "''", "E'\\'", "\"", "$$", "$tag$", "--", "\n", "/*", "*/", "DO ", "BEGIN ", "END ", "EXECUTE ",
    "WITH ", "DELETE FROM ", "UPDATE ", "SET ", "WHERE ", "TYPE ", "RENAME ", "TO ", "ADD ", "NOT NULL ", "public.",
    "é", "😀", "\u{feff}", "\r\n", "\0", "::", "ARRAY[", "]", "-- migration-lint approve drop-table: ok\n",
    "-- migration-lint approve",
];

fn sample_files() -> Vec<String> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/prisma/migrations");
    let mut texts = Vec::new();
    for dir in [corpus.join("artpromedia__skillancer"), corpus.join("formbricks__formbricks"), examples] {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        let mut paths: Vec<_> =
            entries.flatten().map(|e| e.path().join("migration.sql")).filter(|p| p.is_file()).collect();
        paths.sort();
        // DO blocks, enum rebuilds and the destructive example are among the first and last files.
        for path in paths.iter().take(6).chain(paths.iter().rev().take(6)) {
            texts.push(fs::read_to_string(path).unwrap());
        }
    }
    texts.push("DO $$ BEGIN EXECUTE 'DROP TABLE x'; END $$;".into());
    texts
}

#[test]
fn every_prefix_of_real_migrations_is_checked_without_panicking() {
    for mut text in sample_files() {
        // The first 20 KB of the long files: enough statements, and fast in debug builds.
        let mut limit = text.len().min(20_000);
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        text.truncate(limit);
        // Every char boundary for short files, about 150 cut points for long ones (kept fast in
        // debug builds; the cut points land in strings, comments and bodies alike).
        let step = (text.len() / 150).max(1);
        let mut cut = 0;
        while cut <= text.len() {
            if text.is_char_boundary(cut) {
                let prefix = &text[..cut];
                assert_sound(prefix, &check_sql(prefix, "m.sql"));
            }
            cut += step;
        }
    }
}

#[test]
fn random_sql_soup_is_checked_without_panicking() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..2000 {
        let length = 1 + rng.next() % 40;
        let text: String = (0..length).map(|_| rng.pick(FRAGMENTS)).collect();
        assert_sound(&text, &check_sql(&text, "m.sql"));
    }
}
