// Dates and times in the shop's format whatever the browser's locale (issue 22, item 9):
// with an English browser in New York, the booking dialog shows 2026/12/10 and 14:00
// (never 12/10/2026, 02:00 PM), reads what the owner types as the shop's wall clock, and
// no screen has a native date/time input left.
import assert from "node:assert/strict";
import { test } from "node:test";
import { screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("62-datetime", { browser: { locale: "en-US", timezoneId: "America/New_York" } });
const HOUR = 3_600_000;

function targetDay() {
  const tokyo = (ms) => new Date(ms + 9 * HOUR);
  let ms = Date.now() + 15 * 24 * HOUR;
  while (tokyo(ms).getUTCDay() !== 4) ms += 24 * HOUR;
  return tokyo(ms).toISOString().slice(0, 10);
}

const nativeInputs = (page) => page.locator('input[type="date"], input[type="time"], input[type="datetime-local"]').count();

async function go(page, server, hash) {
  await page.goto(server.url);
  await page.evaluate((h) => (window.location.hash = h), hash);
}

test("the booking dialog shows and reads 24-hour shop time in an English browser", async () => {
  const { page, server } = env();
  await page.setViewportSize({ width: 1280, height: 800 });
  const [account] = await server.rpc({ method: "listAccounts" });
  await go(page, server, "#/calendar");
  await page.locator(".rsv-toolbar button.primary").click();
  const dialog = page.locator('[data-testid="booking-dialog"]');
  await dialog.waitFor();
  const date = dialog.locator('input[name="start-date"]');
  const time = dialog.locator('input[name="start-time"]');
  assert.match(await date.inputValue(), /^\d{4}\/\d{2}\/\d{2}$/, "the date reads year/month/day");
  assert.match(await time.inputValue(), /^([01]\d|2[0-3]):[0-5]\d$/, "the time is 24-hour");
  assert.equal(await nativeInputs(page), 0, "no native date/time input in the dialog");

  const day = targetDay();
  const name = `Datetime ${Date.now() % 10000}`;
  await date.fill(day.replaceAll("-", "/"));
  await time.fill("１４：００"); // full-width, as an IME may give it
  await time.blur();
  assert.equal(await time.inputValue(), "14:00", "tidied to 14:00 on blur");
  await dialog.locator('input[name="guestName"]').fill(name);
  await dialog.locator(".rsv-menu-list input[type=checkbox]").first().check();
  await screenshot(page, "62-datetime-booking-dialog");
  await dialog.locator(".rsv-actions button.primary").click();
  await dialog.waitFor({ state: "detached" });

  const [y, mo, d] = day.split("-").map(Number);
  const fourteenTokyo = Date.UTC(y, mo - 1, d, 14) - 9 * HOUR;
  const booked = await waitFor(async () => {
    const list = await server.rpc({
      method: "listReservations",
      params: { accountId: account.id, from: fourteenTokyo - 24 * HOUR, to: fourteenTokyo + 24 * HOUR, staffId: null, includeInactive: false },
    });
    return list.find((r) => r.customerName === name);
  }, { what: "the booking in the store" });
  assert.equal(booked.start, fourteenTokyo, "14:00 is the shop's 14:00 (Tokyo), not New York's");
});

test("a mistyped time is marked invalid, and no screen has a native date/time input", async () => {
  const { page, server } = env();
  await page.setViewportSize({ width: 1280, height: 800 });
  await go(page, server, "#/calendar");
  await page.locator(".rsv-toolbar button.primary").click();
  const time = page.locator('[data-testid="booking-dialog"] input[name="start-time"]');
  await time.fill("02:00 PM");
  assert.equal(await time.getAttribute("aria-invalid"), "true");
  await page.keyboard.press("Escape");

  await go(page, server, "#/broadcast");
  await page.locator('input[type="radio"][name="when"]').nth(1).check();
  const at = page.locator('[data-testid="broadcast-at"]');
  await at.waitFor();
  assert.match(await page.locator('[data-testid="broadcast-at-date"]').inputValue(), /^\d{4}\/\d{2}\/\d{2}$/);
  assert.match(await page.locator('[data-testid="broadcast-at-time"]').inputValue(), /^([01]\d|2[0-3]):[0-5]\d$/);
  await at.scrollIntoViewIfNeeded();
  await screenshot(page, "62-datetime-broadcast-schedule");
  assert.equal(await nativeInputs(page), 0, "broadcast");

  await go(page, server, "#/settings/hours");
  await page.locator('[data-testid="add-override"]').click();
  assert.match(await page.locator('[data-testid="override-date"]').inputValue(), /^\d{4}\/\d{2}\/\d{2}$/);
  assert.equal(await nativeInputs(page), 0, "settings: hours");

  await go(page, server, "#/settings/autoreply");
  await page.locator('[data-testid="settings-view"] h2').first().waitFor();
  await waitFor(async () => (await page.locator('[data-testid="settings-view"] input').count()) > 0, { what: "the auto-reply form" });
  assert.equal(await nativeInputs(page), 0, "settings: auto-reply");

  await go(page, server, "#/calendar");
  await page.locator(".rsv-tabs button").nth(1).click();
  await waitFor(async () => (await page.locator(".rsv-setup input").count()) > 0, { what: "the booking set-up" });
  assert.equal(await nativeInputs(page), 0, "予約設定");
  await page.locator(".rsv-setup").getByRole("button").first().scrollIntoViewIfNeeded();
  await screenshot(page, "62-datetime-setup");
});
