// Settings → アカウント: the connected account shows only masked credentials; the public
// address must be https; the one webhook button sets LINE's endpoint and explains the
// failed test in plain Japanese; the wizard refuses a malformed channel secret.
import assert from "node:assert/strict";
import { test } from "node:test";
import { openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("52-settings-account");

test("connect wizard: masked secrets, https public address, webhook set-and-test explained", async () => {
  const { page, server } = env();
  await openInbox(page, server);
  await page.goto(`${server.base}/#/settings/account`);
  const account = page.locator('[data-testid="account-connection"]').first();
  await account.waitFor();
  const masked = await account.locator('[data-testid="masked-secrets"]').textContent();
  assert.match(masked, /••••\w{4}/);
  const html = await page.content();
  assert.ok(!html.includes("linesim-channel-secret") && !html.includes("linesim-access-token"), "a secret reached the page");

  const url = page.locator('[data-testid="public-url"]');
  await url.fill("http://plain.example");
  await page.locator('[data-testid="save-public-url"]').click();
  await waitFor(async () => ((await page.locator('[data-testid="save-public-url-status"]').textContent()) ?? "").includes("https://"), {
    what: "the https-only error",
  });

  await url.fill("https://madoguchi-e2e.invalid/");
  await page.locator('[data-testid="save-public-url"]').click();
  await page.getByText("https://madoguchi-e2e.invalid/webhook").waitFor();
  await account.locator('[data-testid="connect-webhook"]').click();
  const result = account.locator('[data-testid="webhook-result"]');
  await waitFor(async () => ((await result.textContent()) ?? "").includes("トンネル"), { what: "the webhook test explained" });
  // LINE (the simulator) was told our endpoint.
  const res = await fetch(`${server.sim}/v2/bot/channel/webhook/endpoint`, { headers: { Authorization: "Bearer linesim-access-token" } });
  assert.equal((await res.json()).endpoint, "https://madoguchi-e2e.invalid/webhook");
  await screenshot(page, "52-settings-account-failed");

  // With a route to this server (what a running tunnel gives), the test succeeds.
  await server.simPost("/sim/webhook-url", { url: `${server.base}/webhook` });
  await account.locator('[data-testid="test-webhook"]').click();
  await waitFor(async () => ((await result.textContent()) ?? "").includes("接続できました"), { what: "the webhook test to succeed" });
  await screenshot(page, "52-settings-account-ok");

  await page.locator('[data-testid="channel-secret"]').fill("not-a-secret");
  await page.locator('[data-testid="access-token"]').fill("x".repeat(40));
  await page.locator('[data-testid="connect-account"]').click();
  await waitFor(async () => ((await page.locator('[data-testid="connect-account-status"]').textContent()) ?? "").includes("32 文字"), {
    what: "the channel-secret format error",
  });
});
