//! Property tests (proptest) of what must hold for any input (`tests/invariants`): lossless
//! tokens and statements, findings inside the text with exact lines and columns, every unparsed
//! statement reported, the same report twice. The inputs are SQL-shaped (fragments that open and
//! close strings, comments, dollar bodies and parentheses, with multi-byte and odd characters)
//! and arbitrary Unicode; the coverage-guided fuzz targets in `fuzz/` assert the same.

mod invariants;

use migration_lint::{Config, HistoryInput, Migration, MigrationsInput};
use proptest::prelude::*;

#[rustfmt::skip]
const FRAGMENTS: &[&str] = &[
    "ALTER TABLE ", "\"User\"", "\"a\"\"b\"", "DROP ", "COLUMN ", "TABLE ", "INDEX ", "CONCURRENTLY ", "IF EXISTS ",
    ",", ";", "(", ")", "'", "''", "E'\\'", "U&\"", "\"", "$$", "$tag$", "$1", "--", "\n", "\r\n", "/*", "*/",
    "DO ", "BEGIN ", "ATOMIC ", "END ", "EXECUTE ", "WITH ", "DELETE FROM ", "UPDATE ", "SET ", "WHERE ",
    "INSERT INTO ", "VALUES ", "CREATE ", "TYPE ", "AS ENUM ", "RENAME ", "TO ", "ADD ", "NOT NULL ", "DEFAULT ",
    "public.", "x ", "1", "1.5", ".5", "1e3", "::", "->>", "||", "<>", "ARRAY[", "]", "é", "😀", "\u{feff}",
    "\u{a0}", "\0", "\t", "-- migration-lint approve drop-table: ok\n", "-- migration-lint approve",
];

fn sql_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn sql_shaped_input_keeps_every_invariant(text in sql_soup()) {
        invariants::sql(&text);
    }

    #[test]
    fn any_unicode_keeps_every_invariant(text in any::<String>()) {
        invariants::sql(&text);
    }

    #[test]
    fn a_folder_of_any_migrations_and_config_keeps_every_invariant(
        migrations in prop::collection::vec(("[0-9]{0,14}_?[a-z_A-Z.]{0,12}", sql_soup()), 0..5),
        config in prop::option::of(prop::sample::select(&[
            "{}",
            r#"{"rules": {"drop-table": "low"}}"#,
            r#"{"rules": {"drop-table": "off"}, "baseline": "20250101000000_init"}"#,
            r#"{"approvals": [{"migration": "20250101000000_init", "rule": "drop-table", "reason": "ok"}]}"#,
        ][..])),
    ) {
        let history = HistoryInput {
            dir: Some("prisma/migrations".into()),
            migrations: migrations
                .into_iter()
                .map(|(name, sql)| Migration { name, sql: Some(sql), files: None })
                .collect(),
            lock: Some("provider = \"postgresql\"\n".into()),
            now: Some(1_765_209_600),
            ..HistoryInput::default()
        };
        let config = config.map(|text| Config::from_json(text).expect("the configs above are valid"));
        invariants::folder(&MigrationsInput { history, config });
    }
}
