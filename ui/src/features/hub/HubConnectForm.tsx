import { useEffect, useRef, useState, type FormEvent } from "react";
import type { SessionMember } from "../../api/types.gen";
import { toBackendError, type Backend } from "../../backend";
import { appText } from "../../i18n";
import { addressProblem } from "./address";
import { hubText } from "./i18n";
import "./hub.css";

/**
 * お店のハブにつなぐ: the hub's address, a pairing code and this PC's name. The shell
 * checks the address (https), the hub's version and the code, and keeps the token in
 * the OS keyring; this form only shows what it answers.
 */
export function HubConnectForm({
  backend,
  address: initialAddress = "",
  onPaired,
}: {
  backend: Backend;
  address?: string;
  onPaired: (member: SessionMember) => void;
}) {
  const [address, setAddress] = useState(initialAddress);
  const [code, setCode] = useState("");
  const [device, setDevice] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [restarting, setRestarting] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    backend.connection?.().then(
      (c) => {
        if (!live) return;
        setDevice((d) => d || c.deviceName);
        // Connecting again to the same hub: only a new code is needed.
        if (c.hub) {
          setAddress((a) => a || c.hub!.address);
          codeInput.current?.focus();
        }
      },
      () => {},
    );
    first.current?.focus();
    return () => {
      live = false;
    };
  }, [backend]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = addressProblem(address);
    if (problem) return setError(problem === "missing" ? hubText.missingAddress : hubText.notHttps);
    if (!code.trim()) return setError(hubText.missingCode);
    if (!backend.pairHub) return;
    setBusy(true);
    setError("");
    try {
      const r = await backend.pairHub(address.trim(), code.trim(), device.trim());
      if (r.restarting) setRestarting(true);
      else onPaired(r.member);
    } catch (err) {
      setError(toBackendError(err).localized(appText.lang));
      setBusy(false);
    }
  };

  if (restarting)
    return (
      <p className="hub-restarting" role="status" data-testid="hub-restarting">
        {hubText.restarting}
      </p>
    );
  return (
    <form className="hub-form" onSubmit={(e) => void submit(e)} noValidate data-testid="hub-connect-form">
      <label htmlFor="hub-address">{hubText.address}</label>
      <input
        id="hub-address"
        ref={first}
        data-testid="hub-address"
        inputMode="url"
        autoComplete="url"
        spellCheck={false}
        placeholder="https://shop.example.jp"
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        aria-describedby="hub-address-help"
      />
      <small id="hub-address-help">{hubText.addressHelp}</small>
      <label htmlFor="hub-code">{hubText.code}</label>
      <input
        id="hub-code"
        ref={codeInput}
        data-testid="hub-code"
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        aria-describedby="hub-code-help"
      />
      <small id="hub-code-help">{hubText.codeHelp}</small>
      <label htmlFor="hub-device">{hubText.deviceName}</label>
      <input id="hub-device" data-testid="hub-device" value={device} onChange={(e) => setDevice(e.target.value)} aria-describedby="hub-device-help" />
      <small id="hub-device-help">{hubText.deviceNameHelp}</small>
      <p className="hub-error" role="alert" data-testid="hub-error">
        {error}
      </p>
      <button type="submit" className="hub-submit" disabled={busy} data-testid="hub-connect">
        {busy ? hubText.connecting : hubText.connect}
      </button>
    </form>
  );
}
