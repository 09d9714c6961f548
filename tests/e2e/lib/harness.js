// Shared harness for the browser end-to-end tests: one madoguchi-server --demo per test
// file (fresh temp data dir), one headless Debian chromium (fresh profile), and small
// condition-polling helpers. Nothing here sleeps for correctness: every wait is "until
// this condition holds, or fail after a generous hang guard with a message saying what
// was being waited for".

import { after, before } from "node:test";
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, "../../..");
export const OUTPUT = join(REPO, "tests", "output");
const SERVER_BIN = process.env.MADOGUCHI_SERVER_BIN ?? join(REPO, "target", "debug", "madoguchi-server");
const UI_DIR = process.env.MADOGUCHI_UI_DIR ?? join(REPO, "ui", "dist");
const CHROMIUM = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";

/** Hang guard for one condition. Generous: two loaded cores, debug build. */
export const WAIT_MS = Number(process.env.E2E_WAIT_MS ?? 30_000);

const SEEDED_FRIENDS = 24;

// Every child we start, so that an abrupt exit (uncaught error, SIGINT) still kills them.
const children = new Set();
process.on("exit", () => {
  for (const c of children) {
    try {
      c.kill("SIGKILL");
    } catch {
      /* already gone */
    }
  }
});
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.once(sig, () => process.exit(130));
}

/** Polls `fn` until it returns a truthy value; returns that value. */
export async function waitFor(fn, { timeout = WAIT_MS, interval = 100, what = "condition" } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      if (e && e.fatal) throw e;
      lastError = e;
    }
    if (Date.now() > deadline) {
      const detail = lastError ? ` (last error: ${lastError.message ?? lastError})` : last !== undefined ? ` (last value: ${JSON.stringify(last)})` : "";
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Reads the KEY=value lines madoguchi-server prints on stdout. */
function readBanner(child, timeout) {
  return new Promise((resolveBanner, reject) => {
    const wanted = ["MADOGUCHI_LISTEN", "MADOGUCHI_TOKEN", "MADOGUCHI_URL", "MADOGUCHI_DEMO_LINESIM"];
    const found = {};
    let buf = "";
    const timer = setTimeout(() => reject(new Error(`madoguchi-server printed no banner within ${timeout} ms; got: ${buf}`)), timeout);
    child.stdout.on("data", (chunk) => {
      buf += chunk.toString("utf8");
      for (const line of buf.split("\n")) {
        const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
        if (m) found[m[1]] = m[2];
      }
      if (wanted.every((k) => k in found)) {
        clearTimeout(timer);
        resolveBanner(found);
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`madoguchi-server exited early (code ${code}, signal ${signal}); stdout: ${buf}`));
    });
  });
}

/**
 * Starts `madoguchi-server serve --demo` on a fresh data dir and waits until the demo
 * shop is seeded (every seeded customer has a conversation). `env` is added to the
 * server's environment. `members` ({ name, role, password }) are added first; the
 * harness's own calls then go as the first owner (the printed token is refused).
 */
export async function startServer(name, { undoSeconds, env = {}, members = [] } = {}) {
  if (!existsSync(SERVER_BIN)) throw new Error(`missing ${SERVER_BIN}: build it with cargo build -p madoguchi-server`);
  if (!existsSync(join(UI_DIR, "index.html"))) throw new Error(`missing ${UI_DIR}/index.html: build the UI (cd ui && npm run build)`);
  mkdirSync(OUTPUT, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), `madoguchi-e2e-${name}-`));
  // Members exist before the first start, as a shop sets them up from the command line.
  for (const m of members) addMember(dataDir, m);
  const args = ["serve", "--demo", "--data-dir", dataDir, "--listen", "127.0.0.1:0", "--ui-dir", UI_DIR];
  if (undoSeconds !== undefined) args.push("--undo-seconds", String(undoSeconds));
  const log = createWriteStream(join(OUTPUT, `${name}.server.log`));
  const child = spawn(SERVER_BIN, args, {
    cwd: REPO,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? "info", NO_COLOR: "1", ...env },
  });
  children.add(child);
  child.stdout.on("data", (d) => log.write(d));
  child.stderr.on("data", (d) => log.write(d));
  const exited = new Promise((r) => child.once("exit", r));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGINT"); // graceful: the server shuts down on Ctrl-C
      let timer;
      const done = await Promise.race([exited.then(() => true), new Promise((r) => (timer = setTimeout(() => r(false), 10_000)))]);
      clearTimeout(timer);
      if (!done) {
        child.kill("SIGKILL");
        await exited;
      }
    }
    children.delete(child);
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const banner = await readBanner(child, WAIT_MS);
    const base = `http://${banner.MADOGUCHI_LISTEN}`;
    // With members the printed token is refused: the harness's own calls go as the first owner.
    const owner = members.find((m) => m.role === "owner");
    const token = owner ? (await signIn(base, owner.name, owner.password, "検証スクリプト")).token : banner.MADOGUCHI_TOKEN;
    const server = {
      name,
      base,
      url: banner.MADOGUCHI_URL,
      token,
      sim: banner.MADOGUCHI_DEMO_LINESIM,
      dataDir,
      stop,
      rpc: (req) => rpc(base, token, req),
      simGet: (path) => http("GET", banner.MADOGUCHI_DEMO_LINESIM + path),
      simPost: (path, body) => http("POST", banner.MADOGUCHI_DEMO_LINESIM + path, body),
      simDelete: (path) => http("DELETE", banner.MADOGUCHI_DEMO_LINESIM + path),
    };
    await waitFor(
      async () => {
        const page = await server.rpc({ method: "listConversations", params: { accountId: null, filter: "all", before: null, limit: 100 } });
        return page.items.length >= SEEDED_FRIENDS;
      },
      { what: "the demo shop to be seeded", timeout: WAIT_MS * 2, interval: 250 },
    );
    return server;
  } catch (e) {
    await stop();
    throw e;
  }
}

/** `madoguchi-server member add`, the password on standard input. */
function addMember(dataDir, { name, role, password }) {
  const r = spawnSync(SERVER_BIN, ["member", "add", "--data-dir", dataDir, "--name", name, "--role", role], {
    input: `${password}\n`,
    encoding: "utf8",
    timeout: WAIT_MS,
  });
  if (r.status !== 0) throw new Error(`member add ${name} failed (${r.status}): ${r.stderr}`);
}

/** `POST /api/login`: the session answer ({ token, member }), or a throw. */
export async function signIn(base, name, password, deviceName) {
  const res = await fetch(`${base}/api/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name, password, deviceName }),
    signal: AbortSignal.timeout(WAIT_MS),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`login ${name} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

async function http(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(WAIT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

async function rpc(base, token, req) {
  const res = await fetch(`${base}/api/rpc`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(req),
    signal: AbortSignal.timeout(WAIT_MS),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`rpc ${req.method} answered ${res.status}: ${JSON.stringify(body)}`);
  return body.data;
}

/** An iPhone-sized screen (CSS pixels). */
export const PHONE_VIEWPORT = { width: 375, height: 812 };

/**
 * Launches Debian's chromium headless with a fresh profile; returns { context, page, close }.
 * `locale` and `timezoneId` are the machine's, Japanese in Tokyo unless a test says otherwise.
 * `phone: true` makes it a 375×812 touch phone (a mobile viewport, touch events).
 * `args` are more chromium flags (e.g. which test certificate to trust).
 */
export async function launchBrowser(name, { locale = "ja-JP", timezoneId = "Asia/Tokyo", phone = false, args = [] } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`missing ${CHROMIUM}: apt-get install chromium`);
  const profile = mkdtempSync(join(tmpdir(), `madoguchi-e2e-chromium-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      ...args,
    ],
    locale,
    timezoneId,
    viewport: phone ? PHONE_VIEWPORT : { width: 1280, height: 860 },
    isMobile: phone,
    hasTouch: phone,
    timeout: WAIT_MS * 2,
  });
  context.setDefaultTimeout(WAIT_MS);
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e));
  const close = async () => {
    try {
      await context.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  };
  return { context, page, pageErrors, close };
}

/** Starts a server and a browser, opens the inbox; returns everything plus `teardown`. */
/**
 * One server + browser for the calling test file, started before its tests and
 * stopped after them (also on failure). Returns a getter, valid inside tests.
 */
export function useEnv(name, opts = {}) {
  let env;
  before(async () => {
    env = await setup(name, opts);
  });
  after(async () => {
    await env?.teardown();
  });
  return () => env;
}

export async function setup(name, opts = {}) {
  const server = await startServer(name, opts);
  let browser;
  try {
    browser = await launchBrowser(name, opts.browser);
    return {
      server,
      ...browser,
      async teardown() {
        try {
          await browser.close();
        } finally {
          await server.stop();
        }
      },
    };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

export async function screenshot(page, file) {
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, `${file}.png`), fullPage: false });
}

// ---- app-level helpers -------------------------------------------------------------

/** Opens the inbox URL (with the token) and waits for the first conversation rows. */
export async function openInbox(page, server, { minRows = 1 } = {}) {
  await page.goto(server.url);
  await waitFor(async () => (await page.locator('[data-testid="conversation-row"]').count()) >= minRows, {
    what: `at least ${minRows} conversation rows`,
  });
}

/**
 * A new simulated customer who adds the shop as a friend (follow) and writes once, so
 * the shop has a conversation with them and a fresh reply token.
 */
export async function newCustomer(server, displayName, firstText = "こんにちは、予約のことで相談です", { follow = true } = {}) {
  const user = await server.simPost("/sim/users", { displayName });
  if (follow) await server.simPost(`/sim/users/${user.userId}/follow`, {});
  await server.simPost(`/sim/users/${user.userId}/text`, { text: firstText });
  const conversation = await conversationOf(server, user.userId);
  return { user, conversation };
}

/** The conversation of a LINE user id, once the webhook has been stored. */
export async function conversationOf(server, lineUserId) {
  return waitFor(
    async () => {
      let before = null;
      for (;;) {
        const page = await server.rpc({ method: "listConversations", params: { accountId: null, filter: "all", before, limit: 100 } });
        const hit = page.items.find((c) => c.friend.lineUserId === lineUserId);
        if (hit) return hit;
        if (!page.nextCursor) return null;
        before = page.nextCursor;
      }
    },
    { what: `a conversation for ${lineUserId}` },
  );
}

export function row(page, conversationId) {
  return page.locator(`[data-testid="conversation-row"][data-conversation-id="${conversationId}"]`);
}

/** Clicks a conversation row (loading more pages if needed) and waits for its thread. */
export async function openConversation(page, conversationId) {
  const r = row(page, conversationId);
  // The list is virtualized (only rows near the viewport are in the DOM) and pages in
  // more rows as it scrolls: scroll down a screen at a time until the row shows up.
  await waitFor(
    async () => {
      if ((await r.count()) > 0) return true;
      const atEnd = await page.locator('[data-testid="conversation-list"]').evaluate((el) => {
        el.scrollTop += el.clientHeight;
        return el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
      });
      const more = page.locator('[data-testid="load-more"]');
      if (atEnd && (await more.count()) > 0) await more.click({ timeout: 2000 }).catch(() => {});
      return false;
    },
    { what: `the row of conversation ${conversationId} in the list` },
  );
  await r.scrollIntoViewIfNeeded();
  await r.click();
  await page.locator(`[data-testid="thread"][data-conversation-id="${conversationId}"]`).waitFor();
  // The first page of the thread is loaded when at least one message is shown.
  await page.locator('[data-testid="message"]').first().waitFor();
}

/** Rows of the list, top to bottom: [{ id, lastMessageAt, name }]. */
export async function listRows(page) {
  return page.locator('[data-testid="conversation-row"]').evaluateAll((els) =>
    els.map((el) => ({
      id: Number(el.getAttribute("data-conversation-id")),
      lastMessageAt: Number(el.getAttribute("data-last-message-at") ?? 0),
      name: el.querySelector('[data-testid="conversation-name"]')?.textContent ?? "",
    })),
  );
}

export function exactly(text) {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/** Bubbles (direction "in" or "out") whose text is exactly `text`. */
export function bubbles(page, direction, text) {
  return page.locator(`[data-testid="message"][data-direction="${direction}"]`).filter({
    has: page.locator('[data-testid="message-text"]').filter({ hasText: exactly(text) }),
  });
}

export const outgoing = (page, text) => bubbles(page, "out", text);
export const incoming = (page, text) => bubbles(page, "in", text);

/** The messages the simulated customer received whose text is exactly `text`. */
export async function receivedTexts(server, userId, text) {
  const all = await server.simGet(`/sim/received?userId=${encodeURIComponent(userId)}`);
  return all.filter((r) => r.message?.type === "text" && r.message.text === text);
}

/** Waits until a bubble's state attribute is `status`, failing fast on a terminal surprise. */
export async function waitStatus(bubble, status, what) {
  return waitFor(
    async () => {
      const s = await bubble.getAttribute("data-status");
      if (s === status) return true;
      if (["sent", "failed", "cancelled"].includes(s) && s !== status) {
        const err = await bubble.locator('[data-testid="message-error"]').textContent().catch(() => null);
        throw Object.assign(new Error(`message reached ${s} instead of ${status}${err ? ` (${err})` : ""}`), { fatal: true });
      }
      return false;
    },
    { what: what ?? `message status ${status}` },
  ).catch((e) => {
    throw new Error(`${what ?? `message status ${status}`}: ${e.message}`);
  });
}
