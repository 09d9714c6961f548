// Layout at 1280×800 (issue 22, item 8, the CSS parts): many staff chips wrap, a long
// custom-field name does not run under its input, the 自動タグ select is not cut, もっと見る
// does not cover a row, the current booking status is readable (WCAG AA), and the plain
// buttons look like the app's buttons.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newCustomer, openConversation, openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("64-layout");

const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A fresh load of the app (a goto that only changes the hash would not reload it). */
/**
 * In the page: an element's width against the width it takes when nothing constrains it
 * (a copy of it, unconstrained, measured and removed).
 */
function naturalWidth(el) {
  const copy = el.cloneNode(true);
  copy.style.cssText = "position:absolute;visibility:hidden;flex:none;width:auto;min-width:0;max-width:none";
  document.body.append(copy);
  const natural = copy.getBoundingClientRect().width;
  copy.remove();
  const text = el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.textContent ?? "") : (el.textContent ?? "");
  return { width: el.getBoundingClientRect().width, natural, text };
}

/** naturalWidth of every element of `locator`, with its right edge. */
async function naturals(page, locator) {
  // Defined through the DevTools protocol, as the axe test does: the CSP forbids eval.
  await page.evaluate(`window.__naturalWidth = ${naturalWidth}`);
  return locator.evaluateAll((els) => els.map((el) => ({ ...window.__naturalWidth(el), right: el.getBoundingClientRect().right })));
}

async function go(page, server, hash) {
  await page.goto("about:blank");
  await page.goto(server.url);
  await page.evaluate((h) => (window.location.hash = h), hash);
}

test("staff chips wrap instead of running off-screen", async () => {
  const { page, server } = env();
  await page.setViewportSize({ width: 1280, height: 800 });
  const [account] = await server.rpc({ method: "listAccounts" });
  const week = Array.from({ length: 7 }, () => [{ start: "10:00", end: "19:00" }]);
  for (let i = 0; i < 11; i++) {
    await server.rpc({
      method: "saveReservationStaff",
      params: { accountId: account.id, staff: { id: 0, name: `スタイリスト${i + 1}号`, color: "#3a7bd5", weekly: week, daysOff: [] } },
    });
  }
  await go(page, server, "#/calendar");
  const chips = page.locator(".rsv-staff-filter button");
  await waitFor(async () => (await chips.count()) >= 14, { what: "the staff chips" });
  await screenshot(page, "64-layout-staff-chips");
  const boxes = await naturals(page, chips);
  for (const b of boxes) {
    assert.ok(b.right <= 1280, `chip ${b.text} ends at ${b.right}, off-screen`);
    assert.ok(b.width >= b.natural - 1, `chip ${b.text} is squeezed to ${b.width}px of ${b.natural}px`);
  }
  const calendar = await page.locator(".rsv-calendar").boundingBox();
  assert.ok(calendar.width > 1000, "the calendar keeps the page's width");
});

test("a long custom-field name stays beside its input; the 自動タグ select shows its whole choice", async () => {
  const { page, server } = env();
  await page.setViewportSize({ width: 1280, height: 800 });
  const [account] = await server.rpc({ method: "listAccounts" });
  const long = "紹介者のお名前_referrer_full_name_first_visit";
  await server.rpc({ method: "saveCustomField", params: { accountId: account.id, id: null, name: long, kind: "text", options: [] } });
  const { conversation } = await newCustomer(server, "レイアウト 確認", "こんにちは");
  await page.goto("about:blank");
  await openInbox(page, server);
  await openConversation(page, conversation.id);
  const row = page.locator(".friend-panel .field-row", { hasText: long });
  await row.waitFor();
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, "64-layout-field-name");
  // The text's own extent (a Range), not its grid cell's: overflowing text leaves its cell.
  const name = await row.locator("span").first().evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const r = range.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  const input = await row.locator("input").boundingBox();
  assert.ok(!overlap(name, input), `the name (${JSON.stringify(name)}) overlaps its input (${JSON.stringify(input)})`);
  const panel = await page.locator(".friend-panel").boundingBox();
  assert.ok(input.x + input.width <= panel.x + panel.width + 1, "the input stays inside the panel");

  await page.evaluate(() => (window.location.hash = "#/customers"));
  const trigger = page.locator('select:has(option[value="reservationCancelled"])');
  await trigger.waitFor();
  await trigger.selectOption("keyword");
  await screenshot(page, "64-layout-auto-tag");
  const selects = await naturals(page, trigger.locator("xpath=..").locator("select"));
  for (const { width, natural, text } of selects) {
    assert.ok(width >= natural - 1, `the 自動タグ select showing 「${text}」 is ${width}px wide, it needs ${natural}px`);
  }
});

test("もっと見る does not cover a row; the current status and the plain buttons are styled", async () => {
  const { page, server } = env();
  await page.setViewportSize({ width: 1280, height: 800 });
  // More chats than two pages (30 each), so the list stops with もっと見る after the second.
  await Promise.all(
    Array.from({ length: 45 }, async (_, i) => {
      const user = await server.simPost("/sim/users", { displayName: `追加 ${i + 1}` });
      await server.simPost(`/sim/users/${user.userId}/follow`, {});
      await server.simPost(`/sim/users/${user.userId}/text`, { text: `こんにちは ${i + 1}` });
    }),
  );
  // And quiet: each new friend's profile fetched. A profile arriving updates its chat, and
  // the open list takes in every updated chat, loaded page or not — while it pages, that
  // fills it to the end and leaves no もっと見る to check.
  await waitFor(async () => {
    let n = 0;
    let named = 0;
    let before = null;
    do {
      const page = await server.rpc({ method: "listConversations", params: { accountId: null, filter: "all", before, limit: 100 } });
      n += page.items.length;
      named += page.items.filter((c) => c.friend.displayName?.startsWith("追加 ")).length;
      before = page.nextCursor;
    } while (before);
    return n >= 69 && named === 45;
  }, { what: "69 chats in the store, the 45 new ones named" });
  await page.goto("about:blank");
  await openInbox(page, server, { minRows: 5 });
  const more = page.locator('[data-testid="load-more"]');
  await more.waitFor({ state: "attached" }).catch(async (e) => {
    // Say what the list held instead, so a run where it loaded every page (no button
    // left to check) is told apart from a button that never came.
    const seen = await page.evaluate(() => {
      const list = document.querySelector('[data-testid="conversation-row"]')?.closest("[style*='height'], nav, section, aside, div");
      return {
        rows: document.querySelectorAll('[data-testid="conversation-row"]').length,
        scroller: list ? { clientHeight: list.clientHeight, scrollHeight: list.scrollHeight, scrollTop: list.scrollTop } : null,
        text: document.body.innerText.slice(0, 200),
      };
    });
    throw new Error(`${e.message}; the list showed ${JSON.stringify(seen)}`);
  });
  const pill = await more.boundingBox();
  const rows = await page.locator('[data-testid="conversation-row"]').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, id: el.getAttribute("data-conversation-id") };
    }),
  );
  await screenshot(page, "64-layout-load-more");
  for (const r of rows) assert.ok(!pill || !overlap(pill, r), `もっと見る covers the row of chat ${r.id}`);

  // The current status in a booking's detail: white on its status colour, not faded.
  const [account] = await server.rpc({ method: "listAccounts" });
  const setup = await server.rpc({ method: "getReservationSetup", params: { accountId: account.id } });
  const day = new Date(Date.now() + 20 * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
  const [y, mo, d] = day.split("-").map(Number);
  await server.rpc({
    method: "createReservation",
    params: {
      accountId: account.id,
      customer: { kind: "guest", name: "コントラスト 確認", phone: null },
      menuIds: [setup.menus[0].id],
      staffId: null,
      resourceId: null,
      start: Date.UTC(y, mo - 1, d, 11) - 9 * 3_600_000,
      end: null,
      partySize: 1,
      status: null,
      notes: "",
      source: "phone",
    },
  });
  await page.evaluate((dd) => (window.location.hash = `#/calendar/${encodeURIComponent(`date:${dd}`)}`), day);
  await page.locator(".fc-timegrid-event", { hasText: "コントラスト 確認" }).click();
  const current = page.locator('[data-testid="booking-detail"] .rsv-status-button[aria-pressed="true"]');
  await current.waitFor();
  await screenshot(page, "64-layout-status-button");
  const ratio = await current.evaluate((el) => {
    const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) =>
      [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const st = getComputedStyle(el);
    const [a, b] = [lum(rgb(st.color)), lum(rgb(st.backgroundColor))];
    return { contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), opacity: Number(st.opacity) };
  });
  assert.equal(ratio.opacity, 1, "the current status is not faded");
  assert.ok(ratio.contrast >= 4.5, `the current status has contrast ${ratio.contrast.toFixed(2)}:1, below AA`);
  await page.keyboard.press("Escape");

  // ＋ 新しい定型文 and ＋ 吹き出しを追加 look like the app's buttons, not the browser's.
  const looks = (loc) => loc.evaluate((el) => ({ radius: getComputedStyle(el).borderTopLeftRadius, cursor: getComputedStyle(el).cursor }));
  await page.evaluate(() => (window.location.hash = "#/templates"));
  const newTemplate = page.locator('[data-testid="template-new"]');
  await newTemplate.waitFor();
  assert.deepEqual(await looks(newTemplate), { radius: "6px", cursor: "pointer" });
  await page.evaluate(() => (window.location.hash = "#/broadcast"));
  const addBubble = page.locator('[data-testid="broadcast-add-bubble"]');
  await addBubble.waitFor();
  assert.deepEqual(await looks(addBubble), { radius: "6px", cursor: "pointer" });
});
