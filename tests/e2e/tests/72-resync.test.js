// A screen whose event stream falls behind catches up: the server's bus holds one event
// (MADOGUCHI_EVENT_BUFFER=1), so a burst of messages leaves the stream behind; the server
// sends `resync` and the list reads its first page again, the newest chats on top.
import assert from "node:assert/strict";
import { test } from "node:test";
import { listRows, openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("72-resync", { env: { MADOGUCHI_EVENT_BUFFER: "1" } });

test("after missed events the conversation list catches up with the newest chats", async () => {
  const { page, server } = env();
  await openInbox(page, server, { minRows: 5 });
  // A second stream in the page, only to see that the burst really made streams lag.
  await page.evaluate((token) => {
    window.__e2eResyncs = 0;
    const probe = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    probe.onmessage = (ev) => {
      if (JSON.parse(ev.data).type === "resync") window.__e2eResyncs += 1;
    };
  }, server.token);

  // Customers already known write at once: each message is one event, and a lost one
  // would leave its chat where it was in the list.
  const known = (await server.rpc({ method: "listConversations", params: { accountId: null, filter: "all", before: null, limit: 60 } })).items;
  for (let round = 0; round < 5; round++) {
    const burst = known.slice(Math.max(8, known.length - 12));
    await Promise.all(
      burst.map((c, i) => server.simPost(`/sim/users/${c.friend.lineUserId}/text`, { text: `予約の件です (${round}-${i})` })),
    );
    const lagged = await waitFor(async () => (await page.evaluate(() => window.__e2eResyncs)) > 0, {
      what: "a resync on the lagging stream",
      timeout: 3_000,
    }).catch(() => false);
    if (lagged) break;
  }
  assert.ok((await page.evaluate(() => window.__e2eResyncs)) > 0, "the burst never made the event stream lag");

  // The top of the list (the rows on screen) is the newest chats the server has.
  const top = 8;
  await waitFor(
    async () => {
      const shown = (await listRows(page)).slice(0, top).map((r) => r.id);
      const page1 = await server.rpc({ method: "listConversations", params: { accountId: null, filter: "all", before: null, limit: top } });
      return shown.length === top && page1.items.every((c, i) => c.id === shown[i]);
    },
    { what: `the first ${top} rows to be the server's newest chats` },
  );
  await screenshot(page, "72-resync");
});
