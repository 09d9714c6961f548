// The header's quota meter: used / limit of this month's pushes from LINE's quota API,
// and it follows a push that leaves — without a reload (core events), while a free
// reply would not count.
import assert from "node:assert/strict";
import { test } from "node:test";
import { openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("54-quota-meter", { undoSeconds: 0 });

test("the quota meter shows used / limit and moves after a push is sent", async () => {
  const { page, server } = env();
  await openInbox(page, server);
  const meter = page.locator('[data-testid="quota-meter"]');
  await meter.waitFor();
  const limit = Number(await meter.getAttribute("data-limit"));
  assert.ok(limit > 0, "the simulator's plan has a limit");
  const before = Number(await meter.getAttribute("data-used"));
  assert.ok((await meter.textContent()).includes(`/ ${limit.toLocaleString("ja-JP")}`), await meter.textContent());

  // A chat whose reply token is gone: the next message is a push and counts.
  const page1 = await server.rpc({ method: "listConversations", params: { accountId: null, filter: "all", before: null, limit: 100 } });
  let target = null;
  for (const c of page1.items) {
    const route = await server.rpc({ method: "previewRoute", params: { conversationId: c.id } });
    if (route.route === "push") {
      target = c;
      break;
    }
  }
  assert.ok(target, "a seeded chat without a live reply token");
  await server.rpc({
    method: "sendMessage",
    params: { conversationId: target.id, content: { type: "text", text: `ご来店ありがとうございました [e2e-${Date.now()}]` } },
  });
  await waitFor(async () => Number(await meter.getAttribute("data-used")) > before, { what: "the meter to count the push" });
  await screenshot(page, "54-quota-meter");
});
