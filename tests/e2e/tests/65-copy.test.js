// Copy that matches what the screen shows (issue 22, item 11): 応答時間 with hours filled
// in but not saved, the LINE予約 note on 予約設定 itself, and the '/' picker when the shop
// has no canned replies at all.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newCustomer, openConversation, openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("65-copy");

async function go(page, server, hash) {
  await page.goto("about:blank");
  await page.goto(server.url);
  await page.evaluate((h) => (window.location.hash = h), hash);
}

test("応答時間 does not call the hours it shows 未設定", async () => {
  const { page, server } = env();
  // Whatever the demo seeds, answer as for a shop that never saved its hours: the form then
  // shows the Mon–Sat 10:00–19:00 template.
  const unsaved = async (route) => {
    const method = JSON.parse(route.request().postData() ?? "{}").method;
    if (method !== "hoursStatus" && method !== "getBusinessHours") return route.continue();
    const res = await route.fetch();
    const body = await res.json();
    const data = body.data?.value ?? body.data;
    data.configured = false;
    if (method === "hoursStatus") {
      data.open = true;
      data.nextOpening = null;
    }
    await route.fulfill({ response: res, json: body });
  };
  await page.route("**/api/rpc", unsaved);
  await go(page, server, "#/settings/hours");
  const status = page.locator('[data-testid="hours-status"]');
  await status.waitFor();
  assert.equal(await status.getAttribute("data-open"), "unconfigured", "the shop has not saved hours");
  const start = page.locator('[data-testid="hours-day-1"] [data-testid="period-start"]').first();
  assert.equal(await start.inputValue(), "10:00", "the form shows hours");
  const text = await status.textContent();
  assert.doesNotMatch(text, /未設定/, "hours are on screen, so they are not 'unset'");
  assert.match(text, /保存/, "it says what to do: save them");
  await screenshot(page, "65-copy-hours");
  await page.unroute("**/api/rpc", unsaved);
});

test("the LINE予約 note on 予約設定 points to a section of the same page", async () => {
  const { page, server } = env();
  await go(page, server, "#/calendar");
  await page.locator(".rsv-tabs button").nth(1).click();
  const note = page.locator(".rsv-line-muted", { hasText: "承認制" });
  await note.waitFor({ state: "attached" });
  const text = await note.textContent();
  assert.doesNotMatch(text, /予約設定で/, "not 'in 予約設定' while on 予約設定");
  assert.match(text, /このページの「予約の受付」/);
  assert.ok((await page.locator("h3", { hasText: "予約の受付" }).count()) > 0, "the section it names exists on the page");
});

test("the '/' picker with no canned replies says how to make one", async () => {
  const { page, server } = env();
  const [account] = await server.rpc({ method: "listAccounts" });
  const lib = await server.rpc({ method: "listTemplates", params: { accountId: account.id } });
  for (const t of lib.templates) await server.rpc({ method: "deleteTemplate", params: { templateId: t.id } });
  const { conversation } = await newCustomer(server, "定型文 なし", "こんにちは");
  await page.goto("about:blank");
  await openInbox(page, server);
  await openConversation(page, conversation.id);
  await page.locator('[data-testid="composer-input"]').fill("/");
  const none = page.locator('[data-testid="template-picker"]');
  await none.waitFor();
  await waitFor(async () => /まだありません/.test((await none.textContent()) ?? ""), { what: "the picker to say there are none yet" });
  const text = await none.textContent();
  assert.doesNotMatch(text, /一致する定型文がありません/);
  assert.match(text, /＋ 新しい定型文/, "it says where to make one");
  await screenshot(page, "65-copy-picker");
});
