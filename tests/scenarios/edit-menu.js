// One description of "change a menu's price in 予約設定, and it stays changed": the
// setup tab of 予約, the 前髪カット menu's price, 保存, a reload of the whole page, and
// the new price read back. Interpreted by the window's and the browser's runners.

const MENU = "前髪カット";
const form = `form[aria-label="${MENU}"]`;
const openSetup = [
  { do: "run", what: "予約", script: `location.hash = "#/calendar"; return true;` },
  {
    do: "run",
    what: "the 予約設定 tab",
    script: `const tab = [...document.querySelectorAll(".rsv-tabs button")].find((b) => b.textContent.trim() === "予約設定");
             if (!tab) return false; tab.click(); return true;`,
  },
  { do: "waitFor", what: `the ${MENU} menu's form`, script: `return !!document.querySelector('${form}');`, equals: true },
];

export function steps(price = "1320") {
  const priceNow = `const i = document.querySelector('${form} input[name="price"]'); return i && i.value;`;
  return [
    ...openSetup,
    { do: "type", css: `${form} input[name="price"]`, text: price },
    { do: "run", what: "保存", script: `const b = document.querySelector('${form} button[type="submit"]'); if (!b) return false; b.click(); return true;` },
    { do: "waitFor", what: "the saved price in the form", script: priceNow, equals: price },
    { do: "screenshot", name: "menu-saved" },
    // Not just the form's own state: the whole page again, from the store.
    { do: "run", what: "a reload", script: `location.reload(); return true;` },
    { do: "waitFor", what: "the page after the reload", script: `return document.readyState === "complete" && !!document.querySelector("nav");`, equals: true },
    ...openSetup,
    { do: "waitFor", what: "the new price after the reload", script: priceNow, equals: price },
  ];
}
