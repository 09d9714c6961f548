// The connect wizard in the real window, as a shop meets it when its saved connection
// is damaged: connection.json edited by hand into something that is no mode. The app
// neither crashes nor quietly opens as このPCだけ: it shows the wizard saying the saved
// connection could not be read, with the file kept aside. Choosing このPCだけ then says
// what a closed PC misses, how to turn on LINE's webhook redelivery and where that stops,
// and points to the hub; its button leads to お店のハブにつなぐ's form.
// Run by run.sh (tauri-driver, Xvfb, a private D-Bus session).

import { after, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, screenshot, until, wd } from "./webdriver.js";

const APP = process.env.MADOGUCHI_APP_BIN;

let session = null;
after(async () => {
  if (session) await wd("DELETE", `/session/${session}`).catch(() => {});
});

const text = (id, testid) => run(id, `const e = document.querySelector('[data-testid="${testid}"]'); return e && e.textContent;`);

test("an unreadable connection.json opens the wizard, kept aside; このPCだけ says what it misses, how to turn on redelivery, and points to the hub", async () => {
  assert.ok(APP, "MADOGUCHI_APP_BIN is set");
  const dataDir = mkdtempSync(join(tmpdir(), "madoguchi-solo-wizard-"));
  // A hand edit that lost the quotes around the address.
  const broken = '{\n  "mode": "hub",\n  "address": https://shop.example.jp\n}\n';
  writeFileSync(join(dataDir, "connection.json"), broken);

  session = (await wd("POST", "/session", { capabilities: { alwaysMatch: { "tauri:options": { application: APP, args: ["--data-dir", dataDir] } } } })).sessionId;
  const id = session;
  const reason = await until("the wizard saying the saved connection could not be read", () => text(id, "hub-wizard-reason"));
  assert.match(reason, /connection\.json/, reason);
  assert.match(reason, /読み込めませんでした|could not be read/, reason);
  const kept = readdirSync(dataDir).filter((n) => n.startsWith("connection.json.broken-"));
  assert.equal(kept.length, 1, `the damaged file is kept aside once: ${readdirSync(dataDir)}`);
  assert.equal(readFileSync(join(dataDir, kept[0]), "utf8"), broken, "kept as it was");
  assert.ok(!existsSync(join(dataDir, "connection.json")), "no longer where start-up looks");
  // Nothing opened behind the wizard: no store was made for a mode nobody chose.
  assert.ok(!existsSync(join(dataDir, "madoguchi.db")), "no solo store was opened");
  await screenshot(id, "desktop-unreadable-connection.png");

  await run(id, `document.querySelector('[data-testid="connect-mode-solo"]').click(); return true;`);
  const notice = await until("このPCだけ's notice", () => text(id, "solo-notice"));
  const headings = await run(id, `return [...document.querySelectorAll('[data-testid="solo-notice"] h2, [data-testid="solo-notice"] h3')].map((h) => h.tagName + ":" + h.textContent);`);
  assert.deepEqual(
    headings.map((h) => h.split(":")[0]),
    ["H2", "H3", "H3", "H3"],
    `one title under the wizard's h1, three parts under it: ${headings}`,
  );
  const labelled = await run(id, `const s = document.querySelector('[data-testid="solo-notice"]'); return document.getElementById(s.getAttribute("aria-labelledby"))?.textContent;`);
  assert.ok(labelled && headings[0].endsWith(labelled), `the section is named by its title: ${labelled}`);
  // What a closed PC misses: messages, the automatic work, and nothing to fetch later.
  const misses = await text(id, "solo-misses");
  for (const said of [/届きません|do not reach/, /自動応答|away reply/, /予約|bookings/, /リマインド|reminders/, /後から取り出す仕組みがありません|no history/]) assert.match(misses, said, misses);
  // Where LINE's switches are, and that redelivery gives up.
  const steps = await text(id, "solo-redelivery-steps");
  for (const said of [/LINE Developers/, /Messaging API/, /Webhookの利用|Use webhook/, /Webhookの再送|Webhook redelivery/]) assert.match(steps, said, steps);
  assert.match(await text(id, "solo-redelivery-limit"), /やめ|stops/);
  assert.match(notice, /README/, "points to the README's hub section");
  await run(id, `document.querySelector('[data-testid="solo-notice"]').scrollIntoView({ block: "start" }); return true;`);
  await screenshot(id, "desktop-solo-notice.png");
  // From either end of the notice there is a way on: the solo button, or the hub.
  assert.ok(await run(id, `return !!document.querySelector('[data-testid="use-solo"]');`), "このPCだけで使う is offered below the notice");

  await run(id, `document.querySelector('[data-testid="solo-choose-hub"]').click(); return true;`);
  const focused = await until("the hub's address field, focused", () => run(id, `return document.activeElement && document.activeElement.getAttribute("data-testid");`));
  assert.equal(focused, "hub-address", "the hub's form takes the focus");
  assert.equal(await run(id, `return document.querySelector('[data-testid="connect-mode-hub"]').checked && !document.querySelector('[data-testid="solo-notice"]');`), true);
});
