import { useCallback, useEffect, useState } from "react";
import type { AccountView, ConversationView } from "./api/types.gen";
import { useApi } from "./backend/react";
import { ConversationList } from "./components/ConversationList";
import { ErrorBanner } from "./components/ErrorBanner";
import { useUiFocus } from "./hooks/useUiFocus";
import { Thread } from "./components/Thread";
import { t } from "./i18n";

export function App() {
  const api = useApi();
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [accountId, setAccountId] = useState<number | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [patch, setPatch] = useState<ConversationView | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let alive = true;
    api.listAccounts().then(
      (list) => alive && setAccounts(list),
      (e: unknown) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, [api]);

  const onConversation = useCallback((c: ConversationView) => setPatch(c), []);
  useUiFocus(selectedId, setSelectedId);

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">
          <img src="/favicon.svg" alt="" width={22} height={22} />
          {t.appName}
        </h1>
        {accounts.length > 1 && (
          <label className="account-picker">
            <span className="visually-hidden">{t.account}</span>
            <select
              value={accountId ?? ""}
              onChange={(e) => {
                setAccountId(e.target.value === "" ? null : Number(e.target.value));
                setSelectedId(null);
              }}
            >
              <option value="">{t.allAccounts}</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <main className="layout">
        <ConversationList
          accountId={accountId}
          selectedId={selectedId}
          onSelect={setSelectedId}
          patch={patch}
          onError={setError}
        />
        {selectedId === null ? (
          <section className="thread thread-empty">
            <p>{t.selectConversation}</p>
          </section>
        ) : (
          <Thread key={selectedId} conversationId={selectedId} onConversation={onConversation} onError={setError} />
        )}
      </main>
    </div>
  );
}
