// Japanese input: Enter that confirms a kana-kanji conversion (IME composition) must
// never send; Enter after the composition ends sends.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  newCustomer,
  openConversation,
  openInbox,
  outgoing,
  receivedTexts,
  screenshot,
  useEnv,
  waitFor,
  waitStatus,
} from "../lib/harness.js";

const env = useEnv("04-ime");

/** Dispatches composition / keydown events on the composer inside the page. */
function dispatch(page, events) {
  return page.locator('[data-testid="composer-input"]').evaluate((el, events) => {
    const results = [];
    for (const e of events) {
      let ev;
      if (e.type.startsWith("composition")) {
        ev = new CompositionEvent(e.type, { bubbles: true, cancelable: true, data: e.data ?? "" });
      } else {
        ev = new KeyboardEvent(e.type, {
          bubbles: true,
          cancelable: true,
          key: "Enter",
          code: "Enter",
          isComposing: e.isComposing,
          keyCode: e.keyCode,
          which: e.keyCode,
        });
      }
      const notPrevented = el.dispatchEvent(ev);
      results.push({ type: e.type, isComposing: ev.isComposing ?? null, keyCode: ev.keyCode ?? null, sent: !notPrevented });
    }
    return results;
  }, events);
}

test("Enter during IME composition never sends; Enter after it does", async () => {
  const { page, server } = env();
  const { user, conversation } = await newCustomer(server, "中村 さくら", "カラーの予約をお願いしたいです");
  await openInbox(page, server);
  await openConversation(page, conversation.id);
  const input = page.locator('[data-testid="composer-input"]');
  const send = page.locator('[data-testid="send"]');
  await input.click();

  // The user converts よやく → 予約 and confirms with Enter, twice (two clauses).
  await dispatch(page, [{ type: "compositionstart" }]);
  await page.keyboard.insertText("ご予約");
  let r = await dispatch(page, [{ type: "keydown", isComposing: true, keyCode: 229 }]);
  assert.equal(r[0].isComposing, true, "the synthetic keydown carries isComposing");
  assert.equal(r[0].keyCode, 229, "the synthetic keydown carries keyCode 229");
  await page.keyboard.insertText("ありがとうございます");
  r = await dispatch(page, [
    { type: "keydown", isComposing: true, keyCode: 13 }, // isComposing alone
    { type: "keydown", isComposing: false, keyCode: 229 }, // keyCode 229 alone
    { type: "keydown", isComposing: false, keyCode: 13 }, // only our compositionstart tracking knows
  ]);
  assert.deepEqual(r.map((x) => x.sent), [false, false, false], "no Enter during composition was taken as send");
  // Safari order: compositionend, then the confirming Enter keydown with isComposing false.
  r = await dispatch(page, [
    { type: "compositionend", data: "ありがとうございます" },
    { type: "keydown", isComposing: false, keyCode: 13 },
  ]);
  assert.equal(r[1].sent, false, "the Enter right after compositionend (same task) does not send");

  const text = "ご予約ありがとうございます";
  // Nothing left the composer: the text is still there and no send started.
  assert.equal(await input.inputValue(), text);
  assert.equal(await send.textContent(), "送信", "the send button is idle");
  assert.equal(await page.locator('[data-testid="message"][data-direction="out"]').count(), 0, "no outgoing bubble");
  assert.deepEqual(await receivedTexts(server, user.userId, text), [], "the customer received nothing");
  await screenshot(page, "04-ime-composing");

  // Composition over: a real Enter sends (the composing flag clears after that task).
  await input.press("Enter");
  await waitFor(async () => (await input.inputValue()) === "", { what: "Enter after compositionend to send (composer cleared)" });
  const bubble = outgoing(page, text);
  await bubble.waitFor();
  await waitStatus(bubble, "sent", "the message to be sent");
  const got = await waitFor(async () => {
    const all = await server.simGet(`/sim/received?userId=${user.userId}`);
    return all.length > 0 && all;
  }, { what: "the customer to receive the message" });
  // Exactly one message, with exactly the whole text: none of the earlier Enters sent.
  assert.deepEqual(got.map((x) => x.message.text), [text]);
  assert.equal(await page.locator('[data-testid="message"][data-direction="out"]').count(), 1, "one outgoing bubble");
  await screenshot(page, "04-ime-sent");
});
