// One description of "reply to a customer, take a wrong message back with 取り消す, send
// the right one": steps that the window's suite (WebDriver) and the browser suite
// (Playwright) both interpret (tests/scenarios/runners), so the two cannot drift apart.
// The demo's default undo window is 5 s; each wait is on what the screen shows.

/** A demo customer who is not the media chat's (that one has its own scenario). */
export const CUSTOMER = "たかはし";

/** Page script: the state of the bubble holding `text`, or null while it is not shown. */
const bubbleState = (text) => `
  const b = [...document.querySelectorAll('[data-testid="message"][data-direction="out"]')]
    .find((m) => m.querySelector('[data-testid="message-text"]')?.textContent === ${JSON.stringify(text)});
  return b ? b.getAttribute("data-status") : null;
`;

export function steps(stamp) {
  const wrong = `（送り先まちがい）明日お待ちしております [${stamp}]`;
  const right = `たかはし様、ご連絡ありがとうございます。お待ちしております [${stamp}]`;
  return [
    { do: "openChat", name: CUSTOMER },
    { do: "type", testid: "composer-input", text: wrong },
    { do: "enter", testid: "composer-input" },
    { do: "waitFor", what: "the wrong message to wait out the undo window", script: bubbleState(wrong), equals: "pending" },
    { do: "screenshot", name: "reply-undo-pending" },
    {
      do: "run",
      what: "取り消す on the wrong message",
      script: `
        const b = [...document.querySelectorAll('[data-testid="message"][data-direction="out"]')]
          .find((m) => m.querySelector('[data-testid="message-text"]')?.textContent === ${JSON.stringify(wrong)});
        const cancel = b && b.querySelector('[data-testid="cancel-send"]');
        if (!cancel) return false;
        cancel.click();
        return true;
      `,
    },
    { do: "waitFor", what: "the wrong message to be cancelled", script: bubbleState(wrong), equals: "cancelled" },
    // 取り消す gives the text back to the composer; the right text replaces it. Waiting for
    // it first: the bubble can show 取り消し済み (through the event) before the answer
    // that gives the text back, which would otherwise land on top of the right text.
    {
      do: "waitFor",
      what: "the cancelled text back in the composer",
      script: `return document.querySelector('[data-testid="composer-input"]')?.value ?? null;`,
      equals: wrong,
    },
    { do: "type", testid: "composer-input", text: right },
    { do: "enter", testid: "composer-input" },
    { do: "waitFor", what: "the right message to be sent", script: bubbleState(right), equals: "sent" },
    { do: "waitFor", what: "the wrong message to stay cancelled", script: bubbleState(wrong), equals: "cancelled" },
    { do: "screenshot", name: "reply-undo-sent" },
  ];
}
