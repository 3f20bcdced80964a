#!/usr/bin/env bash
# Coverage-guided fuzzing of the core (fuzz/, cargo-fuzz on the nightly toolchain): each target
# for FUZZ_SECONDS (default 60), seeded from the shared corpus of real migrations, asserting the
# invariants of tests/invariants. A crash (a panic or a broken invariant) is copied into
# tests/fuzz_regressions/<target>/, where `cargo test` (tests/fuzz_regressions.rs) keeps it as a
# regression case; the script then exits 1.
#
#   scripts/fuzz.sh                 every target (split, check_sql, folder)
#   FUZZ_SECONDS=600 scripts/fuzz.sh check_sql
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(split check_sql folder)

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: needs the nightly toolchain (rustup toolchain install nightly)" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz from crates.io" >&2
  cargo install cargo-fuzz --locked
fi

# Seeds: the shared corpus, read in place (libFuzzer reads every file under it); what the fuzzer
# learns goes to fuzz/corpus/<target>/, which is not committed.
seeds=()
[ -d ../shared/corpus ] && seeds=(../shared/corpus)

crashed=0
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target" "tests/fuzz_regressions/$target"
  log="fuzz/artifacts/$target/last-run.log"
  # Artifacts of earlier runs stay where they are; only this run's are new cases.
  marker="fuzz/artifacts/$target/.run-started"
  touch "$marker"
  echo "fuzz: $target for ${seconds}s" >&2
  status=0
  # No sanitizer: the core is safe Rust; what is looked for is panics and broken invariants, and
  # without ASan the fuzzer runs several times as many inputs. Debug assertions catch overflows.
  cargo +nightly fuzz run --fuzz-dir fuzz --sanitizer none --debug-assertions "$target" \
    "fuzz/corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="fuzz/artifacts/$target/" >"$log" 2>&1 || status=$?
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  echo "fuzz: $target: ${runs:-?} inputs run, exit $status" >&2
  for artifact in "fuzz/artifacts/$target"/crash-* "fuzz/artifacts/$target"/timeout-* "fuzz/artifacts/$target"/oom-*; do
    [ -e "$artifact" ] && [ "$artifact" -nt "$marker" ] || continue
    cp "$artifact" "tests/fuzz_regressions/$target/"
    echo "fuzz: $target: kept $(basename "$artifact") as tests/fuzz_regressions/$target/$(basename "$artifact")" >&2
    crashed=1
  done
  if [ "$status" -ne 0 ] && [ "$crashed" -eq 0 ]; then
    echo "fuzz: $target failed without an artifact; the log: $log" >&2
    tail -20 "$log" >&2
    exit 2
  fi
done
exit "$crashed"
