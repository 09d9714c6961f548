// The chat where a customer sent a photo, a video, a voice message and a file, in
// Chromium against madoguchi-server: the same scenario the window's suite runs
// (tests/scenarios/customer-media.js). Here the file is a download link to the stored
// copy, which must answer with the whole file.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as media from "../../scenarios/customer-media.js";
import { openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("09-customer-media");

const run = (page, script) => page.evaluate(`(() => { ${script} })()`);

test("a customer's photo, video, voice message and file load in the browser", async () => {
  const { page, server } = env();
  await openInbox(page, server, { minRows: 5 });
  await waitFor(() => run(page, media.OPEN_CHAT), { what: `${media.CUSTOMER}'s chat in the list` });
  const probe = await waitFor(
    async () => {
      const p = await run(page, media.PROBE);
      return media.settled(p) ? p : null;
    },
    { what: "the chat's media to load or fail" },
  );
  await screenshot(page, "09-customer-media");
  media.check(probe);
  assert.match(probe.image.src, /\/api\/media\/[0-9a-f]{64}\.png$/, "the server serves media under /api/media/");

  assert.equal(probe.file.tag, "A", "in a browser the file is a download link");
  const got = await page.evaluate(async (href) => {
    const r = await fetch(href);
    return { status: r.status, size: (await r.arrayBuffer()).byteLength };
  }, probe.file.href);
  assert.deepEqual(got, { status: 200, size: media.FILE_SIZE }, "the download link answers with the whole file");
});
