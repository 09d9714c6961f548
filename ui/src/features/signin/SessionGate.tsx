import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { Session as SignedIn } from "../../api/types.gen";
import type { Backend } from "../../backend";
import { createHttpBackend } from "../../backend/http";
import { BackendProvider } from "../../backend/react";
import { forgetTokens, type TokenStores } from "../../backend/token";
import { earlyFirstPage } from "../inbox/firstPage";
import { SessionProvider, type Session } from "../../frame/session";
import { lang, signInText } from "./i18n";
import { checkSession, refused, signedIn, type GateState } from "./session";
import { SignInView } from "./SignInView";
import { HubWizard } from "../hub/HubWizard";
import { HubStatusProvider } from "../hub/status";

function browserStores(): (TokenStores & { session: Storage }) | null {
  return typeof window === "undefined" ? null : { session: window.sessionStorage, device: window.localStorage };
}

/**
 * The app, or the sign-in screen when the browser has no token or the server refuses
 * it (signed out elsewhere, revoked, the member removed). The desktop window is always
 * signed in: its backend's `me()` is the owner.
 */
export function SessionGate({ start, initial, children }: { start: Backend; initial: GateState; children: () => ReactNode }) {
  const [state, setState] = useState<GateState>(initial);
  const leaving = useRef(false);

  // A chat page fetched at start-up with a refused token must not reach the next list,
  // nor any answer read for a session that ended reach the next one.
  const queries = useQueryClient();
  useEffect(() => {
    if (state.kind === "in") return;
    earlyFirstPage(true);
    queries.clear();
  }, [state.kind, queries]);

  const backend = state.kind === "in" ? state.backend : null;
  useEffect(() => {
    if (!backend?.onUnauthorized) return;
    return backend.onUnauthorized(() => {
      if (leaving.current) return;
      const reason = refused(browserStores());
      setState((s) => (s.kind === "in" && s.backend === backend ? { kind: "signIn", reason } : s));
    });
  }, [backend]);

  const onSignedIn = useCallback((session: SignedIn) => {
    const stores = browserStores();
    if (!stores) return;
    leaving.current = false;
    // The inbox first, whatever screen the refused session was on.
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    setState(signedIn(session, stores, (token) => createHttpBackend({ token })));
  }, []);

  const retry = useCallback(() => {
    if (state.kind !== "unreachable") return;
    void checkSession(start, browserStores(), lang).then(setState);
  }, [state.kind, start]);

  const session: Session | null = useMemo(() => {
    if (state.kind !== "in") return null;
    const b = state.backend;
    const logout = b.logout;
    return {
      me: state.me,
      signOut:
        state.me.member && logout
          ? async () => {
              leaving.current = true;
              try {
                await logout();
              } catch {
                // Out of reach or already refused: this browser forgets the token anyway.
              }
              const stores = browserStores();
              if (stores) forgetTokens(stores);
              setState({ kind: "signIn", reason: "signedOut" });
            }
          : null,
    };
  }, [state]);

  // The desktop in client mode: the shell pairs (the token stays in the OS keyring).
  if (state.kind === "signIn" && start.pairHub)
    return <HubWizard backend={start} reason={state.reason} onPaired={() => void checkSession(start, null, lang).then(setState)} />;
  if (state.kind === "signIn") return <SignInView reason={state.reason} onSignedIn={onSignedIn} />;
  if (state.kind === "unreachable")
    return (
      <main className="signin">
        <div className="signin-card" role="alert">
          <p>{signInText.unreachable}</p>
          <p className="signin-lead">{state.message}</p>
          <button type="button" className="signin-submit" onClick={retry}>
            {signInText.retry}
          </button>
        </div>
      </main>
    );
  // A new backend (signed in again) starts every screen afresh.
  return (
    <BackendProvider key={backendKey(state.backend)} backend={state.backend}>
      <SessionProvider value={session!}>
        <HubStatusProvider>{children()}</HubStatusProvider>
      </SessionProvider>
    </BackendProvider>
  );
}

const keys = new WeakMap<Backend, number>();
let nextKey = 0;
function backendKey(b: Backend): number {
  let k = keys.get(b);
  if (k === undefined) keys.set(b, (k = nextKey++));
  return k;
}
