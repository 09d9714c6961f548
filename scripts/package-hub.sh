#!/usr/bin/env bash
# `make package-hub`: the hub's .deb (cargo-deb; packaging/hub/ holds the unit, the
# credentials file, the Caddyfile example and the maintainer scripts).
#   scripts/package-hub.sh                 release build → target/debian/madoguchi-hub_*.deb
#   scripts/package-hub.sh --profile dev   the debug build the tests already made
set -euo pipefail
cd "$(dirname "$0")/.."
profile=release
[ "${1:-}" = "--profile" ] && profile="${2:?--profile needs a name}"
if ! command -v cargo-deb >/dev/null; then
  echo "package-hub: installing cargo-deb (once)" >&2
  cargo install cargo-deb --version 3.8.0 --locked --quiet
fi
[ -f ui/dist/index.html ] || (cd ui && npm run build >/dev/null)
if [ "$profile" = release ]; then
  cargo deb -p madoguchi-server
else
  cargo build -p madoguchi-server --profile "$profile" --quiet
  cargo deb -p madoguchi-server --profile "$profile" --no-build --no-strip
fi
