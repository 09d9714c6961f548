// Who did what (issue 25 items 4 and 7), with two members in two browsers: the owner
// adds 佐藤 in Settings → メンバー, both sign in and answer the same customer, and each
// thread shows both senders' names under their bubbles without a reload; 佐藤's note
// shows its author in the owner's friend panel as it is written; 佐藤 changes a setting
// and the owner's 変更履歴 lists it, on the shop's clock although the owner's PC is in
// another zone.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchBrowser, newCustomer, openConversation, outgoing, REPO, screenshot, startServer, waitFor } from "../lib/harness.js";

const OWNER = { name: "店長", role: "owner", password: "tencho-pass-2026" };
const STAFF = { name: "佐藤", password: "sato-pass-2026" };
const SHOTS = join(REPO, "tests", "e2e", "screenshots");

let server;
let chat;
const browsers = {};
before(async () => {
  server = await startServer("74-who-did-what", { members: [OWNER], undoSeconds: 0 });
  browsers.owner = await launchBrowser("74-owner", { timezoneId: "America/Los_Angeles" });
  browsers.staff = await launchBrowser("74-staff");
  ({ conversation: chat } = await newCustomer(server, "小林 さくら", "今日の夕方は空いていますか"));
});
after(async () => {
  for (const b of Object.values(browsers)) await b.close().catch(() => {});
  await server?.stop();
});

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  await screenshot(page, name);
}

async function signIn(page, { name, password }) {
  await page.goto(server.url);
  await page.locator('[data-testid="signin-name"]').fill(name);
  await page.locator('[data-testid="signin-password"]').fill(password);
  await page.locator('[data-testid="signin-submit"]').click();
  await waitFor(async () => (await page.locator('[data-testid="conversation-row"]').count()) > 0, { what: `${name}'s inbox` });
}

/** Sends from the composer; a send right after the other member's asks first (item 6). */
async function send(page, text) {
  const input = page.locator('[data-testid="composer-input"]');
  await input.fill(text);
  await input.press("Enter");
  const confirm = page.locator('[data-testid="confirm-send-yes"]');
  await waitFor(async () => (await outgoing(page, text).count()) > 0 || (await confirm.count()) > 0, { what: `${text} sent or asked about` });
  if ((await confirm.count()) > 0) await confirm.click();
  await outgoing(page, text).waitFor();
}

const senderOf = (page, text) => outgoing(page, text).locator('[data-testid="message-sender"]');

test("the owner adds 佐藤 as staff, and both sign in", async () => {
  const owner = browsers.owner.page;
  await signIn(owner, OWNER);
  await owner.evaluate(() => (window.location.hash = "#/settings/members"));
  await owner.locator('[data-testid="member-add"]').click();
  const dialog = owner.locator('[data-testid="member-add-dialog"]');
  await dialog.locator('[data-testid="member-name"]').fill(STAFF.name);
  await dialog.locator('[data-testid="member-role-staff"]').check();
  await dialog.locator('[data-testid="member-password"]').fill(STAFF.password);
  await dialog.locator('[data-testid="member-add-submit"]').click();
  await dialog.waitFor({ state: "detached" });
  await signIn(browsers.staff.page, STAFF);
});

test("each member's send shows their name in both threads, live", async () => {
  const owner = browsers.owner.page;
  const staff = browsers.staff.page;
  await owner.evaluate(() => (window.location.hash = "#/inbox"));
  await openConversation(owner, chat.id);
  await openConversation(staff, chat.id);

  const fromOwner = "店長です。17時からでしたら空いております";
  await send(owner, fromOwner);
  assert.equal(await senderOf(owner, fromOwner).textContent(), "店長");
  // 佐藤's screen hears of it and shows who sent it, without a reload.
  await outgoing(staff, fromOwner).waitFor();
  await waitFor(async () => (await senderOf(staff, fromOwner).textContent().catch(() => "")) === "店長", { what: "店長's name in 佐藤's thread" });

  const fromStaff = "佐藤です。17時でご予約をお取りしますね";
  await send(staff, fromStaff);
  await outgoing(owner, fromStaff).waitFor();
  await waitFor(async () => (await senderOf(owner, fromStaff).textContent().catch(() => "")) === "佐藤", { what: "佐藤's name in the owner's thread" });
  for (const page of [owner, staff]) {
    assert.equal(await senderOf(page, fromOwner).textContent(), "店長");
    assert.equal(await senderOf(page, fromStaff).textContent(), "佐藤");
    // A customer's message names nobody.
    assert.equal(await page.locator('[data-testid="message"][data-direction="in"] [data-testid="message-sender"]').count(), 0);
  }
  await shot(owner, "25-thread-two-senders");
  await shot(staff, "25-thread-two-senders-staff");
});

test("an automatic reply says 自動応答 under its bubble", async () => {
  const owner = browsers.owner.page;
  const answer = "駐車場は店の裏に2台分あります";
  await server.rpc({
    method: "saveKeywordRules",
    params: {
      accountId: chat.accountId,
      rules: [{ id: null, matchKind: "contains", pattern: "駐車場", messages: [{ type: "text", text: answer }], activeFrom: null, activeUntil: null, activeHours: null, enabled: true }],
    },
  });
  const { conversation } = await newCustomer(server, "森 ひかり", "駐車場はありますか");
  await openConversation(owner, conversation.id);
  await outgoing(owner, answer).waitFor();
  assert.equal(await senderOf(owner, answer).textContent(), "自動応答");
  await shot(owner, "25-thread-auto-reply");
  await openConversation(owner, chat.id);
});

test("佐藤's note shows its author in the owner's friend panel as it is written", async () => {
  const owner = browsers.owner.page;
  const staff = browsers.staff.page;
  const body = "窓際の席をご希望（佐藤メモ）";
  await staff.locator('[data-testid="note-draft"]').fill(body);
  await staff.locator('[data-testid="note-add"]').click();
  const note = (page) => page.locator('[data-testid="friend-panel"] [data-testid="note"]').filter({ hasText: body });
  await note(staff).waitFor();
  assert.equal(await note(staff).locator('[data-testid="note-author"]').textContent(), "佐藤");
  // No reload: the owner's panel re-reads on 佐藤's action.
  await note(owner).waitFor();
  assert.equal(await note(owner).locator('[data-testid="note-author"]').textContent(), "佐藤");
  await note(owner).scrollIntoViewIfNeeded();
  await shot(owner, "25-note-author");
});

test("佐藤 changes a setting; the owner's 変更履歴 lists it with the time in Tokyo", async () => {
  const owner = browsers.owner.page;
  const staff = browsers.staff.page;
  // Staff see no 変更履歴 (it is the owner's).
  await staff.evaluate(() => (window.location.hash = "#/settings/general"));
  await staff.locator('[data-testid="settings-view"]').waitFor();
  assert.equal(await staff.locator('[data-testid="settings-nav-history"]').count(), 0);

  await owner.evaluate(() => (window.location.hash = "#/settings/history"));
  const rows = owner.locator('[data-testid="settings-history-row"]');
  await rows.first().waitFor();
  const before = await rows.count();

  const at = Date.now();
  await staff.locator('[data-testid="undo-seconds"]').fill("3");
  await staff.locator('[data-testid="save-sending"]').click();
  // The open history hears of it and re-reads.
  await waitFor(async () => (await rows.count()) === before + 1, { what: "佐藤's change in the owner's open history" });
  const newest = rows.first();
  assert.equal(await newest.locator('[data-testid="settings-history-who"]').textContent(), "佐藤");
  assert.equal(await newest.locator('[data-testid="settings-history-what"]').textContent(), "送信の設定を変更");
  assert.equal(await newest.getAttribute("data-method"), "SetSendingSettings");
  const tokyo = (ms) => {
    const parts = (opts) => new Intl.DateTimeFormat("ja-JP", { ...opts, timeZone: "Asia/Tokyo" }).format(ms);
    return `${parts({ year: "numeric", month: "2-digit", day: "2-digit" })} ${parts({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" })}`;
  };
  const shown = await newest.locator("time").textContent();
  assert.ok([tokyo(at), tokyo(at + 60_000)].includes(shown), `the time on the shop's clock: ${shown} (expected ${tokyo(at)})`);
  // The owner adding 佐藤 is there too, and nothing secret is.
  const all = await owner.locator('[data-testid="settings-history"]').textContent();
  assert.ok(all.includes("メンバー「佐藤」を追加"), all);
  assert.ok(!all.includes(STAFF.password), "a password in the history");
  await shot(owner, "25-settings-history");
});
