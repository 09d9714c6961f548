// Members (issue 25): on a shop with members the browser signs in. A staff member signs
// in and does not see the owner's Settings; the owner opens メンバー, makes a pairing code
// and a 375 px phone joins with it; the owner revokes the phone and it is back at the
// sign-in screen; a wrong password and a refused member change are told in Japanese.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import { launchBrowser, screenshot, startServer, waitFor } from "../lib/harness.js";

const OWNER = { name: "店長", role: "owner", password: "tencho-pass-2026" };
const STAFF = { name: "佐藤", role: "staff", password: "sato-pass-2026" };
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const OWNER_ONLY_SECTIONS = ["payment", "account", "backup", "members", "history"];
const EVERYONES_SECTIONS = ["general", "hours", "autoreply", "phone"];

let server;
const browsers = {};
before(async () => {
  server = await startServer("73-members", { members: [OWNER, STAFF] });
  browsers.staff = await launchBrowser("73-staff");
  // The owner's machine is set to another zone: times shown must still be the shop's.
  browsers.owner = await launchBrowser("73-owner", { timezoneId: "America/Los_Angeles" });
});
after(async () => {
  for (const b of Object.values(browsers)) await b.close().catch(() => {});
  await server?.stop();
});

/** Critical and serious axe violations of the page as it is. */
async function axe(page) {
  // Through the DevTools protocol: the app's CSP (script-src 'self') does not apply.
  await page.evaluate(`${AXE}\n;void 0`);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "critical" || v.impact === "serious");
}

const signInScreen = (page) => page.locator('[data-testid="signin"]');

async function signInWithPassword(page, { name, password }) {
  await page.locator('[data-testid="signin-name"]').fill(name);
  await page.locator('[data-testid="signin-password"]').fill(password);
  await page.locator('[data-testid="signin-submit"]').click();
}

async function waitForInbox(page) {
  await waitFor(async () => (await page.locator('[data-testid="conversation-row"]').count()) > 0, { what: "the inbox's chats" });
}

async function settingsSections(page) {
  await page.evaluate(() => (window.location.hash = "#/settings/general"));
  await page.locator('[data-testid="settings-view"]').waitFor();
  return page.locator('[data-testid^="settings-nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-testid").slice("settings-nav-".length)));
}

test("the printed token is refused once members exist, and a wrong password is told", async () => {
  const { page } = browsers.staff;
  await page.goto(server.url);
  await signInScreen(page).waitFor();
  // The name field has focus: the person can type at once.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "signin-name");
  assert.equal(await page.evaluate(() => sessionStorage.getItem("madoguchi.token")), null, "the refused printed token is forgotten");
  assert.match(await page.locator('[data-testid="signin-reason"]').textContent(), /メンバーが登録されている/);

  await signInWithPassword(page, { name: STAFF.name, password: "not-the-password" });
  const error = page.locator('[data-testid="signin-error"]');
  await waitFor(async () => ((await error.textContent()) ?? "").includes("名前またはパスワードが違います"), { what: "the wrong-login message" });
  assert.equal(await page.locator('[data-testid="signin-password"]').inputValue(), "", "the wrong password is cleared");
  assert.deepEqual(await axe(page), [], "axe on the sign-in screen");
  await screenshot(page, "25-signin");
});

test("a staff member signs in, stays signed in, and sees no owner-only settings", async () => {
  const { page } = browsers.staff;
  await signInWithPassword(page, STAFF);
  await waitForInbox(page);
  const who = await page.locator('[data-testid="signed-in"]').textContent();
  assert.ok(who.includes("佐藤") && who.includes("スタッフ"), `the header names the member: ${who}`);
  assert.ok(await page.evaluate(() => localStorage.getItem("madoguchi.deviceToken")), "the device token is in localStorage");

  // What the staff member's screens ask for: none of it may be refused as owner-only.
  const refused = [];
  page.on("response", (r) => {
    if (r.status() === 403) refused.push(r.request().postData() ?? r.url());
  });
  // A reload (or a browser restart: localStorage) keeps the member signed in.
  await page.reload();
  await waitForInbox(page);
  for (const view of ["customers", "templates", "calendar"]) {
    await page.evaluate((h) => (window.location.hash = h), `#/${view}`);
    await page.locator(`nav a[aria-current="page"][href="#/${view}"]`).waitFor();
    await page.locator("main").first().waitFor();
  }
  const sections = await settingsSections(page);
  assert.deepEqual(sections, EVERYONES_SECTIONS, "staff sees only the sections staff may use");
  for (const id of OWNER_ONLY_SECTIONS) {
    await page.evaluate((h) => (window.location.hash = h), `#/settings/${id}`);
    await page.locator('[data-testid="settings-nav-general"][aria-current="page"]').waitFor();
  }
  await page.evaluate(() => (window.location.hash = "#/settings/hours"));
  await page.locator('[data-testid="settings-nav-hours"][aria-current="page"]').waitFor();
  assert.deepEqual(refused, [], "a staff screen called an owner-only method");
  // And the server agrees: an owner method answers 403 for this token.
  const status = await page.evaluate(async () => {
    const res = await fetch("/api/rpc", {
      method: "POST",
      headers: { Authorization: `Bearer ${localStorage.getItem("madoguchi.deviceToken")}`, "Content-Type": "application/json" },
      body: JSON.stringify({ method: "listMembers" }),
    });
    return [res.status, (await res.json()).messageJa];
  });
  assert.deepEqual(status, [403, "この操作は管理者だけができます"]);
  await screenshot(page, "25-staff-settings");
});

let pairing;
test("the owner opens メンバー: members, a refused change, a hostile name, a pairing code in shop time", async () => {
  const { page } = browsers.owner;
  await page.goto(`${server.base}/`);
  await signInScreen(page).waitFor();
  await signInWithPassword(page, OWNER);
  await waitForInbox(page);
  assert.deepEqual(await settingsSections(page), [...EVERYONES_SECTIONS, ...OWNER_ONLY_SECTIONS]);
  await page.locator('[data-testid="settings-nav-members"]').click();
  const rows = page.locator('[data-testid="member-row"]');
  await waitFor(async () => (await rows.count()) === 2, { what: "two members listed" });
  const row = (name) => rows.filter({ has: page.locator('[data-testid="member-name-text"]', { hasText: name }) });
  assert.equal(await row(OWNER.name).locator('[data-testid="member-role-badge"]').textContent(), "管理者");
  assert.equal(await row(STAFF.name).locator('[data-testid="member-role-badge"]').textContent(), "スタッフ");

  // The last owner cannot go: the server's words are shown in the row.
  await row(OWNER.name).locator('[data-testid="member-remove"]').click();
  await row(OWNER.name).locator('[data-testid="member-remove-confirm"]').click();
  await waitFor(async () => ((await row(OWNER.name).locator('[data-testid="member-error"]').textContent().catch(() => "")) ?? "").includes("管理者が一人もいなくなります"), {
    what: "the last-owner refusal",
  });
  assert.equal(await rows.count(), 2);

  // Adding: a short password is refused as the server says; a hostile name stays text.
  const hostile = `<img src=x onerror="window.__pwned=1">山田`;
  await page.locator('[data-testid="member-add"]').click();
  const dialog = page.locator('[data-testid="member-add-dialog"]');
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "member-name", "the dialog takes focus");
  await dialog.locator('[data-testid="member-name"]').fill(hostile);
  await dialog.locator('[data-testid="member-password"]').fill("short");
  await dialog.locator('[data-testid="member-add-submit"]').click();
  await waitFor(async () => ((await dialog.locator('[data-testid="member-add-error"]').textContent()) ?? "").length > 0, { what: "the password refusal" });
  assert.match(await dialog.locator('[data-testid="member-add-error"]').textContent(), /8/);
  await dialog.locator('[data-testid="member-password"]').fill("");
  await dialog.locator('[data-testid="member-add-submit"]').click();
  await dialog.waitFor({ state: "detached" });
  await waitFor(async () => (await rows.count()) === 3, { what: "the new member listed" });
  assert.equal(await row("山田").locator('[data-testid="member-name-text"]').textContent(), hostile);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "a member's name ran as HTML");

  assert.deepEqual(await axe(page), [], "axe on the members page");
  await screenshot(page, "25-members");

  // A pairing code for the staff member, its expiry on the shop's clock (Tokyo), not the PC's.
  const before = Date.now();
  await row(STAFF.name).locator('[data-testid="member-pairing"]').click();
  const code = page.locator('[data-testid="pairing-code"]');
  await code.waitFor();
  pairing = (await code.textContent()).trim();
  assert.match(pairing, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const expiry = await page.locator('[data-testid="pairing-expiry"]').textContent();
  const tokyo = (ms) => new Intl.DateTimeFormat("ja-JP", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Asia/Tokyo" }).format(ms);
  const expected = [0, 1, 2].map((m) => `${tokyo(before + 10 * 60_000 + m * 60_000)} まで有効`).concat(`${tokyo(before + 9 * 60_000)} まで有効`);
  assert.ok(expected.includes(expiry), `expiry ${expiry} is ten minutes from now in Tokyo (${expected.join(" / ")})`);
  await screenshot(page, "25-pairing-code");
});

test("a 375 px phone joins with the code and reaches the inbox", async () => {
  browsers.phone = await launchBrowser("73-phone");
  const { page, pageErrors } = browsers.phone;
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${server.base}/`);
  await signInScreen(page).waitFor();
  await page.locator('[data-testid="signin-use-code"]').click();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "signin-code", "the code field has focus");
  assert.ok((await page.locator('[data-testid="signin-device"]').inputValue()).length > 0, "a device name is guessed");
  // Typed as a phone would: lower case, a space for the hyphen.
  await page.locator('[data-testid="signin-code"]').fill(pairing.toLowerCase().replace("-", " "));
  await page.locator('[data-testid="signin-device"]').fill("佐藤のiPhone");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the sign-in screen fits 375 px (overflows by ${overflow} px)`);
  assert.deepEqual(await axe(page), [], "axe on the code form");
  await screenshot(page, "25-signin-phone");
  await page.locator('[data-testid="signin-join"]').click();
  await waitForInbox(page);
  assert.deepEqual(pageErrors, []);
});

test("the owner revokes the phone and it returns to the sign-in screen", async () => {
  const owner = browsers.owner.page;
  // Escape closes the pairing dialog; the list of devices is read again.
  await owner.keyboard.press("Escape");
  await owner.locator('[data-testid="pairing-dialog"]').waitFor({ state: "detached" });
  const phoneRow = owner.locator('[data-testid="device-row"]').filter({ has: owner.locator('[data-testid="device-name"]', { hasText: "佐藤のiPhone" }) });
  await phoneRow.waitFor();
  await phoneRow.locator('[data-testid="device-revoke"]').click();
  await phoneRow.locator('[data-testid="device-revoke-confirm"]').click();
  await waitFor(async () => (await owner.locator('[data-testid="devices-status"]').textContent()) === "取り消しました", { what: "the revoke to be confirmed" });
  await phoneRow.waitFor({ state: "detached" });

  // The phone does nothing: its event stream is closed and it finds out by itself.
  const phone = browsers.phone.page;
  await signInScreen(phone).waitFor();
  const reason = await phone.locator('[data-testid="signin-reason"]').textContent();
  assert.ok(reason.includes("この端末のログインが取り消されました"), `the reason is told: ${reason}`);
  assert.equal(await phone.evaluate(() => localStorage.getItem("madoguchi.deviceToken")), null, "the revoked token is forgotten");
  await screenshot(phone, "25-revoked-phone");

  // The staff member's own sign-in on the PC is untouched.
  const staff = browsers.staff.page;
  await staff.evaluate(() => (window.location.hash = "#/inbox"));
  await waitForInbox(staff);
  assert.equal(await signInScreen(staff).count(), 0);
});

test("ログアウト signs the member out and back to the sign-in screen", async () => {
  const { page } = browsers.staff;
  await page.locator('[data-testid="sign-out"]').click();
  await signInScreen(page).waitFor();
  assert.equal(await page.locator('[data-testid="signin-reason"]').textContent(), "ログアウトしました。");
  assert.equal(await page.evaluate(() => localStorage.getItem("madoguchi.deviceToken")), null);
  await page.reload();
  await signInScreen(page).waitFor();
});
