import type { NotificationSettings, SendingSettings } from "../../../api/types.gen";
import { AutostartToggle } from "../../desktop/AutostartToggle";
import { UpdatePanel } from "../../desktop/UpdatePanel";
import { useSettingsApi } from "../api";
import { Loading, SaveBar, Section, useRpcDraft, useSaver } from "../common";
import { settingsText } from "../i18n";
import { NotifyScopeCard } from "../../assignment/NotifyScopeCard";

/** 基本: notifications and the two sending numbers. */
export function GeneralSection() {
  const api = useSettingsApi();
  const { value: notify, edit: setNotify, saved: savedNotify, error: notifyErr } = useRpcDraft("getNotificationSettings", undefined);
  const { value: sending, edit: setSending, saved: savedSending, error: sendingErr } = useRpcDraft("getSendingSettings", undefined);
  const notifySaver = useSaver();
  const sendingSaver = useSaver();

  const patchNotify = (p: Partial<NotificationSettings>) => notify && setNotify({ ...notify, ...p });
  const patchSending = (p: Partial<SendingSettings>) => sending && setSending({ ...sending, ...p });

  return (
    <>
      <Section title={settingsText.notifications} testId="settings-notifications">
        {!notify ? (
          <Loading error={notifyErr} />
        ) : (
          <>
            <label className="settings-check">
              <input type="checkbox" checked={notify.popup} onChange={(e) => patchNotify({ popup: e.target.checked })} />
              {settingsText.popup}
            </label>
            <label className="settings-check">
              <input type="checkbox" checked={notify.sound} onChange={(e) => patchNotify({ sound: e.target.checked })} />
              {settingsText.sound}
            </label>
            <label className="settings-check">
              <input
                type="checkbox"
                data-testid="quiet-hours-on"
                checked={notify.quietHours !== null}
                onChange={(e) => patchNotify({ quietHours: e.target.checked ? { start: "21:00", end: "09:00" } : null })}
              />
              {settingsText.quietHours}
            </label>
            {notify.quietHours && (
              <div className="settings-row">
                <label>
                  {settingsText.quietFrom}
                  <input
                    className="settings-time"
                    value={notify.quietHours.start}
                    onChange={(e) => notify.quietHours && patchNotify({ quietHours: { ...notify.quietHours, start: e.target.value } })}
                  />
                </label>
                <label>
                  {settingsText.quietTo}
                  <input
                    className="settings-time"
                    value={notify.quietHours.end}
                    onChange={(e) => notify.quietHours && patchNotify({ quietHours: { ...notify.quietHours, end: e.target.value } })}
                  />
                </label>
              </div>
            )}
            <SaveBar
              testId="save-notifications"
              state={notifySaver.state}
              onSave={() => void notifySaver.run(async () => savedNotify(await api.setNotifications(notify)))}
            />
          </>
        )}
      </Section>
      <NotifyScopeCard />
      <Section title={settingsText.sending} testId="settings-sending">
        {!sending ? (
          <Loading error={sendingErr} />
        ) : (
          <>
            <label className="settings-field">
              {settingsText.undoSeconds}
              <input
                type="number"
                data-testid="undo-seconds"
                min={0}
                max={60}
                value={sending.undoSeconds}
                onChange={(e) => patchSending({ undoSeconds: Number(e.target.value) })}
              />
              <small>{settingsText.undoHelp}</small>
            </label>
            <label className="settings-field">
              {settingsText.replyWindow}
              <input
                type="number"
                data-testid="reply-window"
                min={10}
                max={55}
                value={sending.replySafeWindowSeconds}
                onChange={(e) => patchSending({ replySafeWindowSeconds: Number(e.target.value) })}
              />
              <small>{settingsText.replyHelp}</small>
            </label>
            <SaveBar
              testId="save-sending"
              state={sendingSaver.state}
              onSave={() => void sendingSaver.run(async () => savedSending(await api.setSending(sending)))}
            />
          </>
        )}
      </Section>
      <AutostartToggle />
      <UpdatePanel />
    </>
  );
}
