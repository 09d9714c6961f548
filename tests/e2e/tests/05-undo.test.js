// Undo: with --undo-seconds 5, a sent message waits 5 s before it leaves; 取り消す in
// that window cancels it for good, and the customer never receives it.
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

const env = useEnv("05-undo", { undoSeconds: 5 });

test("取り消す within the undo window cancels the message; LINE never gets it", async () => {
  const { page, server } = env();
  const { user, conversation } = await newCustomer(server, "小林 由美", "今日の予約、少し遅れます");
  await openInbox(page, server);
  await openConversation(page, conversation.id);
  const input = page.locator('[data-testid="composer-input"]');

  const wrong = `承知しました。明日お待ちしております（送り先まちがい）[e2e-${Date.now()}]`;
  await input.fill(wrong);
  await input.press("Enter");
  const bubble = outgoing(page, wrong);
  await bubble.waitFor();
  const cancel = bubble.locator('[data-testid="cancel-send"]');
  assert.equal(await bubble.getAttribute("data-status"), "pending", "the message waits out the undo window");
  assert.equal(await bubble.locator('[data-testid="message-state"]').textContent(), "待機中");
  await screenshot(page, "05-undo-pending");
  await cancel.click();

  await waitStatus(bubble, "cancelled", "the message to be cancelled");
  assert.equal(await bubble.locator('[data-testid="message-state"]').textContent(), "取り消し済み・送信されていません");
  assert.equal(await cancel.count(), 0, "no 取り消す on a cancelled message");
  assert.equal(await bubble.locator('[data-testid="retry-send"]').count(), 0, "no 再送 on a cancelled message");
  await screenshot(page, "05-undo-cancelled");

  // Proof that it never leaves: a second message, sent after it, goes out and arrives;
  // the cancelled one (due earlier) is still not at the customer. The reply token the
  // cancelled message held was given back, so the second one is still a free reply.
  const right = `小林様、承知しました。お気をつけてお越しください。[e2e-${Date.now()}]`;
  await input.fill(right);
  await input.press("Enter");
  const second = outgoing(page, right);
  await second.waitFor();
  await waitStatus(second, "sent", "the second message to be sent");
  const got = await waitFor(async () => {
    const r = await receivedTexts(server, user.userId, right);
    return r.length > 0 && r;
  }, { what: "the customer to receive the second message" });
  assert.equal(got[0].via, "reply", "the freed reply token is used by the next message");
  assert.deepEqual(await receivedTexts(server, user.userId, wrong), [], "the cancelled message never reached LINE");

  // And it stays cancelled: the API agrees, and so does a fresh page.
  const thread = await server.rpc({ method: "getThread", params: { conversationId: conversation.id, before: null, limit: 50 } });
  assert.equal(thread.messages.find((m) => m.text === wrong)?.status, "cancelled");
  await page.reload();
  await openConversation(page, conversation.id);
  await waitStatus(outgoing(page, wrong), "cancelled", "the cancelled state after a reload");
  assert.equal(await bubble.getAttribute("data-status"), "cancelled");
  await screenshot(page, "05-undo-final");
});
