// The real window: tauri-driver (with Debian's WebKitWebDriver) starts Madoguchi in demo
// mode. The inbox shows the seeded customers; a chat with a photo, a video, a voice
// message and a file shows each of them loaded (tests/scenarios, shared with the
// Chromium suite), and the file is saved into Downloads under the customer's name.
// Spoken in plain W3C WebDriver over HTTP: nothing to install from npm. Run by run.sh
// under Xvfb and a private D-Bus session.

import { after, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import * as media from "../scenarios/customer-media.js";
import * as replyUndo from "../scenarios/reply-undo.js";
import { runSteps } from "../scenarios/runners/webdriver.js";

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

/** One window for the whole file: a debug WebKit start costs seconds on two cores. */
let session = null;
async function windowSession() {
  assert.ok(APP, "MADOGUCHI_APP_BIN is set");
  if (!session) {
    const created = await wd("POST", "/session", {
      capabilities: { alwaysMatch: { "tauri:options": { application: APP, args: ["--demo"] } } },
    });
    session = created.sessionId;
  }
  return session;
}
after(async () => {
  if (session) await wd("DELETE", `/session/${session}`).catch(() => {});
});

const run = (id, script) => wd("POST", `/session/${id}/execute/sync`, { script, args: [] });

async function screenshot(id, name) {
  if (!OUTPUT) return;
  mkdirSync(OUTPUT, { recursive: true });
  const png = await wd("GET", `/session/${id}/screenshot`);
  writeFileSync(join(OUTPUT, name), Buffer.from(png, "base64"));
}

test("the desktop window opens on the inbox with the demo shop's customers", async () => {
  const id = await windowSession();
  const findAll = (css) => wd("POST", `/session/${id}/elements`, { using: "css selector", value: css });
  const rows = await until("conversation rows", async () => {
    const found = await findAll('[data-testid="conversation-row"]');
    return found.length >= 5 ? found : null;
  });
  assert.ok(rows.length >= 5, `the seeded customers are listed (${rows.length})`);
  const title = await wd("GET", `/session/${id}/title`);
  assert.match(title, /窓口|Madoguchi/);
  // The window's content came from the app's own bundle through IPC, not a server.
  const proto = await run(id, "return window.location.protocol");
  assert.ok(proto === "tauri:" || proto === "http:", `loaded from the app bundle (${proto})`);
  await screenshot(id, "desktop-inbox.png");
});

test("a customer's photo, video, voice message and file load in the window; the file is saved and opened", async () => {
  const id = await windowSession();
  await until(`${media.CUSTOMER}'s chat in the list`, () => run(id, media.OPEN_CHAT));
  const probe = await until("the chat's media to load or fail", async () => {
    const p = await run(id, media.PROBE);
    return media.settled(p) ? p : null;
  });
  await screenshot(id, "desktop-media-thread.png");
  media.check(probe);
  assert.match(probe.image.src, /^(media:\/\/localhost|http:\/\/media\.localhost)\//, `the window loads media from its own scheme: ${probe.image.src}`);

  // No download manager in a webview: the shell saves the file under its own name.
  await run(id, `document.querySelector('[data-testid="message"][data-kind="file"] [data-testid="file-name"]').click(); return true;`);
  const status = await until("the file to be saved", async () => {
    const text = await run(id, `const s = document.querySelector('[data-testid="file-status"]'); return s && s.textContent.trim();`);
    return text || null;
  });
  const saved = status.replace(/^[^:：]*[:：]\s*/, "");
  assert.ok(existsSync(saved), `the status names a saved file that exists: ${status}`);
  assert.equal(basename(saved), media.FILE_NAME, "saved under the customer's file name");
  assert.equal(statSync(saved).size, media.FILE_SIZE, "the whole file was saved");
  if (process.env.MADOGUCHI_DOWNLOADS) {
    assert.equal(join(saved, ".."), process.env.MADOGUCHI_DOWNLOADS, "saved into the Downloads folder");
  }
  await run(id, `document.querySelector('[data-testid="file-status"]').scrollIntoView({ block: "end" }); return true;`);
  await screenshot(id, "desktop-media-file-saved.png");
});

test("reply to a customer, take a wrong message back with 取り消す, send the right one", async () => {
  const id = await windowSession();
  await runSteps(replyUndo.steps(`window-${Date.now()}`), { wd, session: id, until, output: OUTPUT, prefix: "desktop-" });
});
