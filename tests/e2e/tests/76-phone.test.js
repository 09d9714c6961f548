// Phones (issue 26 item 6): the hub's web UI on a 375×812 touch screen. A member signs in
// by password and, after ログアウト, by a pairing code, through the real sign-in screen;
// the list and the chat are separate screens (「一覧」 goes back); the composer sends once
// and an Enter that confirms an IME conversion does not; 対応済み and back 要対応 from the
// chat's bar; the friend's details open as a full-screen sheet that Escape closes; the
// calendar opens on the day view and switches to the list. On every screen nothing is
// wider than the phone and the controls a thumb needs are at least 44 px tall.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchBrowser, newCustomer, outgoing, PHONE_VIEWPORT, receivedTexts, REPO, row, screenshot, startServer, waitFor, waitStatus } from "../lib/harness.js";

const OWNER = { name: "店長", role: "owner", password: "tencho-pass-2026" };
const STAFF = { name: "佐藤", role: "staff", password: "sato-pass-2026" };
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SHOTS = join(REPO, "tests", "e2e", "screenshots");
const TOUCH_MIN = 44;

let server;
let phone;
let chat;
before(async () => {
  server = await startServer("76-phone", { members: [OWNER, STAFF] });
  phone = await launchBrowser("76-phone", { phone: true });
  chat = await newCustomer(server, "小川 みなみ", "明日の午後は空いていますか？");
});
after(async () => {
  await phone?.close().catch(() => {});
  await server?.stop();
});

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  await screenshot(page, name);
}

/** Nothing on the page reaches past the phone's right edge (no sideways scrolling). */
async function assertFits(page, where) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  assert.equal(inner, PHONE_VIEWPORT.width, "the page is laid out at the phone's width");
  assert.ok(scroll <= PHONE_VIEWPORT.width, `${where}: the page is ${scroll} px wide on a ${PHONE_VIEWPORT.width} px phone`);
}

/** Each element is on screen, inside the phone's width, and at least 44 px tall. */
async function assertTouchable(locator, what) {
  const n = await locator.count();
  assert.ok(n > 0, `${what}: none found`);
  for (let i = 0; i < n; i++) {
    const el = locator.nth(i);
    assert.ok(await el.isVisible(), `${what} #${i} is visible`);
    const box = await el.boundingBox();
    const label = ((await el.textContent()) ?? "").trim();
    assert.ok(box.height >= TOUCH_MIN, `${what} 「${label}」 is ${box.height} px tall (at least ${TOUCH_MIN})`);
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE_VIEWPORT.width + 0.5, `${what} 「${label}」 spans ${box.x}–${box.x + box.width} px`);
    assert.ok(box.y >= 0 && box.y + box.height <= PHONE_VIEWPORT.height + 0.5, `${what} 「${label}」 is below the screen (${box.y} px)`);
  }
}

/** Critical and serious axe violations of the page as it is. */
async function axe(page) {
  // Through the DevTools protocol: the app's CSP (script-src 'self') does not apply.
  await page.evaluate(`${AXE}\n;void 0`);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "critical" || v.impact === "serious");
}

const activeTestId = (page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null);
const rows = (page) => page.locator('[data-testid="conversation-row"]');

async function waitForList(page) {
  await waitFor(async () => (await rows(page).count()) > 0, { what: "the chat list" });
}

/** Dispatches composition / Enter keydown events on the composer, as a phone's IME does. */
function dispatchIme(page, events) {
  return page.locator('[data-testid="composer-input"]').evaluate((el, events) => {
    const sent = [];
    for (const e of events) {
      const ev = e.type.startsWith("composition")
        ? new CompositionEvent(e.type, { bubbles: true, cancelable: true, data: e.data ?? "" })
        : new KeyboardEvent(e.type, { bubbles: true, cancelable: true, key: "Enter", code: "Enter", isComposing: e.isComposing, keyCode: e.keyCode, which: e.keyCode });
      sent.push(!el.dispatchEvent(ev));
    }
    return sent;
  }, events);
}

test("on the phone a member signs in with a password, signs out, and joins with a pairing code", async () => {
  const { page, pageErrors } = phone;
  await page.goto(`${server.base}/`);
  await page.locator('[data-testid="signin"]').waitFor();
  await assertFits(page, "the sign-in screen");
  await assertTouchable(page.locator('[data-testid="signin-submit"]'), "ログイン");
  await page.locator('[data-testid="signin-name"]').fill(STAFF.name);
  await page.locator('[data-testid="signin-password"]').fill(STAFF.password);
  await page.locator('[data-testid="signin-submit"]').tap();
  await waitForList(page);
  await assertFits(page, "the list of a signed-in member");
  await assertTouchable(page.locator('[data-testid="sign-out"]'), "ログアウト");
  await page.locator('[data-testid="sign-out"]').tap();
  await page.locator('[data-testid="signin"]').waitFor();

  // The owner makes a code for 佐藤 (as on the メンバー page); the phone types it.
  const members = await server.rpc({ method: "listMembers" });
  const staff = members.find((m) => m.name === STAFF.name);
  const pairing = await server.rpc({ method: "createPairingCode", params: { memberId: staff.id } });
  await page.locator('[data-testid="signin-use-code"]').tap();
  await page.locator('[data-testid="signin-code"]').fill(pairing.code);
  await page.locator('[data-testid="signin-device"]').fill("佐藤のスマホ");
  await assertFits(page, "the pairing-code form");
  await assertTouchable(page.locator('[data-testid="signin-join"]'), "参加する");
  await page.locator('[data-testid="signin-join"]').tap();
  await waitForList(page);
  assert.ok(await page.evaluate(() => localStorage.getItem("madoguchi.deviceToken")), "the paired phone keeps its device token");
  assert.deepEqual(pageErrors, []);
});

test("the list fills the phone: its own screen, tabs and rows a thumb can hit", async () => {
  const { page } = phone;
  await row(page, chat.conversation.id).waitFor();
  await assertFits(page, "the list");
  assert.equal(await page.locator('[data-testid="thread"]').count(), 0, "no chat beside the list");
  assert.equal(await page.locator('[data-testid="friend-panel"]').count(), 0, "no friend panel beside the list");
  const list = await page.locator('[data-testid="conversation-list"]').boundingBox();
  assert.equal(Math.round(list.width), PHONE_VIEWPORT.width, "the list takes the whole width");
  await assertTouchable(page.locator(".app-nav a"), "a main tab");
  const tabs = await page.locator(".app-nav").evaluate((el) => [el.scrollWidth, el.clientWidth]);
  assert.ok(tabs[0] <= tabs[1], `every Japanese tab is on screen without scrolling the row (${tabs[0]} > ${tabs[1]})`);
  await assertTouchable(row(page, chat.conversation.id), "the chat's row");
  await assertTouchable(page.locator('[data-testid="filter-needsAction"]'), "the 要対応 filter");
  await shot(page, "26-phone-list");
});

test("a tapped chat opens as its own screen with 「一覧」, the status action and the composer at the bottom", async () => {
  const { page } = phone;
  await row(page, chat.conversation.id).tap();
  const thread = page.locator(`[data-testid="thread"][data-conversation-id="${chat.conversation.id}"]`);
  await thread.waitFor();
  await waitFor(async () => (await page.locator('[data-testid="thread-name"]').textContent()) === "小川 みなみ", { what: "the chat's name" });
  assert.equal(await page.locator('[data-testid="conversation-list"]').isVisible(), false, "the list is out of the way");
  // Focus moves into the new screen (not into the composer: that would raise the keyboard).
  assert.equal(await activeTestId(page), "phone-back", "focus is on 「一覧」");
  assert.equal(await page.locator('[data-testid="phone-back"]').textContent(), "‹ 一覧");
  const status = page.locator('[data-testid="phone-status"]');
  await status.waitFor();
  await assertTouchable(page.locator('[data-testid="phone-back"], [data-testid="phone-status"], [data-testid="phone-friend"]'), "the chat bar's button");
  await assertTouchable(page.locator('[data-testid="composer-input"], [data-testid="send"]'), "the composer");
  const composer = await page.locator(".composer").boundingBox();
  assert.ok(Math.abs(composer.y + composer.height - PHONE_VIEWPORT.height) <= 1, `the composer sits at the bottom (ends at ${composer.y + composer.height})`);
  await assertFits(page, "the chat");

  // 対応済み, then back to 要対応, from the chat's bar; the thread's header follows.
  assert.equal(await status.getAttribute("data-status"), "needsAction");
  assert.equal(await status.textContent(), "対応済みにする");
  await status.tap();
  await waitFor(async () => (await status.getAttribute("data-status")) === "resolved", { what: "the chat to be 対応済み" });
  assert.equal(await status.textContent(), "要対応にする");
  await waitFor(async () => (await page.locator(".thread-header .tag").allTextContents()).includes("対応済み"), { what: "the header's 対応済み" });
  assert.equal((await server.rpc({ method: "getThread", params: { conversationId: chat.conversation.id, before: null, limit: 1 } })).conversation.status, "resolved");
  await status.tap();
  await waitFor(async () => (await status.getAttribute("data-status")) === "needsAction", { what: "the chat to be 要対応 again" });
  await waitFor(async () => (await page.locator(".thread-header .tag").allTextContents()).includes("要対応"), { what: "the header's 要対応" });
  assert.equal((await server.rpc({ method: "getThread", params: { conversationId: chat.conversation.id, before: null, limit: 1 } })).conversation.status, "needsAction");
});

test("the composer: Enter that confirms an IME conversion does not send; 送信 sends once", async () => {
  const { page } = phone;
  const input = page.locator('[data-testid="composer-input"]');
  await input.tap();
  await dispatchIme(page, [{ type: "compositionstart" }]);
  await page.keyboard.insertText("明日の午後");
  let sent = await dispatchIme(page, [
    { type: "keydown", isComposing: true, keyCode: 229 },
    { type: "keydown", isComposing: true, keyCode: 13 },
    { type: "compositionend", data: "明日の午後" },
    { type: "keydown", isComposing: false, keyCode: 13 },
  ]);
  assert.deepEqual(sent, [false, false, false, false], "no Enter of the conversion was taken as send");
  await page.keyboard.insertText("は空いております。");
  const text = "明日の午後は空いております。";
  assert.equal(await input.inputValue(), text, "the text stays in the composer");
  assert.equal(await page.locator('[data-testid="message"][data-direction="out"]').count(), 0, "nothing was sent");

  await page.locator('[data-testid="send"]').tap();
  await waitStatus(outgoing(page, text), "sent", "the reply to be sent");
  assert.equal(await input.inputValue(), "", "the composer is empty after sending");
  assert.equal((await receivedTexts(server, chat.user.userId, text)).length, 1, "the customer received it once");
  // A reply answers the chat: the bar follows the change made by the send.
  await waitFor(async () => (await page.locator('[data-testid="phone-status"]').getAttribute("data-status")) === "resolved", { what: "the replied chat to be 対応済み" });
  await assertFits(page, "the chat after a reply");
  await shot(page, "26-phone-thread");
  assert.deepEqual(await axe(page), [], "axe on the phone's chat screen");
});

test("顧客情報 opens a full-screen sheet that takes focus; Escape and 閉じる close it", async () => {
  const { page } = phone;
  const opener = page.locator('[data-testid="phone-friend"]');
  await opener.tap();
  const sheet = page.locator('[data-testid="friend-sheet"]');
  await sheet.waitFor();
  assert.equal(await sheet.getAttribute("role"), "dialog");
  assert.equal(await sheet.getAttribute("aria-modal"), "true");
  await sheet.locator('[data-testid="friend-panel"][data-friend-id]').waitFor();
  assert.equal(await sheet.locator('[data-testid="friend-line-name"]').textContent(), "小川 みなみ");
  assert.equal(await activeTestId(page), "friend-sheet-close", "focus moves into the sheet");
  const box = await sheet.boundingBox();
  assert.deepEqual([box.x, box.y, box.width, box.height].map(Math.round), [0, 0, PHONE_VIEWPORT.width, PHONE_VIEWPORT.height], "the sheet covers the screen");
  await assertTouchable(sheet.locator('[data-testid="friend-sheet-close"], [data-testid="mark-needs-action"]'), "the sheet's button");
  await assertFits(page, "the friend sheet");
  assert.deepEqual(await axe(page), [], "axe on the friend sheet");
  await shot(page, "26-phone-friend");

  await page.keyboard.press("Escape");
  await sheet.waitFor({ state: "detached" });
  assert.equal(await activeTestId(page), "phone-friend", "focus is back on 顧客情報");
  assert.equal(await opener.getAttribute("aria-expanded"), "false");

  await opener.tap();
  await sheet.waitFor();
  await page.locator('[data-testid="friend-sheet-close"]').tap();
  await sheet.waitFor({ state: "detached" });
});

test("「一覧」 goes back to the list, focus on the chat just left", async () => {
  const { page } = phone;
  await page.locator('[data-testid="phone-back"]').tap();
  await page.locator('[data-testid="conversation-list"]').waitFor({ state: "visible" });
  assert.equal(await page.locator('[data-testid="thread"]').count(), 0, "the chat is closed");
  await waitFor(async () => (await page.evaluate(() => document.activeElement?.getAttribute("data-conversation-id"))) === String(chat.conversation.id), {
    what: "focus on the row of the chat just left",
  });
  await assertFits(page, "the list again");
});

test("the calendar opens on the day view and switches to the list, its buttons thumb-sized", async () => {
  const { page, pageErrors } = phone;
  await page.locator('.app-nav a[href="#/calendar"]').tap();
  const calendar = page.locator(".rsv-calendar .fc");
  await calendar.waitFor();
  await page.locator(".fc-timeGridDay-view").waitFor();
  assert.equal(await page.locator(".fc-timeGridDay-button").getAttribute("aria-pressed"), "true", "the day view is the phone's first view");
  // The phone's toolbar: no week or month grid to squeeze into 375 px.
  assert.equal(await page.locator(".fc-timeGridWeek-button, .fc-dayGridMonth-button").count(), 0);
  await assertTouchable(page.locator(".fc-header-toolbar .fc-button"), "a calendar button");
  await assertTouchable(page.locator(".rsv-toolbar button"), "a reservations button");
  await assertFits(page, "the day view");
  await shot(page, "26-phone-calendar");

  await page.locator(".fc-listWeek-button").tap();
  await page.locator(".fc-list").waitFor();
  assert.equal(await page.locator(".fc-listWeek-button").getAttribute("aria-pressed"), "true");
  await assertFits(page, "the list view");
  await shot(page, "26-phone-calendar-list");
  assert.deepEqual(pageErrors, []);
});

test("the other screens fit the phone too, their columns stacked", async () => {
  const { page, pageErrors } = phone;
  const screens = {
    customers: '[data-testid="customers-view"]',
    broadcast: "main",
    search: "main",
    templates: '[data-testid="templates-view"]',
    settings: '[data-testid="settings-view"]',
  };
  for (const [view, ready] of Object.entries(screens)) {
    await page.locator(`.app-nav a[href="#/${view}"]`).tap();
    await page.locator(`.app-nav a[aria-current="page"][href="#/${view}"]`).waitFor();
    await page.locator(ready).first().waitFor();
    await assertFits(page, `the ${view} screen`);
  }
  await assertTouchable(page.locator('[data-testid^="settings-nav-"]'), "a settings section");
  assert.deepEqual(pageErrors, []);
});

test("widened to a desktop, the same page is the three-column inbox again", async () => {
  const { page } = phone;
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.locator('.app-nav a[href="#/inbox"]').click();
  await row(page, chat.conversation.id).click();
  await page.locator(`[data-testid="thread"][data-conversation-id="${chat.conversation.id}"]`).waitFor();
  await page.locator('[data-testid="friend-panel"]').waitFor();
  assert.equal(await page.locator('[data-testid="phone-thread-bar"]').count(), 0, "no phone bar on a desktop");
  assert.ok(await page.locator('[data-testid="conversation-list"]').isVisible(), "the list stays beside the chat");
  await page.setViewportSize(PHONE_VIEWPORT);
  await page.locator('[data-testid="phone-thread-bar"]').waitFor();
  assert.equal(await page.locator('[data-testid="conversation-list"]').isVisible(), false, "narrowed again: one pane");
});
