// Every dialog behaves the same (issue 22, item 13): focus moves in when it opens, Tab and
// Shift+Tab stay inside, Escape closes it, and focus goes back to what opened it. The
// booking dialogs did neither; the template dialog did.
import assert from "node:assert/strict";
import { test } from "node:test";
import { screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("63-dialogs");
const HOUR = 3_600_000;

/** A Thursday three weeks ahead (every demo stylist works), "YYYY-MM-DD" in Tokyo. */
function targetDay() {
  const tokyo = (ms) => new Date(ms + 9 * HOUR);
  let ms = Date.now() + 21 * 24 * HOUR;
  while (tokyo(ms).getUTCDay() !== 4) ms += 24 * HOUR;
  return tokyo(ms).toISOString().slice(0, 10);
}

function jst(day, h, m = 0) {
  const [y, mo, d] = day.split("-").map(Number);
  return Date.UTC(y, mo - 1, d, h, m) - 9 * HOUR;
}

/** Where focus is: inside the open dialog or not, and what it is. */
function focusState(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const dialog = document.querySelector('[role="dialog"][aria-modal="true"]');
    return {
      inDialog: !!dialog && dialog.contains(el),
      tag: el?.tagName ?? null,
      text: (el?.textContent ?? "").trim().slice(0, 40),
      testId: el?.getAttribute("data-testid") ?? null,
    };
  });
}

/** Tab `n` times, checking after each press that focus stayed in the dialog. */
async function tabAround(page, n, key = "Tab") {
  for (let i = 0; i < n; i++) {
    await page.keyboard.press(key);
    const f = await focusState(page);
    assert.ok(f.inDialog, `${key} #${i + 1} left the dialog (focus on ${f.tag} "${f.text}")`);
  }
}

test("予約を作成: focus moves in, stays in on Tab/Shift+Tab, Escape closes, focus returns to the button", async () => {
  const { page, server } = env();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url);
  await page.evaluate(() => (window.location.hash = "#/calendar"));
  const opener = page.locator(".rsv-toolbar button.primary", { hasText: "予約を作成" });
  await opener.waitFor();
  await opener.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "予約を作成" });
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute("aria-modal"), "true");
  await waitFor(async () => (await focusState(page)).inDialog, { what: "focus to move into the create dialog" });
  assert.equal(await page.evaluate(() => document.activeElement.checked), true, "focus starts on the chosen kind of customer");
  await screenshot(page, "63-dialogs-create");

  const stops = await dialog.evaluate((el) => el.querySelectorAll("button, input, select, textarea").length);
  await tabAround(page, stops + 3);
  await tabAround(page, stops + 3, "Shift+Tab");

  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  await waitFor(async () => (await page.evaluate(() => document.activeElement?.textContent?.trim())) === "予約を作成", {
    what: "focus to return to 予約を作成",
  });
});

test("booking detail: opened from the calendar with Enter, Escape closes it and focus returns to the booking", async () => {
  const { page, server } = env();
  const [account] = await server.rpc({ method: "listAccounts" });
  const setup = await server.rpc({ method: "getReservationSetup", params: { accountId: account.id } });
  const cut = setup.menus.find((m) => m.name === "カット");
  const day = targetDay();
  const name = `ダイアログ 確認 ${Date.now() % 10000}`;
  await server.rpc({
    method: "createReservation",
    params: {
      accountId: account.id,
      customer: { kind: "guest", name, phone: null },
      menuIds: [cut.id],
      staffId: null,
      resourceId: null,
      start: jst(day, 11),
      end: null,
      partySize: 1,
      status: null,
      notes: "",
      source: "phone",
    },
  });
  await page.goto(server.url);
  await page.evaluate((d) => (window.location.hash = `#/calendar/${encodeURIComponent(`date:${d}`)}`), day);
  const event = page.locator(".fc-timegrid-event", { hasText: name });
  await event.waitFor();
  await event.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: new RegExp(name) });
  await dialog.waitFor();
  await waitFor(async () => (await focusState(page)).inDialog, { what: "focus to move into the booking detail" });
  await screenshot(page, "63-dialogs-detail");
  await tabAround(page, 12);

  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  await waitFor(
    async () => page.evaluate((n) => !!document.activeElement?.closest(".fc-event") && document.activeElement.textContent.includes(n), name),
    { what: "focus to return to the booking on the calendar" },
  );
});
