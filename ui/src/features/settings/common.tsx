import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { toBackendError, type Method, type ParamsOf, type ResultOf } from "../../backend";
import { rpcQueryKey, useRpcQuery, useSetRpcData } from "../../backend/query";
import { lang, settingsText } from "./i18n";

type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "error"; message: string };

/** Runs a save and remembers how it went, with the server's message in the UI's language. */
export function useSaver() {
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setState({ kind: "saving" });
    try {
      const v = await fn();
      if (alive.current) setState({ kind: "saved" });
      return v;
    } catch (e) {
      if (alive.current) setState({ kind: "error", message: toBackendError(e).localized(lang) });
      return undefined;
    }
  }, []);
  return { state, run };
}

/** The save button with its outcome beside it. */
export function SaveBar({
  state,
  onSave,
  label,
  doneLabel,
  testId,
}: {
  state: SaveState;
  onSave: () => void;
  label?: string;
  doneLabel?: string;
  testId: string;
}) {
  return (
    <div className="settings-savebar">
      <button type="button" className="primary" data-testid={testId} disabled={state.kind === "saving"} onClick={onSave}>
        {state.kind === "saving" ? settingsText.saving : (label ?? settingsText.save)}
      </button>
      <span role="status" data-testid={`${testId}-status`} className={`settings-save-${state.kind}`}>
        {state.kind === "saved" ? (doneLabel ?? settingsText.saved) : state.kind === "error" ? state.message : ""}
      </span>
    </div>
  );
}

/**
 * An editable copy of a server answer: the form shows the answer until the person
 * edits it, then their draft until `saved` puts the server's answer back in the shared
 * cache (every screen reading it shows it) and ends the draft.
 */
export function useRpcDraft<M extends Method, D = ResultOf<M>>(method: M, params: ParamsOf<M>, toDraft?: (r: ResultOf<M>) => D) {
  const query = useRpcQuery(method, params);
  const setData = useSetRpcData();
  const key = JSON.stringify(rpcQueryKey(method, params));
  const [draft, setDraft] = useState<{ key: string; value: D } | null>(null);
  const fromServer = query.data === undefined ? null : toDraft ? toDraft(query.data) : (query.data as unknown as D);
  const value = draft !== null && draft.key === key ? draft.value : fromServer;
  return {
    value,
    edit: (v: D) => setDraft({ key, value: v }),
    saved: (r: ResultOf<M>) => {
      setData(method, params, r);
      setDraft(null);
    },
    error: query.error ? query.error.localized(lang) : null,
    refetch: () => void query.refetch(),
  };
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="settings-card" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

export function Loading({ error }: { error: string | null }) {
  return error ? (
    <p className="settings-error" role="alert">
      {error}
    </p>
  ) : (
    <p className="settings-muted">{settingsText.loading}</p>
  );
}
