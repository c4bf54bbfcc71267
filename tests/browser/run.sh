#!/usr/bin/env bash
# Runs the browser end-to-end tests: Debian's Chromium driven by playwright-core, with axe-core
# on every page. Installs what is missing, builds the server and runs `node --test`.
# Works on a clean checkout, as root, without a display.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

if [ ! -x /usr/bin/chromium ]; then
  echo "browser tests: installing Debian's chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends chromium
fi

# oidc-provider came later than the others: a node_modules without it is installed anew too.
if [ ! -d "$here/node_modules/oidc-provider" ]; then
  echo "browser tests: npm ci" >&2
  (cd "$here" && npm ci --no-audit --no-fund)
fi

# The server as scripts/test's `cargo test --workspace` run builds it, so on CI this reuses that
# binary. `cargo build --bin vuoro` would resolve other features (no dev-dependencies) and compile
# the server and everything under it, Typst included, a second time. `--test migrate_cli` is the
# smallest test target that needs the binary.
cargo test --workspace --features vuoro-store-postgres/testing --no-run --test migrate_cli

export VUORO_BIN="$root/target/debug/vuoro"
node --test --test-reporter=spec tests/browser/
# The Good Practices day once more on PostgreSQL (the server scripts/test starts), so the whole
# journey runs on both backends. Without a server it is skipped, unless VUORO_REQUIRE_POSTGRES=1.
if [ -n "${VUORO_TEST_POSTGRES:-}" ]; then
  VUORO_BROWSER_BACKEND=postgres node --test --test-reporter=spec tests/browser/gpd.test.mjs
elif [ "${VUORO_REQUIRE_POSTGRES:-}" = 1 ]; then
  echo "browser tests: VUORO_REQUIRE_POSTGRES=1 but VUORO_TEST_POSTGRES is not set" >&2
  exit 1
else
  echo "browser tests: the PostgreSQL run of gpd.test.mjs is skipped (no VUORO_TEST_POSTGRES)" >&2
fi
