import type { Method } from "../../backend";
import { useBackend } from "../../backend/react";
import { PulledBackupsSection } from "../hubbackups/PulledBackupsSection";
import { useHubStatus } from "../hub/status";
import { canCall } from "../../frame/access";
import { argOf, hrefOf, routeTo } from "../../frame/routes";
import { useSession } from "../../frame/session";
import type { ViewContext } from "../../frame/view";
import { MembersSection } from "../members/MembersSection";
import { settingsText } from "./i18n";
import { AccountSection } from "./sections/AccountSection";
import { AutoReplySection } from "./sections/AutoReplySection";
import { BackupSection } from "./sections/BackupSection";
import { GeneralSection } from "./sections/GeneralSection";
import { HistorySection } from "./sections/HistorySection";
import { HoursSection } from "./sections/HoursSection";
import { PaymentSection } from "./sections/PaymentSection";
import { PhoneSection } from "./sections/PhoneSection";
import "./settings.css";

const SECTIONS = ["general", "hours", "autoreply", "phone", "payment", "account", "backup", "thisPc", "members", "history"] as const;
type SectionId = (typeof SECTIONS)[number];
const PER_ACCOUNT: ReadonlySet<SectionId> = new Set(["hours", "autoreply", "phone", "payment"]);
/** The call a section is for: shown only to whoever may make it (its declared role). */
const SECTION_METHOD: Partial<Record<SectionId, Method>> = {
  payment: "setPaymentLinks",
  account: "getConnections",
  backup: "getBackupStatus",
  members: "listMembers",
  history: "listSettingsHistory",
};

/** 設定: one page, a section per topic; the section is the route's argument. */
export function SettingsView({ ctx }: { ctx: ViewContext }) {
  const { me } = useSession();
  // このPCの控え: only the desktop as a hub's client keeps copies of the hub's history.
  const hub = useHubStatus();
  const backend = useBackend();
  const client = hub !== null && backend.hubBackups !== undefined;
  const shown = SECTIONS.filter((id) => {
    if (id === "thisPc") return client;
    const method = SECTION_METHOD[id];
    return method === undefined || canCall(me, method);
  });
  const asked = argOf(ctx.route, "settings")?.section;
  const current: SectionId = shown.find((x) => x === asked) ?? "general";
  const accountId = ctx.accountId ?? ctx.accounts[0]?.id ?? null;
  const accountName = ctx.accounts.find((a) => a.id === accountId)?.name;

  let body;
  if (PER_ACCOUNT.has(current) && accountId === null) {
    body = <p className="settings-muted">{settingsText.noAccount}</p>;
  } else if (current === "general") body = <GeneralSection />;
  else if (current === "hours" && accountId !== null) body = <HoursSection key={accountId} accountId={accountId} />;
  else if (current === "autoreply" && accountId !== null) body = <AutoReplySection key={accountId} accountId={accountId} />;
  else if (current === "phone" && accountId !== null) body = <PhoneSection key={accountId} accountId={accountId} />;
  else if (current === "payment" && accountId !== null) body = <PaymentSection key={accountId} accountId={accountId} />;
  else if (current === "account") body = <AccountSection />;
  else if (current === "members") body = <MembersSection accountId={accountId} />;
  else if (current === "history") body = <HistorySection accountId={accountId} />;
  else if (current === "thisPc") body = <PulledBackupsSection />;
  else body = <BackupSection />;

  return (
    <main className="settings-layout" data-testid="settings-view">
      <nav className="settings-nav" aria-label={settingsText.title}>
        <h2>{settingsText.title}</h2>
        {shown.map((id) => (
          <a
            key={id}
            href={hrefOf(routeTo("settings", { section: id }))}
            data-testid={`settings-nav-${id}`}
            aria-current={id === current ? "page" : undefined}
            onClick={(e) => {
              e.preventDefault();
              ctx.navigate(routeTo("settings", { section: id }));
            }}
          >
            {settingsText.sections[id]}
          </a>
        ))}
      </nav>
      <div className="settings-body">
        <h2 className="settings-heading">
          {settingsText.sections[current]}
          {PER_ACCOUNT.has(current) && accountName && ctx.accounts.length > 1 && <small className="settings-muted"> — {accountName}</small>}
        </h2>
        {body}
      </div>
    </main>
  );
}
