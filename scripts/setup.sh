#!/usr/bin/env bash
# Everything `make demo` / `make test` need, installed only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  scripts/setup-system.sh
fi

if ! command -v cargo >/dev/null; then
  echo "setup: Rust is missing. Install it with rustup (https://rustup.rs), then run this again." >&2
  echo "setup: Rust がありません。rustup でインストールしてから、もう一度実行してください。" >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or later is needed (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "setup: Node.js 20 以上が必要です。" >&2
  exit 1
fi

# npm ci only when the lock file changed since the last install.
npm_ci() {
  local dir=$1
  [ -f "$dir/package-lock.json" ] || return 0
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci ui
[ -d tests/e2e ] && npm_ci tests/e2e

# The desktop window suite drives the real window through tauri-driver (from crates.io).
if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "setup: cargo install tauri-driver"
  cargo install tauri-driver --locked --quiet
fi
exit 0
