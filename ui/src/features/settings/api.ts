import { useMemo } from "react";
import type {
  AccountConnection,
  AutoBackupSettings,
  AutoReplyTest,
  AwayReplySettings,
  BackupStatus,
  BusinessHours,
  BusinessHoursView,
  ConnectionOverview,
  ExportDone,
  ExportFormat,
  GreetingSettings,
  KeywordRule,
  KeywordRuleInput,
  NotificationSettings,
  OutgoingContent,
  PaymentLinkPreset,
  PaymentLinksView,
  PhoneSettings,
  PhoneSettingsView,
  SendAccepted,
  SendingSettings,
  WebhookCheck,
} from "../../api/types.gen";
import { typedRpc, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

/** The Settings page's writes and actions; its reads are queries (backend/query.ts). */
export function settingsApi(b: Backend) {
  const rpc = typedRpc(b);
  return {
    setNotifications: (s: NotificationSettings): Promise<NotificationSettings> =>
      rpc("setNotificationSettings", s),
    setSending: (s: SendingSettings): Promise<SendingSettings> =>
      rpc("setSendingSettings", s),
    setHours: (accountId: number, hours: BusinessHours): Promise<BusinessHoursView> =>
      rpc("setBusinessHours", { accountId, hours }),
    setAway: (accountId: number, away: AwayReplySettings): Promise<AwayReplySettings> =>
      rpc("setAwayReply", { accountId, away }),
    setGreeting: (accountId: number, greeting: GreetingSettings): Promise<GreetingSettings> =>
      rpc("setGreeting", { accountId, greeting }),
    saveRules: (accountId: number, rules: KeywordRuleInput[]): Promise<KeywordRule[]> =>
      rpc("saveKeywordRules", { accountId, rules }),
    testRule: (accountId: number, text: string): Promise<AutoReplyTest> =>
      rpc("testKeywordRule", { accountId, text, at: null, displayName: null }),
    setPhone: (accountId: number, phone: PhoneSettings): Promise<PhoneSettingsView> =>
      rpc("setPhoneSettings", { accountId, phone }),
    setPaymentLinks: (accountId: number, links: PaymentLinkPreset[]): Promise<PaymentLinksView> =>
      rpc("setPaymentLinks", { accountId, links }),
    send: (conversationId: number, content: OutgoingContent): Promise<SendAccepted> =>
      rpc("sendMessage", { conversationId, content }),
    setAutoBackup: (s: AutoBackupSettings): Promise<BackupStatus> => rpc("setAutoBackup", s),
    backupNow: (): Promise<BackupStatus> => rpc("backupNow"),
    exportMessages: (format: ExportFormat): Promise<ExportDone> =>
      rpc("exportMessages", { format }),
    connect: (accountId: number | null, channelSecret: string, accessToken: string): Promise<AccountConnection> =>
      rpc("connectAccount", { accountId, channelSecret, accessToken }),
    setPublicBaseUrl: (url: string): Promise<ConnectionOverview> =>
      rpc("setPublicBaseUrl", { url }),
    connectWebhook: (accountId: number): Promise<WebhookCheck> =>
      rpc("connectWebhook", { accountId }),
    testWebhook: (accountId: number): Promise<WebhookCheck> =>
      rpc("testWebhook", { accountId }),
  };
}

export type SettingsApi = ReturnType<typeof settingsApi>;

export function useSettingsApi(): SettingsApi {
  const b = useBackend();
  return useMemo(() => settingsApi(b), [b]);
}
