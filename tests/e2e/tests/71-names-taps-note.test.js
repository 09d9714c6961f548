// Issue 22, items 5, 6 and 12: one name for a customer everywhere (the private name
// first), a button tap said in words, and the note that replies typed in LINE's Official
// Account Manager never reach Madoguchi (in the thread and in the connect wizard).
import assert from "node:assert/strict";
import { test } from "node:test";
import { newCustomer, openConversation, openInbox, row, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("71-names-taps-note");

test("the private name is the name in the list, the thread header and every avatar", async () => {
  const { page, server } = env();
  const { conversation } = await newCustomer(server, "hanako🌸", "はじめまして");
  await server.rpc({ method: "setPrivateName", params: { friendId: conversation.friend.id, privateName: "山田 花子（常連）" } });
  // Without pictures every avatar shows its letter: block images for this test.
  const noImages = (r) => (r.request().resourceType() === "image" ? r.abort() : r.continue());
  await page.route("**/*", noImages);
  await openInbox(page, server);
  await openConversation(page, conversation.id);
  const listName = row(page, conversation.id).locator('[data-testid="conversation-name"]');
  assert.equal((await listName.textContent()).trim(), "山田 花子（常連）");
  assert.equal((await page.locator('[data-testid="thread-name"]').textContent()).trim(), "山田 花子（常連）");
  await page.locator('[data-testid="friend-panel"]').waitFor();
  const avatars = [
    row(page, conversation.id).locator('[data-testid="avatar"]'),
    page.locator('.thread-header [data-testid="avatar"]'),
    page.locator('[data-testid="friend-panel"] [data-testid="avatar"]'),
  ];
  // The picture may arrive (profile fetch) while the test runs: wait until every avatar
  // has settled on its letter, then compare.
  const letters = await waitFor(
    async () => {
      const imgs = await Promise.all(avatars.map((a) => a.locator("img").count()));
      if (imgs.some((n) => n > 0)) return null;
      const texts = await Promise.all(avatars.map((a) => a.textContent()));
      return texts.every((t) => t && t.trim()) ? texts.map((t) => t.trim()) : null;
    },
    { what: "the avatars to fall back to letters" },
  );
  assert.deepEqual(letters, ["山", "山", "山"], "one letter for one customer");
  await page.unroute("**/*", noImages);
});

test("a button tap is shown in words, in the thread and in the list", async () => {
  const { page, server } = env();
  const { user, conversation } = await newCustomer(server, "ボタン 太郎", "電話で相談したいです");
  await server.simPost(`/sim/users/${user.userId}/postback`, { data: "madoguchi=call-request" });
  await server.simPost(`/sim/users/${user.userId}/postback`, { data: "action=reserve&menu=cut" });
  await openInbox(page, server);
  await openConversation(page, conversation.id);
  const taps = page.locator('[data-testid="message"][data-kind="postback"] [data-testid="message-labelled"]');
  await waitFor(async () => (await taps.count()) === 2, { what: "both taps in the thread" });
  assert.equal(await taps.nth(0).textContent(), "〔ボタン操作〕 「電話してほしい」をタップ");
  const unknown = await taps.nth(1).textContent();
  assert.match(unknown, /ラベル不明のボタン/, "says the label is not known rather than showing only the data");
  const preview = await row(page, conversation.id).locator('[data-testid="conversation-preview"]').textContent();
  assert.notEqual(preview.trim(), "action=reserve&menu=cut", "the list does not show the raw data alone");
});

test("the thread and the connect wizard say that replies from LINE's own app do not reach Madoguchi", async () => {
  const { page, server } = env();
  const { conversation } = await newCustomer(server, "履歴 確認", "こんにちは");
  await openInbox(page, server);
  await openConversation(page, conversation.id);
  const note = page.locator('[data-testid="thread-history-note"]');
  await note.waitFor();
  assert.match(await note.textContent(), /LINE公式アカウントのアプリ/);
  await page.evaluate(() => (window.location.hash = "#/settings/account"));
  const wizard = page.locator('[data-testid="oa-manager-note"]');
  await wizard.waitFor();
  assert.match(await wizard.textContent(), /Official Account Manager/);
  assert.match(await wizard.textContent(), /Webhook/);
});
