// Editing a menu in 予約設定 in Chromium against madoguchi-server --demo: the same steps
// the window's suite runs (tests/scenarios/edit-menu.js).
import { test } from "node:test";
import * as editMenu from "../../scenarios/edit-menu.js";
import { runSteps } from "../../scenarios/runners/playwright.js";
import { openInbox, screenshot, useEnv, waitFor } from "../lib/harness.js";

const env = useEnv("12-edit-menu-scenario");

test("change a menu's price in 予約設定; it stays changed after a reload", async () => {
  const { page, server } = env();
  await openInbox(page, server, { minRows: 5 });
  await runSteps(editMenu.steps(), { page, waitFor, screenshot, prefix: "12-" });
});
