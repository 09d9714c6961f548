/**
 * Signing in over HTTP (`POST /api/login`, `/api/pair`, DESIGN §3): the calls, what a
 * refusal tells the person, and the name this device is listed under.
 */
import type { Session } from "../../api/types.gen";
import { BackendError, isApiError, toBackendError, type Lang } from "../../backend/types";

export type Credentials = { kind: "password"; name: string; password: string } | { kind: "code"; code: string };

export type SignInResult =
  | { ok: true; session: Session }
  | { ok: false; error: BackendError; /** From `Retry-After` when the server says to wait. */ retryAfterMinutes: number | null };

/**
 * Minutes to wait, rounded up, from a `Retry-After` header: delay-seconds or an HTTP
 * date. Null when absent or unreadable.
 */
export function retryAfterMinutes(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const value = header.trim();
  let seconds: number;
  if (/^\d+$/.test(value)) seconds = Number(value);
  else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return null;
    seconds = Math.max(0, (at - now) / 1000);
  }
  return Math.max(1, Math.ceil(seconds / 60));
}

/** What a device is called when the person does not name it: from its browser's user agent. */
export function guessDeviceName(userAgent: string): string {
  if (/iPhone|iPod/.test(userAgent)) return "iPhone";
  if (/iPad/.test(userAgent)) return "iPad";
  if (/Android/.test(userAgent)) return "Android";
  if (/Windows/.test(userAgent)) return "Windows PC";
  if (/Macintosh|Mac OS X/.test(userAgent)) return "Mac";
  if (/CrOS/.test(userAgent)) return "Chromebook";
  if (/Linux/.test(userAgent)) return "Linux PC";
  return "ブラウザ";
}

/** Signs in with a name and password or a pairing code; a refusal is a result, not a throw. */
export async function signIn(
  credentials: Credentials,
  deviceName: string,
  doFetch: typeof fetch = (input, init) => globalThis.fetch(input, init),
  baseUrl = "",
): Promise<SignInResult> {
  const [path, body] =
    credentials.kind === "password"
      ? ["/api/login", { name: credentials.name, password: credentials.password, deviceName }]
      : ["/api/pair", { code: credentials.code, deviceName }];
  let res: Response;
  try {
    res = await doFetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (e) {
    return { ok: false, error: toBackendError(e), retryAfterMinutes: null };
  }
  let answer: unknown = undefined;
  try {
    answer = await res.json();
  } catch {
    answer = undefined;
  }
  if (res.ok && isSession(answer)) return { ok: true, session: answer };
  const error = isApiError(answer)
    ? new BackendError(answer, res.status)
    : new BackendError(
        { code: `http_${res.status}`, message: `The server answered ${res.status}.`, messageJa: `サーバーがエラーを返しました (${res.status})。` },
        res.status,
      );
  return { ok: false, error, retryAfterMinutes: res.status === 429 ? retryAfterMinutes(res.headers.get("Retry-After")) : null };
}

function isSession(v: unknown): v is Session {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  const m = o.member as Record<string, unknown> | undefined;
  return typeof o.token === "string" && typeof m === "object" && m !== null && typeof m.name === "string" && typeof m.role === "string";
}

/**
 * What to tell the person about a refusal, in the UI's language: the server's words
 * (wrong name or password, wrong code, a password rule), or the wait when locked.
 */
export function refusalText(r: Extract<SignInResult, { ok: false }>, lang: Lang, locked: (minutes: number) => string): string {
  if (r.error.code === "tooManyAttempts" && r.retryAfterMinutes !== null) return locked(r.retryAfterMinutes);
  return r.error.localized(lang);
}
