//! How long naming and order checks take over 10,000 synthetic migrations with a base branch
//! (issue 3's target: well under 1 s), natively. Same shape as `bench/synthetic.mjs`: a table
//! every 40 migrations, columns added in between, 10 migrations new on the branch, and the base
//! moved on by 5 after the fork.
//!
//! `cargo run --release --example history_speed [COUNT]`

use std::time::Instant;

use migration_lint::context::name::Timestamp;
use migration_lint::{
    check_history, check_migrations, Base, BaseMigration, HistoryInput, Migration, MigrationsInput, NamingOptions,
};

const ON_BRANCH: usize = 10;
const BASE_GAINED: usize = 5;
const TABLES_EVERY: usize = 40;
/// 2015-01-01T00:00:00Z.
const START: i64 = 1_420_070_400;

fn synthetic(n: usize) -> (String, String) {
    let time = Timestamp::from_unix(START + n as i64 * 3600);
    let table = format!("table_{}", n / TABLES_EVERY);
    if n.is_multiple_of(TABLES_EVERY) {
        let sql = format!(
            "-- CreateTable\nCREATE TABLE \"{table}\" (\n    \"id\" TEXT NOT NULL,\n    \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n\n    CONSTRAINT \"{table}_pkey\" PRIMARY KEY (\"id\")\n);\n"
        );
        (format!("{time}_create_{table}"), sql)
    } else {
        let column = format!("field_{n}");
        (
            format!("{time}_add_{column}_to_{table}"),
            format!("-- AlterTable\nALTER TABLE \"{table}\" ADD COLUMN \"{column}\" TEXT;\n"),
        )
    }
}

fn input(count: usize) -> HistoryInput {
    let all: Vec<(String, String)> = (0..count + BASE_GAINED).map(synthetic).collect();
    let on_base = count - ON_BRANCH;
    let base = |list: &[(String, String)]| -> Vec<BaseMigration> {
        list.iter()
            .map(|(name, sql)| BaseMigration { name: name.clone(), checksum: None, sql: Some(sql.clone()) })
            .collect()
    };
    let mut head = base(&all[..on_base]);
    head.extend(base(&all[count..]));
    HistoryInput {
        migrations: all[..count]
            .iter()
            .map(|(name, sql)| Migration { name: name.clone(), sql: Some(sql.clone()), files: None })
            .collect(),
        lock: Some("provider = \"postgresql\"\n".into()),
        base: Some(Base {
            commit: None,
            reference: Some("main".into()),
            merge_base: base(&all[..on_base]),
            base_head: Some(head),
        }),
        now: Some(1_795_000_000),
        ..HistoryInput::default()
    }
}

fn median_ms(runs: usize, mut run: impl FnMut() -> usize) -> (f64, usize) {
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..runs {
        let start = Instant::now();
        found = run();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    (times[times.len() / 2], found)
}

fn main() {
    let count: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let opts = NamingOptions::default();
    let plain = input(count);
    let (ms, found) = median_ms(5, || check_history(&plain, &opts).findings.len());
    println!("{count} migrations, SQL parsed inside check_history: {ms:.1} ms (median of 5), {found} findings");

    // What `check` does: the SQL rules too, over the same single read of each migration.
    let all: MigrationsInput = plain.into();
    let (ms, found) = median_ms(5, || check_migrations(&all).findings.len());
    println!("{count} migrations, every check (check_migrations):  {ms:.1} ms (median of 5), {found} findings");
}
