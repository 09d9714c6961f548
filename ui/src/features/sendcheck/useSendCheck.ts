import { useCallback, useEffect, useRef, useState } from "react";
import { useApi, useBackend } from "../../backend/react";
import { checkSend, verdictOf, type DraftKey, type Verdict } from "./sendCheck";

export type CheckState = { phase: "checking" | Verdict; draft: DraftKey } | null;

/**
 * The composer's question after a lost answer: 「送信できたか確認しています…」 until the
 * hub answers by the send's key, then what it said. Asked again when the desktop's hub
 * comes back online or after a `resync` (and on a backoff where neither exists).
 */
export function useSendCheck(onVerdict: (v: Verdict, draft: DraftKey) => void, onError: (e: unknown) => void) {
  const api = useApi();
  const backend = useBackend();
  const [state, setState] = useState<CheckState>(null);
  const running = useRef<{ stop: () => void } | null>(null);
  const handlers = useRef({ onVerdict, onError });
  useEffect(() => {
    handlers.current = { onVerdict, onError };
  });
  useEffect(() => () => running.current?.stop(), []);

  const start = useCallback(
    (draft: DraftKey) => {
      running.current?.stop();
      setState({ phase: "checking", draft });
      const run = checkSend({
        ask: () => api.getSendByKey(draft.key),
        onWake: (wake) => {
          const events = backend.onEvent((e) => {
            if (e.type === "resync") wake();
          });
          const hub = backend.onHubStatus?.((s) => {
            if (s.online) wake();
          });
          return () => {
            events();
            hub?.();
          };
        },
      });
      running.current = run;
      run.done.then(
        (status) => {
          const v = verdictOf(status);
          setState({ phase: v, draft });
          handlers.current.onVerdict(v, draft);
        },
        (e: unknown) => {
          setState(null);
          handlers.current.onError(e);
        },
      );
    },
    [api, backend],
  );

  /** Drops a shown answer (the person typed or sent again); a check under way goes on. */
  const dismiss = useCallback(() => setState((cur) => (cur?.phase === "checking" ? cur : null)), []);

  return { state, start, dismiss, checking: state?.phase === "checking" };
}
