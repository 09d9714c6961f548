import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { Session } from "../../api/types.gen";
import { useEnterToSave } from "../../hooks/useEnterToSave";
import { appText } from "../../i18n";
import { lang, signInText } from "./i18n";
import { guessDeviceName, refusalText, signIn, type Credentials } from "./signin";
import "./signin.css";

/**
 * Why the sign-in screen is shown: nothing to say, a refused device token, the printed
 * token refused because the counter has members, or a sign-out.
 */
/** "unreadable" only comes from the desktop shell, whose connect wizard shows it. */
export type SignInReason = "none" | "expired" | "members" | "signedOut" | "unreadable";

interface Props {
  reason: SignInReason;
  onSignedIn: (session: Session) => void;
}

/** ログイン: a member signs in with name and password, or joins with a pairing code. */
export function SignInView({ reason, onSignedIn }: Props) {
  const [mode, setMode] = useState<"password" | "code">("password");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [deviceName, setDeviceName] = useState(() => guessDeviceName(navigator.userAgent));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const ids = useId();

  // The first field of whichever form is shown, so the person can type at once.
  useEffect(() => {
    first.current?.focus();
  }, [mode]);

  async function submit() {
    if (busy) return;
    let credentials: Credentials;
    if (mode === "password") {
      if (!name.trim() || !password) return setError(signInText.missing);
      credentials = { kind: "password", name: name.trim(), password };
    } else {
      if (!code.trim()) return setError(signInText.missingCode);
      credentials = { kind: "code", code: code.trim() };
    }
    setBusy(true);
    setError(null);
    const result = await signIn(credentials, deviceName.trim() || guessDeviceName(navigator.userAgent));
    setBusy(false);
    if (result.ok) onSignedIn(result.session);
    else {
      setError(refusalText(result, lang, signInText.locked));
      if (mode === "password") setPassword("");
    }
  }

  const enter = useEnterToSave(() => void submit());
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  const switchTo = (next: "password" | "code") => {
    setError(null);
    setMode(next);
  };
  const notice = reason === "none" || reason === "unreadable" ? null : signInText.reasons[reason];

  return (
    <main className="signin" data-testid="signin">
      <div className="signin-card">
        <h1 className="signin-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {appText.appName}
        </h1>
        <h2 className="signin-title">{mode === "password" ? signInText.title : signInText.useCode}</h2>
        {notice && (
          <p className="signin-notice" role="status" data-testid="signin-reason">
            {notice}
          </p>
        )}
        {mode === "password" ? (
          <form className="signin-form" onSubmit={onSubmit} noValidate data-testid="signin-password-form">
            <p className="signin-lead">{signInText.lead}</p>
            <label htmlFor={`${ids}-name`}>{signInText.name}</label>
            <input
              ref={first}
              id={`${ids}-name`}
              name="username"
              autoComplete="username"
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="signin-name"
              {...enter}
            />
            <label htmlFor={`${ids}-password`}>{signInText.password}</label>
            <input
              id={`${ids}-password`}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="signin-password"
              {...enter}
            />
            <Failure error={error} />
            <button type="submit" className="signin-submit" disabled={busy} data-testid="signin-submit">
              {busy ? signInText.signingIn : signInText.signIn}
            </button>
            <div className="signin-switch">
              <p>{signInText.useCodeHelp}</p>
              <button type="button" className="signin-link" onClick={() => switchTo("code")} data-testid="signin-use-code">
                {signInText.useCode}
              </button>
            </div>
          </form>
        ) : (
          <form className="signin-form" onSubmit={onSubmit} noValidate data-testid="signin-code-form">
            <label htmlFor={`${ids}-code`}>{signInText.code}</label>
            <input
              ref={first}
              id={`${ids}-code`}
              className="signin-code"
              name="one-time-code"
              autoComplete="one-time-code"
              autoCapitalize="characters"
              autoCorrect="off"
              spellCheck={false}
              placeholder="ABCD-EFGH"
              aria-describedby={`${ids}-code-help`}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              data-testid="signin-code"
              {...enter}
            />
            <small id={`${ids}-code-help`}>{signInText.codeHelp}</small>
            <label htmlFor={`${ids}-device`}>{signInText.deviceName}</label>
            <input
              id={`${ids}-device`}
              aria-describedby={`${ids}-device-help`}
              value={deviceName}
              maxLength={60}
              onChange={(e) => setDeviceName(e.target.value)}
              data-testid="signin-device"
              {...enter}
            />
            <small id={`${ids}-device-help`}>{signInText.deviceNameHelp}</small>
            <Failure error={error} />
            <button type="submit" className="signin-submit" disabled={busy} data-testid="signin-join">
              {busy ? signInText.joining : signInText.join}
            </button>
            <div className="signin-switch">
              <button type="button" className="signin-link" onClick={() => switchTo("password")} data-testid="signin-use-password">
                {signInText.usePassword}
              </button>
            </div>
          </form>
        )}
      </div>
    </main>
  );
}

function Failure({ error }: { error: string | null }) {
  return (
    <p className="signin-error" role="alert" data-testid="signin-error">
      {error ?? ""}
    </p>
  );
}
