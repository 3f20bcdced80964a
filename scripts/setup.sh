#!/usr/bin/env bash
# Install what building and testing need, on a machine that has only Rust (rustup), Node and npm.
# Idempotent, and quick when everything is already there: each step checks before it installs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# 1. The wasm32 target of the toolchain.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli (wasm-bindgen and wasm-bindgen-test-runner) at exactly the version of the
#    wasm-bindgen crate pinned in Cargo.toml: the CLI refuses modules from any other version.
#    No --locked: one dependency version in the CLI's lockfile is missing from the registry here.
wanted="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)"
if [ -z "$wanted" ]; then
  echo "setup: cannot read the pinned wasm-bindgen version (wasm-bindgen = \"=x.y.z\") from Cargo.toml" >&2
  exit 1
fi
installed="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
runner="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$installed" != "$wanted" ] || [ "$runner" != "$wanted" ]; then
  echo "setup: installing wasm-bindgen-cli $wanted (found: ${installed:-none}); this takes about 2 minutes"
  cargo install wasm-bindgen-cli --version "$wanted" --force
fi

# 3. npm packages, when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

# 4. The playground's packages and Debian's chromium for its browser tests are installed by
#    `npm run test:playground` (playground/scripts/prepare.mjs), which scripts/test.sh runs: the
#    main job (`npm run example`) needs neither.
