// Hostile input from customers: XSS payloads as display names, message texts, file
// names, sticker keywords and location titles. Opening every such conversation must run
// nothing, inject nothing, fetch nothing, and show each payload as plain text.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { conversationOf, openConversation, openInbox, screenshot, setup, waitFor } from "../lib/harness.js";
import { PAYLOADS, XSS_HOST } from "../lib/payloads.js";

let env;
const dialogs = [];
const requests = [];
const navigations = [];

before(async () => {
  env = await setup("07-hostile-input");
  const { page, context } = env;
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  context.on("request", (r) => requests.push(r.url()));
  page.on("framenavigated", (f) => f === page.mainFrame() && navigations.push(f.url()));
  page.on("popup", (p) => navigations.push(`popup ${p.url()}`));
  // A second net under page.on("dialog"): record calls even if a dialog were suppressed.
  await context.addInitScript(() => {
    window.__xssCalls = [];
    for (const name of ["alert", "confirm", "prompt", "print"]) {
      const orig = window[name].bind(window);
      window[name] = (...args) => {
        window.__xssCalls.push(name);
        return orig(...args);
      };
    }
  });
});
after(async () => {
  await env?.teardown();
});

/** What the UI must show as the customer's name. */
const shownName = (p) => p.trim() || "（名前未設定）";

test(`${PAYLOADS.length} hostile payloads are shown as text and never run`, async () => {
  const { page, server, pageErrors } = env;
  assert.ok(PAYLOADS.length >= 30);

  // Customers with hostile names send hostile content of every kind.
  // (A few customers at a time; each one's messages in order.)
  const customers = PAYLOADS.map((payload) => ({ payload }));
  const queue = [...customers];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const id = (await server.simPost("/sim/users", { displayName: c.payload })).userId;
      await server.simPost(`/sim/users/${id}/follow`, {});
      await server.simPost(`/sim/users/${id}/text`, { text: c.payload });
      await server.simPost(`/sim/users/${id}/file`, { fileName: c.payload, size: 1234 });
      await server.simPost(`/sim/users/${id}/sticker`, { keywords: [c.payload, "よろしく"] });
      await server.simPost(`/sim/users/${id}/location`, { title: c.payload, address: c.payload });
      c.userId = id;
      c.conversation = await conversationOf(server, id);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));

  await openInbox(page, server, { minRows: 24 });
  const initialScripts = await page.evaluate(() => [...document.scripts].map((s) => s.src || s.textContent.slice(0, 40)));

  for (const [i, c] of customers.entries()) {
    const what = `payload #${i} ${JSON.stringify(c.payload.slice(0, 60))}`;
    await openConversation(page, c.conversation.id);
    // Everything this customer sent, checked in one look at the DOM (polled until the
    // profile and the messages are in): name in the header, its aria-label and the list
    // row, a visible avatar letter, the text verbatim and visible, the file name and the
    // location as labelled text, the sticker as LINE's image or 〔スタンプ〕.
    const expected = {
      id: String(c.conversation.id),
      name: shownName(c.payload),
      text: c.payload,
      file: c.payload,
      location: `〔位置情報〕 ${c.payload} ${c.payload}`,
    };
    const look = (x) => {
      const thread = document.querySelector(`[data-testid="thread"][data-conversation-id="${x.id}"]`);
      const rowEl = document.querySelector(`[data-testid="conversation-row"][data-conversation-id="${x.id}"]`);
      if (!thread || !rowEl) return { missing: "thread or row" };
      const texts = [...thread.querySelectorAll('[data-testid="message-text"]')];
      const labelled = [...thread.querySelectorAll('[data-testid="message-labelled"]')].map((el) => el.textContent);
      const text = texts.find((el) => el.textContent === x.text);
      return {
        header: thread.querySelector('[data-testid="thread-name"]')?.textContent === x.name,
        ariaLabel: thread.getAttribute("aria-label") === x.name,
        row: rowEl.querySelector('[data-testid="conversation-name"]')?.textContent === x.name,
        // The customer's stored picture, or their initial where there is none.
        avatar:
          !!rowEl.querySelector('.avatar img[src^="/api/media/"]') ||
          (rowEl.querySelector(".avatar")?.textContent ?? "").trim().length > 0,
        text: !!text,
        textVisible: !!text && text.checkVisibility(),
        // The file name as the link that opens the local copy (or plain text before it arrives).
        file: [...thread.querySelectorAll('[data-testid="file-name"]')].some((el) => el.textContent === x.file),
        location: labelled.includes(x.location),
        // LINE's image of the sticker by its numeric id, or the label once that failed
        // to load (no network here).
        sticker:
          labelled.some((l) => l.startsWith("〔スタンプ〕")) ||
          [...thread.querySelectorAll('[data-testid="message-sticker"]')].some((img) =>
            /^https:\/\/stickershop\.line-scdn\.net\/stickershop\/v1\/sticker\/\d+\/android\/sticker\.png$/.test(img.getAttribute("src")),
          ),
      };
    };
    let state;
    try {
      await waitFor(async () => {
        state = await page.evaluate(look, expected);
        return Object.values(state).every((v) => v === true);
      }, { what: `everything of ${what} to be shown as text` });
    } catch (e) {
      throw new Error(`${e.message}; checks: ${JSON.stringify(state)}`);
    }
    if (i % 10 === 0 || i === customers.length - 1) await screenshot(page, `07-hostile-${String(i).padStart(2, "0")}`);
    assert.deepEqual(dialogs, [], `no dialog after ${what}`);
  }

  // Nothing injected, nothing ran, nothing fetched, no navigation.
  const dom = await page.evaluate(() => ({
    marked: document.querySelectorAll("[data-xss]").length,
    bodyMark: document.body.dataset.xss ?? null,
    xssCalls: window.__xssCalls,
    polluted: {}.polluted ?? null,
    scripts: [...document.scripts].map((s) => s.src || s.textContent.slice(0, 40)),
    handlers: [...document.querySelectorAll("*")].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name) || a.name === "srcdoc").map((a) => `${el.tagName}[${a.name}]`),
    ),
    active: [
      ...document.querySelectorAll(
        "iframe, frame, object, embed, base, form:not(.composer), svg, math, source, audio, meta[http-equiv], link:not([rel=icon]):not([rel=stylesheet][href^='/']):not([rel=modulepreload][href^='/assets/']), style, template, noscript, x",
      ),
    ].map((el) => el.outerHTML.slice(0, 80)),
    jsLinks: document.querySelectorAll("[href^='javascript:' i], [src^='javascript:' i], [action]").length,
    imgs: [...document.images].map((img) => img.getAttribute("src")),
    frames: window.frames.length,
  }));
  assert.equal(dom.marked, 0, "no element with a payload's data-xss attribute");
  assert.equal(dom.bodyMark, null, "no payload script ran");
  assert.deepEqual(dom.xssCalls, [], "alert/confirm/prompt/print never called");
  assert.equal(dom.polluted, null, "no prototype pollution");
  assert.deepEqual(dom.scripts, initialScripts, "no script element added");
  assert.deepEqual(dom.handlers, [], "no inline event handler or srcdoc attribute in the DOM");
  assert.deepEqual(dom.active, [], "no iframe/object/embed/base/form/svg/math/media/meta/link/style from payloads");
  assert.equal(dom.jsLinks, 0, "no javascript: URL and no form action");
  assert.equal(dom.frames, 0, "no frames");
  // Only the app's own files, the shop's stored media (customers' pictures) and LINE's
  // sticker images by numeric id: nothing a payload could point an <img> at.
  const lineSticker = /^https:\/\/stickershop\.line-scdn\.net\/stickershop\/v1\/sticker\/\d+\/android\/sticker\.png$/;
  const allowed = new RegExp(`^(/favicon\\.svg|/media/.+|/api/media/[0-9a-f]{64}\\.[a-z0-9]+)$|${lineSticker.source}`);
  for (const src of dom.imgs) assert.ok(allowed.test(src), `unexpected <img src=${src}>`);
  assert.deepEqual(dialogs, [], "no dialog fired");
  assert.deepEqual(pageErrors.map(String), [], "no uncaught page error");
  assert.deepEqual(navigations.filter((u) => !u.startsWith(`${server.base}/`)), [], "no navigation away from the app");

  // LINE's sticker images (the one host the CSP allows) are the only requests elsewhere.
  const foreign = requests.filter((u) => !u.startsWith(`${server.base}/`) && !lineSticker.test(u));
  const named = requests.filter((u) => u.includes(XSS_HOST));
  assert.deepEqual(named, [], "no request to a URL a payload names");
  assert.deepEqual(foreign, [], "no request leaves the app's own origin");
  await screenshot(page, "07-hostile-final");
});
