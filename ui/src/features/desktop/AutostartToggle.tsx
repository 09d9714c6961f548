import { useEffect, useState } from "react";
import { disable, enable, isEnabled } from "@tauri-apps/plugin-autostart";
import { isTauri } from "../../backend";
import { s } from "./i18n";

/**
 * Opt-in start at login (desktop app only; the browser UI has nothing to start).
 * The OS keeps the setting: the plugin is asked, not our store.
 */
export function AutostartToggle() {
  const [on, setOn] = useState<boolean | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!isTauri()) return;
    isEnabled().then(setOn, () => setFailed(true));
  }, []);
  if (!isTauri()) return null;
  return (
    <div className="setting-row">
      <label>
        <input
          type="checkbox"
          checked={on === true}
          disabled={on === null}
          onChange={(e) => {
            const want = e.target.checked;
            setFailed(false);
            (want ? enable() : disable()).then(
              () => setOn(want),
              () => setFailed(true),
            );
          }}
        />{" "}
        {s.autostart}
      </label>
      <p className="setting-help">{s.autostartHelp}</p>
      {failed && <p role="alert">{s.autostartFailed}</p>}
    </div>
  );
}
