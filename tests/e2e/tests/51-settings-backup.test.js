// Settings → バックアップ: choose a folder, turn daily backups on (today's is made at
// once), back up now twice with "keep 2" and see the list rotate; export the messages as
// CSV for Excel; the restore command names the newest file.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("51-settings-backup");
const folder = mkdtempSync(join(tmpdir(), "madoguchi-e2e-backups-"));
after(() => rmSync(folder, { recursive: true, force: true }));

const backups = () => readdirSync(folder).filter((n) => n.startsWith("madoguchi-backup-") && n.endsWith(".tar.zst")).sort();

async function saved(page, testId, done = "保存しました") {
  await waitFor(async () => (await page.locator(`[data-testid="${testId}-status"]`).textContent()) === done, {
    what: `${testId} to finish`,
  });
}

test("daily backups to a folder, back up now with rotation, CSV export and the restore command", async () => {
  const { page, server } = env();
  await openInbox(page, server);
  await page.goto(`${server.base}/#/settings/backup`);
  await page.locator('[data-testid="settings-backup"]').waitFor();
  assert.equal(await page.locator('[data-testid="backup-file"]').count(), 0);

  await page.locator('[data-testid="backup-folder"]').fill(folder);
  await page.locator('[data-testid="backup-keep"]').fill("2");
  await page.locator('[data-testid="backup-enabled"]').check();
  await page.locator('[data-testid="save-backup"]').click();
  await saved(page, "save-backup");
  // Turning it on makes today's backup without waiting for the daily check.
  await waitFor(() => backups().length === 1, { what: "today's automatic backup in the folder" });
  const automatic = backups()[0];

  for (let i = 0; i < 2; i++) {
    await page.locator('[data-testid="backup-now"]').click();
    await saved(page, "backup-now", "バックアップしました");
  }
  // Three made, two kept: the oldest (the automatic one) was rotated out.
  await waitFor(() => backups().length === 2 && !backups().includes(automatic), { what: `rotation to the last 2 (${backups()})` });
  const rows = page.locator('[data-testid="backup-file"]');
  await waitFor(async () => (await rows.count()) === 2, { what: "two backups listed" });
  const newest = backups().at(-1);
  assert.ok((await rows.first().textContent()).includes(newest), "the newest backup is listed first");
  assert.match(await rows.first().textContent(), /\d+(\.\d)? (KB|MB)/, "with its size");
  assert.ok((await page.locator('[data-testid="restore-command"]').textContent()).includes(`madoguchi-server restore --from "${join(folder, newest)}"`));

  await page.locator('[data-testid="export-csv"]').click();
  const result = page.locator('[data-testid="export-result"]');
  await waitFor(async () => ((await result.textContent()) ?? "").includes("件を書き出しました"), { what: "the CSV export" });
  const csvName = readdirSync(folder).find((n) => n.endsWith(".csv"));
  assert.ok(csvName, "the CSV file is in the folder");
  const bytes = readFileSync(join(folder, csvName));
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM for Excel");
  const text = bytes.subarray(3).toString("utf8");
  assert.ok(text.startsWith("メッセージID,日時,"), text.slice(0, 80));
  const status = await server.rpc({ method: "getBackupStatus" });
  assert.equal(status.files.length, 2);
  await screenshot(page, "51-settings-backup");
});
