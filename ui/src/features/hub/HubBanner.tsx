import { formatDateTime } from "../../lib/time";
import { appText } from "../../i18n";
import { hubHost } from "./address";
import { hubText } from "./i18n";
import { useHubStatus } from "./status";
import "./hub.css";

/**
 * Said at once when the hub cannot be reached: which hub, why, and when it last
 * answered (on the shop's clock). Gone by itself when the hub is back.
 */
export function HubBanner() {
  const s = useHubStatus();
  if (!s || !s.paired || s.online) return null;
  // The heading already says the hub cannot be reached: the reason adds why.
  const said = s.reason ? (appText.lang === "ja" ? s.reason.messageJa : s.reason.message) : null;
  const reason = said?.replace(/^ハブに接続できません: |^Cannot reach the hub: /, "") ?? null;
  const when = s.lastContact !== null ? hubText.lastContact(formatDateTime(s.lastContact, appText.locale, s.timeZone ?? undefined)) : hubText.neverContacted;
  return (
    <div className="hub-offline" role="alert" data-testid="hub-offline">
      <strong>{hubText.offline(hubHost(s.address))}</strong>
      {reason && <span data-testid="hub-offline-reason"> — {reason}</span>}
      <span className="hub-offline-when" data-testid="hub-last-contact">
        {" "}
        （{when}）
      </span>
      <span className="hub-offline-retry"> {hubText.retrying}</span>
    </div>
  );
}
