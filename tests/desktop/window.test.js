// The real window: tauri-driver (with Debian's WebKitWebDriver) starts Madoguchi in demo
// mode. The inbox shows the seeded customers; a chat with a photo, a video, a voice
// message and a file shows each of them loaded (tests/scenarios, shared with the
// Chromium suite), and the file is saved into Downloads under the customer's name.
// Spoken in plain W3C WebDriver over HTTP: nothing to install from npm. Run by run.sh
// under Xvfb and a private D-Bus session.

import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import * as media from "../scenarios/customer-media.js";
import { DRIVER, OUTPUT, WAIT_MS, run, screenshot, until, wd } from "./webdriver.js";
import * as bookFromChat from "../scenarios/book-from-chat.js";
import * as editMenu from "../scenarios/edit-menu.js";
import * as replyUndo from "../scenarios/reply-undo.js";
import { runSteps } from "../scenarios/runners/webdriver.js";

const APP = process.env.MADOGUCHI_APP_BIN;



/** One window for the whole file: a debug WebKit start costs seconds on two cores. */
let session = null;
async function windowSession() {
  assert.ok(APP, "MADOGUCHI_APP_BIN is set");
  if (!session) {
    const created = await wd("POST", "/session", {
      capabilities: { alwaysMatch: { "tauri:options": { application: APP, args: ["--demo"] } } },
    });
    session = created.sessionId;
  }
  return session;
}
after(async () => {
  if (session) await wd("DELETE", `/session/${session}`).catch(() => {});
});



test("the desktop window opens on the inbox with the demo shop's customers", async () => {
  const id = await windowSession();
  const findAll = (css) => wd("POST", `/session/${id}/elements`, { using: "css selector", value: css });
  const rows = await until("conversation rows", async () => {
    const found = await findAll('[data-testid="conversation-row"]');
    return found.length >= 5 ? found : null;
  });
  assert.ok(rows.length >= 5, `the seeded customers are listed (${rows.length})`);
  const title = await wd("GET", `/session/${id}/title`);
  assert.match(title, /窓口|Madoguchi/);
  // The window's content came from the app's own bundle through IPC, not a server.
  const proto = await run(id, "return window.location.protocol");
  assert.ok(proto === "tauri:" || proto === "http:", `loaded from the app bundle (${proto})`);
  await screenshot(id, "desktop-inbox.png");
});

test("a customer's photo, video, voice message and file load in the window; the file is saved and opened", async () => {
  const id = await windowSession();
  await until(`${media.CUSTOMER}'s chat in the list`, () => run(id, media.OPEN_CHAT));
  const probe = await until("the chat's media to load or fail", async () => {
    const p = await run(id, media.PROBE);
    return media.settled(p) ? p : null;
  });
  await screenshot(id, "desktop-media-thread.png");
  media.check(probe);
  assert.match(probe.image.src, /^(media:\/\/localhost|http:\/\/media\.localhost)\//, `the window loads media from its own scheme: ${probe.image.src}`);

  // No download manager in a webview: the shell saves the file under its own name.
  await run(id, `document.querySelector('[data-testid="message"][data-kind="file"] [data-testid="file-name"]').click(); return true;`);
  const status = await until("the file to be saved", async () => {
    const text = await run(id, `const s = document.querySelector('[data-testid="file-status"]'); return s && s.textContent.trim();`);
    return text || null;
  });
  const saved = status.replace(/^[^:：]*[:：]\s*/, "");
  assert.ok(existsSync(saved), `the status names a saved file that exists: ${status}`);
  assert.equal(basename(saved), media.FILE_NAME, "saved under the customer's file name");
  assert.equal(statSync(saved).size, media.FILE_SIZE, "the whole file was saved");
  if (process.env.MADOGUCHI_DOWNLOADS) {
    assert.equal(join(saved, ".."), process.env.MADOGUCHI_DOWNLOADS, "saved into the Downloads folder");
  }
  await run(id, `document.querySelector('[data-testid="file-status"]').scrollIntoView({ block: "end" }); return true;`);
  await screenshot(id, "desktop-media-file-saved.png");
});

test("reply to a customer, take a wrong message back with 取り消す, send the right one", async () => {
  const id = await windowSession();
  await runSteps(replyUndo.steps(`window-${Date.now()}`), { wd, session: id, until, output: OUTPUT, prefix: "desktop-" });
});

test("book a customer from their chat; the booking shows in their panel", async () => {
  const id = await windowSession();
  await runSteps(bookFromChat.steps(), { wd, session: id, until, output: OUTPUT, prefix: "desktop-" });
});

test("change a menu's price in 予約設定; it stays changed after a reload", async () => {
  const id = await windowSession();
  await runSteps(editMenu.steps(), { wd, session: id, until, output: OUTPUT, prefix: "desktop-" });
});

/** Runs one query on a store's SQLite file with Debian's sqlite3 (read-only). */
function sql(dir, query) {
  return execFileSync("sqlite3", ["-readonly", join(dir, "madoguchi.db"), query], { encoding: "utf8" }).trim();
}

// Last in this file: the restore ends this window and starts the app again on the
// restored data, outside the WebDriver session.
test("restore from a backup in Settings: see what it holds, confirm, the app starts again on it", async () => {
  const id = await windowSession();
  const folder = mkdtempSync(join(tmpdir(), "madoguchi-window-backups-"));
  await run(id, `location.hash = "#/settings/backup"; return true;`);
  const setField = async (testid, value) => {
    const el = await until(`the ${testid} field`, async () => {
      const found = await wd("POST", `/session/${id}/elements`, { using: "css selector", value: `[data-testid="${testid}"]` });
      return found.length ? Object.values(found[0])[0] : null;
    });
    await wd("POST", `/session/${id}/element/${el}/clear`, {});
    await wd("POST", `/session/${id}/element/${el}/value`, { text: value });
  };
  const click = (testid) => run(id, `const b = document.querySelector('[data-testid="${testid}"]'); if (!b) return false; b.click(); return true;`);
  await setField("backup-folder", folder);
  await until("save", () => click("save-backup"));
  await until("the folder to be saved", () => run(id, `return !!document.querySelector('[data-testid="backup-now"]');`));
  await until("back up now", () => click("backup-now"));
  const listed = await until("the backup in the list", () => run(id, `return document.querySelectorAll('[data-testid="restore-from"]').length;`));
  assert.equal(listed, 1, "one backup listed to restore from");

  // Something the backup does not hold: a message sent after it.
  const after = `復元テスト: バックアップ後に送信 [${Date.now()}]`;
  await run(id, `location.hash = "#/inbox"; return true;`);
  await runSteps(
    [
      { do: "openChat", name: media.CUSTOMER },
      { do: "type", testid: "composer-input", text: after },
      { do: "enter", testid: "composer-input" },
    ],
    { wd, session: id, until },
  );
  await until("the message to be stored", () =>
    run(id, `return [...document.querySelectorAll('[data-testid="message-text"]')].some((m) => m.textContent === ${JSON.stringify(after)});`),
  );

  await run(id, `location.hash = "#/settings/backup"; return true;`);
  await until("choose the backup", () => click("restore-from"));
  const counts = await until("the backup's summary", () =>
    run(id, `const c = document.querySelector('[data-testid="restore-counts"]'); return c && c.textContent;`),
  );
  assert.match(counts, /友だち \d+ 人・メッセージ \d+ 件/, `the summary says what the backup holds: ${counts}`);
  await run(id, `document.querySelector('[data-testid="restore-summary"]').scrollIntoView({ block: "center" }); return true;`);
  await screenshot(id, "desktop-restore-summary.png");

  const dataDir = readdirSync(tmpdir())
    .filter((n) => n.startsWith("madoguchi-demo-") && !n.includes("-before-restore-"))
    .map((n) => join(tmpdir(), n))
    .find((d) => existsSync(join(d, "madoguchi.db")) && sql(d, `SELECT count(*) FROM messages WHERE text = '${after}'`) === "1");
  assert.ok(dataDir, "found this window's demo data folder (TMPDIR)");

  await click("restore-confirm");
  const previous = await until("the current data to be kept as a dated folder", () =>
    readdirSync(tmpdir()).find((n) => n.startsWith(`${basename(dataDir)}-before-restore-`)) ?? null,
  );
  await until("the restored store in the data folder", () => existsSync(join(dataDir, "madoguchi.db")));
  assert.equal(sql(join(tmpdir(), previous), `SELECT count(*) FROM messages WHERE text = '${after}'`), "1", "the data from before the restore is kept whole");
  assert.equal(sql(dataDir, `SELECT count(*) FROM messages WHERE text = '${after}'`), "0", "the data folder holds the backup");
  // The app started again on the restored folder; stop it (it is not under WebDriver).
  const relaunched = await until("the app to start again on the restored data", () => {
    try {
      return execFileSync("pgrep", ["-f", "--", `--data-dir ${dataDir}`], { encoding: "utf8" }).trim() || null;
    } catch {
      return null;
    }
  });
  for (const pid of relaunched.split("\n")) process.kill(Number(pid), "SIGTERM");
  // The driver still counts the window it launched as a session.
  await wd("DELETE", `/session/${id}`).catch(() => {});
  session = null;
});

// After the demo's window is gone (the restore above ended it): the app as a shop first
// runs it, no --demo, a fresh data folder, LINE's API at the simulator run.sh started.
test("first run: the connect wizard stores the channel secret and token in the OS keyring, nowhere else", async () => {
  const secret = process.env.MADOGUCHI_TEST_LINE_SECRET;
  const token = process.env.MADOGUCHI_TEST_LINE_TOKEN;
  assert.ok(secret && token && process.env.LINE_API_BASE, "run.sh started the LINE simulator");
  const created = await wd("POST", "/session", {
    capabilities: { alwaysMatch: { "tauri:options": { application: APP, args: [] } } },
  });
  const id = created.sessionId;
  try {
    const field = async (testid) =>
      Object.values(await until(`the ${testid} field`, () => wd("POST", `/session/${id}/element`, { using: "css selector", value: `[data-testid="${testid}"]` })))[0];
    // このPCだけ is the first run's choice, and says what it costs (under the card's h3).
    const notice = await until("このPCだけ's notice", () => run(id, `const n = document.querySelector('[data-testid="connect-mode-section"] [data-testid="solo-notice"]'); return n && n.querySelector("h4")?.textContent;`));
    assert.match(notice, /このPCだけ|this PC only/, notice);
    await run(id, `document.querySelector('[data-testid="connect-mode-section"]').scrollIntoView(); return true;`);
    await screenshot(id, "desktop-first-run-solo-notice.png");
    await wd("POST", `/session/${id}/element/${await field("channel-secret")}/value`, { text: secret });
    await wd("POST", `/session/${id}/element/${await field("access-token")}/value`, { text: token });
    await run(id, `document.querySelector('[data-testid="connect-account"]').click(); return true;`);
    // Connected: the account is listed with only the last characters of each credential.
    const masked = await until("the connected account", () =>
      run(id, `const m = document.querySelector('[data-testid="account-connection"] [data-testid="masked-secrets"]'); return m && m.textContent;`),
    );
    assert.ok(masked.includes(`••••${secret.slice(-4)}`) && masked.includes(`••••${token.slice(-4)}`), `shown masked: ${masked}`);
    const page = await run(id, "return document.documentElement.outerHTML");
    assert.ok(!page.includes(secret) && !page.includes(token), "a credential reached the page");
    await screenshot(id, "desktop-connect-wizard.png");

    // In the Secret Service under the app's own service name…
    const items = execFileSync("secret-tool", ["search", "--all", "--unlock", "service", "jp.madoguchi.app"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    assert.ok(items.includes(`secret = ${secret}`), "the channel secret is in the keyring");
    assert.ok(items.includes(`secret = ${token}`), "the access token is in the keyring");
    // …and not in the store, its WAL or anything else the app wrote.
    const dataDir = join(process.env.XDG_DATA_HOME, "jp.madoguchi.desktop");
    assert.ok(existsSync(join(dataDir, "madoguchi.db")), `the app's store is in ${dataDir}`);
    const grep = spawnSync("grep", ["-rlaF", "-e", secret, "-e", token, dataDir], { encoding: "utf8" });
    assert.equal(grep.status, 1, `secrets found in: ${grep.stdout}${grep.stderr}`);
  } finally {
    await screenshot(id, "desktop-connect-wizard-end.png").catch(() => {});
    await wd("DELETE", `/session/${id}`).catch(() => {});
  }
});
