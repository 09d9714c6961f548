// Canned replies and search in the browser: a template made in 定型文 is picked with `/`
// in the composer, its fill-in prompt answered, and the customer (the simulator)
// receives the filled text; then a word from an older message is searched, and the
// result opens the thread at that message, highlighted.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  newCustomer,
  openConversation,
  openInbox,
  receivedTexts,
  screenshot,
  useEnv,
  waitFor,
} from "../lib/harness.js";

const env = useEnv("30-templates-search");

/** Waits until the profile worker has stored the customer's LINE name. */
async function named(server, conversationId, name) {
  await waitFor(
    async () => {
      const t = await server.rpc({ method: "getThread", params: { conversationId, before: null, limit: 1 } });
      return t.conversation.friend.displayName === name;
    },
    { what: `the LINE name ${name} to be stored` },
  );
}

test("a canned reply picked with / is filled in, previewed and received", async () => {
  const { page, server } = env();
  const name = "高橋 葵";
  const { user, conversation } = await newCustomer(server, name, "来週カットの予約をしたいです");
  await named(server, conversation.id, name);
  const accounts = await server.rpc({ method: "listAccounts" });
  const shop = accounts.find((a) => a.id === conversation.accountId)?.name;
  assert.ok(shop, "the demo account has a name");

  await openInbox(page, server);
  await page.locator('nav a[href="#/templates"]').click();
  await page.locator('[data-testid="templates-view"]').waitFor();
  const title = `予約確認e2e${Date.now() % 100000}`;
  await page.locator('[data-testid="template-new"]').click();
  await page.locator('[data-testid="template-title"]').fill(title);
  await page.locator('[data-testid="template-text"]').fill("{名前}様、{?メニュー}のご予約を承りました。{店名}");
  await page.locator('[data-testid="template-save"]').click();
  await page.locator('[data-testid="template-status"]').waitFor();
  await page.locator('[data-testid="template-item"]', { hasText: title }).waitFor();
  await screenshot(page, "30-template-saved");

  await page.locator('nav a[href="#/inbox"]').click();
  await openConversation(page, conversation.id);
  const input = page.locator('[data-testid="composer-input"]');
  await input.click();
  await input.pressSequentially(`/${title.slice(0, 4)}`);
  const option = page.locator('[data-testid="template-option"]', { hasText: title });
  await option.waitFor();
  await screenshot(page, "30-slash-picker");
  // ↓/↑ move the choice; Enter picks the highlighted one (our template is the only match).
  await input.press("ArrowDown");
  await input.press("ArrowUp");
  await input.press("Enter");

  const answer = page.locator('[data-testid="template-answer"][data-key="?メニュー"]');
  await answer.waitFor();
  await answer.fill("カット＆カラー");
  await answer.press("Enter");
  const expected = `${name}様、カット＆カラーのご予約を承りました。${shop}`;
  const preview = page.locator('[data-testid="template-preview"]');
  await preview.waitFor();
  assert.equal(await preview.textContent(), expected, "the preview is core's rendering");
  await screenshot(page, "30-template-preview");
  await page.locator('[data-testid="template-send"]').click();
  await page.locator('[data-testid="template-dialog"]').waitFor({ state: "detached" });
  assert.equal(await input.inputValue(), "", "the /… typed in the composer is cleared");

  const got = await waitFor(
    async () => {
      const r = await receivedTexts(server, user.userId, expected);
      return r.length > 0 && r;
    },
    { what: "the simulator to receive the filled template" },
  );
  assert.equal(got.length, 1, "received exactly once");
  const all = await server.simGet(`/sim/received?userId=${encodeURIComponent(user.userId)}`);
  assert.ok(all.every((r) => !/\{[^}]*\}/.test(r.message?.text ?? "")), "no placeholder reached the customer");
  assert.equal(all.filter((r) => (r.message?.text ?? "").startsWith("/")).length, 0, "the typed /… was not sent");
});

test("search finds an older message and opens the thread at it, highlighted", async () => {
  const { page, server } = env();
  const word = `ラベンダー色${Date.now() % 100000}`;
  const { user, conversation } = await newCustomer(server, "中村 さくら", `前回の${word}のネイル、とても気に入りました`);
  // Push the found message out of the thread's first page (50 messages).
  for (let i = 0; i < 60; i++) {
    await server.simPost(`/sim/users/${user.userId}/text`, { text: `その後のメッセージ ${i}` });
  }
  await waitFor(
    async () => {
      const t = await server.rpc({ method: "getThread", params: { conversationId: conversation.id, before: null, limit: 1 } });
      return t.messages[0]?.text === "その後のメッセージ 59";
    },
    { what: "all 61 messages stored" },
  );

  await openInbox(page, server);
  await page.locator('nav a[href="#/search"]').click();
  const box = page.locator('[data-testid="search-input"]');
  await box.fill(word.slice(0, 8));
  await box.press("Enter");
  const hit = page.locator('[data-testid="search-hit"]', { hasText: word });
  await hit.waitFor();
  assert.equal(await hit.locator("mark").first().textContent(), word.slice(0, 8), "the match is marked");
  await screenshot(page, "30-search-results");
  const messageId = Number(await hit.getAttribute("data-message-id"));
  assert.ok(messageId > 0);
  await hit.click();

  await page.locator(`[data-testid="thread"][data-conversation-id="${conversation.id}"]`).waitFor();
  const focused = page.locator(`[data-testid="message"][data-message-id="${messageId}"]`);
  await focused.waitFor();
  assert.equal(await focused.getAttribute("data-focused"), "true", "the found message is highlighted");
  await waitFor(
    async () => {
      const m = await focused.boundingBox();
      const v = await page.locator('[data-testid="messages"]').boundingBox();
      return m && v && m.y >= v.y - 1 && m.y + Math.min(m.height, 20) <= v.y + v.height + 1;
    },
    { what: "the found message scrolled into view" },
  );
  // Newer messages are there too, without a gap up to the newest.
  await page.locator('[data-testid="message-text"]', { hasText: "その後のメッセージ 59" }).waitFor();
  await screenshot(page, "30-thread-at-hit");
});
