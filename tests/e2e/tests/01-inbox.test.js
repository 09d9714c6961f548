// The inbox opens from the printed URL: the seeded salon's customers are listed with
// their Japanese names, and opening one shows its history.
import assert from "node:assert/strict";
import { test } from "node:test";
import { listRows, openConversation, openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
const env = useEnv("01-inbox");

test("the inbox lists the demo customers by their Japanese names", async () => {
  const { page, server } = env();
  await openInbox(page, server, { minRows: 24 });
  const rows = await listRows(page);
  const japanese = rows.filter((r) => JAPANESE.test(r.name));
  assert.ok(rows.length >= 24, `expected the 24 seeded conversations, got ${rows.length}`);
  assert.ok(japanese.length >= 12, `expected most names in Japanese, got ${JSON.stringify(rows.map((r) => r.name))}`);

  // What the list shows is what the API says, name for name.
  const api = await server.rpc({ method: "listConversations", params: { accountId: null, filter: "all", before: null, limit: 100 } });
  const apiNames = new Map(api.items.map((c) => [c.id, c.friend.displayName?.trim() || "（名前未設定）"]));
  for (const r of rows) assert.equal(r.name.replace(/^📌/, ""), apiNames.get(r.id), `name of conversation ${r.id}`);
  await screenshot(page, "01-inbox-list");
});

test("opening a conversation shows its history", async () => {
  const { page, server } = env();
  const rows = await listRows(page);
  // A customer with a real history: the one with the most messages among the Japanese names.
  let best = null;
  for (const r of rows.filter((r) => JAPANESE.test(r.name))) {
    const t = await server.rpc({ method: "getThread", params: { conversationId: r.id, before: null, limit: 50 } });
    if (!best || t.messages.length > best.thread.messages.length) best = { row: r, thread: t };
  }
  assert.ok(best && best.thread.messages.length >= 3, "the demo shop should have customers with a history");

  await openConversation(page, best.row.id);
  await waitFor(async () => (await page.locator('[data-testid="thread-name"]').textContent()) === best.row.name, {
    what: `the thread header to show ${best.row.name}`,
  });
  // Every message of the newest page is on screen (live chatter may only add more).
  await waitFor(async () => (await page.locator('[data-testid="message"]').count()) >= best.thread.messages.length, {
    what: `${best.thread.messages.length} messages in the thread`,
  });
  const texts = await page.locator('[data-testid="message-text"]').allTextContents();
  for (const m of best.thread.messages.filter((m) => m.kind === "text" && m.text)) {
    assert.ok(texts.includes(m.text), `the thread shows ${JSON.stringify(m.text)}`);
  }
  // History spans days (two months of it): at least one day separator, and both sides talk.
  assert.ok((await page.locator(".day-separator").count()) >= 1, "day separators in the history");
  assert.ok((await page.locator('[data-testid="message"][data-direction="in"]').count()) >= 1, "customer messages");
  const row = page.locator(`[data-testid="conversation-row"][data-conversation-id="${best.row.id}"]`);
  assert.equal(await row.getAttribute("aria-current"), "true", "the opened row is marked current");
  await screenshot(page, "01-inbox-thread");
});
