#!/usr/bin/env bash
# `npm run example`: the CLI on the example migrations. They hold destructive changes, so the CLI's
# own exit code would be 1; --fail-on never makes this exit 0 unless the tool itself fails (exit 2).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# pkg/ is committed, so a fresh clone needs Node only. Build first when it is missing, or when a
# developer has uncommitted Rust changes newer than it (file times alone cannot tell: a fresh
# clone writes src/ after pkg/).
needs_build() {
  [ -f pkg/migration_lint_bg.wasm ] || return 0
  git rev-parse --is-inside-work-tree >/dev/null 2>&1 || return 1
  local changed
  for changed in $(git status --porcelain --untracked-files=all -- src Cargo.toml Cargo.lock | cut -c4-); do
    [ "$changed" -nt pkg/migration_lint_bg.wasm ] && return 0
  done
  return 1
}
if needs_build; then
  bash scripts/setup.sh
  bash scripts/build.sh
fi
exec node js/cli.js check-destructive examples/prisma/migrations --fail-on never "$@"
