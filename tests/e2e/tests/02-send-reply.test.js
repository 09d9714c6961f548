// Sending from the composer: a customer who just wrote is answered with a free reply;
// the bubble goes 待機中 → 送信済み and the customer (the simulator) has the message.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  newCustomer,
  openConversation,
  openInbox,
  outgoing,
  receivedTexts,
  screenshot,
  useEnv,
  waitFor,
  waitStatus,
} from "../lib/harness.js";

const env = useEnv("02-send-reply");

test("a reply typed in the composer is sent for free and reaches the customer", async () => {
  const { page, server } = env();
  const { user, conversation } = await newCustomer(server, "佐藤 美咲", "明日の15時に予約できますか？");
  await openInbox(page, server);
  await openConversation(page, conversation.id);

  // Before sending, the composer says this one is a free reply.
  const preview = page.locator('[data-testid="route-preview"]');
  await waitFor(async () => (await preview.getAttribute("data-route")) === "reply", { what: "the route preview to say reply" });
  assert.match(await preview.textContent(), /^返信・無料/);
  await screenshot(page, "02-before-send");

  const text = `佐藤様、明日15時で承りました。お待ちしております。[e2e-${Date.now()}]`;
  const input = page.locator('[data-testid="composer-input"]');
  await input.fill(text);
  // While the owner types, the customer sees LINE's "…" (loading animation).
  await waitFor(async () => {
    const calls = await server.simGet("/sim/loading");
    return calls.some((c) => c.chatId === user.userId && c.loadingSeconds === 20);
  }, { what: "LINE's loading animation for the customer while the owner types" });
  await input.press("Enter");

  const bubble = outgoing(page, text);
  await bubble.waitFor();
  assert.equal(await bubble.count(), 1, "exactly one outgoing bubble");
  assert.equal(await input.inputValue(), "", "the composer is cleared after sending");
  assert.equal(await bubble.locator('[data-testid="message-route"]').getAttribute("data-route"), "reply");
  assert.equal(await bubble.locator('[data-testid="message-route"]').textContent(), "返信");

  // Within the undo window it waits (待機中, with 取り消す), then it is sent.
  if ((await bubble.getAttribute("data-status")) === "pending") {
    assert.equal(await bubble.locator('[data-testid="message-state"]').textContent(), "待機中");
    assert.equal(await bubble.locator('[data-testid="cancel-send"]').textContent(), "取り消す");
  }
  await waitStatus(bubble, "sent", "the reply to be sent");
  assert.equal(await bubble.locator('[data-testid="message-state"]').textContent(), "送信済み");
  assert.equal(await bubble.locator('[data-testid="cancel-send"]').count(), 0, "no 取り消す once sent");
  await screenshot(page, "02-sent");

  const got = await waitFor(async () => {
    const r = await receivedTexts(server, user.userId, text);
    return r.length > 0 && r;
  }, { what: "the simulator to have received the reply" });
  assert.equal(got.length, 1, "received exactly once");
  assert.equal(got[0].via, "reply", "delivered with the reply token (free)");

  // The conversation row follows: our text is its preview.
  const row = page.locator(`[data-testid="conversation-row"][data-conversation-id="${conversation.id}"]`);
  await waitFor(async () => (await row.locator('[data-testid="conversation-preview"]').textContent()) === text, {
    what: "the list row preview to show the sent text",
  });
});
