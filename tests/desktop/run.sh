#!/usr/bin/env bash
# The desktop window's suite: tauri-driver + WebKitWebDriver drive the real window
# (target/debug/madoguchi --demo, or as a hub's desk). Needs a display
# (scripts/with-session-services.sh starts Xvfb) and tauri-driver (scripts/setup.sh
# installs it with cargo).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
app="${MADOGUCHI_APP_BIN:-$repo/target/debug/madoguchi}"
driver="$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")"
[ -x "$app" ] || { echo "desktop: $app is missing; build it: cargo build -p madoguchi" >&2; exit 2; }
[ -x "$driver" ] || { echo "desktop: tauri-driver is missing; cargo install tauri-driver --locked" >&2; exit 2; }
command -v WebKitWebDriver >/dev/null || { echo "desktop: WebKitWebDriver is missing; apt-get install webkit2gtk-driver" >&2; exit 2; }
# two-desks.test.js: Caddy in front of a hub, and a phone in Chromium through the e2e
# suite's playwright-core (installed like tests/e2e/run.sh does).
command -v caddy >/dev/null || { echo "desktop: caddy is missing; apt-get install caddy" >&2; exit 2; }
[ -x "${CHROMIUM_BIN:-/usr/bin/chromium}" ] || { echo "desktop: chromium is missing; apt-get install chromium" >&2; exit 2; }
if [ ! -f "$repo/tests/e2e/node_modules/.package-lock.json" ] || [ "$repo/tests/e2e/package-lock.json" -nt "$repo/tests/e2e/node_modules/.package-lock.json" ]; then
  (cd "$repo/tests/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

log="$repo/tests/output/tauri-driver.log"
mkdir -p "$repo/tests/output"
# A free webhook port for the app: CI may run other servers.
export MADOGUCHI_WEBHOOK_PORT=0
# The app's own config (window state) and its Downloads folder in a throwaway place,
# through the XDG user-dirs file every Linux desktop has: a customer's file saved from
# the window lands where the test can check it, never in a developer's home.
xdg=$(mktemp -d)
export MADOGUCHI_DOWNLOADS="$xdg/Downloads"
mkdir -p "$xdg/config" "$MADOGUCHI_DOWNLOADS"
printf 'XDG_DOWNLOAD_DIR="%s"\n' "$MADOGUCHI_DOWNLOADS" > "$xdg/config/user-dirs.dirs"
export XDG_CONFIG_HOME="$xdg/config"
# The certificate authorities this run trusts: the system's, plus the roots a test adds
# (two-desks.test.js appends its Caddy's `tls internal` root before it opens a window).
# SSL_CERT_FILE is the standard variable the app's TLS stack reads (rustls-native-certs
# under reqwest's platform verifier): nothing in the app is built for tests, and it is
# a file of this run's only, gone with it.
export MADOGUCHI_TEST_CA_BUNDLE="$xdg/ca-bundle.pem"
cat "${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}" > "$MADOGUCHI_TEST_CA_BUNDLE" 2>/dev/null || : > "$MADOGUCHI_TEST_CA_BUNDLE"
export SSL_CERT_FILE="$MADOGUCHI_TEST_CA_BUNDLE"
# The demo's temporary data folder in a known place: the restore test looks at it.
export TMPDIR="$xdg/tmp"
mkdir -p "$TMPDIR"
# A LINE simulator for the connect wizard's test (a window without --demo): the app's
# LINE client goes there, and the channel secret and token are made up for this run.
linesim="$repo/target/debug/madoguchi-linesim"
[ -x "$linesim" ] || { echo "desktop: $linesim is missing; build it: cargo build -p madoguchi-linesim" >&2; exit 2; }
export MADOGUCHI_TEST_LINE_SECRET=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
export MADOGUCHI_TEST_LINE_TOKEN="window-suite-token-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
"$linesim" --secret "$MADOGUCHI_TEST_LINE_SECRET" --token "$MADOGUCHI_TEST_LINE_TOKEN" >"$xdg/linesim.out" 2>"$repo/tests/output/linesim.log" &
linesim_pid=$!
for _ in $(seq 1 100); do
  grep -q '^LINESIM_URL=' "$xdg/linesim.out" 2>/dev/null && break
  sleep 0.1
done
export LINE_API_BASE=$(sed -n 's/^LINESIM_URL=//p' "$xdg/linesim.out")
export LINE_API_DATA_BASE="$LINE_API_BASE"
[ -n "$LINE_API_BASE" ] || { echo "desktop: the LINE simulator did not start (tests/output/linesim.log)" >&2; exit 2; }

# Free ports for the driver and WebKitWebDriver: a second run on the same machine (or
# another project's driver) on a fixed port would take this suite's sessions.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
native_port=$(free_port)
[ "$native_port" != "$port" ] || native_port=$(free_port)
export TAURI_DRIVER_URL="http://127.0.0.1:$port"
"$driver" --port "$port" --native-port "$native_port" >"$log" 2>&1 &
driver_pid=$!
trap 'kill $driver_pid $linesim_pid 2>/dev/null || true; wait $driver_pid $linesim_pid 2>/dev/null || true; rm -rf "$xdg"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "$TAURI_DRIVER_URL/status" >/dev/null 2>&1 && break
  sleep 0.1
done
# One window at a time (one tauri-driver). MADOGUCHI_DESKTOP_TESTS picks files by name,
# e.g. MADOGUCHI_DESKTOP_TESTS=hub-client for the hub client's test alone.
files=()
for name in ${MADOGUCHI_DESKTOP_TESTS:-window hub-client solo-wizard two-desks}; do files+=("$here/$name.test.js"); done
MADOGUCHI_APP_BIN="$app" MADOGUCHI_SERVER_BIN="$repo/target/debug/madoguchi-server" OUTPUT_DIR="$repo/tests/output" \
  node --test --test-concurrency=1 "${files[@]}"
