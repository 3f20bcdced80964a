#!/usr/bin/env bash
# The benchmark behind the README's figures (`npm run bench`). Not a test: it measures and prints.
# Installs what it needs and is quick about it when already done: squawk (the peer we compare with)
# from PyPI into bench/.venv, GNU time (peak memory) from Debian when missing.
# Options go to bench/bench.mjs: --reps N (default 5), --out FILE (default bench/results.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SQUAWK_VERSION=2.70.0

# squawk-cli's wheel carries squawk's native binary; pinned so reruns compare like with like.
if [ "$(bench/.venv/bin/squawk --version 2>/dev/null || true)" != "squawk $SQUAWK_VERSION" ]; then
  echo "bench: installing squawk-cli $SQUAWK_VERSION into bench/.venv" >&2
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install --quiet --disable-pip-version-check "squawk-cli==$SQUAWK_VERSION"
fi

# Peak memory of each child process comes from GNU time (`-f %M`: the child's maximum RSS).
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "bench: installing GNU time" >&2
    apt-get update -qq && apt-get install -y -qq time >/dev/null
  else
    echo "bench: /usr/bin/time (GNU time) is missing; install the Debian package \`time\`" >&2
    exit 2
  fi
fi

if [ ! -f pkg/migration_lint_bg.wasm ]; then
  echo "bench: pkg/ is not built; run \`npm run setup && npm run build\` first" >&2
  exit 2
fi

# The native side: built once here so its compile time stays out of the run (the bench profile
# is the release profile: LTO, one codegen unit, opt-level 3).
echo "bench: building the native throughput bench (cargo bench --no-run)" >&2
cargo bench --quiet --bench throughput --no-run

exec node bench/bench.mjs "$@"
