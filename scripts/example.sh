#!/usr/bin/env bash
# `npm run example`: the CLI on the example migrations. It has destructive findings, so the CLI's
# own exit code would be 1; --fail-on never makes this script exit 0 unless the tool itself fails
# (exit 2). Builds pkg/ first only when it is missing or older than the Rust sources (a fresh clone
# has it committed and needs Node only).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -f pkg/migration_lint_bg.wasm ] || [ -n "$(find src Cargo.toml Cargo.lock -newer pkg/migration_lint_bg.wasm -print -quit)" ]; then
  bash scripts/setup.sh
  bash scripts/build.sh
fi
exec node js/cli.js check-destructive examples/prisma/migrations --fail-on never "$@"
