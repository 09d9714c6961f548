// Two desks at once on one hub behind a real Caddy (issue 26's test): the hub
// (`madoguchi-server serve --demo`, its LINE simulator in-process) listens on loopback
// with Caddy in front (`tls internal`, the shipped Caddyfile); the simulator's signed
// webhooks go through Caddy. The owner (店長) is at the desktop window in client mode,
// which trusts Caddy's root only through this run's SSL_CERT_FILE (run.sh); a staff
// member (佐藤) is on a 375 px phone in Chromium, signed in by password. A customer's
// message reaches both desks and fires a notification on the desktop's D-Bus; a reply
// from each desk shows on the other under its sender's name.
// Run by run.sh (tauri-driver, Xvfb, a private D-Bus session with a Secret Service).

import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { X509Certificate, createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PHONE_VIEWPORT, launchBrowser, outgoing, row, signIn, waitFor } from "../e2e/lib/harness.js";
import { startCaddy } from "./caddy.js";
import { SERVER, addMember, freePort, startHub } from "./hub.js";
import { OUTPUT, WAIT_MS, run, screenshot, until, wd } from "./webdriver.js";

const APP = process.env.MADOGUCHI_APP_BIN;
const REPO = resolve(import.meta.dirname, "../..");
const UI_DIR = process.env.MADOGUCHI_UI_DIR ?? join(REPO, "ui", "dist");
const OWNER = { name: "店長", role: "owner", password: "two-desks-owner-2026" };
const STAFF = { name: "佐藤", role: "staff", password: "two-desks-staff-2026" };

/** Chromium's flag value trusting a certificate's key: base64 SHA-256 of its SPKI. */
const spkiHash = (pem) => createHash("sha256").update(new X509Certificate(pem).publicKey.export({ type: "spki", format: "der" })).digest("base64");

let hub = null;
let caddy = null;
let phone = null;
let session = null;
after(async () => {
  if (session) await wd("DELETE", `/session/${session}`).catch(() => {});
  await phone?.close().catch(() => {});
  if (hub && hub.exitCode === null) hub.kill("SIGINT");
  caddy?.stop();
});

const windowHas = (id, css, includes) =>
  run(id, `return [...document.querySelectorAll(${JSON.stringify(css)})].some((e) => e.textContent.includes(${JSON.stringify(includes)}));`);

test("two desks through Caddy: the owner's window and a staff member's phone see the same customer, each other's replies with who sent them, and the window notifies", async () => {
  assert.ok(APP && existsSync(SERVER), `the app and ${SERVER} are built`);
  assert.ok(existsSync(join(UI_DIR, "index.html")), `the web UI is built (${UI_DIR})`);
  const bundle = process.env.MADOGUCHI_TEST_CA_BUNDLE;
  assert.ok(bundle && process.env.SSL_CERT_FILE === bundle, "run.sh gave this run its own SSL_CERT_FILE");
  const root = mkdtempSync(join(tmpdir(), "madoguchi-two-desks-"));
  const hubData = join(root, "hub");
  const deskData = join(root, "desk");
  mkdirSync(deskData);
  const hubPort = await freePort();
  const httpsPort = await freePort();

  // Caddy first: its root is in the run's trust before the hub's simulator and the
  // desktop build their HTTPS clients.
  caddy = await startCaddy(join(root, "caddy"), httpsPort, hubPort);
  appendFileSync(bundle, `\n${caddy.rootPem}`);
  const base = caddy.base;

  addMember(hubData, OWNER);
  addMember(hubData, STAFF);
  hub = await startHub(hubData, hubPort, { friends: 4, uiDir: UI_DIR, log: "two-desks-hub.log" });
  const sim = async (path, body) => {
    const res = await fetch(`${hub.linesim}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    assert.ok(res.ok, `simulator ${path}: ${res.status}`);
    return res.status === 204 ? null : res.json();
  };
  // The test's own calls as the owner (a pairing code for the window) go to the hub on
  // loopback: node reads its extra certificate authorities only when it starts.
  const loopback = `http://127.0.0.1:${hubPort}`;
  const owner = await waitFor(() => signIn(loopback, OWNER.name, OWNER.password, "検証スクリプト").catch(() => null), { what: "the owner's sign-in", timeout: WAIT_MS });
  const rpc = async (method, params) => {
    const res = await fetch(`${loopback}/api/rpc`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${owner.token}` },
      body: JSON.stringify(params === undefined ? { method } : { method, params }),
    });
    const body = await res.json();
    assert.ok(res.ok, `${method}: ${res.status} ${JSON.stringify(body)}`);
    return body.data;
  };
  // From here LINE's webhooks reach the hub only through Caddy.
  await sim("/sim/webhook-url", { url: `${base}/webhook` });

  // The owner's desk: the window in client mode on Caddy's address, paired with a code.
  writeFileSync(join(deskData, "connection.json"), JSON.stringify({ mode: "hub", address: base }));
  session = (await wd("POST", "/session", { capabilities: { alwaysMatch: { "tauri:options": { application: APP, args: ["--data-dir", deskData] } } } })).sessionId;
  const id = session;
  const me = (await rpc("listMembers")).find((m) => m.name === OWNER.name);
  const code = (await rpc("createPairingCode", { memberId: me.id })).code;
  const field = async (testid) =>
    Object.values(await until(`the ${testid} field`, () => wd("POST", `/session/${id}/element`, { using: "css selector", value: `[data-testid="${testid}"]` })))[0];
  // The wizard fills in the saved address once the shell has answered.
  await until("the wizard to fill in Caddy's address", () => run(id, `const a = document.querySelector('[data-testid="hub-address"]'); return a && a.value === ${JSON.stringify(base)};`));
  const codeField = await field("hub-code");
  await wd("POST", `/session/${id}/element/${codeField}/value`, { text: code });
  await run(id, `document.querySelector('[data-testid="hub-connect"]').click(); return true;`);
  // Signed in, or the wizard's refusal (a certificate Caddy's root does not vouch for).
  const header = await until("the window signed in on the hub through Caddy", () =>
    run(
      id,
      `const e = document.querySelector('[data-testid="hub-error"]'); if (e && e.textContent) return "refused: " + e.textContent;
       const h = document.querySelector('[data-testid="signed-in-hub"]'); const s = document.querySelector('[data-testid="signed-in"]'); return h && s && s.textContent;`,
    ),
  );
  assert.ok(!header.startsWith("refused: "), `the wizard ${header}`);
  assert.ok(header.includes(`localhost:${httpsPort}`) && header.includes(OWNER.name), `the header says which hub and who: ${header}`);

  // The staff member's desk: a phone, trusting Caddy's keys (its intermediate signs the
  // site's certificate) and nothing else.
  phone = await launchBrowser("two-desks", {
    phone: true,
    args: [`--ignore-certificate-errors-spki-list=${[caddy.intermediatePem, caddy.rootPem].map(spkiHash).join(",")}`],
  });
  // The window suite's hang guard, not the Chromium suite's: a debug hub and WebKit share two cores.
  phone.context.setDefaultTimeout(WAIT_MS);
  const page = phone.page;
  await page.goto(`${base}/`);
  await page.locator('[data-testid="signin-name"]').fill(STAFF.name);
  await page.locator('[data-testid="signin-password"]').fill(STAFF.password);
  await page.locator('[data-testid="signin-submit"]').tap();
  await page.locator('[data-testid="conversation-row"]').first().waitFor();
  assert.equal(await page.evaluate(() => window.innerWidth), PHONE_VIEWPORT.width);

  // A customer writes: a signed webhook through Caddy; both desks list them, the window notifies.
  const customerName = "二台 確認";
  const question = `二つの窓口から見えますか？ ${Date.now()}`;
  const monitor = spawn("dbus-monitor", ["--session", "interface='org.freedesktop.Notifications',member='Notify'"], { stdio: ["ignore", "pipe", "ignore"] });
  let notified = "";
  monitor.stdout.on("data", (d) => (notified += d));
  let customer;
  let conversationId;
  try {
    // Its first lines (the bus naming it) say it is listening.
    await until("the D-Bus monitor to listen", () => notified.length > 0, 10_000);
    customer = await sim("/sim/users", { displayName: customerName });
    await sim(`/sim/users/${customer.userId}/follow`, {});
    await sim(`/sim/users/${customer.userId}/text`, { text: question });
    await until("the customer in the window's list", () => windowHas(id, '[data-testid="conversation-row"]', customerName));
    conversationId = Number(
      await run(id, `return [...document.querySelectorAll('[data-testid="conversation-row"]')].find((r) => r.textContent.includes(${JSON.stringify(customerName)})).getAttribute("data-conversation-id");`),
    );
    await row(page, conversationId).waitFor();
    await until("a desktop notification of the customer's message", () => notified.includes(question));
  } finally {
    monitor.kill();
  }
  const webhooks = readFileSync(caddy.accessLog, "utf8").split("\n").filter((l) => l.includes('"uri":"/webhook"'));
  assert.ok(webhooks.length > 0, "LINE's webhooks came in through Caddy");
  assert.ok(webhooks.some((l) => /"x-line-signature"|"X-Line-Signature"/i.test(l)), "signed");

  // Both open the chat and see the customer's words.
  await run(id, `document.querySelector('[data-testid="conversation-row"][data-conversation-id="${conversationId}"]').click(); return true;`);
  await row(page, conversationId).tap();
  await until("the customer's message in the window's thread", () => windowHas(id, '[data-testid="message"][data-direction="in"] [data-testid="message-text"]', question));
  await page.locator('[data-testid="message"][data-direction="in"]').filter({ hasText: question }).first().waitFor();

  // 佐藤 answers from the phone: the window shows it under 佐藤's name.
  const fromPhone = `佐藤です。スマホから返信します ${Date.now()}`;
  await sendFromPhone(page, fromPhone);
  const senderInWindow = (t) =>
    run(id, `const m = [...document.querySelectorAll('[data-testid="message"][data-direction="out"]')].find((b) => b.querySelector('[data-testid="message-text"]')?.textContent === ${JSON.stringify(t)}); const s = m && m.querySelector('[data-testid="message-sender"]'); return s && s.textContent;`);
  assert.equal(await until("佐藤's reply in the window, with the sender", () => senderInWindow(fromPhone)), STAFF.name);

  // 店長 answers from the window: the phone shows it under 店長's name.
  const fromWindow = `店長です。パソコンから返信します ${Date.now()}`;
  await sendFromWindow(id, fromWindow);
  assert.equal(await until("店長's reply in the window", () => senderInWindow(fromWindow)), OWNER.name);
  await waitFor(async () => (await outgoing(page, fromWindow).locator('[data-testid="message-sender"]').textContent().catch(() => "")) === OWNER.name, {
    what: "店長's reply on the phone under 店長's name",
    timeout: WAIT_MS,
  });
  assert.equal(await outgoing(page, fromPhone).locator('[data-testid="message-sender"]').textContent(), STAFF.name);

  // Delivered to the customer once each (after the undo window), whichever desk sent it.
  const deliveries = async (t) => (await (await fetch(`${hub.linesim}/sim/received?userId=${encodeURIComponent(customer.userId)}`)).json()).filter((r) => r.message?.text === t).length;
  for (const t of [fromPhone, fromWindow]) {
    await until(`${t} to reach the customer`, async () => (await deliveries(t)) > 0);
    assert.equal(await deliveries(t), 1, `${t} reached the customer once`);
  }

  // Both desks once the replies are out: the window and the phone.
  const sentInWindow = (t) =>
    run(id, `return [...document.querySelectorAll('[data-testid="message"][data-direction="out"]')].some((b) => b.getAttribute("data-status") === "sent" && b.querySelector('[data-testid="message-text"]')?.textContent === ${JSON.stringify(t)});`);
  for (const t of [fromPhone, fromWindow]) {
    await until(`${t} shown as sent in the window`, () => sentInWindow(t));
    await waitFor(async () => (await outgoing(page, t).getAttribute("data-status")) === "sent", { what: `${t} shown as sent on the phone`, timeout: WAIT_MS });
  }
  await run(id, `const b = [...document.querySelectorAll('[data-testid="message"]')].pop(); b && b.scrollIntoView({ block: "end" }); return true;`);
  await screenshot(id, "desktop-two-desks-window.png");
  await page.screenshot({ path: join(OUTPUT ?? tmpdir(), "desktop-two-desks-phone.png") });
});

/** Sends from the phone's composer; a send right after another member's asks first. */
async function sendFromPhone(page, text) {
  const input = page.locator('[data-testid="composer-input"]');
  await input.fill(text);
  await page.locator('[data-testid="send"]').tap();
  const confirm = page.locator('[data-testid="confirm-send-yes"]');
  await waitFor(async () => (await outgoing(page, text).count()) > 0 || (await confirm.count()) > 0, { what: `${text} sent or asked about`, timeout: WAIT_MS });
  if ((await confirm.count()) > 0) await confirm.tap();
  await outgoing(page, text).waitFor();
}

/** Sends from the window's composer, confirming when it asks (佐藤 just answered). */
async function sendFromWindow(id, text) {
  const el = Object.values(await until("the window's composer", () => wd("POST", `/session/${id}/element`, { using: "css selector", value: '[data-testid="composer-input"]' })))[0];
  await wd("POST", `/session/${id}/element/${el}/value`, { text });
  await run(id, `document.querySelector('[data-testid="send"]').click(); return true;`);
  await until(`${text} sent or asked about`, async () => {
    const asked = await run(id, `const b = document.querySelector('[data-testid="confirm-send-yes"]'); if (b) { b.click(); return "asked"; } return null;`);
    if (asked) return false;
    return windowHas(id, '[data-testid="message"][data-direction="out"] [data-testid="message-text"]', text);
  });
}
