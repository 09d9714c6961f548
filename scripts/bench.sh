#!/usr/bin/env bash
# `make bench`: the benchmark table. Sets up what it needs once (a Python venv with LINE's
# official SDK, the peer), builds release binaries and runs target/release/madoguchi-bench,
# which prints machine, date and a Markdown table on stdout (progress goes to stderr).
# Options after `--` and BENCH_* variables reach the bench binary, e.g.
#   scripts/bench.sh --seconds 5          BENCH_SENDERS=64 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
[ "${1:-}" = "--" ] && shift

# The Python peer: line-bot-sdk 3.x in a venv of its own, installed only once, with the
# fastest common way to serve it over HTTP (uvicorn with its C parser and event loop).
venv=target/bench-venv
if ! "$venv/bin/python" -c 'import linebot.v3, uvicorn, httptools, uvloop, sys; sys.exit(0 if linebot.__version__.startswith("3.") else 1)' 2>/dev/null; then
  echo "bench: installing line-bot-sdk 3.x and uvicorn into $venv" >&2
  mkdir -p target
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'line-bot-sdk>=3,<4' 'uvicorn>=0.30,<1' 'httptools>=0.6,<1' 'uvloop>=0.19,<1'
fi

# Release build (sqlx checks queries against .sqlx/: SQLX_OFFLINE comes from .cargo/config.toml).
echo "bench: cargo build --release (first time takes a while)" >&2
cargo build --release --quiet -p madoguchi-server -p madoguchi-bench -p madoguchi-bare-window

# The desktop rows: the UI embedded in a release build of the app, bundled as a .deb
# (the Linux bundle whose size is measured; AppImage would need downloads from GitHub).
echo "bench: ui build + tauri build --bundles deb" >&2
(cd ui && npm run build >/dev/null)
ui/node_modules/.bin/tauri build --bundles deb >&2

# Under Xvfb and a private D-Bus session (started here when there is no display).
exec scripts/with-session-services.sh target/release/madoguchi-bench --python "$venv/bin/python" "$@"
