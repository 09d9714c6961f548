// A hub for the window suite's client-mode tests: `madoguchi-server serve --demo` (its
// LINE simulator in-process) on loopback, and its members, outside the suite's own
// LINE settings and data folder.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OUTPUT } from "./webdriver.js";

export const SERVER = process.env.MADOGUCHI_SERVER_BIN ?? join(process.env.MADOGUCHI_APP_BIN ?? "", "..", "madoguchi-server");

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The hub's environment: none of the window suite's LINE settings or data folder. */
export function hubEnv() {
  const env = { ...process.env, RUST_LOG: "warn" };
  for (const k of ["MADOGUCHI_DATA_DIR", "LINE_API_BASE", "LINE_API_DATA_BASE", "MADOGUCHI_WEBHOOK_PORT"]) delete env[k];
  return env;
}

/**
 * The hub on `dataDir` and `port` with `friends` demo customers (0 when it starts again:
 * a new simulator would replay its history), and the web UI when `uiDir` is given.
 * Resolves once it printed its address; `child.linesim` is its simulator's base URL.
 */
export function startHub(dataDir, port, { friends = 6, uiDir = null, log = "hub.log" } = {}) {
  const args = ["serve", "--demo", "--demo-friends", String(friends), "--data-dir", dataDir, "--listen", `127.0.0.1:${port}`];
  if (uiDir) args.push("--ui-dir", uiDir);
  const child = spawn(SERVER, args, { stdio: ["ignore", "pipe", "pipe"], env: hubEnv() });
  const logFile = join(OUTPUT ?? tmpdir(), log);
  child.stderr.on("data", (d) => appendFileSync(logFile, d));
  return new Promise((resolve, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error(`the hub printed nothing within 60 s: ${buf}`)), 60_000);
    child.stdout.on("data", (d) => {
      buf += d;
      const linesim = /MADOGUCHI_DEMO_LINESIM=(\S+)/.exec(buf);
      if (buf.includes("MADOGUCHI_URL=") && linesim) {
        clearTimeout(timer);
        child.linesim = linesim[1];
        resolve(child);
      }
    });
    child.once("exit", (code) => reject(new Error(`the hub exited (${code}): ${buf}`)));
  });
}

/** `madoguchi-server member add` on the hub's data folder (the password on stdin). */
export function addMember(dataDir, { name, role, password }) {
  const r = spawnSync(SERVER, ["member", "add", "--data-dir", dataDir, "--name", name, "--role", role], { input: `${password}\n`, encoding: "utf8", env: hubEnv() });
  assert.equal(r.status, 0, `member add ${name}: ${r.stderr}`);
}
