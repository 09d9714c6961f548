// Tags: tag a friend from the thread's friend panel, filter the inbox by that tag, see
// only the matching chats; then "none of" the tag shows the others.
import assert from "node:assert/strict";
import { test } from "node:test";
import { listRows, newCustomer, openConversation, openInbox, row, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("20-tags");

test("tag a friend from the thread, filter the inbox by that tag", async () => {
  const { page, server } = env();
  const tagName = `常連<b>&"${Date.now() % 10000}"`;
  const { conversation } = await newCustomer(server, "タグ付け 太郎", "来週カットをお願いしたいです");
  await openInbox(page, server, { minRows: 24 });
  await openConversation(page, conversation.id);

  // The friend panel beside the thread: create the tag there and put it on the friend.
  const panel = page.locator('[data-testid="friend-panel"]');
  await panel.locator('[data-testid="friend-line-name"]').waitFor();
  await panel.locator('[data-testid="tag-new-name"]').fill(tagName);
  await panel.locator('[data-testid="tag-create"]').click();
  const chip = panel.locator(`[data-testid="tag-chip"][data-tag-name="${tagName.replace(/"/g, '\\"')}"]`);
  await chip.waitFor();
  assert.equal(await chip.evaluate((el) => el.firstChild.textContent), tagName, "the tag name is shown as text, not markup");

  // The core agrees: exactly this friend carries the tag.
  const tags = (await server.rpc({ method: "listTags", params: { accountId: conversation.accountId } })).filter((t) => t.name === tagName);
  assert.equal(tags.length, 1);
  assert.equal(tags[0].friendCount, 1);

  // Filter the list: "has all of" the tag.
  await page.locator('[data-testid="tag-filter-toggle"]').click();
  const option = (part) => page.locator(`[data-testid="tag-filter-option"][data-part="${part}"][data-tag-name="${tagName.replace(/"/g, '\\"')}"]`);
  await option("all").click();
  await waitFor(
    async () => {
      const rows = await listRows(page);
      return rows.length === 1 && rows[0].id === conversation.id;
    },
    { what: "only the tagged chat in the list" },
  );
  await row(page, conversation.id).locator('[data-testid="tag-chip"]').first().waitFor();
  await screenshot(page, "20-tags-filtered");

  // "None of" the tag: every other chat, not this one.
  await option("none").click();
  await waitFor(
    async () => {
      const rows = await listRows(page);
      return rows.length >= 20 && !rows.some((r) => r.id === conversation.id);
    },
    { what: "the other chats without the tagged one" },
  );
  const api = await server.rpc({
    method: "listConversations",
    params: { accountId: null, filter: "all", before: null, limit: 500, tags: { all: [], any: [], none: [tags[0].id] } },
  });
  assert.ok(!api.items.some((c) => c.id === conversation.id));

  // Taking the tag off in the panel takes it off the friend.
  await page.locator('[data-testid="friend-panel"] [data-testid="tag-remove"]').click();
  await waitFor(
    async () => (await server.rpc({ method: "listTags", params: { accountId: conversation.accountId } })).find((t) => t.name === tagName)?.friendCount === 0,
    { what: "the tag to be off the friend" },
  );
});

test("the Customers view lists friends by name and tag and edits them", async () => {
  const { page, server } = env();
  const { conversation } = await newCustomer(server, "顧客画面 花子", "はじめまして");
  const tag = await server.rpc({ method: "saveTag", params: { accountId: conversation.accountId, id: null, name: "顧客画面テスト", color: "#1e88e5" } });
  await server.rpc({ method: "tagFriends", params: { tagId: tag.id, friendIds: [conversation.friend.id], add: true } });

  await page.locator(".app-nav").getByText("顧客", { exact: true }).click();
  await page.locator('[data-testid="customers-view"]').waitFor();
  await page.locator('[data-testid="friend-search"]').fill("顧客画面");
  const friendRow = page.locator(`[data-testid="friend-row"][data-friend-id="${conversation.friend.id}"]`);
  await friendRow.waitFor();
  await friendRow.locator('[data-testid="tag-chip"][data-tag-name="顧客画面テスト"]').waitFor();
  await waitFor(async () => (await page.locator('[data-testid="friend-row"]').count()) === 1, { what: "only the searched friend" });

  // The tag filter alone also finds exactly this friend.
  await page.locator('[data-testid="friend-search"]').fill("");
  await page.locator('[data-testid="friend-tag-filter"][data-tag-name="顧客画面テスト"]').click();
  await waitFor(
    async () => {
      const ids = await page.locator('[data-testid="friend-row"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-friend-id"))));
      return ids.length === 1 && ids[0] === conversation.friend.id;
    },
    { what: "the tag filter to leave only the tagged friend" },
  );
  await page.locator('[data-testid="reply-report"]').waitFor();
  await screenshot(page, "20-customers-view");
});
