import type { MessageView } from "../api/types.gen";
import type { Messages } from "../i18n";
import { formatDateTime } from "./time";

/** Our own LINE booking flow's postback data (core `reservations::chat_booking::DATA_PREFIX`). */
const BOOKING = "madoguchi=rsv";
/** The 「電話してほしい」 button (core `phone::CALL_REQUEST_DATA`). */
const CALL_REQUEST = "madoguchi=call-request";

export type PostbackLabels = Pick<
  Messages,
  | "kindPostback"
  | "postbackTapped"
  | "postbackCallRequest"
  | "postbackPicked"
  | "postbackBooking"
  | "postbackBookingSteps"
  | "postbackUnknown"
  | "locale"
>;

/**
 * Button labels by postback data, from the buttons the shop sent (templates, quick
 * replies, anything with a postback action): LINE's postback event carries the data
 * but not the label, so the label is found where the button was sent. Newest wins.
 */
export function buttonLabels(messages: readonly MessageView[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 10 || typeof v !== "object" || v === null) return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    if (o.type === "postback" && typeof o.data === "string") {
      const label = [o.label, o.displayText].find((x): x is string => typeof x === "string" && x.trim() !== "");
      if (label) out.set(o.data, label.trim());
    }
    for (const x of Object.values(o)) walk(x, depth + 1);
  };
  for (const m of messages) if (m.direction === "out") walk(m.payload, 0);
  return out;
}

/** A date/time picker's answer (`params.date` / `time` / `datetime`), as the shop reads it. */
function pickedValue(payload: unknown): string | null {
  const params = typeof payload === "object" && payload !== null ? (payload as { params?: unknown }).params : null;
  if (typeof params !== "object" || params === null) return null;
  const p = params as Record<string, unknown>;
  const v = [p.datetime, p.date, p.time].find((x): x is string => typeof x === "string" && x !== "");
  return v ? v.replace("T", " ").replaceAll("-", "/") : null;
}

/**
 * What the customer tapped, in words: the button's label when the shop sent that
 * button, our booking flow's step, the call-request button, a picked date; else it says
 * the label is unknown and shows the data (customer-controlled text, shown as text only).
 */
export function postbackWords(
  data: string | null,
  payload: unknown,
  labels: ReadonlyMap<string, string> | undefined,
  t: PostbackLabels,
): string {
  const picked = pickedValue(payload);
  const label = data ? labels?.get(data) : undefined;
  if (label) return picked ? `${t.postbackTapped(label)}（${picked}）` : t.postbackTapped(label);
  if (data === CALL_REQUEST) return t.postbackCallRequest;
  if (data && (data === BOOKING || data.startsWith(`${BOOKING}&`))) {
    const q = new URLSearchParams(data.slice(BOOKING.length + 1));
    const step = t.postbackBookingSteps[q.get("s") ?? ""];
    if (step) {
      const at = Number(q.get("t"));
      const when = picked ?? (q.has("t") && Number.isFinite(at) && at > 0 ? formatDateTime(at, t.locale) : null);
      return t.postbackBooking(when ? `${step}（${when}）` : step);
    }
  }
  if (picked) return t.postbackPicked(picked);
  return t.postbackUnknown(data ?? "");
}
