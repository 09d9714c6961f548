// The desktop as the hub's client, in the real window: a hub (`madoguchi-server serve
// --demo`, its LINE simulator in-process) on loopback with an owner member; the app
// starts as a shop's first run, the connect wizard's お店のハブにつなぐ pairs it with a
// code the owner made, and the app starts again as the hub's desk: the hub's customers in
// the list, the hub and the member in the header, the device token in the OS keyring
// only. Then the hub is killed: the offline banner appears at once and the composer
// refuses; the hub comes back on the same address and the banner clears by itself. The
// member's notification scope (自分の担当だけ) decides the desk's notifications too.
// Run by run.sh (tauri-driver, Xvfb, a private D-Bus session with a Secret Service).

import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import * as media from "../scenarios/customer-media.js";
import { SERVER, addMember, freePort, startHub } from "./hub.js";
import { run, screenshot, until, wd } from "./webdriver.js";

const APP = process.env.MADOGUCHI_APP_BIN;
const OWNER = { name: "店長", password: "window-hub-owner-2026" };

async function hubFetch(base, path, init = {}, token) {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

let hub = null;
const sessions = [];
after(async () => {
  for (const id of sessions) await wd("DELETE", `/session/${id}`).catch(() => {});
  if (hub && hub.exitCode === null) hub.kill("SIGKILL");
});

async function newWindow(args) {
  const created = await wd("POST", "/session", { capabilities: { alwaysMatch: { "tauri:options": { application: APP, args } } } });
  sessions.push(created.sessionId);
  return created.sessionId;
}

async function closeWindow(id) {
  await wd("DELETE", `/session/${id}`).catch(() => {});
  sessions.splice(sessions.indexOf(id), 1);
}

async function typeInto(id, testid, text) {
  const el = await until(`the ${testid} field`, async () => {
    const found = await wd("POST", `/session/${id}/elements`, { using: "css selector", value: `[data-testid="${testid}"]` });
    return found.length ? Object.values(found[0])[0] : null;
  });
  await wd("POST", `/session/${id}/element/${el}/clear`, {});
  await wd("POST", `/session/${id}/element/${el}/value`, { text });
  return el;
}

const click = (id, testid) => run(id, `const b = document.querySelector('[data-testid="${testid}"]'); if (!b) return false; b.click(); return true;`);

test("pair with the shop's hub in the connect wizard; its chats in the window; offline banner and a refusing composer while it is down", async () => {
  assert.ok(APP && existsSync(SERVER), `the app and ${SERVER} are built`);
  const root = mkdtempSync(join(tmpdir(), "madoguchi-hub-window-"));
  const hubData = join(root, "hub");
  const deskData = join(root, "desk");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;

  // The hub, with an owner who makes a pairing code for this PC.
  hub = await startHub(hubData, port, { log: "hub-client-hub.log" });
  addMember(hubData, { ...OWNER, role: "owner" });
  const login = await hubFetch(base, "/api/login", { method: "POST", body: JSON.stringify(OWNER) });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  const owner = login.body.token;
  const rpc = (method, params) => hubFetch(base, "/api/rpc", { method: "POST", body: JSON.stringify(params === undefined ? { method } : { method, params }) }, owner);
  const members = await rpc("listMembers");
  const me = members.body.data.find((m) => m.name === OWNER.name);
  const code = (await rpc("createPairingCode", { memberId: me.id })).body.data.code;
  assert.ok(code, "a pairing code");

  // A shop's first run: the wizard, お店のハブにつなぐ.
  let id = await newWindow(["--data-dir", deskData]);
  await until("the connect wizard's choice", () => run(id, `return !!document.querySelector('[data-testid="connect-mode-hub"]');`));
  await click(id, "connect-mode-hub");
  // Plain http to another machine is refused before anything is sent.
  await typeInto(id, "hub-address", "http://shop.example.jp");
  await typeInto(id, "hub-code", code);
  await click(id, "hub-connect");
  const refused = await until("the https rule", () => run(id, `const e = document.querySelector('[data-testid="hub-error"]'); return e && e.textContent;`));
  assert.match(refused, /https:\/\//, `the address rule is said: ${refused}`);
  // A wrong code: the hub's own words.
  await typeInto(id, "hub-address", base);
  await typeInto(id, "hub-code", "ZZZZ-ZZZZ");
  await click(id, "hub-connect");
  const wrong = await until("the hub's answer to a wrong code", () =>
    run(id, `const e = document.querySelector('[data-testid="hub-error"]'); return e && !/https/.test(e.textContent) && e.textContent;`),
  );
  assert.match(wrong, /コード|code/, `the hub's message: ${wrong}`);
  const device = await run(id, `return document.querySelector('[data-testid="hub-device"]').value;`);
  assert.ok(device.length > 0, "the device name is prefilled from this computer's name");
  await typeInto(id, "hub-code", code);
  await run(id, `document.querySelector('[data-testid="connect-mode-section"]').scrollIntoView(); return true;`);
  await screenshot(id, "desktop-hub-wizard.png");
  const pids = () => {
    try {
      return execFileSync("pgrep", ["-f", "--", `--data-dir ${deskData}`], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
    } catch {
      return [];
    }
  };
  const before = pids();
  await click(id, "hub-connect");
  await until("the app to start again as the hub's desk", () => run(id, `return !!document.querySelector('[data-testid="hub-restarting"]');`));
  const saved = JSON.parse(await until("connection.json", () => existsSync(join(deskData, "connection.json")) && readFileSync(join(deskData, "connection.json"), "utf8")));
  assert.deepEqual({ mode: saved.mode, address: saved.address, member: saved.member?.name }, { mode: "hub", address: base, member: OWNER.name });
  assert.deepEqual(Object.keys(saved).sort(), ["address", "member", "mode"], "the mode, the address and who paired; no token");

  // The relaunched app is outside WebDriver: stop it (once it is there, or it would hold
  // the single-instance lock against the next window), and open the window again.
  const relaunched = await until("the relaunched app", () => {
    const fresh = pids().filter((p) => !before.includes(p));
    return fresh.length ? fresh : null;
  });
  for (const pid of relaunched) process.kill(Number(pid), "SIGTERM");
  await until("the relaunched app to stop", () => !pids().some((p) => relaunched.includes(p)));
  await closeWindow(id);
  id = await newWindow(["--data-dir", deskData]);

  const rows = await until("the hub's chats in the list", async () => {
    const n = await run(id, `return document.querySelectorAll('[data-testid="conversation-row"]').length;`);
    return n >= 3 ? n : null;
  });
  assert.ok(rows >= 3, `the hub's customers are listed (${rows})`);
  const header = await until("the hub and the member in the header", () =>
    run(id, `const h = document.querySelector('[data-testid="signed-in-hub"]'); const s = document.querySelector('[data-testid="signed-in"]'); return h && s && s.textContent;`),
  );
  assert.ok(header.includes(`127.0.0.1:${port}`) && header.includes(OWNER.name), `the header says which hub and who: ${header}`);
  await run(id, `document.querySelector('[data-testid="conversation-row"]').click(); return true;`);
  await until("the chat's composer", () => run(id, `return !!document.querySelector('[data-testid="composer-input"]');`));
  await screenshot(id, "desktop-hub-client.png");

  // The token: in the Secret Service under the app's service, nowhere in the data folder.
  const items = execFileSync("secret-tool", ["search", "--all", "--unlock", "service", "jp.madoguchi.app"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const entry = items.split("\n\n").find((b) => b.includes(`hub/${base}/device-token`));
  assert.ok(entry, `the device token is in the keyring: ${items}`);
  const token = /secret = (\S+)/.exec(entry)?.[1];
  assert.ok(token && token.length >= 20, "the keyring holds a token");
  const grep = spawnSync("grep", ["-rlaF", "-e", token, deskData], { encoding: "utf8" });
  assert.equal(grep.status, 1, `the token was written to: ${grep.stdout}`);
  const page = await run(id, "return document.documentElement.outerHTML + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
  assert.ok(!page.includes(token), "the token reached the window");

  // A new customer writes to the hub: the list shows them and the desktop notifies
  // (the Notify call on this session's D-Bus, seen by a monitor).
  const monitor = spawn("dbus-monitor", ["--session", "interface='org.freedesktop.Notifications',member='Notify'"], { stdio: ["ignore", "pipe", "ignore"] });
  let notified = "";
  monitor.stdout.on("data", (d) => (notified += d));
  await new Promise((r) => setTimeout(r, 500));
  const sim = (path, body) => fetch(`${hub.linesim}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json());
  const customer = await sim("/sim/users", { displayName: "通知 確認" });
  const ping = `ハブからの通知テスト ${Date.now()}`;
  await sim(`/sim/users/${customer.userId ?? customer.user_id}/text`, { text: ping });
  await until("the new customer in the list", () =>
    run(id, `return [...document.querySelectorAll('[data-testid="conversation-row"]')].some((r) => r.textContent.includes("通知 確認"));`),
  );
  try {
    await until("a desktop notification of the hub's message", () => notified.includes(ping), 30_000);

    // The member's notification scope holds on the desk too (the hub's shouldNotify, the
    // browser's rule): with 自分の担当だけ a message in another member's chat does not
    // notify, one in the member's own chat does. The shell judges the hub's messages one
    // after another, so the own chat's Notify means the other's was judged and not shown.
    addMember(hubData, { name: "佐藤", role: "staff", password: "window-hub-staff-2026" });
    const sato = (await rpc("listMembers")).body.data.find((m) => m.name === "佐藤");
    const scope = await rpc("setMyNotifyScope", { scope: "mine" });
    assert.equal(scope.status, 200, JSON.stringify(scope.body));
    const chatOf = async (name) => {
      const c = await sim("/sim/users", { displayName: name });
      const userId = c.userId ?? c.user_id;
      await sim(`/sim/users/${userId}/text`, { text: "はじめまして" });
      const conversation = await until(`${name}'s chat on the hub`, async () =>
        (await rpc("listConversations", { limit: 100 })).body.data.items.find((x) => x.friend.lineUserId === userId),
      );
      return { userId, conversationId: conversation.id };
    };
    const others = await chatOf("佐藤さんの客");
    const mine = await chatOf("店長の客");
    for (const [chat, member] of [[others, sato.id], [mine, me.id]]) {
      const assigned = await rpc("assignConversation", { conversationId: chat.conversationId, memberId: member });
      assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    }
    const notMine = `佐藤さん宛て ${Date.now()}`;
    const forMe = `店長宛て ${Date.now()}`;
    await sim(`/sim/users/${others.userId}/text`, { text: notMine });
    await sim(`/sim/users/${mine.userId}/text`, { text: forMe });
    await until("a notification of the message in the member's own chat", () => notified.includes(forMe), 30_000);
    assert.ok(!notified.includes(notMine), "自分の担当だけ: no notification of another member's chat");
  } finally {
    monitor.kill();
  }

  // Customers' photo, video, voice message and file come from the hub through the
  // shell's media: scheme (the same checks as in solo mode); the file is saved from it.
  await until(`${media.CUSTOMER}'s chat`, () => run(id, media.OPEN_CHAT));
  const probe = await until("the chat's media from the hub", async () => {
    const p = await run(id, media.PROBE);
    return media.settled(p) ? p : null;
  });
  media.check(probe);
  assert.match(probe.image.src, /^(media:\/\/localhost|http:\/\/media\.localhost)\//, `media through the shell's scheme: ${probe.image.src}`);
  await run(id, `document.querySelector('[data-testid="message"][data-kind="file"] [data-testid="file-name"]').click(); return true;`);
  const status = await until("the file to be saved", () => run(id, `const s = document.querySelector('[data-testid="file-status"]'); return s && s.textContent.trim();`));
  const savedFile = status.replace(/^[^:：]*[:：]\s*/, "");
  assert.ok(existsSync(savedFile) && basename(savedFile).startsWith(media.FILE_NAME.replace(/\.pdf$/, "")), `saved from the hub: ${status}`);
  assert.equal(statSync(savedFile).size, media.FILE_SIZE, "the whole file came from the hub");
  // The Downloads folder is the suite's: the solo window's test saves the same name.
  unlinkSync(savedFile);

  // The hub goes down: the banner at once, and the composer refuses.
  hub.kill("SIGKILL");
  const killedAt = Date.now();
  const banner = await until("the offline banner", () => run(id, `const b = document.querySelector('[data-testid="hub-offline"]'); return b && b.textContent;`), 20_000);
  const seenAfter = Date.now() - killedAt;
  assert.match(banner, /ハブ（127\.0\.0\.1:\d+）に接続できません|Cannot reach the hub/, banner);
  assert.match(banner, /最終接続 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}|last contact/, `the time of last contact: ${banner}`);
  const text = `オフライン送信テスト ${Date.now()}`;
  await typeInto(id, "composer-input", text);
  await click(id, "send");
  const refusal = await until("the composer's refusal", () =>
    run(id, `const r = document.querySelector('[data-testid="composer-offline"][data-refused="true"]'); return r && r.textContent;`),
  );
  assert.match(refusal, /送信できません|Cannot send/, refusal);
  assert.equal(await run(id, `return document.querySelector('[data-testid="composer-input"]').value;`), text, "what was typed is kept");
  await screenshot(id, "desktop-hub-offline.png");
  console.log(`hub-client: banner ${seenAfter} ms after the hub was killed`);

  // Back on the same address: the banner clears by itself.
  // Restarted without new demo customers: a new simulator would replay its history.
  hub = await startHub(hubData, port, { friends: 0, log: "hub-client-hub.log" });
  const backAt = Date.now();
  await until("the banner to clear", () => run(id, `return !document.querySelector('[data-testid="hub-offline"]') && !document.querySelector('[data-testid="composer-offline"]');`), 30_000);
  console.log(`hub-client: banner cleared ${Date.now() - backAt} ms after the hub was back`);
  await screenshot(id, "desktop-hub-back.png");
  // No message was sent while it was down.
  const sent = await hubFetch(base, "/api/rpc", { method: "POST", body: JSON.stringify({ method: "searchMessages", params: { query: text } }) }, owner);
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  assert.ok(!JSON.stringify(sent.body).includes(text), "nothing was queued and sent later");

  // The history on this PC: Settings → このPCの控え copies the hub's backup now; the copy
  // opens read-only in the window (the hub's chats, a send refused), then back to the hub.
  await run(id, `location.hash = "#/settings/thisPc"; return true;`);
  const never = await until("the copies section", () => run(id, `const p = document.querySelector('[data-testid="pulled-last"]'); return p && p.textContent;`));
  assert.match(never, /まだ取り込んでいません|No copy yet/, never);
  await click(id, "pulled-now");
  const pulledAt = await until("the time of the copy", () =>
    run(id, `const p = document.querySelector('[data-testid="pulled-last"]'); return p && !/まだ|No copy/.test(p.textContent) && p.textContent;`),
  60_000);
  assert.match(pulledAt, /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/, `the time of the copy on the shop's clock: ${pulledAt}`);
  const copies = readdirSync(join(deskData, "hub-backups")).filter((n) => /^madoguchi-backup-.*\.tar\.zst$/.test(n));
  assert.equal(copies.length, 1, `one copy in the desk's folder: ${copies}`);
  assert.equal(await run(id, `return document.querySelectorAll('[data-testid="pulled-file"]').length;`), 1);
  await screenshot(id, "desktop-hub-copies.png");
  console.log(`hub-client: ${pulledAt}`);
  await click(id, "pulled-view");
  const copyBanner = await until("the copy's banner", () => run(id, `const b = document.querySelector('[data-testid="copy-banner"]'); return b && b.textContent;`));
  assert.match(copyBanner, /読み取り専用|read-only/, copyBanner);
  await run(id, `location.hash = "#/inbox"; return true;`);
  await until("the copy's chats", () =>
    run(id, `return [...document.querySelectorAll('[data-testid="conversation-row"]')].some((r) => r.textContent.includes("通知 確認"));`),
  );
  await run(id, `[...document.querySelectorAll('[data-testid="conversation-row"]')].find((r) => r.textContent.includes("通知 確認")).click(); return true;`);
  const inCopy = `控えからの送信 ${Date.now()}`;
  await typeInto(id, "composer-input", inCopy);
  await click(id, "send");
  const readOnly = await until("the copy refusing a send", () => run(id, `return document.body.innerText.includes("閲覧用に開いた控え") || document.body.innerText.includes("copy opened to look through");`));
  assert.ok(readOnly);
  await screenshot(id, "desktop-hub-copy-open.png");
  await click(id, "copy-back");
  await until("the banner gone, the hub's chats back", () => run(id, `return !document.querySelector('[data-testid="copy-banner"]') && document.querySelectorAll('[data-testid="conversation-row"]').length >= 3;`));
  const notSent = await hubFetch(base, "/api/rpc", { method: "POST", body: JSON.stringify({ method: "searchMessages", params: { query: inCopy } }) }, owner);
  assert.ok(!JSON.stringify(notSent.body).includes(inCopy), "nothing typed in the copy reached the hub");

  // A desk started while its hub is down opens as the member who paired, says the hub is
  // out of reach, and fills in by itself once the hub is back.
  hub.kill("SIGKILL");
  await closeWindow(id);
  id = await newWindow(["--data-dir", deskData]);
  const cold = await until("the window and its banner with the hub down", () =>
    run(id, `const b = document.querySelector('[data-testid="hub-offline"]'); const s = document.querySelector('[data-testid="signed-in"]'); return b && s && s.textContent;`),
  );
  assert.ok(cold.includes(OWNER.name), `named as the member who paired: ${cold}`);
  hub = await startHub(hubData, port, { friends: 0, log: "hub-client-hub.log" });
  await until("the banner to clear after a cold start", () => run(id, `return !document.querySelector('[data-testid="hub-offline"]');`), 30_000);
  await until("the hub's chats after a cold start", () => run(id, `return document.querySelectorAll('[data-testid="conversation-row"]').length >= 3;`), 30_000);

  // The owner revokes this PC on the hub: the wizard comes back, the keyring forgets the token.
  const devices = await rpc("listDevices");
  const desk = devices.body.data.find((d) => d.deviceName === device);
  assert.ok(desk, `this PC is listed on the hub: ${JSON.stringify(devices.body)}`);
  assert.equal((await rpc("revokeDevice", { deviceId: desk.id })).status, 200);
  const reason = await until("the wizard after the revocation", () =>
    run(id, `const w = document.querySelector('[data-testid="hub-wizard"]'); const r = document.querySelector('[data-testid="hub-wizard-reason"]'); return w && r && r.textContent;`),
  );
  assert.match(reason, /取り消しました|signed this PC out/, reason);
  const kept = await until("the address filled in", () => run(id, `const a = document.querySelector('[data-testid="hub-address"]'); return a && a.value;`), 10_000);
  assert.equal(kept, base, "the address stays filled in");
  const left = spawnSync("secret-tool", ["search", "--all", "--unlock", "service", "jp.madoguchi.app"], { encoding: "utf8" });
  assert.ok(!left.stdout.includes(`hub/${base}/device-token`), `the token is gone from the keyring: ${left.stdout}`);
  await screenshot(id, "desktop-hub-revoked.png");
});
