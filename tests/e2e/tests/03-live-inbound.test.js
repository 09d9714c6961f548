// Live updates over SSE: a customer writes while the shop has their conversation open;
// the message appears in the thread and the conversation moves to the top, no reload.
import assert from "node:assert/strict";
import { test } from "node:test";
import { incoming, listRows, newCustomer, openConversation, openInbox, row, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("03-live-inbound");

test("a new customer message shows up live and moves its conversation to the top", async () => {
  const { page, server } = env();
  await openInbox(page, server, { minRows: 24 });
  const navigations = [];
  page.on("framenavigated", (f) => f === page.mainFrame() && navigations.push(f.url()));
  // A marker that a reload would wipe out.
  await page.evaluate(() => (window.__e2eNoReload = true));

  // The conversation at the bottom of the first page: far from the top.
  const before = await listRows(page);
  const target = before[before.length - 1];
  assert.ok(before.findIndex((r) => r.id === target.id) > 0, "the target does not start at the top");
  await openConversation(page, target.id);
  // Opening a chat puts it in the URL hash (a same-document navigation); from here on
  // the page must not navigate at all.
  navigations.length = 0;
  const conv = (await server.rpc({ method: "getThread", params: { conversationId: target.id, before: null, limit: 1 } })).conversation;

  const text = `すみません、10分ほど遅れそうです🙏 [e2e-${Date.now()}]`;
  const sentAt = Date.now();
  await server.simPost(`/sim/users/${conv.friend.lineUserId}/text`, { text });

  // In the open thread, without a reload.
  await incoming(page, text).waitFor();
  // To the top of the list: first row, unless the simulator's own customers wrote even
  // later in the meantime (then every row above ours must be newer than our message).
  await waitFor(
    async () => {
      const rows = await listRows(page);
      const i = rows.findIndex((r) => r.id === target.id);
      if (i < 0) return false;
      const mine = rows[i];
      if (mine.lastMessageAt < sentAt - 60_000) return false; // not refreshed yet
      return i === 0 || rows.slice(0, i).every((r) => r.lastMessageAt >= mine.lastMessageAt);
    },
    { what: `conversation ${target.id} to move to the top of the list` },
  );
  await waitFor(async () => (await row(page, target.id).locator('[data-testid="conversation-preview"]').textContent()) === text, {
    what: "the row preview to show the new message",
  });
  assert.equal(await page.evaluate(() => window.__e2eNoReload), true, "the page was not reloaded");
  assert.deepEqual(navigations, [], "no navigation happened");
  // The open thread marks it read: no unread badge on the open row.
  await waitFor(async () => (await row(page, target.id).locator(".badge").count()) === 0, { what: "the open conversation to stay read" });
  await screenshot(page, "03-live-inbound");
});

// A friend first seen through a message (one from before the app was connected) has
// no follow event: the profile fetch must still start right after the commit.
test("a customer who writes without a follow event is shown by name promptly", async () => {
  const { page, server } = env();
  const { conversation } = await newCustomer(server, "岡田 真央", "はじめまして。カットの予約をしたいです", { follow: false });
  await openConversation(page, conversation.id);
  await waitFor(async () => (await page.locator('[data-testid="thread-name"]').textContent()) === "岡田 真央", {
    what: "the customer's name (profile) in the thread header",
    timeout: 10_000,
  });
});

test("a photo the customer sends is downloaded and shown in the thread", async () => {
  const { page, server } = env();
  const { user, conversation } = await newCustomer(server, "写真 送る子", "この髪型にしたいです");
  await openConversation(page, conversation.id);
  await server.simPost(`/sim/users/${user.userId}/image`, {});
  const img = page.locator('[data-testid="message"][data-kind="image"] img').last();
  // The media worker downloads it after the commit; the <img> loads it with the session cookie.
  await waitFor(async () => {
    if ((await img.count()) === 0) return false;
    // The <img> is lazy: it loads once it is on screen.
    await img.scrollIntoViewIfNeeded();
    return img.evaluate((el) => el.complete && el.naturalWidth > 0);
  }, {
    what: "the customer's photo to load in the thread",
  });
  assert.ok((await img.evaluate((el) => el.naturalWidth)) >= 100, "the photo rendered at its real size");
  await screenshot(page, "03-photo");
});
