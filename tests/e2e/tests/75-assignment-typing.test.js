// Assignment and no two answers at once (issue 25 items 5 and 6), with two members in two
// browsers: the owner gives a chat to 佐藤, whose 自分の担当 shows it and 未割り当て does
// not; 佐藤 types and the owner sees 「佐藤さんが入力中」 in the thread and the list;
// 佐藤 sends, and the owner's send within the minute asks first (やめる keeps the text,
// 送信する sends it once).
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchBrowser, newCustomer, openConversation, outgoing, REPO, row, screenshot, startServer, waitFor } from "../lib/harness.js";

const OWNER = { name: "店長", role: "owner", password: "tencho-pass-2026" };
const STAFF = { name: "佐藤", role: "staff", password: "sato-pass-2026" };
const SHOTS = join(REPO, "tests", "e2e", "screenshots");

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
  await owner.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  assert.equal(await input.inputValue(), mine, "cancelling keeps the text");
  assert.equal(await outgoing(owner, mine).count(), 0, "nothing was sent");

  await owner.locator('[data-testid="send"]').click();
  await dialog.waitFor();
  await owner.locator('[data-testid="confirm-send-yes"]').click();
  await outgoing(owner, mine).waitFor();
  await waitFor(async () => (await input.inputValue()) === "", { what: "the composer cleared after sending" });
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await outgoing(owner, mine).count(), 1, "sent exactly once");
  const sent = await server.rpc({ method: "getThread", params: { conversationId: chat.id, before: null, limit: 20 } });
  assert.equal(sent.messages.filter((m) => m.direction === "out" && m.text === mine).length, 1, "one message stored");
});
