import { useState } from "react";
import { DateField, TimeField } from "../../../components/DateTimeFields";
import type { AutoReplyTest, KeywordRuleInput, MatchKind } from "../../../api/types.gen";
import { toBackendError } from "../../../backend";
import { useSettingsApi } from "../api";
import { Loading, SaveBar, Section, useRpcDraft, useSaver } from "../common";
import { lang, settingsText } from "../i18n";

type Msg = Record<string, unknown>;

/** The text of a rule's first text message (what the editor edits); other messages are kept. */
function textOf(messages: Msg[]): string {
  const m = messages.find((x) => x.type === "text");
  return typeof m?.text === "string" ? m.text : "";
}

function withText(messages: Msg[], text: string): Msg[] {
  const i = messages.findIndex((x) => x.type === "text");
  if (i < 0) return [{ type: "text", text }, ...messages];
  return messages.map((x, j) => (j === i ? { ...x, text } : x));
}

function previewTexts(messages: Msg[]): string[] {
  return messages.map((m) => (typeof m.text === "string" ? m.text : `[${String(m.type)}]`));
}

function Away({ accountId }: { accountId: number }) {
  const api = useSettingsApi();
  const { value: away, edit: setAway, saved, error: err } = useRpcDraft("getAwayReply", { accountId });
  const saver = useSaver();
  return (
    <Section title={settingsText.away} testId="settings-away">
      {!away ? (
        <Loading error={err} />
      ) : (
        <>
          <p className="settings-muted">{settingsText.awayHelp}</p>
          <label className="settings-check">
            <input type="checkbox" data-testid="away-enabled" checked={away.enabled} onChange={(e) => setAway({ ...away, enabled: e.target.checked })} />
            {settingsText.enabled}
          </label>
          <textarea data-testid="away-text" aria-label={settingsText.awayText} rows={3} value={away.text} onChange={(e) => setAway({ ...away, text: e.target.value })} />
          <SaveBar testId="save-away" state={saver.state} onSave={() => void saver.run(async () => saved(await api.setAway(accountId, away)))} />
        </>
      )}
    </Section>
  );
}

function Greeting({ accountId }: { accountId: number }) {
  const api = useSettingsApi();
  const { value: g, edit: setG, saved, error: err } = useRpcDraft("getGreeting", { accountId });
  const saver = useSaver();
  return (
    <Section title={settingsText.greeting} testId="settings-greeting">
      {!g ? (
        <Loading error={err} />
      ) : (
        <>
          <p className="settings-muted">{settingsText.greetingHelp}</p>
          <label className="settings-check">
            <input type="checkbox" checked={g.enabled} onChange={(e) => setG({ ...g, enabled: e.target.checked })} />
            {settingsText.enabled}
          </label>
          <label className="settings-field">
            {settingsText.followText}
            <textarea rows={3} value={g.followText} onChange={(e) => setG({ ...g, followText: e.target.value })} />
          </label>
          <label className="settings-field">
            {settingsText.unblockText}
            <textarea rows={2} value={g.unblockText ?? ""} onChange={(e) => setG({ ...g, unblockText: e.target.value || null })} />
          </label>
          <SaveBar testId="save-greeting" state={saver.state} onSave={() => void saver.run(async () => saved(await api.setGreeting(accountId, g)))} />
        </>
      )}
    </Section>
  );
}

function Rules({ accountId }: { accountId: number }) {
  const api = useSettingsApi();
  const {
    value: rules,
    edit: setRules,
    saved,
    error: err,
  } = useRpcDraft("listKeywordRules", { accountId }, (list): KeywordRuleInput[] => list.map((r) => ({ ...r })));
  const saver = useSaver();
  if (!rules) return <Loading error={err} />;
  const set = (i: number, p: Partial<KeywordRuleInput>) => setRules(rules.map((r, j) => (j === i ? { ...r, ...p } : r)));
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= rules.length) return;
    const next = [...rules];
    [next[i], next[j]] = [next[j] as KeywordRuleInput, next[i] as KeywordRuleInput];
    setRules(next);
  };
  const add = () =>
    setRules([
      ...rules,
      { id: null, matchKind: "contains", pattern: "", messages: [{ type: "text", text: "" }], activeFrom: null, activeUntil: null, activeHours: null, enabled: true },
    ]);
  return (
    <>
      <p className="settings-muted">{settingsText.rulesHelp}</p>
      <ol className="rules-list">
        {rules.map((r, i) => {
          const others = r.messages.filter((m) => m.type !== "text").length;
          return (
            <li key={r.id ?? `new-${i}`} className="rule" data-testid="keyword-rule">
              <div className="settings-row">
                <span className="rule-number">{i + 1}</span>
                <input
                  data-testid="rule-pattern"
                  aria-label={`${settingsText.ruleNumber(i + 1)}: ${settingsText.pattern}`}
                  placeholder={settingsText.pattern}
                  value={r.pattern}
                  onChange={(e) => set(i, { pattern: e.target.value })}
                />
                <select data-testid="rule-kind" aria-label={`${settingsText.ruleNumber(i + 1)}: ${settingsText.matchKind}`} value={r.matchKind} onChange={(e) => set(i, { matchKind: e.target.value as MatchKind })}>
                  {(["exact", "contains", "startsWith"] as const).map((k) => (
                    <option key={k} value={k}>
                      {settingsText.matchKinds[k]}
                    </option>
                  ))}
                </select>
                <label className="settings-check">
                  <input
                    type="checkbox"
                    aria-label={`${settingsText.ruleNumber(i + 1)}: ${settingsText.enabled}`}
                    checked={r.enabled}
                    onChange={(e) => set(i, { enabled: e.target.checked })}
                  />
                  {settingsText.enabled}
                </label>
                <button type="button" className="link-button" data-testid="rule-up" disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑ {settingsText.up}
                </button>
                <button type="button" className="link-button" data-testid="rule-down" disabled={i === rules.length - 1} onClick={() => move(i, 1)}>
                  ↓ {settingsText.down}
                </button>
                <button type="button" className="link-button danger" onClick={() => setRules(rules.filter((_, j) => j !== i))}>
                  {settingsText.remove}
                </button>
              </div>
              <textarea
                data-testid="rule-reply"
                aria-label={`${settingsText.ruleNumber(i + 1)}: ${settingsText.replyText}`}
                rows={2}
                placeholder={settingsText.replyText}
                value={textOf(r.messages)}
                onChange={(e) => set(i, { messages: withText(r.messages, e.target.value) })}
              />
              {others > 0 && <small className="settings-muted">{settingsText.nonText(others)}</small>}
              <div className="settings-row">
                <label>
                  {settingsText.activeFrom}
                  <DateField optional label={settingsText.activeFrom} value={r.activeFrom ?? ""} onChange={(v) => set(i, { activeFrom: v || null })} />
                </label>
                <label>
                  {settingsText.activeUntil}
                  <DateField optional label={settingsText.activeUntil} value={r.activeUntil ?? ""} onChange={(v) => set(i, { activeUntil: v || null })} />
                </label>
                <span role="group" aria-label={settingsText.activeHours}>
                  {settingsText.activeHours}{" "}
                  <TimeField
                    optional
                    label={`${settingsText.activeHours}（${settingsText.from}）`}
                    value={r.activeHours?.start ?? ""}
                    onChange={(v) => set(i, { activeHours: v || r.activeHours?.end ? { start: v, end: r.activeHours?.end ?? "" } : null })}
                  />
                  〜
                  <TimeField
                    optional
                    label={`${settingsText.activeHours}（${settingsText.until}）`}
                    value={r.activeHours?.end ?? ""}
                    onChange={(v) => set(i, { activeHours: v || r.activeHours?.start ? { start: r.activeHours?.start ?? "", end: v } : null })}
                  />
                </span>
                <small className="settings-muted">{settingsText.allDay}</small>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" className="link-button" data-testid="add-rule" onClick={add}>
        {settingsText.addRule}
      </button>
      <SaveBar
        testId="save-rules"
        state={saver.state}
        onSave={() => void saver.run(async () => saved(await api.saveRules(accountId, rules)))}
      />
    </>
  );
}

function Tester({ accountId }: { accountId: number }) {
  const api = useSettingsApi();
  const [text, setText] = useState("");
  const [result, setResult] = useState<AutoReplyTest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    try {
      setResult(await api.testRule(accountId, text));
    } catch (e) {
      setResult(null);
      setError(toBackendError(e).localized(lang));
    }
  };
  return (
    <Section title={settingsText.tester} testId="settings-tester">
      <form
        className="settings-row"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <input data-testid="tester-input" placeholder={settingsText.testerPlaceholder} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" data-testid="tester-run">
          {settingsText.test}
        </button>
      </form>
      {error && <p className="settings-error">{error}</p>}
      {result && (
        <div className="tester-result" data-testid="tester-result" data-kind={result.kind}>
          {result.kind === "keyword" && <p>{settingsText.testKeyword(result.position + 1)}</p>}
          {result.kind === "away" && <p>{settingsText.testAway}</p>}
          {result.kind === "none" && <p>{settingsText.testNone}</p>}
          {result.kind !== "none" &&
            previewTexts(result.messages).map((t, i) => (
              <blockquote key={i} className="tester-bubble">
                {t}
              </blockquote>
            ))}
        </div>
      )}
    </Section>
  );
}

/** 自動応答: away reply, keyword rules (ordered), greeting, and the rule tester. */
export function AutoReplySection({ accountId }: { accountId: number }) {
  return (
    <>
      <Away accountId={accountId} />
      <Section title={settingsText.rules} testId="settings-rules">
        <Rules accountId={accountId} />
      </Section>
      <Tester accountId={accountId} />
      <Greeting accountId={accountId} />
    </>
  );
}
