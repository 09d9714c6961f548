// A send whose answer was lost (issue 26, bad input and faults): the connection breaks
// while the composer sends. The composer keeps the text, says 「送信できたか確認しています…」,
// asks the hub by the send's key once it answers again, and says which: 送信されていました
// (draft cleared, one message at LINE) or 送信されていません (draft kept; the resend uses
// the same key, so LINE still gets it once). The break is made in the browser
// (page.route): the hub commits the request and the answer never arrives, or the request
// never arrives; a real SIGKILL of the hub is the server test send_key_crash.rs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newCustomer, openConversation, openInbox, outgoing, receivedTexts, screenshot, useEnv, waitFor, waitStatus } from "../lib/harness.js";

const env = useEnv("77-send-check", { undoSeconds: 0 });

/** What the composer is saying about the lost answer, and in which phase. */
async function checkShown(page) {
  const el = page.locator('[data-testid="send-check"]');
  if ((await el.count()) === 0) return null;
  return { phase: await el.getAttribute("data-phase"), text: (await el.textContent()) ?? "" };
}

test("the hub got it but the answer was lost: checked by its key once the hub answers, 送信されていました, sent once", async () => {
  const { page, server } = env();
  await page.setViewportSize({ width: 1280, height: 800 });
  const { user, conversation } = await newCustomer(server, "確認 一郎", "来週の火曜は空いていますか");
  await openInbox(page, server);
  await openConversation(page, conversation.id);

  // The send reaches the hub and its answer is cut; then the hub stays out of reach for
  // the composer's questions until `away` is cleared.
  let away = true;
  const keys = [];
  await page.route("**/api/rpc", async (route) => {
    const req = JSON.parse(route.request().postData() ?? "{}");
    if (req.method === "sendMessage") {
      keys.push(req.params.clientKey);
      if (keys.length === 1) {
        await route.fetch();
        return route.abort("connectionreset");
      }
    }
    if (req.method === "getSendByKey" && away) return route.abort("connectionrefused");
    return route.continue();
  });

  const text = `火曜の14時でお取りできます ${Date.now()}`;
  const input = page.locator('[data-testid="composer-input"]');
  await input.fill(text);
  await input.press("Enter");
  await waitFor(async () => (await checkShown(page))?.phase === "checking", { what: "the composer checking the lost send" });
  assert.match((await checkShown(page)).text, /送信できたか確認しています…/);
  assert.equal(await input.inputValue(), text, "the text stays while it is not known");
  assert.equal(await page.locator('[data-testid="send"]').isDisabled(), true, "no send while checking: never twice");
  assert.match(keys[0] ?? "", /^[0-9a-f-]{36}$/, "the send carried a fresh key");
  await screenshot(page, "77-send-check-checking");

  away = false;
  await waitFor(async () => (await checkShown(page))?.phase === "sent", { what: "the check's answer: sent" });
  assert.match((await checkShown(page)).text, /送信されていました/);
  await waitFor(async () => (await input.inputValue()) === "", { what: "the draft cleared" });
  const bubble = outgoing(page, text);
  await waitStatus(bubble, "sent", "the message sent");
  assert.equal(await bubble.count(), 1, "one message in the thread");
  assert.equal((await receivedTexts(server, user.userId, text)).length, 1, "LINE got it once");
  assert.equal(keys.length, 1, "nothing was resent");
  await screenshot(page, "77-send-check-sent");
  await page.unroute("**/api/rpc");
});

test("the request never reached the hub: 送信されていません, the draft kept, the resend with the same key sends it once", async () => {
  const { page, server } = env();
  const { user, conversation } = await newCustomer(server, "確認 二郎", "駐車場はありますか");
  await openInbox(page, server);
  await openConversation(page, conversation.id);

  const keys = [];
  await page.route("**/api/rpc", async (route) => {
    const req = JSON.parse(route.request().postData() ?? "{}");
    if (req.method === "sendMessage") {
      keys.push(req.params.clientKey);
      if (keys.length === 1) return route.abort("connectionreset");
    }
    return route.continue();
  });

  const text = `はい、2台分ございます ${Date.now()}`;
  const input = page.locator('[data-testid="composer-input"]');
  await input.fill(text);
  await page.locator('[data-testid="send"]').click();
  await waitFor(async () => (await checkShown(page))?.phase === "notSent", { what: "the check's answer: not sent" });
  assert.match((await checkShown(page)).text, /送信されていません。もう一度送れます/);
  assert.equal(await input.inputValue(), text, "the draft is kept");
  assert.equal((await receivedTexts(server, user.userId, text)).length, 0, "LINE got nothing");
  await screenshot(page, "77-send-check-not-sent");

  // Sent again: the same key (a repeat of this message), and it goes out once.
  await page.locator('[data-testid="send"]').click();
  const bubble = outgoing(page, text);
  await bubble.waitFor();
  await waitStatus(bubble, "sent", "the resent message sent");
  assert.equal(keys.length, 2);
  assert.equal(keys[1], keys[0], "the resend reused the key");
  assert.equal(await input.inputValue(), "");
  assert.equal(await checkShown(page), null, "the notice is gone once sent");
  assert.equal((await receivedTexts(server, user.userId, text)).length, 1, "LINE got it once");
  await page.unroute("**/api/rpc");
});
