// The repository is self-contained: a fresh clone passes `make test` with nothing beside
// it. This fails when a tracked file (documentation aside) names a path outside the
// checkout — the design folder next to it, a developer's home, a scratch folder in /tmp —
// because such a path works on one machine and breaks on every other.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

// Documentation may talk about other places; everything else may not reach them.
const isDocumentation = (path) => /\.(md|txt)$/i.test(path) || /(^|\/)LICENSE$/.test(path);

// A line may describe a place on the end user's machine that the project never reads
// (a test of where the app was installed, say) when it says so with this marker and a
// reason. The marker cannot excuse the folder beside the repository or this workplace.
const EXAMPLE_MARKER = "user-machine-path:";

const outside = [
  { what: "the folder beside the repository", re: /\.\.\/shared\b|\bshared\/reference\b/ },
  { what: "a home folder", excusable: true, re: /(^|[\s"'`(=:])(\/root\/|\/home\/[a-z_][\w.-]*\/|\/Users\/[\w.-]+\/|[A-Za-z]:\\+Users\\+)/ },
  { what: "this workplace's folder", re: /(^|[\s"'`(=:])\/work\// },
  // The X server's sockets live in /tmp by the X11 convention; that is the system's
  // path, not a scratch folder.
  { what: "a temp folder", excusable: true, re: /(^|[\s"'`(=:])\/tmp\/(?!\.X11-unix\/|\.X\$?\w*-lock)/ },
];

function trackedFiles() {
  const out = execFileSync("git", ["ls-files", "-z"], { cwd: repo, encoding: "utf8", maxBuffer: 64 << 20 });
  return out.split("\0").filter(Boolean);
}

export function findOutsidePaths(files, read) {
  const hits = [];
  for (const path of files) {
    if (isDocumentation(path) || path.endsWith("Cargo.lock") || path.endsWith("package-lock.json")) continue;
    const text = read(path);
    if (text === null || text.includes("\0")) continue;
    text.split("\n").forEach((line, i) => {
      const excused = line.includes(EXAMPLE_MARKER);
      for (const { what, re, excusable } of outside) {
        if (re.test(line) && !(excusable && excused)) hits.push(`${path}:${i + 1}: names ${what}: ${line.trim().slice(0, 160)}`);
      }
    });
  }
  return hits;
}

function readOrNull(path) {
  try {
    return readFileSync(join(repo, path), "utf8");
  } catch {
    return null; // a tracked file deleted in the work tree
  }
}

test("no tracked file outside documentation names a path outside the repository", () => {
  const files = trackedFiles();
  assert.ok(files.length > 100, `git ls-files found only ${files.length} files in ${repo}`);
  const hits = findOutsidePaths(files, readOrNull);
  assert.deepEqual(hits, [], `paths outside the repository:\n${hits.join("\n")}`);
});

test("the check itself finds each kind of outside path and lets documentation and X11 sockets be", () => {
  // Built from pieces so that this file does not name those places itself.
  const p = (...parts) => parts.join("");
  const files = {
    "a.rs": `let p = "../../../${p("..", "/shared")}/reference/line-openapi";`,
    "b.sh": `cp x ${p("/ro", "ot/")}.cache/y`,
    "c.ts": `const f = "${p("/ho", "me/")}dev/notes.txt";`,
    "d.js": `open('${p("/t", "mp/")}madoguchi-scratch/x')`,
    "e.toml": `path = "${p("/wo", "rk/")}main/target"`,
    "f.ps1": `Copy-Item ${p("C:", "\\Users\\")}dev\\x`,
    "notes.md": `see ${p("..", "/shared")}/DESIGN.md`,
    "g.sh": '[ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]',
    "h.rs": 'let fixtures = "tests/fixtures/line-openapi";',
    "i.rs": `check("${p("/Use", "rs/")}shop/Applications/M.app"); // ${"user-machine"}-path: where macOS installs for one user`,
    "j.rs": `let p = "../../../${p("..", "/shared")}/x"; // ${"user-machine"}-path: no excuse for this one`,
  };
  const hits = findOutsidePaths(Object.keys(files), (p) => files[p]);
  const flagged = [...new Set(hits.map((h) => h.split(":")[0]))].sort();
  assert.deepEqual(flagged, ["a.rs", "b.sh", "c.ts", "d.js", "e.toml", "f.ps1", "j.rs"]);
});

test("LINE's OpenAPI files are in the repository with their licence and source", () => {
  const dir = "tests/fixtures/line-openapi";
  for (const f of ["messaging-api.yml", "webhook.yml", "channel-access-token.yml", "LICENSE", "SOURCE.txt"]) {
    const text = readOrNull(join(dir, f));
    assert.ok(text && text.length > 300, `${dir}/${f} is missing or empty`);
  }
  assert.match(readOrNull(join(dir, "LICENSE")), /Apache License/);
  assert.match(readOrNull(join(dir, "SOURCE.txt")), /line\/line-openapi[\s\S]*Commit:\s+[0-9a-f]{40}/);
});
