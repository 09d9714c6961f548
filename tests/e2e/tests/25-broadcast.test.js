// 一斉配信: compose two bubbles, pick a tag audience (a friend who blocked is left out),
// see the count and the quota impact, send, watch the progress and the batch result;
// then schedule one and cancel it. The simulator proves who received what.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("25-broadcast");

/** Plain SQL on the running server's store (tags have no API in this branch yet). */
function sql(server, statement) {
  return execFileSync("sqlite3", ["-cmd", ".timeout 10000", join(server.dataDir, "madoguchi.db"), statement], {
    encoding: "utf8",
  }).trim();
}

test("a tag broadcast reaches the tagged friends who follow, once; a scheduled one can be cancelled", async () => {
  const { page, server } = env();
  await openInbox(page, server, { minRows: 24 });

  // Four followed friends get the tag 常連 (regulars); one of them then blocks the shop.
  const rows = sql(server, "SELECT id || '|' || line_user_id FROM friends WHERE followed = 1 ORDER BY id LIMIT 4")
    .split("\n")
    .map((l) => l.split("|"));
  assert.equal(rows.length, 4, "four followed demo friends");
  const tagId = sql(
    server,
    "INSERT INTO tags (account_id, name, color, created_at) SELECT id, '常連', '#e06c75', 0 FROM accounts ORDER BY id LIMIT 1 RETURNING id",
  );
  for (const [friendId] of rows) sql(server, `INSERT INTO friend_tags (friend_id, tag_id, created_at) VALUES (${friendId}, ${tagId}, 0)`);
  const blocker = rows[3][1];
  await server.simPost(`/sim/users/${blocker}/unfollow`, {});
  await waitFor(async () => sql(server, `SELECT followed FROM friends WHERE line_user_id = '${blocker}'`) === "0", {
    what: "the unfollow to reach the store",
  });

  await page.locator('nav a[href="#/broadcast"]').click();
  const composer = page.locator('[data-testid="broadcast-composer"]');
  await composer.waitFor();
  const text = `【12月の営業のお知らせ】<b>年末は28日まで</b> [e2e-${Date.now()}]`;
  await page.locator('[data-testid="broadcast-text"]').fill(text);
  await page.getByRole("button", { name: /吹き出しを追加/ }).click();
  const second = page.locator('[data-testid="broadcast-bubble"]').nth(1);
  await second.locator("select").selectOption("sticker");
  await second.getByPlaceholder("パッケージ ID").fill("446");
  await second.getByPlaceholder("スタンプ ID").fill("1988");

  // Everyone first (the demo's followed friends), then the tag.
  const recipients = page.locator('[data-testid="broadcast-recipients"]');
  const followed = Number(sql(server, "SELECT count(*) FROM friends WHERE followed = 1"));
  await waitFor(async () => Number(await recipients.getAttribute("data-count").catch(() => -1)) === followed, {
    what: `the preview to count ${followed} followed friends`,
  });
  await page.locator('[data-testid="broadcast-audience-tags"]').check();
  await page.locator('[data-testid="broadcast-tag"][data-tag-name="常連"] input[data-role="all"]').check();
  await waitFor(async () => (await recipients.getAttribute("data-count").catch(() => null)) === "3", {
    what: "the preview to count the 3 tagged friends who follow",
  });
  assert.match(await recipients.textContent(), /配信人数: 3 人（ブロック中の 1 人は除きます）/);
  const quota = await page.locator('[data-testid="broadcast-quota"]').textContent();
  assert.match(quota, /^今月の送信数: [\d,]+ \/ 1,000 通.*→ 送信後 [\d,]+ 通$/, `quota impact shown: ${quota}`);
  await screenshot(page, "25-compose");

  await page.locator('[data-testid="broadcast-send"]').click();
  await page.locator('[data-testid="broadcast-confirm"]').click();
  const detail = page.locator('[data-testid="broadcast-detail"]');
  await waitFor(async () => (await detail.getAttribute("data-status").catch(() => null)) === "done", {
    what: "the broadcast to be done",
  });
  assert.equal(await page.locator('[data-testid="broadcast-progress"]').getAttribute("aria-valuenow"), "100");
  assert.match(await page.locator('[data-testid="broadcast-progress-text"]').textContent(), /1 \/ 1 バッチ · 3 \/ 3 人に送信/);
  const batch = page.locator('[data-testid="broadcast-batches"] tbody tr');
  assert.equal(await batch.count(), 1);
  assert.equal(await batch.getAttribute("data-status"), "sent");
  assert.ok((await batch.locator(".broadcast-reqid").textContent()).length > 8, "LINE's request id is shown");
  // The text stayed text (no markup rendered).
  assert.equal(await page.locator('[data-testid="broadcast-detail"] h2 b').count(), 0);
  await screenshot(page, "25-sent");

  for (const [, userId] of rows.slice(0, 3)) {
    const got = await server.simGet(`/sim/received?userId=${encodeURIComponent(userId)}`);
    assert.equal(got.filter((r) => r.message?.text === text).length, 1, `${userId} got the text once`);
    assert.equal(got.filter((r) => r.message?.type === "sticker" && r.via === "multicast").length, 1, `${userId} got the sticker once`);
  }
  const blocked = await server.simGet(`/sim/received?userId=${encodeURIComponent(blocker)}`);
  assert.equal(blocked.filter((r) => r.message?.text === text).length, 0, "the friend who blocked got nothing");

  // A scheduled broadcast (an hour from now) is listed and can be cancelled before it starts.
  await page.locator('[data-testid="broadcast-new"]').click();
  await composer.waitFor();
  const later = `来月のご案内 [e2e-${Date.now()}]`;
  await page.locator('[data-testid="broadcast-text"]').fill(later);
  await page.getByLabel("予約配信").check();
  await waitFor(async () => (await recipients.getAttribute("data-count").catch(() => null)) === String(followed), {
    what: "the preview for everyone",
  });
  await page.locator('[data-testid="broadcast-send"]').click();
  await page.locator('[data-testid="broadcast-confirm"]').click();
  await waitFor(async () => (await detail.getAttribute("data-status").catch(() => null)) === "scheduled", {
    what: "the broadcast to be scheduled",
  });
  await page.locator('[data-testid="broadcast-cancel"]').click();
  await page.locator('[data-testid="broadcast-cancel-confirm"]').click();
  await waitFor(async () => (await detail.getAttribute("data-status").catch(() => null)) === "cancelled", {
    what: "the broadcast to be cancelled",
  });
  await waitFor(async () => (await page.locator('[data-testid="broadcast-item"]').count()) === 2, { what: "two broadcasts listed" });
  const all = await server.simGet("/sim/received");
  assert.equal(all.filter((r) => r.message?.text === later).length, 0, "a cancelled broadcast reaches nobody");
  await screenshot(page, "25-cancelled");
});
