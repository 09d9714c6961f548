// Keyboard (issue 22, items 14 and 15): opening a chat puts focus in its composer, a skip
// link leads there, Alt+↓/Alt+↑ open the next/previous chat (not while the IME composes);
// Enter saves 管理用の名前 and 新しいタグ名, but never the Enter that confirms a conversion.
import assert from "node:assert/strict";
import { test } from "node:test";
import { listRows, newCustomer, openConversation, openInbox, row, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("60-keyboard");

const activeTestId = (page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null);
const openThreadId = (page) => page.locator('[data-testid="thread"]').getAttribute("data-conversation-id").then(Number);

/** Keydowns as an IME sends them while composing (isComposing, keyCode 229), then a plain one. */
function imeKeydown(locator, init) {
  return locator.evaluate((el, init) => {
    el.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true, data: "" }));
    const ev = new KeyboardEvent("keydown", { bubbles: true, cancelable: true, isComposing: true, keyCode: 229, which: 229, ...init });
    el.dispatchEvent(ev);
    el.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, data: "" }));
    return ev.defaultPrevented;
  }, init);
}

test("Enter on a chat row puts focus in its composer; the skip link leads there too", async () => {
  const { page, server } = env();
  await openInbox(page, server, { minRows: 24 });
  const [first] = await listRows(page);
  await row(page, first.id).focus();
  await page.keyboard.press("Enter");
  await page.locator(`[data-testid="thread"][data-conversation-id="${first.id}"]`).waitFor();
  await waitFor(async () => (await activeTestId(page)) === "composer-input", { what: "focus in the composer after Enter on a row" });

  // Back on the list, the skip link (shown when focused) jumps to the message box.
  await row(page, first.id).focus();
  const skip = page.locator('[data-testid="skip-to-composer"]');
  await skip.focus();
  assert.ok(await skip.isVisible(), "the skip link shows when it has focus");
  assert.equal(await skip.textContent(), "メッセージ入力へ移動");
  await screenshot(page, "60-keyboard-skip-link");
  await page.keyboard.press("Enter");
  await waitFor(async () => (await activeTestId(page)) === "composer-input", { what: "focus in the composer after the skip link" });
});

test("Alt+↓ / Alt+↑ open the next / previous chat, not while the IME composes", async () => {
  const { page, server } = env();
  await openInbox(page, server, { minRows: 24 });
  const rows = await listRows(page);
  await openConversation(page, rows[0].id);
  const composer = page.locator('[data-testid="composer-input"]');
  await composer.focus();

  // Simulated customers keep writing, so the order is read just before each press.
  const press = async (key, step) => {
    const order = (await listRows(page)).map((r) => r.id);
    const expected = order[order.indexOf(await openThreadId(page)) + step];
    await page.keyboard.press(key);
    await waitFor(async () => (await openThreadId(page)) === expected, { what: `${key} to open chat ${expected}` });
    await waitFor(async () => (await activeTestId(page)) === "composer-input", { what: `focus in chat ${expected}'s composer` });
    return expected;
  };
  await press("Alt+ArrowDown", 1);
  await press("Alt+ArrowDown", 1);
  const back = await press("Alt+ArrowUp", -1);

  // While converting kana, Alt+↓ belongs to the IME.
  await page.locator('[data-testid="composer-input"]').focus();
  await imeKeydown(page.locator('[data-testid="composer-input"]'), { key: "ArrowDown", code: "ArrowDown", altKey: true });
  await page.keyboard.press("Shift+ArrowDown"); // a key that does nothing here, to let any switch happen first
  assert.equal(await openThreadId(page), back, "Alt+↓ during composition did not switch chats");
  assert.equal(
    await page.locator('[data-testid="conversation-list"]').getAttribute("aria-keyshortcuts"),
    "Alt+ArrowDown Alt+ArrowUp",
    "the list names its shortcuts",
  );
});

test("Enter saves 管理用の名前 and creates a tag from 新しいタグ名; the IME's Enter does not", async () => {
  const { page, server } = env();
  const { conversation } = await newCustomer(server, "キーボード 花子", "予約を変更したいです");
  await openInbox(page, server);
  await openConversation(page, conversation.id);
  const panel = page.locator('[data-testid="friend-panel"]');
  await panel.locator('[data-testid="friend-line-name"]').waitFor();

  const saves = [];
  page.on("request", (r) => {
    if (!r.url().endsWith("/api/rpc")) return;
    const body = JSON.parse(r.postData() ?? "{}");
    if (body.method === "setPrivateName" || body.method === "saveTag") saves.push(body);
  });

  const name = panel.locator('[data-testid="private-name"]');
  await name.fill("はなこ");
  assert.equal(await imeKeydown(name, { key: "Enter", code: "Enter" }), true, "the IME's Enter is held back");
  await name.fill("花子さん（常連）");
  await name.press("Enter");
  await waitFor(async () => {
    const f = await server.rpc({ method: "getFriend", params: { friendId: conversation.friend.id } });
    return f.privateName === "花子さん（常連）";
  }, { what: "Enter to save the private name" });
  assert.deepEqual(
    saves.filter((b) => b.method === "setPrivateName").map((b) => b.params.privateName),
    ["花子さん（常連）"],
    "one save, with the final text: the Enter that confirmed a conversion saved nothing",
  );

  const tagName = `キーボード${Date.now() % 10000}`;
  const tagInput = panel.locator('[data-testid="tag-new-name"]');
  await tagInput.fill("じょうれん");
  await imeKeydown(tagInput, { key: "Enter", code: "Enter" });
  await tagInput.fill(tagName);
  await tagInput.press("Enter");
  await panel.locator(`[data-testid="tag-chip"][data-tag-name="${tagName}"]`).waitFor();
  assert.deepEqual(saves.filter((b) => b.method === "saveTag").map((b) => b.params.name), [tagName]);
  assert.equal(await tagInput.inputValue(), "", "the box is emptied for the next tag");
});
