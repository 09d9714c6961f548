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

/** Saves the window as OUTPUT_DIR/<name> (when the suite has an output folder). */
export async function screenshot(id, name) {
  if (!OUTPUT) return;
  mkdirSync(OUTPUT, { recursive: true });
  const png = await wd("GET", `/session/${id}/screenshot`);
  writeFileSync(join(OUTPUT, name), Buffer.from(png, "base64"));
}

/**
 * The same, for a picture that is not what the test checks: WebKitWebDriver's snapshot
 * of some pages of a hub's desk sometimes never returns under Xvfb (the page itself
 * keeps answering scripts), so give up after `ms` and say so instead of failing the test.
 */
export async function screenshotOrSay(id, name, ms = 20_000) {
  if (!OUTPUT) return;
  try {
    const res = await fetch(`${DRIVER}/session/${id}/screenshot`, { signal: AbortSignal.timeout(ms) });
    const json = await res.json();
    if (!res.ok) throw new Error(JSON.stringify(json.value ?? json));
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(join(OUTPUT, name), Buffer.from(json.value, "base64"));
  } catch (e) {
    console.log(`no screenshot ${name}: ${e.message}`);
  }
}
