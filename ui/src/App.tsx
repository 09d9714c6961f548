import { useCallback, useEffect, useMemo, useState } from "react";
import type { AccountView } from "./api/types.gen";
import { useQueriesFollowEvents, useReportError, useRpcQuery } from "./backend/query";
import { ErrorBanner } from "./components/ErrorBanner";
import { HeaderExtras } from "./features/settings/HeaderExtras";
import { HubBanner } from "./features/hub/HubBanner";
import { CopyBanner } from "./features/hubbackups/CopyBanner";
import { SignedInAs } from "./features/signin/SignedInAs";
import { appText } from "./i18n";
import { hrefOf, parseHash, routeTo, ROUTES, VIEW_NAMES, type Route } from "./frame/routes";
import { FrameProvider } from "./frame/context";
import type { ViewContext } from "./frame/view";
import { views } from "./views";

const NO_ACCOUNTS: AccountView[] = [];

const currentRoute = (): Route => parseHash(window.location.hash);

export function App() {
  useQueriesFollowEvents();
  const accountList = useRpcQuery("listAccounts", undefined);
  const accounts = accountList.data ?? NO_ACCOUNTS;
  const [accountId, setAccountId] = useState<number | null>(null);
  const [route, setRoute] = useState<Route>(currentRoute);
  const [error, setError] = useState<unknown>(null);

  useReportError(accountList.error, setError);

  useEffect(() => {
    const onHash = () => setRoute(currentRoute());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  const navigate = useCallback((next: Route) => {
    const hash = hrefOf(next);
    if (window.location.hash !== hash) window.history.pushState(null, "", hash);
    setRoute(next);
  }, []);
  const openConversation = useCallback(
    (conversationId: number, messageId: number | null = null) => navigate(routeTo("inbox", { conversationId, messageId })),
    [navigate],
  );

  const ctx: ViewContext = useMemo(
    () => ({ accounts, accountId, onError: setError, openConversation, navigate, route }),
    [accounts, accountId, openConversation, navigate, route],
  );

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">
          <img src="/favicon.svg" alt="" width={22} height={22} />
          {appText.appName}
        </h1>
        <nav className="app-nav" aria-label={appText.mainNavigation}>
          {VIEW_NAMES.map((v) => (
            <a
              key={v}
              href={hrefOf(routeTo(v))}
              aria-current={v === route.view ? "page" : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(routeTo(v));
              }}
            >
              {ROUTES[v].label[appText.lang]}
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
                if (route.view === "inbox") navigate(routeTo("inbox"));
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
      <FrameProvider value={ctx}>{views[route.view](ctx)}</FrameProvider>
    </div>
  );
}
