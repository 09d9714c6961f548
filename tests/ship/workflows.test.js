// The GitHub workflows run on Windows and macOS runners only, never here: actionlint
// (workflow syntax, expressions, runner labels, action inputs, shellcheck on `run:`
// when shellcheck is installed) is what a Linux machine can check before a push.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repo } from "./repo.js";

function actionlint(...args) {
  const run = spawnSync(repo(".venv/bin/actionlint"), ["-no-color", ...args], { cwd: repo(), encoding: "utf8" });
  if (run.error) throw run.error;
  return { code: run.status, out: run.stdout + run.stderr };
}

const read = (name) => readFileSync(repo(".github/workflows", name), "utf8");

test("the workflows pass actionlint", (t) => {
  t.diagnostic(actionlint("-version").out.split("\n")[0]);
  const { code, out } = actionlint();
  assert.equal(code, 0, out);
});

test("actionlint fails on a broken workflow (so the check above can fail)", () => {
  const dir = mkdtempSync(join(tmpdir(), "actionlint-"));
  try {
    const file = join(dir, "broken.yml");
    writeFileSync(file, "on: push\njobs:\n  t:\n    runs-on: linux-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n");
    const { code, out } = actionlint(file);
    assert.equal(code, 1, out);
    assert.match(out, /linux-latest/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("release: MSI and NSIS for x64 Windows, a universal macOS app, the UI built first, latest.json", () => {
  const release = read("release.yml");
  assert.match(release, /tauri-apps\/tauri-action@v\d/);
  assert.match(release, /os: windows-latest\s+rust-targets: x86_64-pc-windows-msvc\s+args: --bundles msi,nsis/);
  assert.match(release, /rust-targets: aarch64-apple-darwin,x86_64-apple-darwin\s+args: --target universal-apple-darwin/);
  assert.ok(release.indexOf("npm run build") < release.indexOf("uses: tauri-apps/tauri-action"), "the UI is built before the app");
  assert.match(release, /includeUpdaterJson: true/);
  assert.match(release, /scripts\/release-config\.mjs/);
});

test("release: every signing secret the README names is the one the workflow reads", () => {
  const release = read("release.yml");
  const readme = readFileSync(repo("README.md"), "utf8");
  const secrets = [...new Set([...release.matchAll(/secrets\.([A-Z0-9_]+)/g)].map((m) => m[1]))].sort();
  assert.ok(secrets.length >= 10, secrets.join(" "));
  const missing = secrets.filter((name) => !readme.includes(`\`${name}\``));
  assert.deepEqual(missing, [], "secrets the README does not document");
});

test("tests: Rust and UI suites on Windows and macOS for every push", () => {
  const tests = read("test.yml");
  assert.match(tests, /on:\s+push:/);
  assert.match(tests, /os: \[windows-latest, macos-latest\]/);
  assert.match(tests, /SQLX_OFFLINE: "true"/);
  assert.match(tests, /cargo test --workspace/);
  for (const step of ["npm ci", "npm run typecheck", "npm test"]) assert.ok(tests.includes(step), step);
});
