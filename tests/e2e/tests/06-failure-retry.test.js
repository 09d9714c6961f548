// LINE refuses a push: the bubble shows 失敗 with LINE's reason; 再送 sends it again
// and the customer gets it exactly once.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  listRows,
  openConversation,
  openInbox,
  outgoing,
  receivedTexts,
  screenshot,
  setup,
  waitFor,
  waitStatus,
} from "../lib/harness.js";

let env;
before(async () => {
  env = await setup("06-failure-retry");
});
after(async () => {
  await env?.server.simDelete("/sim/faults").catch(() => {});
  await env?.teardown();
});

test("a push LINE refuses shows 失敗 with the reason; 再送 delivers it once", async () => {
  const { page, server } = env;
  await openInbox(page, server, { minRows: 24 });

  // A seeded customer whose last message is old: no reply token, so the next message is a push.
  const preview = page.locator('[data-testid="route-preview"]');
  let target = null;
  for (const r of (await listRows(page)).slice(2)) {
    const p = await server.rpc({ method: "previewRoute", params: { conversationId: r.id } });
    if (p.route === "push") {
      target = r;
      break;
    }
  }
  assert.ok(target, "a seeded conversation without a fresh reply token");
  await openConversation(page, target.id);
  await waitFor(async () => (await preview.getAttribute("data-route")) === "push", { what: "the route preview to say push" });
  assert.equal(await preview.textContent(), "プッシュ・通数を消費");
  const conv = (await server.rpc({ method: "getThread", params: { conversationId: target.id, before: null, limit: 1 } })).conversation;
  const userId = conv.friend.lineUserId;

  // LINE will answer the next push with 400.
  await server.simPost("/sim/faults", { endpoint: "push", status: 400, count: 1 });
  const text = `ご来店ありがとうございました。次回10%オフのクーポンです。[e2e-${Date.now()}]`;
  const input = page.locator('[data-testid="composer-input"]');
  await input.fill(text);
  await input.press("Enter");
  const bubble = outgoing(page, text);
  await bubble.waitFor();
  const route = bubble.locator('[data-testid="message-route"]');
  assert.equal(await route.getAttribute("data-route"), "push", "sent as a push");
  assert.equal(await route.textContent(), "プッシュ");

  await waitStatus(bubble, "failed", "the push to fail");
  assert.equal(await bubble.locator('[data-testid="message-state"]').textContent(), "失敗");
  assert.equal(await bubble.locator('[data-testid="message-error"]').textContent(), "LINE 400: Bad Request", "LINE's reason is shown");
  assert.deepEqual(await server.simGet("/sim/faults"), [], "the fault was used up by our push");
  assert.deepEqual(await receivedTexts(server, userId, text), [], "a refused push is not delivered");
  await screenshot(page, "06-failed");

  await bubble.locator('[data-testid="retry-send"]').click();
  await waitFor(async () => (await bubble.getAttribute("data-status")) !== "failed", { what: "再送 to take the message out of 失敗" });
  try {
    await waitStatus(bubble, "sent", "the retried message to be sent");
  } catch (e) {
    const t = await server.rpc({ method: "getThread", params: { conversationId: target.id, before: null, limit: 5 } });
    const m = t.messages.find((x) => x.text === text);
    throw new Error(`${e.message}; UI shows ${await bubble.getAttribute("data-status")}, API: ${JSON.stringify(m && { status: m.status, error: m.error, route: m.route })}; received: ${JSON.stringify(await receivedTexts(server, userId, text))}`);
  }
  assert.equal(await bubble.locator('[data-testid="message-state"]').textContent(), "送信済み");
  assert.equal(await bubble.locator('[data-testid="message-error"]').count(), 0, "the error is gone");
  assert.equal(await bubble.locator('[data-testid="retry-send"]').count(), 0, "no 再送 once sent");
  assert.equal(await outgoing(page, text).count(), 1, "the retry reuses the bubble");
  await screenshot(page, "06-retried");

  const got = await receivedTexts(server, userId, text);
  assert.equal(got.length, 1, `the customer has it exactly once (got ${got.length})`);
  assert.equal(got[0].via, "push");
});
