// Runs a scenario's steps in Chromium through playwright-core (tests/e2e).
import assert from "node:assert/strict";

export async function runSteps(steps, { page, waitFor, screenshot, prefix }) {
  const run = (script) => page.evaluate(`(() => { ${script} })()`);
  const target = (step) => page.locator(step.css ?? `[data-testid="${step.testid}"]`);
  for (const step of steps) {
    switch (step.do) {
      case "openChat":
        await waitFor(() =>
          run(`const row = [...document.querySelectorAll('[data-testid="conversation-row"]')]
                 .find((r) => r.textContent.includes(${JSON.stringify(step.name)}));
               if (!row) return false; row.click(); return true;`),
          { what: `${step.name}'s chat` },
        );
        break;
      case "type":
        await target(step).fill(step.text);
        break;
      case "enter":
        await target(step).press("Enter");
        break;
      case "run":
        await waitFor(() => run(step.script), { what: step.what });
        break;
      case "waitFor": {
        let last;
        await waitFor(
          async () => {
            last = await run(step.script);
            return step.equals === undefined ? last : last === step.equals;
          },
          { what: step.what },
        ).catch((e) => {
          throw new Error(`${e.message}; the page showed ${JSON.stringify(last)}`);
        });
        break;
      }
      case "screenshot":
        await screenshot(page, `${prefix}${step.name}`);
        break;
      default:
        assert.fail(`unknown step ${JSON.stringify(step)}`);
    }
  }
}
