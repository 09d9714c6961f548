#!/usr/bin/env bash
# Madoguchi against the built-in LINE simulator, with a seeded salon whose customers
# keep writing now and then. With a display it opens the desktop app (`madoguchi
# --demo`); on a machine without one (or with MADOGUCHI_DEMO_HEADLESS=1) it runs the
# headless server and prints the URL to open in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
export SQLX_OFFLINE=true
(cd ui && npm run build)
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${MADOGUCHI_DEMO_HEADLESS:-}" != 1 ]; then
  cargo build -p madoguchi
  echo "デモ用の窓口を開きます（データは一時フォルダーに作られ、本番のデータには触れません）。"
  echo "Opening the Madoguchi desktop demo (its data lives in a temporary folder)."
  exec target/debug/madoguchi --demo
fi
cargo build -p madoguchi-server
data_dir=${MADOGUCHI_DEMO_DIR:-$(mktemp -d -t madoguchi-demo.XXXXXX)}
listen=${MADOGUCHI_DEMO_LISTEN:-127.0.0.1:8787}
echo "demo data: $data_dir"
echo "デモを起動します。表示される MADOGUCHI_URL をブラウザーで開いてください。Ctrl+C で終了します。"
echo "Starting the demo. Open the MADOGUCHI_URL below in a browser. Ctrl+C stops it."
exec target/debug/madoguchi-server serve --demo --data-dir "$data_dir" --listen "$listen" --ui-dir ui/dist
