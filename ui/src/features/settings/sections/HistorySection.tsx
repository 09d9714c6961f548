import { useCallback, useEffect, useState } from "react";
import type { SettingsChange } from "../../../api/types.gen";
import { toBackendError, typedRpc } from "../../../backend";
import { useBackend, useCoreEvents } from "../../../backend/react";
import { formatDateTime, SHOP_TIME_ZONE } from "../../../lib/time";
import { lang, locale, settingsText } from "../i18n";

const PAGE = 50;

/**
 * Settings → 変更履歴 (owners only): who changed which setting when, newest first, on the
 * shop's clock. A change made with no member (this PC, the printed address) says
 * 管理者（メンバー以外）; a shop that never had members sees no "who" column at all.
 */
export function HistorySection({ accountId }: { accountId: number | null }) {
  const backend = useBackend();
  const [changes, setChanges] = useState<SettingsChange[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [timeZone, setTimeZone] = useState(SHOP_TIME_ZONE);

  const reload = useCallback(() => {
    typedRpc(backend)("listSettingsHistory", { limit: PAGE }).then(
      (page) => {
        setChanges(page.changes);
        setHasMore(page.hasMore);
        setError(null);
      },
      (e: unknown) => setError(toBackendError(e).localized(lang)),
    );
  }, [backend]);
  useEffect(reload, [reload]);
  // Another member changed a setting while this page is open.
  useCoreEvents((e) => {
    if (e.type === "memberActed" && e.kind === "settings") reload();
  });
  useEffect(() => {
    if (accountId === null) return;
    let live = true;
    typedRpc(backend)("getReservationSetup", { accountId }).then(
      (r) => live && setTimeZone(r.timeZone || SHOP_TIME_ZONE),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [backend, accountId]);

  const older = () => {
    const last = changes?.[changes.length - 1];
    if (!last) return;
    typedRpc(backend)("listSettingsHistory", { before: last.id, limit: PAGE }).then(
      (page) => {
        setChanges((cur) => [...(cur ?? []), ...page.changes]);
        setHasMore(page.hasMore);
      },
      (e: unknown) => setError(toBackendError(e).localized(lang)),
    );
  };

  // A shop without members has only one person: no "who" column to read.
  const named = changes?.some((c) => c.by !== null) ?? false;

  if (error) return <p className="settings-error" role="alert">{error}</p>;
  if (changes === null) return <p className="settings-muted">{settingsText.loading}</p>;
  return (
    <section data-testid="settings-history">
      <p className="settings-muted">{settingsText.historyIntro}</p>
      {changes.length === 0 ? (
        <p className="settings-muted" data-testid="settings-history-empty">{settingsText.historyEmpty}</p>
      ) : (
        <table className="settings-history">
          <thead>
            <tr>
              <th scope="col">{settingsText.historyWhen}</th>
              {named && <th scope="col">{settingsText.historyWho}</th>}
              <th scope="col">{settingsText.historyWhat}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.id} data-testid="settings-history-row" data-method={c.method}>
                <td>
                  <time dateTime={new Date(c.at).toISOString()}>{formatDateTime(c.at, locale, timeZone)}</time>
                </td>
                {named && <td data-testid="settings-history-who">{c.by?.name ?? settingsText.historyOwnerHere}</td>}
                <td data-testid="settings-history-what">{c.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasMore && (
        <button type="button" className="link-button" onClick={older} data-testid="settings-history-older">
          {settingsText.historyOlder}
        </button>
      )}
    </section>
  );
}
