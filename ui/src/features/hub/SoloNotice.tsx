import { useId } from "react";
import { hubText } from "./i18n";
import "./hub.css";

type Level = 2 | 3 | 4;

/**
 * このPCだけ, said honestly before it is chosen: what a closed or sleeping PC misses
 * (LINE keeps nothing to fetch later), how LINE's webhook redelivery narrows the gap and
 * where it stops, and the hub as the way to be always on. `level` is the heading level
 * of its title, so it fits under the wizard's h1 or a settings card's h3.
 */
export function SoloNotice({ level = 2, onChooseHub }: { level?: Level; onChooseHub: () => void }) {
  const id = useId();
  const n = hubText.soloNotice;
  const Title = `h${level}` as const;
  const Sub = `h${level + 1}` as "h3" | "h4" | "h5";
  return (
    <section className="solo-notice" aria-labelledby={`${id}-title`} data-testid="solo-notice">
      <Title id={`${id}-title`} className="solo-notice-title">
        {n.title}
      </Title>
      <Sub>{n.missesTitle}</Sub>
      <ul data-testid="solo-misses">
        {n.misses.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      <Sub>{n.redeliveryTitle}</Sub>
      <p>{n.redeliveryLead}</p>
      <ol data-testid="solo-redelivery-steps">
        {n.redeliverySteps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <p className="solo-notice-limit" data-testid="solo-redelivery-limit">
        {n.redeliveryLimit}
      </p>
      <Sub>{n.hubTitle}</Sub>
      <p>{n.hubBody}</p>
      <button type="button" className="solo-notice-hub" onClick={onChooseHub} data-testid="solo-choose-hub">
        {n.chooseHub}
      </button>
    </section>
  );
}
