// Settings → 応答時間: the owner edits today's hours into a lunch break around the
// current minute and gives holidays their own hours → 営業時間外; a special day for
// today open all day → 営業中; the same day as a closure → 営業時間外 again. Every step
// is deterministic: the periods are placed 30 minutes away from "now" in Asia/Tokyo.
import assert from "node:assert/strict";
import { test } from "node:test";
import { openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("50-settings-hours");
const TZ = "Asia/Tokyo";

/** Now in Tokyo: minutes since midnight, weekday (0 = Sunday) and YYYY-MM-DD. */
function tokyoNow() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: TZ,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday);
  return { minutes: Number(parts.hour) * 60 + Number(parts.minute), weekday, date: `${parts.year}-${parts.month}-${parts.day}` };
}

const hhmm = (m) => {
  const x = ((m % 1440) + 1440) % 1440;
  return `${String(Math.floor(x / 60)).padStart(2, "0")}:${String(x % 60).padStart(2, "0")}`;
};

async function setPeriods(scope, periods) {
  // Remove what is there, then add and fill one row per period.
  while ((await scope.locator('[data-testid="period-start"]').count()) > 0) {
    await scope.locator('button[aria-label]').filter({ hasText: "×" }).first().click();
  }
  for (const [i, [start, end]] of periods.entries()) {
    await scope.locator('[data-testid$="-add"]').click();
    await scope.locator('[data-testid="period-start"]').nth(i).fill(start);
    await scope.locator('[data-testid="period-end"]').nth(i).fill(end);
  }
}

async function saveHours(page) {
  await page.locator('[data-testid="save-hours"]').click();
  await waitFor(async () => (await page.locator('[data-testid="save-hours-status"]').textContent()) === "保存しました", {
    what: "the hours to be saved",
  });
}

async function badge(page, open) {
  const b = page.locator('[data-testid="hours-status"]');
  await waitFor(async () => (await b.getAttribute("data-open")) === String(open), { what: `the badge to say open=${open}` });
  return (await b.textContent())?.trim();
}

test("business hours with a lunch break, a holiday rule and a special day switch 営業中 / 営業時間外", async () => {
  const { page, server } = env();
  await openInbox(page, server);
  await page.locator(".app-nav a", { hasText: "設定" }).click();
  await page.locator('[data-testid="settings-nav-hours"]').click();
  await page.locator('[data-testid="settings-hours"]').waitFor();
  const accountId = (await server.rpc({ method: "listAccounts" }))[0].id;

  const now = tokyoNow();
  // A lunch break around now: open until 30 minutes ago, again from 30 minutes ahead.
  const morning = [hhmm(now.minutes - 90), hhmm(now.minutes - 30)];
  const afternoon = [hhmm(now.minutes + 30), hhmm(now.minutes + 90)];
  const today = page.locator(`[data-testid="hours-day-${now.weekday}"]`);
  await setPeriods(today, [morning, afternoon]);
  assert.equal(await today.locator('[data-testid="hours-day-' + now.weekday + '-period"]').count(), 2, "two periods today");

  // Holidays get their own hours. A bar's 18:00–02:00 reads as 翌2:00 while typed…
  await page.locator('[data-testid="holidays-special"]').check();
  const holiday = page.locator('[data-testid="hours-holiday"]');
  await setPeriods(holiday, [["18:00", "02:00"]]);
  await holiday.getByText("(翌2:00)").waitFor();
  // …then the same lunch break, so a national holiday today cannot make this step open.
  await setPeriods(holiday, [morning, afternoon]);
  await saveHours(page);
  assert.equal(await badge(page, false), "営業時間外");
  if (now.minutes + 30 < 1440) {
    const next = await page.locator('[data-testid="hours-next-opening"]').textContent();
    assert.ok(next?.includes(afternoon[0]), `the next opening is the afternoon period (${afternoon[0]}): ${next}`);
  }
  await screenshot(page, "50-hours-lunch-break");

  const stored = await server.rpc({ method: "getBusinessHours", params: { accountId } });
  assert.deepEqual(stored.hours.weekly[now.weekday], [
    { start: morning[0], end: morning[1] },
    { start: afternoon[0], end: afternoon[1] },
  ]);
  assert.equal(stored.hours.holidays.kind, "special");

  // A special day for today, open all day: 営業中.
  await page.locator('[data-testid="add-override"]').click();
  const special = page.locator('[data-testid="hours-override"]').last();
  await special.locator('[data-testid="override-date"]').fill(now.date);
  await special.locator('[data-testid="override-kind"]').selectOption("periods");
  await setPeriods(special, [["00:00", "24:00"]]);
  await saveHours(page);
  assert.equal(await badge(page, true), "営業中");
  const status = await server.rpc({ method: "hoursStatus", params: { accountId } });
  assert.equal(status.open, true, "the engine agrees with the badge");
  await screenshot(page, "50-hours-special-day-open");

  // The same day as a one-off closure: 営業時間外 again, with a next opening shown.
  await special.locator('[data-testid="override-kind"]').selectOption("closed");
  await saveHours(page);
  assert.equal(await badge(page, false), "営業時間外");
  await page.locator('[data-testid="hours-next-opening"]').waitFor();
  assert.equal((await server.rpc({ method: "hoursStatus", params: { accountId } })).open, false);

  // Saved in the store: a reload shows the same schedule and the same state.
  await page.reload();
  await page.locator('[data-testid="settings-hours"]').waitFor();
  assert.equal(await badge(page, false), "営業時間外");
  assert.equal(await page.locator('[data-testid="hours-override"]').count(), 1);
  assert.equal(await page.locator(`[data-testid="hours-day-${now.weekday}-period"]`).count(), 2);

  // A bad time is refused with the reason in Japanese, and nothing changes.
  await page.locator(`[data-testid="hours-day-${now.weekday}"] [data-testid="period-start"]`).first().fill("25:00");
  await page.locator('[data-testid="save-hours"]').click();
  await waitFor(async () => ((await page.locator('[data-testid="save-hours-status"]').textContent()) ?? "").includes("時刻として読めません"), {
    what: "the bilingual error for 25:00",
  });
  const after = await server.rpc({ method: "getBusinessHours", params: { accountId } });
  assert.deepEqual(after.hours.weekly[now.weekday][0], { start: morning[0], end: morning[1] });
});
