#!/usr/bin/env bash
# Build pkg/ (the WASM module, its JS glue and .d.ts) from source. It is committed, so that users
# need Node only; scripts/test.sh fails when it is stale.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$cargo_home/bin:$PATH"

# Panic locations embed source paths. Map the checkout and the cargo registry to fixed names, so the
# module is byte-identical wherever it is built (CI clones into another folder). Encoded flags
# (separated by 0x1f) keep paths with spaces whole; with --target they reach only wasm artifacts.
CARGO_ENCODED_RUSTFLAGS="$(printf '%s\x1f%s' "--remap-path-prefix=$root=/migration-lint" "--remap-path-prefix=$cargo_home=/cargo")"
export CARGO_ENCODED_RUSTFLAGS
# The `wasm` profile (Cargo.toml says why it is opt-level "s").
cargo build --profile wasm --target wasm32-unknown-unknown --lib
wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/migration_lint.wasm"

# One build for Node and the browser: the `web` target's ES module, which Node loads synchronously
# with initSync from the .wasm bytes. The name and producers sections are of no use at run time
# (with them the module was 9% larger gzipped, measured once at opt-level 3). The reset function
# (`__wbg_reset_state`) lets js/api.mjs re-instantiate the module after a panic traps it. The size
# printed below is today's.
rm -rf pkg
wasm-bindgen --target web --experimental-reset-state-function --remove-name-section --remove-producers-section \
  --out-dir pkg "$wasm"

size="$(wc -c < pkg/migration_lint_bg.wasm)"
gzipped="$(gzip -9 -c pkg/migration_lint_bg.wasm | wc -c)"
echo "build: pkg/migration_lint_bg.wasm $size bytes, $gzipped gzipped"
