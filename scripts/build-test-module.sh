#!/usr/bin/env bash
# The test-only module: the core with the `panicForTest` export (the `panic-for-test` feature), for
# tests/js/panic.test.mjs. Built unoptimised into target/test-pkg, never into pkg/; scripts/test.sh
# runs this before Jest. Same wasm-bindgen flags as scripts/build.sh, so it has the same glue.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
target="${CARGO_TARGET_DIR:-target}"
cargo build --target wasm32-unknown-unknown --lib --features panic-for-test
rm -rf "$target/test-pkg"
wasm-bindgen --target web --experimental-reset-state-function --out-dir "$target/test-pkg" \
  "$target/wasm32-unknown-unknown/debug/migration_lint.wasm"
