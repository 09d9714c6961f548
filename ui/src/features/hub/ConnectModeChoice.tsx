import { hubText } from "./i18n";
import { SoloNotice } from "./SoloNotice";
import "./hub.css";

export type ConnectMode = "solo" | "hub";

/**
 * このPCだけ or お店のハブにつなぐ: the connect wizard's first question (desktop only).
 * Choosing このPCだけ shows what it costs before anything else is asked; `headingLevel`
 * places that notice's headings under the page's own.
 */
export function ConnectModeChoice({
  mode,
  onChange,
  headingLevel = 2,
}: {
  mode: ConnectMode;
  onChange: (m: ConnectMode) => void;
  headingLevel?: 2 | 3 | 4;
}) {
  return (
    <>
      <fieldset className="hub-choice" data-testid="connect-mode">
        <legend>{hubText.choose}</legend>
        {(["solo", "hub"] as const).map((m) => (
          <label key={m} className={mode === m ? "hub-choice-option selected" : "hub-choice-option"}>
            <input type="radio" name="connect-mode" value={m} checked={mode === m} onChange={() => onChange(m)} data-testid={`connect-mode-${m}`} />
            <span>
              <strong>{m === "solo" ? hubText.solo : hubText.hub}</strong>
              <small>{m === "solo" ? hubText.soloHelp : hubText.hubHelp}</small>
            </span>
          </label>
        ))}
      </fieldset>
      {mode === "solo" && <SoloNotice level={headingLevel} onChooseHub={() => onChange("hub")} />}
    </>
  );
}
