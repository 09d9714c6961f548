import { useEffect, useState } from "react";
import { invoke } from "@tauri-apps/api/core";
import { disable, enable, isEnabled } from "@tauri-apps/plugin-autostart";
import { isTauri } from "../../backend";
import { desktopText } from "./i18n";

/**
 * Opt-in start at login (desktop app only; the browser UI has nothing to start).
 * The OS keeps the setting: the plugin is asked, not our store. Offered only where the
 * app stays (not from the disk image on a Mac: src-tauri/src/autostart_place.rs).
 */
export function AutostartToggle() {
  const [on, setOn] = useState<boolean | null>(null);
  const [failed, setFailed] = useState(false);
  const [offered, setOffered] = useState(true);
  useEffect(() => {
    if (!isTauri()) return;
    isEnabled().then(setOn, () => setFailed(true));
    invoke<boolean>("autostart_offered").then(setOffered, () => setOffered(true));
  }, []);
  if (!isTauri()) return null;
  return (
    <div className="setting-row">
      <label>
        <input
          type="checkbox"
          checked={on === true}
          disabled={on === null || (!offered && on !== true)}
          onChange={(e) => {
            const want = e.target.checked;
            setFailed(false);
            (want ? enable() : disable()).then(
              () => setOn(want),
              () => setFailed(true),
            );
          }}
        />{" "}
        {desktopText.autostart}
      </label>
      <p className="setting-help">{offered ? desktopText.autostartHelp : desktopText.autostartNotHere}</p>
      {failed && <p role="alert">{desktopText.autostartFailed}</p>}
    </div>
  );
}
