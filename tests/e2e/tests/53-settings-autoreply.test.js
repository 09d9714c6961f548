// Settings → 自動応答 and 基本: keyword rules are tried in the owner's order (moving a
// rule up changes which one the tester says answers), and the undo-send time saved on
// 基本 applies to the very next message sent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newCustomer, openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("53-settings-autoreply");

async function savedOk(page, testId) {
  await waitFor(async () => (await page.locator(`[data-testid="${testId}-status"]`).textContent()) === "保存しました", { what: `${testId}` });
}

async function addRule(page, pattern, kind, reply) {
  await page.locator('[data-testid="add-rule"]').click();
  const rule = page.locator('[data-testid="keyword-rule"]').last();
  await rule.locator('[data-testid="rule-pattern"]').fill(pattern);
  await rule.locator('[data-testid="rule-kind"]').selectOption(kind);
  await rule.locator('[data-testid="rule-reply"]').fill(reply);
}

async function tester(page, text) {
  await page.locator('[data-testid="tester-input"]').fill(text);
  await page.locator('[data-testid="tester-run"]').click();
  const r = page.locator('[data-testid="tester-result"]');
  await r.waitFor();
  return r;
}

test("keyword rules follow the owner's order in the tester; undo seconds apply at once", async () => {
  const { page, server } = env();
  await openInbox(page, server);
  await page.goto(`${server.base}/#/settings/autoreply`);
  await page.locator('[data-testid="settings-rules"]').waitFor();

  await addRule(page, "予約", "contains", "ご予約はこちらから: https://example.jp/reserve");
  await addRule(page, "予約の変更", "startsWith", "ご予約の変更を承ります。ご希望の日時をお知らせください。");
  await page.locator('[data-testid="save-rules"]').click();
  await savedOk(page, "save-rules");

  let r = await tester(page, "予約の変更をお願いします");
  await waitFor(async () => (await r.getAttribute("data-kind")) === "keyword", { what: "a keyword answer" });
  assert.ok((await r.textContent()).includes("ルール 1"), "the broader rule is first and wins");

  // Move the specific rule up: now it answers.
  await page.locator('[data-testid="keyword-rule"]').nth(1).locator('[data-testid="rule-up"]').click();
  await page.locator('[data-testid="save-rules"]').click();
  await savedOk(page, "save-rules");
  r = await tester(page, "予約の変更をお願いします");
  await waitFor(async () => (await r.textContent()).includes("ご予約の変更を承ります"), { what: "the moved rule to answer" });
  assert.ok((await r.textContent()).includes("ルール 1"));
  const rules = await server.rpc({ method: "listKeywordRules", params: { accountId: (await server.rpc({ method: "listAccounts" }))[0].id } });
  assert.deepEqual(rules.map((x) => x.pattern), ["予約の変更", "予約"], "the order is stored");
  r = await tester(page, "こんにちは");
  await waitFor(async () => ["none", "away"].includes(await r.getAttribute("data-kind")), { what: "no keyword answer" });
  await screenshot(page, "53-settings-autoreply");

  // 基本: a 30-second undo window, then a send from the inbox waits in 待機中.
  await page.goto(`${server.base}/#/settings/general`);
  await page.locator('[data-testid="undo-seconds"]').fill("30");
  await page.locator('[data-testid="save-sending"]').click();
  await savedOk(page, "save-sending");
  await page.locator('[data-testid="reply-window"]').fill("70");
  await page.locator('[data-testid="save-sending"]').click();
  await waitFor(async () => ((await page.locator('[data-testid="save-sending-status"]').textContent()) ?? "").includes("約 1 分"), {
    what: "the reply-window limit explained",
  });

  // Applied to the next send at once: it may leave only after the new 30 s window.
  const { conversation } = await newCustomer(server, "森 さくら", "明日空いてますか");
  const before = Date.now();
  const accepted = await server.rpc({
    method: "sendMessage",
    params: { conversationId: conversation.id, content: { type: "text", text: `はい、空いております [e2e-${before}]` } },
  });
  assert.ok(accepted.sendAt - before >= 29_000, `send_at is ${accepted.sendAt - before} ms away, not the new 30 s`);
  await server.rpc({ method: "cancelSend", params: { outboxId: accepted.outboxId } });
});
