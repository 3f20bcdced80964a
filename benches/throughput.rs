//! Native in-process throughput of `migration_lint::check_sql`, the figure the WASM build is
//! compared against (bench/run.sh runs both on the same input in the same run).
//!
//! The input is built in memory from the shared corpus, exactly as bench/wasm.mjs builds it:
//! every `migration.sql` under the corpus in byte order of its relative path, repeated until the
//! total reaches `--mb` megabytes (10^6 bytes). Two shapes are timed:
//! - `whole`: one `check_sql` call over all of it joined into one string (stresses anything that
//!   grows faster than the input);
//! - `files`: one call per file, as the CLI does.
//!
//! cargo bench --bench throughput -- [--corpus DIR] [--mb N] [--reps N] [--shape whole|files|both] [--json]
//! (`--shape` lets a profiler look at one shape alone.)

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use migration_lint::check_sql;

/// Between two concatenated files: a file whose last statement lacks its `;` must not swallow
/// the next file's first statement, and a trailing `--` comment must end.
const JOINER: &str = "\n;\n";

struct Options {
    corpus: PathBuf,
    megabytes: usize,
    reps: usize,
    shape: String,
    json: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        corpus: Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        megabytes: 10,
        reps: 5,
        shape: "both".into(),
        json: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--corpus" => options.corpus = PathBuf::from(value("--corpus")?),
            "--mb" => options.megabytes = value("--mb")?.parse().map_err(|e| format!("--mb: {e}"))?,
            "--reps" => options.reps = value("--reps")?.parse().map_err(|e| format!("--reps: {e}"))?,
            "--shape" => options.shape = value("--shape")?,
            "--json" => options.json = true,
            // cargo bench passes `--bench` to harness = false binaries.
            "--bench" => {}
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if !["whole", "files", "both"].contains(&options.shape.as_str()) {
        return Err(format!("--shape: `{}` is not whole, files or both", options.shape));
    }
    if options.reps == 0 || options.megabytes == 0 {
        return Err("--reps and --mb must be at least 1".into());
    }
    Ok(options)
}

/// Every `migration.sql` under `root`, as (relative path, text), in byte order of the path.
fn corpus_files(root: &Path) -> Result<Vec<(String, String)>, String> {
    let mut found = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.file_name().is_some_and(|name| name == "migration.sql") {
                found.push(path);
            }
        }
    }
    let mut files = Vec::with_capacity(found.len());
    for path in found {
        let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        files.push((relative, text));
    }
    files.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    if files.is_empty() {
        return Err(format!("no migration.sql under {}", root.display()));
    }
    Ok(files)
}

/// The corpus texts repeated in order until their total size reaches `target` bytes.
fn repeat_to(files: &[(String, String)], target: usize) -> Vec<&str> {
    let mut picked = Vec::new();
    let mut total = 0;
    for (_, text) in files.iter().cycle() {
        if total >= target {
            break;
        }
        picked.push(text.as_str());
        total += text.len();
    }
    picked
}

/// What one pass produced, to check that native and WASM agree.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Counts {
    statements: usize,
    findings: usize,
}

struct Timing {
    first_ms: f64,
    median_ms: f64,
    runs_ms: Vec<f64>,
    counts: Counts,
}

fn time_runs(reps: usize, mut pass: impl FnMut() -> Counts) -> Result<Timing, String> {
    let mut runs = Vec::with_capacity(reps + 1);
    let mut counts = None;
    // The first pass is reported apart (page faults, allocator growth) and kept out of the median.
    for _ in 0..=reps {
        let start = Instant::now();
        let got = pass();
        runs.push(start.elapsed().as_secs_f64() * 1000.0);
        match counts {
            None => counts = Some(got),
            Some(seen) if seen != got => return Err(format!("passes disagree: {seen:?} then {got:?}")),
            Some(_) => {}
        }
    }
    let first_ms = runs.remove(0);
    let mut sorted = runs.clone();
    sorted.sort_by(f64::total_cmp);
    Ok(Timing {
        first_ms,
        median_ms: sorted[sorted.len() / 2],
        runs_ms: runs,
        counts: counts.unwrap_or(Counts { statements: 0, findings: 0 }),
    })
}

fn json_timing(name: &str, bytes: usize, timing: &Timing) -> String {
    let runs: Vec<String> = timing.runs_ms.iter().map(|ms| format!("{ms:.3}")).collect();
    format!(
        "\"{name}\":{{\"bytes\":{bytes},\"statements\":{},\"findings\":{},\"firstMs\":{:.3},\"medianMs\":{:.3},\"runsMs\":[{}]}}",
        timing.counts.statements,
        timing.counts.findings,
        timing.first_ms,
        timing.median_ms,
        runs.join(",")
    )
}

fn text_timing(name: &str, bytes: usize, timing: &Timing) -> String {
    let seconds = timing.median_ms / 1000.0;
    format!(
        "{name:>6}: {:.1} MB, {} statements, {} findings: first {:.1} ms, median {:.1} ms = {:.1} MB/s, {:.0} statements/s",
        bytes as f64 / 1e6,
        timing.counts.statements,
        timing.counts.findings,
        timing.first_ms,
        timing.median_ms,
        bytes as f64 / 1e6 / seconds,
        timing.counts.statements as f64 / seconds
    )
}

fn run() -> Result<(), String> {
    let options = parse_args()?;
    let files = corpus_files(&options.corpus)?;
    let picked = repeat_to(&files, options.megabytes * 1_000_000);
    let whole = picked.join(JOINER);
    let files_bytes: usize = picked.iter().map(|text| text.len()).sum();

    let count = |report: migration_lint::Report| Counts {
        statements: report.summary.statements,
        findings: report.findings.len(),
    };
    let mut results = Vec::new();
    if options.shape != "files" {
        results.push(("whole", whole.len(), time_runs(options.reps, || count(check_sql(&whole, "bench.sql")))?));
    }
    if options.shape != "whole" {
        let timing = time_runs(options.reps, || {
            let mut total = Counts { statements: 0, findings: 0 };
            for text in &picked {
                let got = count(check_sql(text, "migration.sql"));
                total.statements += got.statements;
                total.findings += got.findings;
            }
            total
        })?;
        results.push(("files", files_bytes, timing));
    }

    if options.json {
        let shapes: Vec<String> =
            results.iter().map(|(name, bytes, timing)| json_timing(name, *bytes, timing)).collect();
        println!(
            "{{\"corpusFiles\":{},\"pieces\":{},\"reps\":{},{}}}",
            files.len(),
            picked.len(),
            options.reps,
            shapes.join(",")
        );
    } else {
        println!(
            "native check_sql, {} corpus files repeated to {} pieces, {} runs each:",
            files.len(),
            picked.len(),
            options.reps
        );
        for (name, bytes, timing) in &results {
            println!("{}", text_timing(name, *bytes, timing));
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("throughput: {message}");
            ExitCode::from(2)
        }
    }
}
