// Plain W3C WebDriver over HTTP to tauri-driver (run.sh starts it on a free port and
// names it in TAURI_DRIVER_URL): what each window test file needs to talk to the window.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
export const OUTPUT = process.env.OUTPUT_DIR;
/** Hang guard: a debug WebKit build on two busy cores. */
export const WAIT_MS = 90_000;

export async function wd(method, path, body) {
  const res = await fetch(`${DRIVER}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

/** Polls `fn` until it returns something truthy, or fails naming `what` and the last error. */
export async function until(what, fn, ms = WAIT_MS) {
  const deadline = Date.now() + ms;
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

/** Runs `script` in the window's page and returns its value. */
export const run = (id, script) => wd("POST", `/session/${id}/execute/sync`, { script, args: [] });

/**
 * WebKitGTK's WebDriver takes a snapshot after the page's next paint; a page where
 * nothing changes (no caret, no timer) may not paint again for a long time. A pixel
 * that changes its opacity unseen for a few seconds makes that next paint come.
 */
const KEEP_PAINTING = `
  const dot = document.createElement("div");
  dot.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;opacity:0.01;pointer-events:none;background:#fff";
  document.body.append(dot);
  let n = 0;
  const timer = setInterval(() => { dot.style.opacity = n++ % 2 ? "0.01" : "0.02"; }, 50);
  setTimeout(() => { clearInterval(timer); dot.remove(); }, 5000);
  return true;`;

/** Saves the window as OUTPUT_DIR/<name> (when the suite has an output folder). */
export async function screenshot(id, name) {
  if (!OUTPUT) return;
  mkdirSync(OUTPUT, { recursive: true });
  await run(id, KEEP_PAINTING);
  const png = await wd("GET", `/session/${id}/screenshot`);
  writeFileSync(join(OUTPUT, name), Buffer.from(png, "base64"));
}

