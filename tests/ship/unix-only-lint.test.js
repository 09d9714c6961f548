// scripts/lint-unix-only.py: no Unix-only API (std::os::unix, libc::, /proc,
// process_group, PermissionsExt) outside a cfg gate that leaves it out of the Windows
// (and, for /proc, the macOS) build. Run on the repository, then on samples that show
// it fails where it must.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repo } from "./repo.js";

function lint(...args) {
  const run = spawnSync(repo(".venv/bin/python"), [repo("scripts/lint-unix-only.py"), ...args], { cwd: repo(), encoding: "utf8" });
  if (run.error) throw run.error;
  return { code: run.status, out: run.stdout + run.stderr };
}

/// Writes `files` (relative path -> Rust source) into a fresh folder and lints it.
function lintSample(files) {
  const dir = mkdtempSync(join(tmpdir(), "unix-only-lint-"));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return lint(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the repository's Rust sources use Unix-only APIs only behind cfg gates", (t) => {
  const { code, out } = lint();
  t.diagnostic(out.trim().split("\n").at(-1));
  assert.equal(code, 0, out);
});

test("an ungated use of each Unix-only API fails", () => {
  const { code, out } = lintSample({
    "src/main.rs": [
      "use std::os::unix::fs::PermissionsExt;",
      "fn main() {",
      "    let _ = std::fs::read_to_string(\"/proc/self/stat\");",
      "    std::process::Command::new(\"x\").process_group(0);",
      "    unsafe { libc::kill(1, libc::SIGTERM) };",
      "}",
    ].join("\n"),
  });
  assert.equal(code, 1, out);
  for (const what of ["std::os::unix", "PermissionsExt", '"/proc', "process_group", "libc::"]) {
    assert.ok(out.includes(`: ${what} needs a cfg gate`), `${what} not reported:\n${out}`);
  }
});

test("gated uses pass: on the item, the statement, the arm, the file, or the mod declaration", () => {
  const { code, out } = lintSample({
    "src/main.rs": [
      "#[cfg(unix)]",
      "use std::os::unix::fs::PermissionsExt;",
      "#[cfg(target_os = \"linux\")] mod linux;",
      "mod inner;",
      "// libc::kill in a comment is no use",
      "fn main() {",
      "    #[cfg(not(windows))]",
      "    unsafe { libc::kill(1, 15) };",
      "    match 1 { #[cfg(target_os = \"linux\")] 1 => { let _ = \"/proc/uptime\"; } _ => {} }",
      "}",
    ].join("\n"),
    "src/linux.rs": 'pub fn up() -> String { std::fs::read_to_string("/proc/uptime").unwrap() }\n',
    "src/inner/mod.rs": '#![cfg(all(unix, not(target_os = "macos")))]\npub fn up() { let _ = "/proc/loadavg"; }\n',
  });
  assert.equal(code, 0, out);
});

test("a gate that still lets the code into a build that lacks the API fails", () => {
  const { code, out } = lintSample({
    "src/main.rs": [
      "mod proc_reader;",
      "#[cfg(unix)] // macOS is Unix and has no /proc",
      'fn up() { let _ = std::fs::read_to_string("/proc/uptime"); }',
      "#[cfg(any(unix, windows))]",
      "fn stop() { unsafe { libc::kill(1, 15) }; }",
      '#[cfg(feature = "x")]',
      "fn group(c: &mut std::process::Command) { c.process_group(0); }",
      "fn main() {}",
    ].join("\n"),
    "src/proc_reader.rs": 'pub fn up() { let _ = "/proc/uptime"; }\n',
  });
  assert.equal(code, 1, out);
  for (const where of ["src/main.rs:3:", "src/main.rs:5:", "src/main.rs:7:", "src/proc_reader.rs:1:"]) {
    assert.ok(out.includes(where), `${where} not reported:\n${out}`);
  }
});
