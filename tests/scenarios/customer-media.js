// One description of "the chat where a customer sent a photo, a video, a voice message
// and a file" (and whose profile picture shows in the friend panel): which chat, what to read from the page, when it has settled, and what
// must hold. The window's suite (tests/desktop, WebDriver) and the browser suite
// (tests/e2e, Playwright) both run it, so the two cannot drift apart.
import assert from "node:assert/strict";

/** The demo's first customer always sent one of each (linesim's MEDIA_CONVERSATION). */
export const CUSTOMER = "佐藤 美咲";
export const FILE_NAME = "カラー見本.pdf";
export const FILE_SIZE = 48_213;

/** Page script: clicks the customer's row in the conversation list; true when found. */
export const OPEN_CHAT = `
  const name = ${JSON.stringify(CUSTOMER)};
  const row = [...document.querySelectorAll('[data-testid="conversation-row"]')]
    .find((r) => r.textContent.includes(name));
  if (!row) return false;
  row.click();
  return true;
`;

/**
 * Page script: what each media element shows right now. Brings the photo into view
 * (it loads lazily) and asks the players for metadata, as an owner scrolling up would.
 */
export const PROBE = `
  const q = (kind, sel) => document.querySelector('[data-testid="message"][data-kind="' + kind + '"] ' + sel);
  const img = q("image", "img");
  const video = q("video", "video");
  const audio = q("audio", "audio");
  const file = q("file", '[data-testid="file-name"]');
  const picture = document.querySelector('[data-testid="friend-panel"] [data-testid="avatar"] img');
  if (img) img.scrollIntoView({ block: "center" });
  const player = (el) => el && { src: el.currentSrc || el.src, readyState: el.readyState, error: el.error ? el.error.code : null };
  return {
    image: img && { src: img.currentSrc || img.src, complete: img.complete, naturalWidth: img.naturalWidth },
    video: player(video),
    audio: player(audio),
    file: file && { tag: file.tagName, text: file.textContent, href: file.getAttribute("href") },
    picture: picture && { src: picture.currentSrc || picture.src, complete: picture.complete, naturalWidth: picture.naturalWidth },
  };
`;

/** True once every element has either loaded or failed: time to judge. */
export function settled(p) {
  if (!p || !p.image || !p.video || !p.audio || !p.file || !p.picture) return false;
  const playerDone = (m) => m.readyState >= 1 || m.error !== null;
  return p.image.complete && p.picture.complete && playerDone(p.video) && playerDone(p.audio);
}

/** What must hold in both the window and the browser. */
export function check(p) {
  assert.ok(p.image.naturalWidth > 0, `the photo did not load (src ${p.image.src}, naturalWidth ${p.image.naturalWidth})`);
  for (const kind of ["video", "audio"]) {
    const m = p[kind];
    assert.equal(m.error, null, `the ${kind} failed with MediaError ${m.error} (src ${m.src})`);
    assert.ok(m.readyState >= 1, `the ${kind} has no metadata (readyState ${m.readyState}, src ${m.src})`);
  }
  assert.equal(p.file.text, FILE_NAME, "the file shows the name the customer gave it");
  assert.ok(p.picture.naturalWidth > 0, `the customer's picture did not load in the friend panel (src ${p.picture.src})`);
  assert.match(p.picture.src, /[0-9a-f]{64}\.png$/, `the picture is not the shop's stored copy: ${p.picture.src}`);
  // A stored name behind each, in the transport's own form, never a path that only the
  // other transport answers; players may get a blob: of the same bytes (WebKitGTK).
  assert.match(p.image.src, /[0-9a-f]{64}\.png$/, `the photo's src is not a stored media name: ${p.image.src}`);
  for (const kind of ["video", "audio"]) {
    assert.match(p[kind].src, /[0-9a-f]{64}\.[a-z0-9]+$|^blob:/, `the ${kind}'s src is neither a stored media name nor a blob: ${p[kind].src}`);
  }
}
