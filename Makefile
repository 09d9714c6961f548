# Madoguchi. Two commands matter (see README): `make demo` and `make test`.
# Each installs what it needs first (Debian packages, npm ci), idempotently.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help setup demo test bench ui sqlx-prepare package-hub

help:
	@echo "make demo   - run Madoguchi against the built-in LINE simulator (prints the URL on a headless machine)"
	@echo "make test   - run every test (Rust, UI, end-to-end); CI runs exactly this"
	@echo "make bench  - print the benchmark table (release build)"
	@echo "make package-hub - the hub's .deb (systemd service, Caddy example) in target/debian/"

setup:
	@scripts/setup.sh

ui: setup
	@cd ui && npm run build

demo: setup
	@scripts/demo.sh

test: setup
	@scripts/test.sh

bench: setup
	@scripts/bench.sh

# Regenerates the committed sqlx offline query data (.sqlx/) after a query changed.
sqlx-prepare:
	@scripts/sqlx-prepare.sh

# The hub as a Debian package (packaging/hub/README.md).
package-hub: setup
	@scripts/package-hub.sh
