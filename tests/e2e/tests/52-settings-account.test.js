// Settings → アカウント: the connected account shows only masked credentials; the public
// address must be https; the one webhook button sets LINE's endpoint and explains the
// failed test in plain Japanese; the wizard refuses a malformed channel secret. A
// first run with no credentials opens the wizard by itself.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { openInbox, REPO, screenshot, useEnv, waitFor } from "../lib/harness.js";

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

// First run: a server with no LINE credentials at all opens the wizard by itself. Its
// secrets come from the environment (headless), so the wizard checks the token with LINE
// (here the demo's simulator) and then says plainly where the credentials must go.
test("first run without credentials opens the wizard; headless explains where secrets go", async () => {
  const { context, server } = env();
  const dataDir = mkdtempSync(join(tmpdir(), "madoguchi-e2e-firstrun-"));
  const token = "e2e-first-run-session-token-0123456789";
  const childEnv = { ...process.env, MADOGUCHI_SESSION_TOKEN: token, LINE_API_BASE: server.sim, LINE_API_DATA_BASE: server.sim, NO_COLOR: "1" };
  delete childEnv.LINE_CHANNEL_SECRET;
  delete childEnv.LINE_CHANNEL_ACCESS_TOKEN;
  delete childEnv.MADOGUCHI_DATA_DIR;
  const child = spawn(join(REPO, "target", "debug", "madoguchi-server"), ["serve", "--data-dir", dataDir, "--listen", "127.0.0.1:0", "--ui-dir", join(REPO, "ui", "dist")], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "ignore"],
    env: childEnv,
  });
  const exited = new Promise((r) => child.once("exit", r));
  const page = await context.newPage();
  try {
    let out = "";
    child.stdout.on("data", (d) => (out += d.toString("utf8")));
    const url = await waitFor(() => /^MADOGUCHI_URL=(.*)$/m.exec(out)?.[1], { what: "the first-run server's URL" });
    await page.goto(url);
    await waitFor(async () => page.url().includes("#/settings/account"), { what: "the wizard to open by itself" });
    await page.locator('[data-testid="connect-wizard"]').waitFor();
    await page.locator('[data-testid="header-connect"]').waitFor();
    assert.equal(await page.locator('[data-testid="quota-meter"]').count(), 0, "no quota without credentials");
    await screenshot(page, "52-first-run-wizard");

    await page.locator('[data-testid="channel-secret"]').fill("0123456789abcdef0123456789abcdef");
    await page.locator('[data-testid="access-token"]').fill("wrong-token-for-the-simulator-xyz");
    await page.locator('[data-testid="connect-account"]').click();
    const status = page.locator('[data-testid="connect-account-status"]');
    await waitFor(async () => ((await status.textContent()) ?? "").includes("受け付けませんでした"), { what: "LINE refusing the token" });
    await page.locator('[data-testid="access-token"]').fill("linesim-access-token");
    await page.locator('[data-testid="connect-account"]').click();
    await waitFor(async () => ((await status.textContent()) ?? "").includes("LINE_CHANNEL_SECRET"), { what: "the headless explanation" });
  } finally {
    await page.close();
    child.kill("SIGINT");
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
