/**
 * The window's sign-in state, decided from what the server says about its token:
 * signed in (with who), a sign-in to show (and why), or the server out of reach.
 */
import type { Session as SignedIn } from "../../api/types.gen";
import { NO_TOKEN, toBackendError, type Backend, type Me } from "../../backend";
import { TOKEN_KEY, forgetTokens, keepDeviceToken, type TokenStores } from "../../backend/token";
import type { SignInReason } from "./SignInView";

export type GateState =
  | { kind: "in"; backend: Backend; me: Me }
  | { kind: "signIn"; reason: SignInReason }
  | { kind: "unreachable"; message: string };

/** The desktop shell's answer while its connection.json could not be read (src-tauri/src/commands.rs). */
export const CONNECTION_UNREADABLE = "connectionUnreadable";

/** Where a refusal leads: no token → sign in; a refused token → forget it, sign in again. */
export async function checkSession(
  backend: Backend,
  stores: (TokenStores & { session: Pick<Storage, "getItem"> }) | null,
  lang: "ja" | "en",
): Promise<GateState> {
  try {
    return { kind: "in", backend, me: await backend.me() };
  } catch (e) {
    const err = toBackendError(e);
    if (err.code === NO_TOKEN) return { kind: "signIn", reason: "none" };
    // The desktop's saved connection could not be read: its wizard asks again.
    if (err.code === CONNECTION_UNREADABLE) return { kind: "signIn", reason: "unreadable" };
    if (err.status === 401) return { kind: "signIn", reason: refused(stores) };
    return { kind: "unreachable", message: err.localized(lang) };
  }
}

/**
 * Forgets the refused token and says why it was refused: the token printed at start
 * stops working once the counter has members; a device's was revoked or signed out.
 */
export function refused(stores: (TokenStores & { session: Pick<Storage, "getItem"> }) | null): "members" | "expired" {
  const printed = stores?.session.getItem(TOKEN_KEY) != null;
  if (stores) forgetTokens(stores);
  return printed ? "members" : "expired";
}

/** After a sign-in: the token kept for this device, and who signed in. */
export function signedIn(session: SignedIn, stores: TokenStores, backendFor: (token: string) => Backend): GateState {
  keepDeviceToken(stores, session.token);
  return { kind: "in", backend: backendFor(session.token), me: { member: session.member, role: session.member.role } };
}
