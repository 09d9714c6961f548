#!/usr/bin/env bash
# Browser end-to-end tests: Debian chromium (driven by playwright-core) against
# madoguchi-server --demo. Builds nothing but its own node_modules: the caller
# (scripts/test.sh) has built ui/dist and target/debug/madoguchi-server.
#   tests/e2e/run.sh                 every test file
#   tests/e2e/run.sh tests/03-*.js   some of them
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

server="${MADOGUCHI_SERVER_BIN:-$repo/target/debug/madoguchi-server}"
ui="${MADOGUCHI_UI_DIR:-$repo/ui/dist}"
chromium="${CHROMIUM_BIN:-/usr/bin/chromium}"
missing=0
if [ ! -x "$server" ]; then
  echo "e2e: $server is missing; build it first: cargo build -p madoguchi-server" >&2; missing=1
fi
if [ ! -f "$ui/index.html" ]; then
  echo "e2e: $ui/index.html is missing; build the UI first: (cd ui && npm ci && npm run build)" >&2; missing=1
fi
if [ ! -x "$chromium" ]; then
  echo "e2e: $chromium is missing; install Debian's chromium (apt-get install chromium)" >&2; missing=1
fi
if ! command -v node >/dev/null; then
  echo "e2e: node is missing" >&2; missing=1
fi
[ "$missing" = 0 ] || exit 2

cd "$here"
# Install playwright-core when absent or when the lock file changed since the install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
mkdir -p "$repo/tests/output"

if [ "$#" -eq 0 ]; then
  set -- tests/*.test.js
fi
# One file at a time: each starts its own server and browser, and there are two cores.
exec node --test --test-concurrency=1 --test-reporter=spec "$@"
