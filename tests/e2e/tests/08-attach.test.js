// Attaching a photo in the composer (file picker): it reaches the customer as an image
// message; a script-capable SVG with a hostile name is refused with a clear message
// and nothing is sent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newCustomer, openConversation, openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("08-attach");

// A 1×1 PNG.
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000101ff89993d1d0000000049454e44ae426082",
  "hex",
);

test("a photo attached in the composer is sent; a disguised SVG is refused", async () => {
  const { page, server } = env();
  const { user, conversation } = await newCustomer(server, "写真 太郎", "お店の場所の写真ありますか？");
  await openInbox(page, server);
  await openConversation(page, conversation.id);
  const input = page.locator('[data-testid="attach-input"]');

  await input.setInputFiles({ name: "<img src=x onerror=alert(1)>.png", mimeType: "image/png", buffer: Buffer.from("<svg onload=alert(1)></svg>") });
  const banner = page.locator(".error-banner");
  await banner.waitFor();
  assert.match(await banner.textContent(), /JPEG・PNG/);
  await screenshot(page, "08-refused");

  await input.setInputFiles({ name: "店の外観.png", mimeType: "image/png", buffer: PNG });
  const got = await waitFor(async () => {
    const all = await server.simGet(`/sim/received?userId=${encodeURIComponent(user.userId)}`);
    const images = all.filter((r) => r.message?.type === "image");
    return images.length > 0 && images;
  }, { what: "the simulator to receive the photo" });
  assert.equal(got.length, 1, "one image, the refused file sent nothing");
  assert.match(got[0].message.originalContentUrl, /^https:\/\/.+\/media\/[^/]+\.png$/);
  await page.locator('[data-testid="message"][data-direction="out"][data-kind="image"]').first().waitFor();
  await screenshot(page, "08-sent");
});

test("a sticker chosen in the picker reaches the customer", async () => {
  const { page, server } = env();
  const { user, conversation } = await newCustomer(server, "スタンプ 花子", "ありがとうございました！");
  await openInbox(page, server);
  await openConversation(page, conversation.id);
  await page.locator('[data-testid="sticker-open"]').click();
  const choice = page.locator('[data-testid="sticker-choice"]').nth(3);
  const packageId = await choice.getAttribute("data-package-id");
  const stickerId = await choice.getAttribute("data-sticker-id");
  await choice.click();
  const got = await waitFor(async () => {
    const all = await server.simGet(`/sim/received?userId=${encodeURIComponent(user.userId)}`);
    const stickers = all.filter((r) => r.message?.type === "sticker");
    return stickers.length > 0 && stickers;
  }, { what: "the simulator to receive the sticker" });
  assert.equal(got.length, 1);
  assert.equal(got[0].message.packageId, packageId);
  assert.equal(got[0].message.stickerId, stickerId);
});
