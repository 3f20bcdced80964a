#!/usr/bin/env bash
# THE test command (`npm test`): setup, native Rust tests, the WASM build with its staleness check,
# the WASM-boundary tests under Node, the Jest tests of the JS API, CLI and package, and the
# playground's browser tests when the playground defines them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

started=$SECONDS
step() {
  local name="$1"
  shift
  local t0=$SECONDS
  echo "==> $name"
  "$@"
  echo "<== $name: $((SECONDS - t0)) s"
}

# pkg/ and js/index.cjs are committed: rebuilt from source, they must come out unchanged.
stale_check() {
  if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "not a git checkout: skipping the staleness check of pkg/"
    return
  fi
  local generated=(pkg js/index.cjs)
  local untracked
  untracked="$(git ls-files --others --exclude-standard -- "${generated[@]}")"
  if git diff --quiet -- "${generated[@]}" && [ -z "$untracked" ]; then
    echo "pkg/ and js/index.cjs match the committed copies"
    return
  fi
  git --no-pager diff --stat -- "${generated[@]}"
  [ -z "$untracked" ] || printf 'untracked: %s\n' $untracked
  echo "error: the committed pkg/ or js/index.cjs is stale: scripts/build.sh changed them (above)." >&2
  echo "       Commit the rebuilt files: git add pkg js/index.cjs" >&2
  if [ "${ALLOW_STALE_PKG:-}" = 1 ]; then
    echo "ALLOW_STALE_PKG=1: going on" >&2
  else
    return 1
  fi
}

wasm_tests() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --target wasm32-unknown-unknown --test wasm
}

step "setup" bash scripts/setup.sh
step "cargo test (native)" cargo test
step "build pkg/" bash scripts/build.sh
step "pkg/ is up to date" stale_check
step "wasm-bindgen tests under Node" wasm_tests
step "jest" node_modules/.bin/jest --ci
if node -e 'process.exit(require("./package.json").scripts?.["test:playground"] ? 0 : 1)'; then
  step "playground browser tests" npm run --silent test:playground
fi
echo "all tests passed in $((SECONDS - started)) s"
