// One description of "book a customer from their chat": 予約を作成 in the thread, the
// calendar's create dialog for that customer, a cut on a Thursday two weeks ahead at
// 11:00 (every demo stylist works then), and the booking listed under 今後の予約 in the
// customer's panel. Interpreted by the window's and the browser's runners.

export const CUSTOMER = "Yuki☆";

/** A Thursday two weeks ahead, as shown in the date field ("YYYY/MM/DD", Tokyo). */
export function bookingDay(now = Date.now()) {
  const hour = 3_600_000;
  const tokyo = (ms) => new Date(ms + 9 * hour);
  let ms = now + 14 * 24 * hour;
  while (tokyo(ms).getUTCDay() !== 4) ms += 24 * hour;
  return tokyo(ms).toISOString().slice(0, 10).replaceAll("-", "/");
}

const inDialog = (body) => `
  const dialog = document.querySelector('[data-testid="booking-dialog"]');
  if (!dialog) return false;
  ${body}
`;

export function steps(day = bookingDay()) {
  const [, m, d] = day.split("/").map(Number);
  return [
    { do: "openChat", name: CUSTOMER },
    { do: "run", what: "予約を作成 in the thread", script: `const b = document.querySelector(".rsv-create-from-chat"); if (!b) return false; b.click(); return true;` },
    {
      do: "waitFor",
      what: "the create dialog for this customer",
      script: inDialog(`return !!dialog.querySelector(".rsv-friend-chosen") && dialog.querySelector(".rsv-friend-name").textContent;`),
      equals: CUSTOMER,
    },
    {
      do: "run",
      what: "the cut menu ticked",
      script: inDialog(`
        const box = [...dialog.querySelectorAll(".rsv-menu-list label")].find((l) => l.textContent.startsWith("カット"));
        const input = box && box.querySelector("input");
        if (!input) return false;
        if (!input.checked) input.click();
        return input.checked;`),
    },
    { do: "type", css: '[data-testid="booking-dialog"] input[name="start-date"]', text: day },
    { do: "type", css: '[data-testid="booking-dialog"] input[name="start-time"]', text: "11:00" },
    { do: "screenshot", name: "book-dialog" },
    {
      do: "run",
      what: "作成",
      script: inDialog(`const b = dialog.querySelector(".rsv-actions button.primary"); if (!b || b.disabled) return false; b.click(); return true;`),
    },
    { do: "waitFor", what: "the dialog to close", script: `return !document.querySelector('[data-testid="booking-dialog"]');`, equals: true },
    { do: "run", what: "back to トーク", script: `location.hash = "#/inbox"; return true;` },
    { do: "openChat", name: CUSTOMER },
    {
      do: "waitFor",
      what: `the booking on ${m}月${d}日 under 今後の予約 in the customer's panel`,
      script: `
        const rows = [...document.querySelectorAll('[data-testid="friend-panel"] .rsv-friend-row')];
        return rows.some((r) => r.textContent.includes("カット") && r.textContent.includes("${m}月${d}日") && r.textContent.includes("11:00"));`,
      equals: true,
    },
    { do: "screenshot", name: "book-listed" },
  ];
}
