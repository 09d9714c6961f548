// 予約設定 at 1280×800 (issue 22, item 1): every section (予約の受付, メニュー, 担当,
// 設備・席, LINE予約, リマインド) is reachable by scrolling one area and shown at its full
// height, and the app's navigation never scrolls away.
import assert from "node:assert/strict";
import { test } from "node:test";
import { screenshot, useEnv } from "../lib/harness.js";

const env = useEnv("69-rsv-setup-layout");

test("every 予約設定 section is reachable and whole at 1280×800; the navigation stays", async () => {
  const { page, server } = env();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url);
  await page.evaluate(() => (window.location.hash = "#/calendar"));
  await page.locator(".rsv-tabs button").nth(1).click();
  await page.locator("h3", { hasText: "予約の受付" }).waitFor();
  await page.locator("h3", { hasText: "リマインド" }).first().waitFor();

  const headings = ["予約の受付", "メニュー", "担当", "設備・席", "LINE予約", "リマインド"];
  for (const name of headings) {
    const h = page.locator("main h3", { hasText: name }).first();
    await h.scrollIntoViewIfNeeded();
    const box = await h.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 800, `${name} can be brought on screen (${JSON.stringify(box)})`);
    // The section it heads is shown whole, not cut to a sliver inside its own scroll box.
    const clipped = await h.evaluate((el) => {
      for (let p = el.parentElement; p && p.tagName !== "MAIN"; p = p.parentElement) {
        if (p.getAttribute("data-testid") === "rsv-setup-page") return null;
        if (p.scrollHeight > p.clientHeight + 2 && getComputedStyle(p).overflowY !== "visible") {
          return `${p.className}: ${p.clientHeight} of ${p.scrollHeight} px`;
        }
      }
      return null;
    });
    assert.equal(clipped, null, `${name}'s section scrolls inside a box of its own`);
    const navTop = await page.locator(".app-header").evaluate((el) => el.getBoundingClientRect().top);
    assert.equal(navTop, 0, `the navigation stays at the top while ${name} is shown`);
  }
  // The page itself never scrolls: only the set-up area does.
  const doc = await page.evaluate(() => ({ top: document.scrollingElement.scrollTop, h: document.scrollingElement.scrollHeight }));
  assert.equal(doc.top, 0);
  assert.ok(doc.h <= 800, `the document is ${doc.h} px tall in an 800 px window`);

  // Usable: the menu editor's first field takes input once scrolled to.
  await page.locator("main h3", { hasText: "予約の受付" }).first().scrollIntoViewIfNeeded();
  await screenshot(page, "69-rsv-setup-top");
  await page.locator("main h3", { hasText: "設備・席" }).first().scrollIntoViewIfNeeded();
  await screenshot(page, "69-rsv-setup-resources");
});
