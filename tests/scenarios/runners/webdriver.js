// Runs a scenario's steps in the real window through plain W3C WebDriver.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ENTER = "\uE007";

export async function runSteps(steps, { wd, session, until, output, prefix }) {
  const run = (script) => wd("POST", `/session/${session}/execute/sync`, { script, args: [] });
  const find = async (css) => {
    const el = await wd("POST", `/session/${session}/element`, { using: "css selector", value: css });
    return Object.values(el)[0];
  };
  const target = (step) => step.css ?? `[data-testid="${step.testid}"]`;
  for (const step of steps) {
    switch (step.do) {
      case "openChat": {
        // On a timeout, the names the list held say whether the chat was missing or unnamed.
        let listed = [];
        await until(`${step.name}'s chat`, async () => {
          const seen = await run(`const rows = [...document.querySelectorAll('[data-testid="conversation-row"]')];
               const row = rows.find((r) => r.textContent.includes(${JSON.stringify(step.name)}));
               if (row) { row.click(); return true; }
               return rows.map((r) => r.querySelector('[data-testid="conversation-name"]')?.textContent ?? r.textContent.slice(0, 20));`);
          if (seen === true) return true;
          listed = seen;
          return false;
        }).catch((e) => {
          throw new Error(`${e.message}; the list held ${listed.length} rows: ${listed.join(" / ")}`);
        });
        break;
      }
      case "type": {
        const el = await until(`the field ${target(step)}`, () => find(target(step)));
        // Like Playwright's fill: the field holds exactly this text afterwards.
        await wd("POST", `/session/${session}/element/${el}/clear`, {});
        await wd("POST", `/session/${session}/element/${el}/value`, { text: step.text });
        break;
      }
      case "enter": {
        const el = await find(target(step));
        await wd("POST", `/session/${session}/element/${el}/value`, { text: ENTER });
        break;
      }
      case "run":
        await until(step.what, () => run(step.script));
        break;
      case "waitFor": {
        let last;
        await until(`${step.what} (last: ${last})`, async () => {
          last = await run(step.script);
          return step.equals === undefined ? last : last === step.equals;
        }).catch((e) => {
          throw new Error(`${e.message}; the page showed ${JSON.stringify(last)}`);
        });
        break;
      }
      case "screenshot":
        if (output) {
          mkdirSync(output, { recursive: true });
          const png = await wd("GET", `/session/${session}/screenshot`);
          writeFileSync(join(output, `${prefix}${step.name}.png`), Buffer.from(png, "base64"));
        }
        break;
      default:
        assert.fail(`unknown step ${JSON.stringify(step)}`);
    }
  }
}
