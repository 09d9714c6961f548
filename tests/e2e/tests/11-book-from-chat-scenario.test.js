// Booking a customer from their chat in Chromium against madoguchi-server --demo: the
// same steps the window's suite runs (tests/scenarios/book-from-chat.js).
import { test } from "node:test";
import * as bookFromChat from "../../scenarios/book-from-chat.js";
import { runSteps } from "../../scenarios/runners/playwright.js";
import { openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("11-book-from-chat-scenario");

test("book a customer from their chat; the booking shows in their panel", async () => {
  const { page, server } = env();
  await openInbox(page, server, { minRows: 5 });
  await runSteps(bookFromChat.steps(), { page, waitFor, screenshot, prefix: "11-" });
});
