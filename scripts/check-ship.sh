#!/usr/bin/env bash
# What a Linux machine can check of the Windows and macOS release (issue 23): the app's
# dependency trees for those targets, Unix-only APIs behind cfg gates, tauri.conf.json
# against the Tauri CLI's schema and the release fields, the workflows with actionlint.
# Installs its tools when missing or changed: Python ones into .venv/, ajv for
# tests/ship/ through npm.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=tests/ship/requirements.txt
stamp=.venv/.ship-requirements
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! cmp -s "$requirements" "$stamp"; then
  echo "check-ship: pip install -r $requirements"
  .venv/bin/pip install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$stamp"
fi

# npm ci only when the lock file changed since the last install (as scripts/setup.sh).
for dir in ui tests/ship; do
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "check-ship: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

node --test --test-reporter=spec tests/ship/
