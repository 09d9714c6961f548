// Reservations calendar: click an empty slot → the create dialog → a booking on the
// calendar; drag it to another time → moved in the store; drag it onto a time where the
// stylist is busy → refused with the bilingual "just taken" message and back in place.
import assert from "node:assert/strict";
import { test } from "node:test";
import { screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("40-calendar");
const HOUR = 3_600_000;

/** A weekday two weeks ahead (Thursday: every demo stylist works), as "YYYY-MM-DD" in Tokyo. */
function targetDay() {
  const tokyo = (ms) => new Date(ms + 9 * HOUR);
  let ms = Date.now() + 14 * 24 * HOUR;
  while (tokyo(ms).getUTCDay() !== 4) ms += 24 * HOUR;
  return tokyo(ms).toISOString().slice(0, 10);
}

/** Epoch ms of a Tokyo wall-clock time on `day`. */
function jst(day, h, m = 0) {
  const [y, mo, d] = day.split("-").map(Number);
  return Date.UTC(y, mo - 1, d, h, m) - 9 * HOUR;
}

async function reservationsOn(server, accountId, day) {
  return server.rpc({
    method: "listReservations",
    params: { accountId, from: jst(day, 0), to: jst(day, 24), staffId: null, includeInactive: false },
  });
}

/** The y of a time-grid row's top edge (scrolled into view first). */
async function rowTop(page, time) {
  const lane = page.locator(`td.fc-timegrid-slot-lane[data-time="${time}"]`);
  await lane.scrollIntoViewIfNeeded();
  const box = await lane.boundingBox();
  assert.ok(box, `row ${time} is on screen`);
  return box;
}

/** Drags the booking's top edge area from its current row to `toTime`'s row. */
async function drag(page, event, fromTime, toTime) {
  const from = await rowTop(page, fromTime);
  const box = await event.boundingBox();
  assert.ok(box, "the booking is on screen");
  const x = box.x + box.width / 2;
  const grab = from.y + 6;
  const to = await rowTop(page, toTime);
  await page.mouse.move(x, grab);
  await page.mouse.down();
  // Several steps: FullCalendar starts a drag after a few pixels of movement.
  for (let i = 1; i <= 12; i++) await page.mouse.move(x, grab + ((to.y - from.y) * i) / 12);
  await page.mouse.up();
}

test("create by clicking a slot, move by drag, a conflicting move is refused", async () => {
  const { page, server } = env();
  const [account] = await server.rpc({ method: "listAccounts" });
  const setup = await server.rpc({ method: "getReservationSetup", params: { accountId: account.id } });
  const misaki = setup.staff.find((s) => s.name === "美咲");
  const cut = setup.menus.find((m) => m.name === "カット");
  assert.ok(misaki && cut, "the demo salon has stylists and menus");
  const day = targetDay();
  assert.deepEqual(await reservationsOn(server, account.id, day), [], "the day starts empty");

  await page.goto(`${server.url}`);
  await page.evaluate((d) => (window.location.hash = `#/calendar/${encodeURIComponent(`date:${d}`)}`), day);
  await page.locator(".fc-timegrid-slot-lane").first().waitFor();
  assert.equal(await page.locator('.app-nav a[aria-current="page"]').textContent(), "予約");

  // Click the empty 10:00 row → the create dialog.
  const ten = await rowTop(page, "10:00:00");
  await page.mouse.click(ten.x + ten.width / 2, ten.y + 4);
  const dialog = page.getByRole("dialog", { name: "予約を作成" });
  await dialog.waitFor();
  assert.equal(await dialog.locator('input[name="start-date"]').inputValue(), day.replaceAll("-", "/"));
  assert.equal(await dialog.locator('input[name="start-time"]').inputValue(), "10:00");
  const name = `予約 太郎 ${Date.now() % 10000}`;
  await dialog.locator('input[name="guestName"]').fill(name);
  await dialog.locator('input[name="guestPhone"]').fill("090-1111-2222");
  await dialog.getByLabel(/^カット/).check();
  await dialog.locator('select[name="staff"]').selectOption(String(misaki.id));
  await screenshot(page, "40-calendar-create-dialog");
  await dialog.getByRole("button", { name: "作成" }).click();
  await dialog.waitFor({ state: "detached" });

  const event = page.locator(".fc-timegrid-event", { hasText: name });
  await event.waitFor();
  let [booked] = await reservationsOn(server, account.id, day);
  assert.equal(booked.customerName, name);
  assert.equal(booked.start, jst(day, 10));
  assert.equal(booked.end, jst(day, 11), "the cut lasts 60 minutes");
  assert.equal(booked.staffId, misaki.id);
  assert.equal(booked.status, "confirmed");
  assert.equal(booked.source, "phone");

  // Drag it from 10:00 to 12:00.
  await drag(page, event, "10:00:00", "12:00:00");
  booked = await waitFor(async () => {
    const [r] = await reservationsOn(server, account.id, day);
    return r && r.start === jst(day, 12) && r;
  }, { what: "the booking to move to 12:00" });
  assert.equal(booked.end, jst(day, 13), "moving keeps the length");
  await waitFor(async () => (await event.locator(".rsv-event-time").textContent()).startsWith("12:00"), { what: "the calendar to show 12:00" });
  await screenshot(page, "40-calendar-moved");

  // 美咲 gets another customer at 13:30 (from the phone, through the API)…
  await server.rpc({
    method: "createReservation",
    params: {
      accountId: account.id,
      customer: { kind: "guest", name: "電話 花子", phone: null },
      menuIds: [cut.id],
      staffId: misaki.id,
      resourceId: null,
      start: jst(day, 13, 30),
      end: null,
      partySize: 1,
      status: null,
      notes: "",
      source: "phone",
    },
  });
  await page.reload();
  await page.locator(".fc-timegrid-event", { hasText: "電話 花子" }).waitFor();

  // …so moving ours to 13:00 (13:00–14:00) would double-book her: refused, back at 12:00.
  await drag(page, event, "12:00:00", "13:00:00");
  const alert = page.locator(".rsv-refusal");
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /その時間はちょうど埋まりました/);
  assert.match(text, /美咲/);
  await waitFor(async () => (await event.locator(".rsv-event-time").textContent()).startsWith("12:00"), {
    what: "the booking to be back at 12:00 on the calendar",
  });
  await screenshot(page, "40-calendar-refused");
  const after = await reservationsOn(server, account.id, day);
  const ours = after.find((r) => r.customerName === name);
  assert.equal(ours.start, jst(day, 12), "the store still has it at 12:00");
  assert.equal(after.length, 2);
});
