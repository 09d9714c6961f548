// Desktop smoke test: tauri-driver (with Debian's WebKitWebDriver) starts the real
// Madoguchi window in demo mode and we wait for the inbox to show the seeded
// customers. Spoken in plain W3C WebDriver over HTTP: nothing to install from npm.
// Run by run.sh under Xvfb and a private D-Bus session.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
const APP = process.env.MADOGUCHI_APP_BIN;
const OUTPUT = process.env.OUTPUT_DIR;
const WAIT_MS = 90_000; // hang guard: a debug WebKit build on two busy cores

async function wd(method, path, body) {
  const res = await fetch(`${DRIVER}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

async function until(what, fn) {
  const deadline = Date.now() + WAIT_MS;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
}

test("the desktop window opens on the inbox with the demo shop's customers", async () => {
  assert.ok(APP, "MADOGUCHI_APP_BIN is set");
  const session = await wd("POST", "/session", {
    capabilities: { alwaysMatch: { "tauri:options": { application: APP, args: ["--demo"] } } },
  });
  const id = session.sessionId;
  try {
    const findAll = (css) => wd("POST", `/session/${id}/elements`, { using: "css selector", value: css });
    const rows = await until("conversation rows", async () => {
      const found = await findAll('[data-testid="conversation-row"]');
      return found.length >= 5 ? found : null;
    });
    assert.ok(rows.length >= 5, `the seeded customers are listed (${rows.length})`);
    const title = await wd("GET", `/session/${id}/title`);
    assert.match(title, /窓口|Madoguchi/);
    // The window's content came from the app's own bundle through IPC, not a server.
    const proto = await wd("POST", `/session/${id}/execute/sync`, { script: "return window.location.protocol", args: [] });
    assert.ok(proto === "tauri:" || proto === "http:", `loaded from the app bundle (${proto})`);
    if (OUTPUT) {
      mkdirSync(OUTPUT, { recursive: true });
      const png = await wd("GET", `/session/${id}/screenshot`);
      writeFileSync(join(OUTPUT, "desktop-inbox.png"), Buffer.from(png, "base64"));
    }
  } finally {
    await wd("DELETE", `/session/${id}`).catch(() => {});
  }
});
