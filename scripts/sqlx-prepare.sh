#!/usr/bin/env bash
# Regenerates .sqlx/ (the offline data that lets `query!` macros be checked at compile
# time without a database) from the migrations. Run after changing any query.
set -euo pipefail
cd "$(dirname "$0")/.."
db=target/sqlx-prepare.db
rm -f "$db" && mkdir -p target
for m in src-tauri/crates/core/migrations/*.sql; do sqlite3 "$db" < "$m"; done
rm -rf .sqlx && mkdir .sqlx
# Touching the sources makes cargo expand every query macro again.
find src-tauri/crates -name '*.rs' -path '*/src/*' -exec touch {} +
SQLX_OFFLINE=false SQLX_OFFLINE_DIR="$PWD/.sqlx" DATABASE_URL="sqlite:$PWD/$db" \
  cargo check --workspace --exclude madoguchi --all-targets
echo "sqlx-prepare: $(ls .sqlx | wc -l) queries in .sqlx/"
