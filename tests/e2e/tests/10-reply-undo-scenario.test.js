// Reply and undo in Chromium against madoguchi-server --demo: the same steps the window's
// suite runs (tests/scenarios/reply-undo.js).
import { test } from "node:test";
import * as replyUndo from "../../scenarios/reply-undo.js";
import { runSteps } from "../../scenarios/runners/playwright.js";
import { openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("10-reply-undo-scenario");

test("reply to a customer, take a wrong message back with 取り消す, send the right one", async () => {
  const { page, server } = env();
  await openInbox(page, server, { minRows: 5 });
  await runSteps(replyUndo.steps(`e2e-${Date.now()}`), { page, waitFor, screenshot, prefix: "10-" });
});
