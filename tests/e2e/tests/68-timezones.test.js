// Every time on screen is in the shop's zone (Asia/Tokyo), whatever the machine's zone
// (issue 22, item 3): the friend panel's 初回 / 最終 agree with the chat's own times on a
// machine set to UTC and to America/New_York.
import assert from "node:assert/strict";
import { test } from "node:test";
import { launchBrowser, newCustomer, openConversation, openInbox, screenshot, startServer, incoming } from "../lib/harness.js";

/** "2026/11/27 02:40" in Tokyo. */
function tokyo(ms) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: "Asia/Tokyo",
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    })
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}`;
}

for (const timezoneId of ["UTC", "America/New_York"]) {
  test(`on a machine in ${timezoneId}, the friend panel and the chat show the shop's times`, async () => {
    const server = await startServer(`68-tz-${timezoneId.replace("/", "-")}`);
    let browser;
    try {
      browser = await launchBrowser(`68-tz`, { timezoneId });
      const { page } = browser;
      await page.setViewportSize({ width: 1280, height: 800 });
      assert.equal(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), timezoneId === "UTC" ? "UTC" : timezoneId);
      const text = `何時まで開いていますか ${timezoneId}`;
      const { conversation } = await newCustomer(server, "時差 確認", text);
      const friend = await server.rpc({ method: "getFriend", params: { friendId: conversation.friend.id } });
      await openInbox(page, server);
      await openConversation(page, conversation.id);

      const fact = (label) => page.locator(".friend-facts dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");
      await fact("初回").waitFor();
      assert.equal((await fact("初回").textContent()).trim(), tokyo(friend.firstContactAt), "初回 in the shop's zone");
      assert.equal((await fact("最終").textContent()).trim(), tokyo(friend.lastContactAt), "最終 in the shop's zone");
      // The chat's own time of the same message agrees with the panel.
      const msg = await server.rpc({ method: "getThread", params: { conversationId: conversation.id, before: null, limit: 5 } });
      const mine = msg.messages.find((m) => m.text === text);
      const shown = await incoming(page, text).locator("time").textContent();
      assert.equal(shown, tokyo(mine.createdAt).slice(11), "the bubble's time in the shop's zone");
      await screenshot(page, `68-timezones-${timezoneId.replace("/", "-")}`);
    } finally {
      await browser?.close();
      await server.stop();
    }
  });
}
