import { useState } from "react";
import type { WebhookCheck } from "../../../api/types.gen";
import { toBackendError } from "../../../backend";
import { useBackend } from "../../../backend/react";
import { ConnectModeChoice, type ConnectMode } from "../../hub/ConnectModeChoice";
import { HubConnectForm } from "../../hub/HubConnectForm";
import { useSettingsApi } from "../api";
import { Loading, SaveBar, Section, useRpcDraft, useSaver } from "../common";
import { lang, settingsText } from "../i18n";

/**
 * アカウント: the connect wizard. Secrets go to the backend once and are never shown
 * again except masked; the webhook is set and tested with one button.
 */
export function AccountSection({ onAccountsChanged }: { onAccountsChanged?: () => void }) {
  const api = useSettingsApi();
  const { value: overview, saved, error: err, refetch: reload } = useRpcDraft("getConnections", undefined);
  const [target, setTarget] = useState<number | null>(null);
  const [secret, setSecret] = useState("");
  const [token, setToken] = useState("");
  const [connectedName, setConnectedName] = useState<string | null>(null);
  const [baseUrl, setBaseUrl] = useState<string | null>(null);
  const [checks, setChecks] = useState<Record<number, WebhookCheck | string>>({});
  const connectSaver = useSaver();
  const urlSaver = useSaver();
  // The desktop's first run: this PC only (the LINE steps below) or the shop's hub.
  const backend = useBackend();
  const [mode, setMode] = useState<ConnectMode>("solo");

  if (!overview) return <Loading error={err} />;
  const offerHub = overview.needsSetup && backend.pairHub !== undefined;
  const choice = offerHub && (
    <Section title={settingsText.connectNew} testId="connect-mode-section">
      <ConnectModeChoice mode={mode} onChange={setMode} headingLevel={4} />
      {mode === "hub" && <HubConnectForm backend={backend} onPaired={() => window.location.reload()} />}
    </Section>
  );
  if (offerHub && mode === "hub") return choice;
  const url = baseUrl ?? overview.publicBaseUrl;

  const connect = () =>
    void connectSaver.run(async () => {
      const a = await api.connect(target, secret, token);
      setSecret("");
      setToken("");
      setConnectedName(a.account.name);
      reload();
      if (onAccountsChanged) onAccountsChanged();
      // A new account changes the whole app (header picker, inbox, quota): start it afresh
      // on this page, where the webhook step follows.
      else if (target === null) window.location.reload();
    });

  const webhook = async (accountId: number, again: boolean) => {
    setChecks((c) => ({ ...c, [accountId]: "…" }));
    try {
      const r = again ? await api.testWebhook(accountId) : await api.connectWebhook(accountId);
      setChecks((c) => ({ ...c, [accountId]: r }));
    } catch (e) {
      setChecks((c) => ({ ...c, [accountId]: toBackendError(e).localized(lang) }));
    }
  };

  return (
    <>
      {choice}
      <Section title={settingsText.accounts} testId="settings-accounts">
        {overview.accounts.length === 0 && <p className="settings-muted">{settingsText.noAccountYet}</p>}
        <ul className="account-list">
          {overview.accounts.map((a) => {
            const check = checks[a.account.id];
            return (
              <li key={a.account.id} data-testid="account-connection">
                <strong>{a.account.name}</strong> {a.account.basicId && <span className="settings-muted">{a.account.basicId}</span>}{" "}
                <span className={`hours-badge ${a.hasCredentials ? "open" : "closed"}`}>{a.hasCredentials ? settingsText.connected : settingsText.noCredentials}</span>
                {a.hasCredentials && (
                  <div className="settings-muted" data-testid="masked-secrets">
                    {settingsText.channelSecret}: {a.channelSecretMasked} / {settingsText.accessToken}: {a.accessTokenMasked}
                  </div>
                )}
                {a.hasCredentials && (
                  <div className="settings-row">
                    <button type="button" data-testid="connect-webhook" disabled={!overview.publicBaseUrl} onClick={() => void webhook(a.account.id, false)}>
                      {settingsText.connectWebhook}
                    </button>
                    <button type="button" className="link-button" data-testid="test-webhook" onClick={() => void webhook(a.account.id, true)}>
                      {settingsText.testWebhook}
                    </button>
                  </div>
                )}
                {check !== undefined && (
                  <p
                    role="status"
                    data-testid="webhook-result"
                    className={typeof check === "string" ? "settings-muted" : check.ok ? "webhook-ok" : "settings-error"}
                  >
                    {typeof check === "string" ? check : lang === "ja" ? check.messageJa : check.messageEn}
                    {typeof check !== "string" && !check.ok && check.statusCode > 0 && ` (HTTP ${check.statusCode})`}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      </Section>
      <Section title={settingsText.publicUrl} testId="settings-public-url">
        <p className="settings-muted">{settingsText.publicUrlHelp}</p>
        <div className="settings-row">
          <input
            className="settings-url"
            data-testid="public-url"
            placeholder="https://xxxx.trycloudflare.com"
            value={url}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
        </div>
        {overview.webhookUrl && (
          <p className="settings-muted">
            {settingsText.webhookUrl}: <code>{overview.webhookUrl}</code>
          </p>
        )}
        <SaveBar
          testId="save-public-url"
          state={urlSaver.state}
          onSave={() =>
            void urlSaver.run(async () => {
              saved(await api.setPublicBaseUrl(url));
              setBaseUrl(null);
            })
          }
        />
      </Section>
      <Section title={overview.needsSetup ? settingsText.connectNew : settingsText.reconnect} testId="connect-wizard">
        <ol className="wizard-steps">
          {settingsText.wizardSteps.map((step, i) => (
            <li key={i}>{step}</li>
          ))}
        </ol>
        <p className="settings-note" data-testid="oa-manager-note">
          {settingsText.oaManagerNote}
        </p>
        {overview.accounts.length > 0 && (
          <label className="settings-field">
            {settingsText.connectFor}
            <select
              data-testid="connect-target"
              value={target ?? ""}
              onChange={(e) => setTarget(e.target.value === "" ? null : Number(e.target.value))}
            >
              <option value="">{settingsText.newAccount}</option>
              {overview.accounts.map((a) => (
                <option key={a.account.id} value={a.account.id}>
                  {a.account.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="settings-field">
          {settingsText.channelSecret}
          <input
            type="password"
            autoComplete="off"
            data-testid="channel-secret"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </label>
        <label className="settings-field">
          {settingsText.accessToken}
          <input type="password" autoComplete="off" data-testid="access-token" value={token} onChange={(e) => setToken(e.target.value)} />
        </label>
        <SaveBar testId="connect-account" label={settingsText.connect} doneLabel={settingsText.connectedShort} state={connectSaver.state} onSave={connect} />
        {connectedName && connectSaver.state.kind === "saved" && <p className="webhook-ok">{settingsText.connectedAs(connectedName)}</p>}
      </Section>
    </>
  );
}
