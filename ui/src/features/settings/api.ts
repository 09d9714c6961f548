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
  HoursStatus,
  KeywordRule,
  KeywordRuleInput,
  NotificationSettings,
  OutgoingContent,
  PaymentLinkPreset,
  PaymentLinksView,
  PhoneSettings,
  PhoneSettingsView,
  QuotaView,
  SendAccepted,
  SendingSettings,
  WebhookCheck,
} from "../../api/types.gen";
import { typedRpc, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

/** The Settings page's API calls (one function per request it uses). */
export function settingsApi(b: Backend) {
  const rpc = typedRpc(b);
  return {
    getNotifications: (): Promise<NotificationSettings> => rpc("getNotificationSettings"),
    setNotifications: (s: NotificationSettings): Promise<NotificationSettings> =>
      rpc("setNotificationSettings", s),
    getSending: (): Promise<SendingSettings> => rpc("getSendingSettings"),
    setSending: (s: SendingSettings): Promise<SendingSettings> =>
      rpc("setSendingSettings", s),
    getHours: (accountId: number): Promise<BusinessHoursView> =>
      rpc("getBusinessHours", { accountId }),
    setHours: (accountId: number, hours: BusinessHours): Promise<BusinessHoursView> =>
      rpc("setBusinessHours", { accountId, hours }),
    hoursStatus: (accountId: number): Promise<HoursStatus> =>
      rpc("hoursStatus", { accountId }),
    getAway: (accountId: number): Promise<AwayReplySettings> => rpc("getAwayReply", { accountId }),
    setAway: (accountId: number, away: AwayReplySettings): Promise<AwayReplySettings> =>
      rpc("setAwayReply", { accountId, away }),
    getGreeting: (accountId: number): Promise<GreetingSettings> =>
      rpc("getGreeting", { accountId }),
    setGreeting: (accountId: number, greeting: GreetingSettings): Promise<GreetingSettings> =>
      rpc("setGreeting", { accountId, greeting }),
    listRules: (accountId: number): Promise<KeywordRule[]> =>
      rpc("listKeywordRules", { accountId }),
    saveRules: (accountId: number, rules: KeywordRuleInput[]): Promise<KeywordRule[]> =>
      rpc("saveKeywordRules", { accountId, rules }),
    testRule: (accountId: number, text: string): Promise<AutoReplyTest> =>
      rpc("testKeywordRule", { accountId, text, at: null, displayName: null }),
    getPhone: (accountId: number): Promise<PhoneSettingsView> =>
      rpc("getPhoneSettings", { accountId }),
    setPhone: (accountId: number, phone: PhoneSettings): Promise<PhoneSettingsView> =>
      rpc("setPhoneSettings", { accountId, phone }),
    getPaymentLinks: (accountId: number): Promise<PaymentLinksView> =>
      rpc("getPaymentLinks", { accountId }),
    setPaymentLinks: (accountId: number, links: PaymentLinkPreset[]): Promise<PaymentLinksView> =>
      rpc("setPaymentLinks", { accountId, links }),
    send: (conversationId: number, content: OutgoingContent): Promise<SendAccepted> =>
      rpc("sendMessage", { conversationId, content }),
    backupStatus: (): Promise<BackupStatus> => rpc("getBackupStatus"),
    setAutoBackup: (s: AutoBackupSettings): Promise<BackupStatus> => rpc("setAutoBackup", s),
    backupNow: (): Promise<BackupStatus> => rpc("backupNow"),
    exportMessages: (format: ExportFormat): Promise<ExportDone> =>
      rpc("exportMessages", { format }),
    connections: (): Promise<ConnectionOverview> => rpc("getConnections"),
    connect: (accountId: number | null, channelSecret: string, accessToken: string): Promise<AccountConnection> =>
      rpc("connectAccount", { accountId, channelSecret, accessToken }),
    setPublicBaseUrl: (url: string): Promise<ConnectionOverview> =>
      rpc("setPublicBaseUrl", { url }),
    connectWebhook: (accountId: number): Promise<WebhookCheck> =>
      rpc("connectWebhook", { accountId }),
    testWebhook: (accountId: number): Promise<WebhookCheck> =>
      rpc("testWebhook", { accountId }),
    getQuota: (accountId: number): Promise<QuotaView> => rpc("getQuota", { accountId }),
  };
}

export type SettingsApi = ReturnType<typeof settingsApi>;

export function useSettingsApi(): SettingsApi {
  const b = useBackend();
  return useMemo(() => settingsApi(b), [b]);
}
