// The month view (issue 22, items 4 and 10): a day with two bookings shows both, not
// only 「他 2 件」; a busier day still folds into 「他 N 件」 and its list opens; and no
// view needs FullCalendar's icon font, which the content security policy blocks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { screenshot, useEnv } from "../lib/harness.js";

const env = useEnv("70-month-view");
const HOUR = 3_600_000;

/** A Thursday about five weeks ahead, as "YYYY-MM-DD" in Tokyo, and the day after. */
function days() {
  const tokyo = (ms) => new Date(ms + 9 * HOUR);
  let ms = Date.now() + 35 * 24 * HOUR;
  while (tokyo(ms).getUTCDay() !== 4) ms += 24 * HOUR;
  return [tokyo(ms).toISOString().slice(0, 10), tokyo(ms + 24 * HOUR).toISOString().slice(0, 10)];
}
const jst = (day, h) => {
  const [y, mo, d] = day.split("-").map(Number);
  return Date.UTC(y, mo - 1, d, h) - 9 * HOUR;
};

test("two bookings in a month cell are both shown; no icon font is loaded", async () => {
  const { page, server } = env();
  const blocked = [];
  page.on("console", (m) => {
    if (/font/i.test(m.text())) blocked.push(m.text().slice(0, 200));
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  const [account] = await server.rpc({ method: "listAccounts" });
  const setup = await server.rpc({ method: "getReservationSetup", params: { accountId: account.id } });
  const [two, five] = days();
  const book = (day, h, name) =>
    server.rpc({
      method: "createReservation",
      params: {
        accountId: account.id,
        customer: { kind: "guest", name, phone: null },
        menuIds: [setup.menus[0].id],
        staffId: null,
        resourceId: null,
        start: jst(day, h),
        end: null,
        partySize: 1,
        status: null,
        notes: "",
        source: "phone",
      },
    });
  await book(two, 11, "月表示 一郎");
  await book(two, 15, "月表示 二郎");
  for (const [i, h] of [10, 12, 14, 16, 18].entries()) await book(five, h, `混雑日 ${i + 1}`);

  await page.goto(server.url);
  await page.evaluate((d) => (window.location.hash = `#/calendar/${encodeURIComponent(`date:${d}`)}`), two);
  await page.locator(".fc-timegrid-slot-lane").first().waitFor();
  await page.locator(".fc-dayGridMonth-button").click();
  const cell = page.locator(`td.fc-daygrid-day[data-date="${two}"]`);
  await cell.waitFor();

  for (const name of ["月表示 一郎", "月表示 二郎"]) {
    const ev = cell.locator(".fc-daygrid-event", { hasText: name });
    assert.equal(await ev.count(), 1, `${name} is in its cell`);
    assert.ok(await ev.isVisible(), `${name} is visible, not folded into 「他 N 件」`);
  }
  assert.equal(await cell.locator(".fc-daygrid-more-link").count(), 0, "no 「他 N 件」 for two bookings");
  await screenshot(page, "70-month-view");

  // Five on a day: three shown, the rest behind 「他 2 件」, whose list opens with a close button.
  const busy = page.locator(`td.fc-daygrid-day[data-date="${five}"]`);
  const more = busy.locator(".fc-daygrid-more-link");
  assert.match((await more.textContent()) ?? "", /2/);
  await more.click();
  const popover = page.locator(".fc-popover");
  await popover.waitFor();
  assert.equal(await popover.locator(".fc-daygrid-event").count(), 5);
  const closeIcon = await popover.locator(".fc-popover-close").evaluate((el) => ({
    font: getComputedStyle(el).fontFamily,
    text: getComputedStyle(el, "::before").content,
  }));
  assert.doesNotMatch(closeIcon.font, /fcicons/, "the close button does not use the icon font");
  await screenshot(page, "70-month-view-more");
  await popover.locator(".fc-popover-close").click();

  for (const view of ["timeGridDay", "timeGridWeek", "listWeek", "dayGridMonth"]) {
    await page.locator(`.fc-${view}-button`).click();
    await page.locator(".fc-prev-button").click();
    await page.locator(".fc-next-button").click();
  }
  await page.waitForTimeout(500);
  const loaded = await page.evaluate(() => [...document.fonts].filter((f) => /fcicons/.test(f.family) && f.status !== "unloaded").length);
  assert.equal(loaded, 0, "the icon font is never requested");
  assert.deepEqual(blocked, [], "no font refused by the content security policy");
});
