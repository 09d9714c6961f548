import { useRpcPages, useRpcQuery } from "../../../backend/query";
import { formatDateTime, SHOP_TIME_ZONE } from "../../../lib/time";
import { lang, locale, settingsText } from "../i18n";

const PAGE = 50;

/**
 * Settings → 変更履歴 (owners only): who changed which setting when, newest first, on the
 * shop's clock. A change made with no member (this PC, the printed address) says
 * 管理者（メンバー以外）; a shop that never had members sees no "who" column at all.
 */
export function HistorySection({ accountId }: { accountId: number | null }) {
  const pages = useRpcPages("listSettingsHistory", { limit: PAGE }, (last) => {
    const oldest = last.changes[last.changes.length - 1];
    return last.hasMore && oldest ? { before: oldest.id } : null;
  });
  const setup = useRpcQuery("getReservationSetup", { accountId: accountId ?? 0 }, { enabled: accountId !== null });
  const timeZone = setup.data?.timeZone || SHOP_TIME_ZONE;
  const changes = pages.data?.pages.flatMap((p) => p.changes) ?? null;
  const hasMore = pages.hasNextPage;
  const error = pages.error?.localized(lang) ?? null;
  const older = () => void pages.fetchNextPage();

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
