import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from "react";
import type { AccountView } from "./api/types.gen";
import { useQueriesFollowEvents } from "./backend/query";
import { useApi } from "./backend/react";
import { ErrorBanner } from "./components/ErrorBanner";
import { HeaderExtras } from "./features/settings/HeaderExtras";
import { HubBanner } from "./features/hub/HubBanner";
import { CopyBanner } from "./features/hubbackups/CopyBanner";
import { SignedInAs } from "./features/signin/SignedInAs";
import { appText } from "./i18n";
import { formatRoute, parseRoute, type Route } from "./frame/route";
import { FrameProvider } from "./frame/context";
import type { ViewContext } from "./frame/view";
import { views } from "./views";

const HOME = "inbox";

function currentRoute(): Route {
  const r = parseRoute(window.location.hash, HOME);
  return views.some((v) => v.id === r.view) ? r : { view: HOME, arg: null };
}

export function App() {
  const api = useApi();
  useQueriesFollowEvents();
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [accountId, setAccountId] = useState<number | null>(null);
  const [route, setRoute] = useState<Route>(currentRoute);
  const [error, setError] = useState<unknown>(null);

  // Before the first paint, like the inbox's first page (ConversationList).
  useLayoutEffect(() => {
    let alive = true;
    api.listAccounts().then(
      (list) => alive && setAccounts(list),
      (e: unknown) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, [api]);

  useEffect(() => {
    const onHash = () => setRoute(currentRoute());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  const navigate = useCallback((view: string, arg: string | null = null) => {
    const next = { view, arg };
    const hash = formatRoute(next);
    if (window.location.hash !== hash) window.history.pushState(null, "", hash);
    setRoute(next);
  }, []);
  const openConversation = useCallback(
    (conversationId: number, messageId: number | null = null) =>
      navigate("inbox", messageId === null ? String(conversationId) : `${conversationId}:${messageId}`),
    [navigate],
  );

  const ctx: ViewContext = useMemo(
    () => ({ accounts, accountId, onError: setError, openConversation, navigate, arg: route.arg }),
    [accounts, accountId, openConversation, navigate, route.arg],
  );
  const view = views.find((v) => v.id === route.view) ?? views[0];

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">
          <img src="/favicon.svg" alt="" width={22} height={22} />
          {appText.appName}
        </h1>
        <nav className="app-nav" aria-label={appText.mainNavigation}>
          {views.map((v) => (
            <a
              key={v.id}
              href={formatRoute({ view: v.id, arg: null })}
              aria-current={v.id === view?.id ? "page" : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(v.id);
              }}
            >
              {v.label[appText.lang]}
            </a>
          ))}
        </nav>
        <HeaderExtras accounts={accounts} accountId={accountId} />
        <SignedInAs />
        {accounts.length > 1 && (
          <label className="account-picker">
            <span className="visually-hidden">{appText.account}</span>
            <select
              value={accountId ?? ""}
              onChange={(e) => {
                setAccountId(e.target.value === "" ? null : Number(e.target.value));
                if (route.view === "inbox") navigate("inbox");
              }}
            >
              <option value="">{appText.allAccounts}</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <HubBanner />
      <CopyBanner />
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <FrameProvider value={ctx}>{view?.render(ctx)}</FrameProvider>
    </div>
  );
}
