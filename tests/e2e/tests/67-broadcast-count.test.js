// A scheduled broadcast says how many people it will go to (issue 22, item 7): the
// followed friends its tags select now, not 「0 / 0 人に送信」.
import assert from "node:assert/strict";
import { test } from "node:test";
import { openInbox, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("67-broadcast-count");

test("a scheduled tag broadcast shows its audience in the list and the detail", async () => {
  const { page, server } = env();
  await openInbox(page, server);
  const [account] = await server.rpc({ method: "listAccounts" });
  const page1 = await server.rpc({ method: "listConversations", params: { accountId: account.id, filter: "all", before: null, limit: 100 } });
  const followed = page1.items.filter((c) => c.friend.followed).slice(0, 3).map((c) => c.friend.id);
  assert.equal(followed.length, 3, "three followed demo friends");
  const tag = await server.rpc({ method: "saveTag", params: { accountId: account.id, id: null, name: `来月案内 ${Date.now() % 10000}`, color: "#e06c75" } });
  await server.rpc({ method: "tagFriends", params: { tagId: tag.id, friendIds: followed, add: true } });
  const b = await server.rpc({
    method: "createBroadcast",
    params: {
      accountId: account.id,
      contents: [{ type: "text", text: "来月の定休日のお知らせです" }],
      audience: { type: "tags", expr: { all: [], any: [tag.id], none: [] } },
      sendAt: Date.now() + 7 * 24 * 3_600_000,
    },
  });
  assert.equal(b.status, "scheduled");

  await page.evaluate((id) => (window.location.hash = `#/broadcast/${id}`), b.id);
  const item = page.locator(`[data-testid="broadcast-item"][data-broadcast-id="${b.id}"]`);
  await item.waitFor();
  await waitFor(async () => /3 人に送信予定/.test((await item.textContent()) ?? ""), { what: "the list to say 3 people" });
  assert.doesNotMatch(await item.textContent(), /0 \/ 0/);
  const progress = page.locator('[data-testid="broadcast-progress-text"]');
  await waitFor(async () => /3 人に送信予定/.test((await progress.textContent().catch(() => "")) ?? ""), {
    what: "the detail to say 3 people",
  });
});
