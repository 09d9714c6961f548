#!/usr/bin/env bash
# Every test. CI runs this on a clean clone (CI=true, no display): it starts what the
# tests need itself (a D-Bus session, an unlocked gnome-keyring, Xvfb) and stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
export SQLX_OFFLINE=true

step() { printf '\n== %s ==\n' "$*"; }

step "Repository: self-contained (no tracked file reaches outside the checkout)"
node --test --test-reporter=spec tests/repo/

step "Ship: Windows/macOS checks (target dependency trees, Unix-only APIs, tauri.conf.json, workflows)"
scripts/check-ship.sh

step "UI: typecheck, unit tests, build"
(cd ui && npm run typecheck && npm test && npm run build)

step "Rust: build everything once (shared by every step below)"
cargo build --workspace --all-targets

step "Rust: tests (in a private D-Bus session with a real Secret Service)"
scripts/with-session-services.sh cargo test --workspace --no-fail-fast

if [ -x tests/e2e/run.sh ]; then
  step "End-to-end: Chromium against madoguchi-server --demo"
  scripts/with-session-services.sh tests/e2e/run.sh
fi

step "Hub package: the .deb builds, installs, its unit verifies, it runs as its user, removal keeps the data"
tests/hub/package.sh

step "Desktop window: tauri-driver drives the real window (madoguchi --demo) under Xvfb"
scripts/with-session-services.sh tests/desktop/run.sh
