// Accessibility (issue 22, item 16): axe-core checks every top-level screen (and the open
// dialogs) in Chromium and the test fails on any critical or serious violation. The full
// list, minor ones included, goes to tests/output/61-a11y.json.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { listRows, OUTPUT, openConversation, openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("61-a11y");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const report = {};

/** Runs axe on the page as it is; returns the violations, critical and serious first. */
async function axe(page, screen) {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') does not apply.
  await page.evaluate(`${AXE}\n;void 0`);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
    }));
  });
  report[screen] = violations;
  writeFileSync(join(OUTPUT, "61-a11y.json"), JSON.stringify(report, null, 2));
  await screenshot(page, `61-a11y-${screen}`);
  return violations.filter((v) => v.impact === "critical" || v.impact === "serious");
}

function describe(bad) {
  return bad.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target).join(", ")}`).join("\n");
}

async function go(page, hash, ready) {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await page.locator(ready).first().waitFor();
}

const SCREENS = [
  ["calendar", "#/calendar", ".fc-timegrid-slot-lane"],
  ["customers", "#/customers", "main"],
  ["broadcast", "#/broadcast", "main"],
  ["templates", "#/templates", "main"],
  ["search", "#/search", "main"],
  ...["general", "hours", "autoreply", "phone", "payment", "account", "backup", "members", "history"].map((s) => [
    `settings-${s}`,
    `#/settings/${s}`,
    `[data-testid="settings-view"] .settings-body > :nth-child(2)`,
  ]),
];

test("no critical or serious axe violation on any screen", async () => {
  const { page, server } = env();
  await page.setViewportSize({ width: 1280, height: 800 });
  await openInbox(page, server, { minRows: 24 });
  const [first] = await listRows(page);
  await openConversation(page, first.id);
  await page.locator('[data-testid="friend-panel"] [data-testid="friend-line-name"]').waitFor();
  const failures = {};
  const check = async (screen) => {
    const bad = await axe(page, screen);
    if (bad.length > 0) failures[screen] = describe(bad);
  };
  await check("inbox");

  for (const [screen, hash, ready] of SCREENS) {
    await go(page, hash, ready);
    // Let data-driven parts (lists, forms) arrive before judging them.
    await page.waitForLoadState("networkidle").catch(() => {});
    // Parts that only show once something is added: a keyword rule, a special day.
    if (screen === "settings-autoreply") await page.locator('[data-testid="add-rule"]').click();
    if (screen === "settings-hours") await page.locator('[data-testid="add-override"]').click();
    await check(screen);
  }

  // 予約設定, the create dialog and a booking's detail.
  await go(page, "#/calendar", ".fc-timegrid-slot-lane");
  await page.locator(".rsv-tabs button").nth(1).click();
  await page.locator(".rsv-setup").waitFor({ state: "attached" });
  await page.waitForLoadState("networkidle").catch(() => {});
  await check("reservation-setup");
  await page.locator(".rsv-tabs button").nth(0).click();
  await page.locator(".rsv-toolbar button.primary").click();
  await page.locator('[data-testid="booking-dialog"]').waitFor();
  await check("booking-dialog");
  await page.keyboard.press("Escape");
  const event = page.locator(".fc-timegrid-event").first();
  if ((await event.count()) > 0) {
    await event.click();
    await page.locator('[data-testid="booking-detail"]').waitFor();
    await check("booking-detail");
    await page.keyboard.press("Escape");
  }

  assert.deepEqual(failures, {}, `axe found critical/serious violations:\n${Object.entries(failures).map(([s, d]) => `[${s}]\n${d}`).join("\n")}`);
});
