// Assignment and no two answers at once (issue 25 items 5 and 6), with two members in two
// browsers: the owner gives a chat to 佐藤, whose 自分の担当 shows it and 未割り当て does
// not; 佐藤 types and the owner sees 「佐藤さんが入力中」 in the thread and the list;
// 佐藤 sends, and the owner's send within the minute asks first (やめる keeps the text,
// 送信する sends it once). Then assignment in turn, notification routing by assignee, and
// an IME composition counting as typing.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchBrowser, newCustomer, openConversation, outgoing, REPO, row, screenshot, startServer, waitFor } from "../lib/harness.js";

const OWNER = { name: "店長", role: "owner", password: "tencho-pass-2026" };
const STAFF = { name: "佐藤", role: "staff", password: "sato-pass-2026" };
const SHOTS = join(REPO, "tests", "e2e", "screenshots");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Critical and serious axe violations of the page as it is. */
async function axe(page) {
  await page.evaluate(`${AXE}\n;void 0`);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "critical" || v.impact === "serious");
}

let server;
let chat;
const browsers = {};
before(async () => {
  server = await startServer("75-assignment-typing", { members: [OWNER, STAFF] });
  browsers.owner = await launchBrowser("75-owner");
  browsers.staff = await launchBrowser("75-staff");
  ({ conversation: chat } = await newCustomer(server, "小林 さくら", "来週の土曜日は空いていますか"));
  for (const [who, m] of [["owner", OWNER], ["staff", STAFF]]) {
    const { page } = browsers[who];
    await page.goto(server.url);
    await page.locator('[data-testid="signin-name"]').fill(m.name);
    await page.locator('[data-testid="signin-password"]').fill(m.password);
    await page.locator('[data-testid="signin-submit"]').click();
    await waitFor(async () => (await page.locator('[data-testid="conversation-row"]').count()) > 0, { what: `${m.name}'s inbox` });
  }
});
after(async () => {
  for (const b of Object.values(browsers)) await b.close().catch(() => {});
  await server?.stop();
});

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  await screenshot(page, name);
}

test("the owner assigns a chat to 佐藤; 佐藤's 自分の担当 shows it and 未割り当て does not", async () => {
  const owner = browsers.owner.page;
  await openConversation(owner, chat.id);
  const picker = owner.locator('[data-testid="assignee-picker"]');
  assert.equal(await picker.inputValue(), "", "a new chat is nobody's");
  await picker.selectOption({ label: STAFF.name });
  await waitFor(async () => ((await row(owner, chat.id).locator('[data-testid="row-assignee"]').textContent().catch(() => "")) ?? "").includes("担当: 佐藤"), {
    what: "the owner's list row naming 佐藤",
  });

  const staff = browsers.staff.page;
  await staff.locator('[data-testid="assignee-filter-mine"]').click();
  await waitFor(
    async () => {
      const ids = await staff.locator('[data-testid="conversation-row"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-conversation-id"))));
      return ids.length === 1 && ids[0] === chat.id;
    },
    { what: "佐藤's 自分の担当: exactly the assigned chat" },
  );
  assert.equal(await staff.locator('[data-testid="assignee-filter-mine"]').getAttribute("aria-pressed"), "true");
  await shot(staff, "25-assignment-filter");

  await staff.locator('[data-testid="assignee-filter-unassigned"]').click();
  await waitFor(async () => (await staff.locator('[data-testid="conversation-row"]').count()) > 0 && (await row(staff, chat.id).count()) === 0, {
    what: "未割り当て: the other chats, not the assigned one",
  });
  await staff.locator('[data-testid="assignee-filter-everyone"]').click();
  await waitFor(async () => (await staff.locator('[data-testid="conversation-row"]').count()) > 1, { what: "everyone's chats again" });
});

test("佐藤 types and the owner sees 「佐藤さんが入力中」 in the thread and the list", async () => {
  const staff = browsers.staff.page;
  const owner = browsers.owner.page;
  await openConversation(staff, chat.id);
  await staff.locator('[data-testid="composer-input"]').pressSequentially("空いています。何時がよろしいですか", { delay: 30 });
  const typing = owner.locator('[data-testid="thread-typing"]');
  await waitFor(async () => ((await typing.textContent().catch(() => "")) ?? "").includes("佐藤さんが入力中"), { what: "the typing line in the owner's thread" });
  await waitFor(async () => ((await row(owner, chat.id).locator('[data-testid="row-typing"]').textContent().catch(() => "")) ?? "") === "佐藤さんが入力中", {
    what: "the typing note in the owner's list row",
  });
  assert.equal(await staff.locator('[data-testid="thread-typing"]').count(), 0, "one's own typing is not shown to oneself");
  await shot(owner, "25-typing-indicator");
  assert.deepEqual(await axe(owner), [], "axe on the thread with the 担当 picker, the filters and 「入力中」");
});

test("佐藤 sends; the owner's send within 60 s asks first: やめる keeps the text, 送信する sends once", async () => {
  const staff = browsers.staff.page;
  const owner = browsers.owner.page;
  const reply = "空いています。何時がよろしいですか";
  await staff.locator('[data-testid="send"]').click();
  await outgoing(staff, reply).waitFor();
  await outgoing(owner, reply).waitFor();
  await waitFor(async () => (await owner.locator('[data-testid="thread-typing"]').count()) === 0, { what: "「入力中」 gone once 佐藤's reply is out" });

  const mine = "14時はいかがでしょうか";
  const input = owner.locator('[data-testid="composer-input"]');
  await input.fill(mine);
  await input.press("Enter");
  const dialog = owner.locator('[data-testid="confirm-send"]');
  await dialog.waitFor();
  assert.match(await owner.locator('[data-testid="confirm-send-text"]').textContent(), /^佐藤さんが\d+秒前に返信しました。それでも送信しますか？$/);
  assert.equal(await owner.evaluate(() => document.activeElement?.closest('[data-testid="confirm-send"]') !== null), true, "the dialog has focus");
  await shot(owner, "25-confirm-send");
  assert.deepEqual(await axe(owner), [], "axe with the confirmation open");
  await owner.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  assert.equal(await input.inputValue(), mine, "cancelling keeps the text");
  assert.equal(await outgoing(owner, mine).count(), 0, "nothing was sent");
  // A sticker asks too; やめる sends nothing.
  const stickersBefore = (await server.rpc({ method: "getThread", params: { conversationId: chat.id, before: null, limit: 20 } })).messages.filter((m) => m.kind === "sticker").length;
  await owner.locator('[data-testid="sticker-open"]').click();
  await owner.locator('[data-testid="sticker-choice"]').first().click();
  await dialog.waitFor();
  await owner.locator('[data-testid="confirm-send-cancel"]').click();
  await dialog.waitFor({ state: "detached" });
  const after = await server.rpc({ method: "getThread", params: { conversationId: chat.id, before: null, limit: 20 } });
  assert.equal(after.messages.filter((m) => m.kind === "sticker").length, stickersBefore, "no sticker sent");

  await owner.locator('[data-testid="send"]').click();
  await dialog.waitFor();
  await owner.locator('[data-testid="confirm-send-yes"]').click();
  await outgoing(owner, mine).waitFor();
  await waitFor(async () => (await input.inputValue()) === "", { what: "the composer cleared after sending" });
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await outgoing(owner, mine).count(), 1, "sent exactly once");
  const sent = await server.rpc({ method: "getThread", params: { conversationId: chat.id, before: null, limit: 20 } });
  assert.equal(sent.messages.filter((m) => m.direction === "out" && m.text === mine).length, 1, "one message stored");
  // The last reply is the owner's own now: the next one goes without asking.
  await input.fill("お待ちしております");
  await input.press("Enter");
  await outgoing(owner, "お待ちしております").waitFor();
  assert.equal(await dialog.count(), 0, "no question about one's own reply");
});

let inTurn;
test("the owner turns on assignment in turn: new chats go to 店長, then 佐藤", async () => {
  const owner = browsers.owner.page;
  await owner.evaluate(() => (window.location.hash = "#/settings/members"));
  const roundRobin = owner.locator('[data-testid="auto-assign-round-robin"]');
  await roundRobin.waitFor();
  assert.equal(await roundRobin.isChecked(), false, "off by default");
  await roundRobin.check();
  await waitFor(async () => (await server.rpc({ method: "getAutoAssign" })).roundRobin === true, { what: "the setting saved" });
  await owner.locator('[data-testid="settings-auto-assign"]').scrollIntoViewIfNeeded();
  await shot(owner, "25-auto-assign");
  assert.deepEqual(await axe(owner), [], "axe on 設定 → メンバー with automatic assignment");

  const first = await newCustomer(server, "一番目の客", "初めてメッセージします");
  const second = await newCustomer(server, "二番目の客", "こちらも初めてです");
  const assigneeOf = async (id) => (await server.rpc({ method: "getThread", params: { conversationId: id, before: null, limit: 1 } })).conversation.assignee?.name;
  await waitFor(async () => (await assigneeOf(first.conversation.id)) === OWNER.name, { what: "the first new chat given to 店長" });
  await waitFor(async () => (await assigneeOf(second.conversation.id)) === STAFF.name, { what: "the second new chat given to 佐藤" });
  inTurn = { owners: first, staffs: second };
});

test("notification routing: 佐藤 chose 自分の担当だけ and is notified of their chat, not of the owner's", async () => {
  const { context, page: staff } = browsers.staff;
  // The browser's notifications, recorded; and the page seen as in the background.
  await context.addInitScript(() => {
    window.__notified = [];
    window.Notification = class {
      static permission = "granted";
      static requestPermission = async () => "granted";
      constructor(title, options) {
        window.__notified.push({ title, body: options?.body ?? "" });
      }
      close() {}
    };
    Document.prototype.hasFocus = () => false;
  });
  await staff.reload();
  await staff.evaluate(() => (window.location.hash = "#/settings/general"));
  await staff.locator('[data-testid="notify-scope-mine"]').check();
  await waitFor(async () => (await staff.locator('[data-testid="settings-notify-scope"] [role="status"]').textContent()) === "保存しました", { what: "the scope saved" });
  await shot(staff, "25-notify-scope");
  assert.deepEqual(await axe(staff), [], "axe on 設定 → 基本 with the notification scope");
  await staff.evaluate(() => (window.location.hash = "#/inbox"));
  await waitFor(async () => (await staff.locator('[data-testid="conversation-row"]').count()) > 0, { what: "佐藤's inbox" });

  await server.simPost(`/sim/users/${inTurn.owners.user.userId}/text`, { text: "店長さん宛てのメッセージ" });
  await server.simPost(`/sim/users/${inTurn.staffs.user.userId}/text`, { text: "佐藤さん宛てのメッセージ" });
  const notified = await waitFor(
    async () => {
      const got = await staff.evaluate(() => window.__notified);
      return got.some((n) => n.body === "佐藤さん宛てのメッセージ") ? got : null;
    },
    { what: "佐藤 notified of a message in their chat" },
  );
  assert.deepEqual(notified.map((n) => [n.title, n.body]), [["二番目の客", "佐藤さん宛てのメッセージ"]], "nothing for the owner's chat");
});

test("an IME composition not yet confirmed counts as typing", async () => {
  const owner = browsers.owner.page;
  const { context, page: staff } = browsers.staff;
  await owner.evaluate(() => (window.location.hash = "#/inbox"));
  await waitFor(async () => (await owner.locator('[data-testid="conversation-row"]').count()) > 0, { what: "the owner's inbox" });
  const chatId = inTurn.staffs.conversation.id;
  await openConversation(staff, chatId);
  await staff.locator('[data-testid="composer-input"]').focus();
  // Chromium's own IME path: composition events, the text not yet confirmed.
  const cdp = await context.newCDPSession(staff);
  await cdp.send("Input.imeSetComposition", { text: "よやく", selectionStart: 3, selectionEnd: 3 });
  await waitFor(async () => ((await row(owner, chatId).locator('[data-testid="row-typing"]').textContent().catch(() => "")) ?? "") === "佐藤さんが入力中", {
    what: "the owner's row says 佐藤 is typing while the kana are still being converted",
  });
  await cdp.detach();
});
