import { formatDateTime } from "../../lib/time";
import { t } from "../../i18n";
import { hubHost } from "./address";
import { ht } from "./i18n";
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
  const said = s.reason ? (t.lang === "ja" ? s.reason.messageJa : s.reason.message) : null;
  const reason = said?.replace(/^ハブに接続できません: |^Cannot reach the hub: /, "") ?? null;
  const when = s.lastContact !== null ? ht.lastContact(formatDateTime(s.lastContact, t.locale, s.timeZone ?? undefined)) : ht.neverContacted;
  return (
    <div className="hub-offline" role="alert" data-testid="hub-offline">
      <strong>{ht.offline(hubHost(s.address))}</strong>
      {reason && <span data-testid="hub-offline-reason"> — {reason}</span>}
      <span className="hub-offline-when" data-testid="hub-last-contact">
        {" "}
        （{when}）
      </span>
      <span className="hub-offline-retry"> {ht.retrying}</span>
    </div>
  );
}
