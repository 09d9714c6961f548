// A cancelled send (issue 22, item 2): it looks not sent, the chat's preview goes back
// to the message before it, search does not find it, and its text is back in the box.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newCustomer, openConversation, openInbox, outgoing, row, screenshot, useEnv, waitFor, waitStatus } from "../lib/harness.js";

const env = useEnv("66-cancel-send", { undoSeconds: 30 });

test("取り消す: not sent in looks, not the preview, not a search hit, text back in the composer", async () => {
  const { page, server } = env();
  await page.setViewportSize({ width: 1280, height: 800 });
  const first = "明日の15時に予約できますか";
  const { conversation } = await newCustomer(server, "取消 確認", first);
  await openInbox(page, server);
  await openConversation(page, conversation.id);
  const input = page.locator('[data-testid="composer-input"]');

  const wrong = `キャンセル待ちの件は別のお客様宛てでした ${Date.now()}`;
  await input.fill(wrong);
  await input.press("Enter");
  const bubble = outgoing(page, wrong);
  await bubble.waitFor();
  const preview = row(page, conversation.id).locator('[data-testid="conversation-preview"]');
  await waitFor(async () => ((await preview.textContent()) ?? "").includes(wrong), { what: "the pending send as the preview" });
  const sentGreen = await bubble.locator(".bubble").evaluate((el) => getComputedStyle(el).backgroundColor);

  await bubble.locator('[data-testid="cancel-send"]').click();
  await waitStatus(bubble, "cancelled", "the send to be cancelled");

  // Looks not sent: not the green of a sent bubble, and it says so.
  const look = await bubble.locator(".bubble").evaluate((el) => {
    const s = getComputedStyle(el);
    return { bg: s.backgroundColor, border: s.borderStyle, line: getComputedStyle(el.querySelector(".text")).textDecorationLine };
  });
  assert.notEqual(look.bg, sentGreen, "a cancelled bubble is not the outgoing green");
  assert.equal(look.border, "dashed");
  assert.equal(look.line, "line-through");
  assert.match(await bubble.locator('[data-testid="message-state"]').textContent(), /送信されていません/);

  // The text is back in the composer, with focus, ready to fix.
  await waitFor(async () => (await input.inputValue()) === wrong, { what: "the cancelled text back in the composer" });
  assert.equal(await input.evaluate((el) => el === document.activeElement), true, "focus in the composer");

  // The list shows the customer's message again.
  await waitFor(async () => ((await preview.textContent()) ?? "").includes(first), { what: "the customer's message as the preview" });
  assert.doesNotMatch((await preview.textContent()) ?? "", /キャンセル待ちの件/);
  await screenshot(page, "66-cancel-send");

  // Search as あなた: nothing.
  await page.locator('nav a[href="#/search"]').click();
  const box = page.locator('[data-testid="search-input"]');
  await box.fill("別のお客様宛て");
  await box.press("Enter");
  await page.locator('[data-testid="search-none"]').waitFor();
  assert.equal(await page.locator('[data-testid="search-hit"]').count(), 0, "a cancelled send is not a search hit");
});
