// Reservations from a chat and the set-up panel: a menu added under 予約設定 is offered
// in the create dialog; the route `#/calendar/friend:<id>` (what the chat's 予約を作成
// opens) pre-fills the LINE friend, and the booking lands on that friend.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newCustomer, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("41-calendar-friend");

test("a menu added in 予約設定 can be booked for a LINE friend opened from the chat", async () => {
  const { page, server } = env();
  const [account] = await server.rpc({ method: "listAccounts" });
  const { conversation } = await newCustomer(server, "松本 さやか", "来週カットの予約をしたいです");
  const friendId = conversation.friend.id;
  // The display name arrives with the profile fetch.
  await waitFor(async () => {
    const [f] = await server.rpc({ method: "findReservationFriends", params: { accountId: account.id, query: "", friendId } });
    return f?.displayName === "松本 さやか";
  }, { what: "the friend's profile" });

  await page.goto(server.url);
  await page.evaluate(() => (window.location.hash = "#/calendar"));
  await page.getByRole("tab", { name: "予約設定" }).click();
  const form = page.getByRole("form", { name: "メニュー: 追加" });
  await form.locator('input[name="menuName"]').fill("眉カット <b>e2e</b>");
  await form.locator('input[name="duration"]').fill("30");
  await form.locator('input[name="price"]').fill("2200");
  await form.locator('input[name="resourceKind"]').fill("セット面");
  await form.getByRole("button", { name: "追加" }).click();
  await page.getByRole("status").filter({ hasText: "保存しました" }).waitFor();
  const setup = await server.rpc({ method: "getReservationSetup", params: { accountId: account.id } });
  const brow = setup.menus.find((m) => m.name === "眉カット <b>e2e</b>");
  assert.ok(brow, "the menu is stored, its name as typed");
  assert.equal(brow.durationMinutes, 30);
  await screenshot(page, "41-calendar-setup");

  // What the chat's 予約を作成 does.
  await page.evaluate((id) => (window.location.hash = `#/calendar/${encodeURIComponent(`friend:${id}`)}`), friendId);
  const dialog = page.getByRole("dialog", { name: "予約を作成" });
  await dialog.waitFor();
  await dialog.locator(".rsv-friend-name", { hasText: "松本 さやか" }).waitFor();
  // Rendered as text, not markup.
  await dialog.getByText("眉カット <b>e2e</b>").waitFor();
  await dialog.getByLabel(/^眉カット/).check();
  await dialog.getByRole("button", { name: "作成" }).click();
  await dialog.waitFor({ state: "detached" });

  const mine = await waitFor(async () => {
    const f = await server.rpc({ method: "friendReservations", params: { friendId } });
    return f.upcoming.length === 1 && f;
  }, { what: "the friend's booking" });
  const [r] = mine.upcoming;
  assert.equal(r.friendId, friendId);
  assert.equal(r.customerName, "松本 さやか");
  assert.deepEqual(r.menus.map((m) => m.name), ["眉カット <b>e2e</b>"]);
  assert.equal(r.end - r.start, 30 * 60_000);
  assert.equal(mine.noShowCount, 0);
  assert.equal(await page.evaluate(() => window.location.hash), "#/calendar", "the friend argument is used once");
});
