import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { toBackendError } from "../../backend";
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

/** Loads once per `key` change; keeps the latest value and the loading error. */
export function useLoaded<T>(load: () => Promise<T>, key: unknown[]): [T | null, (v: T) => void, string | null, () => void] {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setError(null);
    loadRef.current().then(
      (v) => live && setValue(v),
      (e: unknown) => live && setError(toBackendError(e).localized(lang)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...key, tick]);
  return [value, setValue, error, () => setTick((n) => n + 1)];
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
