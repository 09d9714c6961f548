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
  Request,
  Response,
  SendAccepted,
  SendingSettings,
  WebhookCheck,
} from "../../api/types.gen";
import { expectKind, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

/** The Settings page's API calls (one function per request it uses). */
export function settingsApi(b: Backend) {
  const call = <K extends Response["kind"]>(req: Request, kind: K) => b.rpc(req).then((r) => expectKind(r, kind));
  return {
    getNotifications: (): Promise<NotificationSettings> => call({ method: "getNotificationSettings" }, "notificationSettings"),
    setNotifications: (s: NotificationSettings): Promise<NotificationSettings> =>
      call({ method: "setNotificationSettings", params: s }, "notificationSettings"),
    getSending: (): Promise<SendingSettings> => call({ method: "getSendingSettings" }, "sendingSettings"),
    setSending: (s: SendingSettings): Promise<SendingSettings> =>
      call({ method: "setSendingSettings", params: s }, "sendingSettings"),
    getHours: (accountId: number): Promise<BusinessHoursView> =>
      call({ method: "getBusinessHours", params: { accountId } }, "businessHours"),
    setHours: (accountId: number, hours: BusinessHours): Promise<BusinessHoursView> =>
      call({ method: "setBusinessHours", params: { accountId, hours } }, "businessHours"),
    hoursStatus: (accountId: number): Promise<HoursStatus> =>
      call({ method: "hoursStatus", params: { accountId } }, "hoursStatus"),
    getAway: (accountId: number): Promise<AwayReplySettings> => call({ method: "getAwayReply", params: { accountId } }, "awayReply"),
    setAway: (accountId: number, away: AwayReplySettings): Promise<AwayReplySettings> =>
      call({ method: "setAwayReply", params: { accountId, away } }, "awayReply"),
    getGreeting: (accountId: number): Promise<GreetingSettings> =>
      call({ method: "getGreeting", params: { accountId } }, "greeting"),
    setGreeting: (accountId: number, greeting: GreetingSettings): Promise<GreetingSettings> =>
      call({ method: "setGreeting", params: { accountId, greeting } }, "greeting"),
    listRules: (accountId: number): Promise<KeywordRule[]> =>
      call({ method: "listKeywordRules", params: { accountId } }, "keywordRules"),
    saveRules: (accountId: number, rules: KeywordRuleInput[]): Promise<KeywordRule[]> =>
      call({ method: "saveKeywordRules", params: { accountId, rules } }, "keywordRules"),
    testRule: (accountId: number, text: string): Promise<AutoReplyTest> =>
      call({ method: "testKeywordRule", params: { accountId, text, at: null, displayName: null } }, "autoReplyTest"),
    getPhone: (accountId: number): Promise<PhoneSettingsView> =>
      call({ method: "getPhoneSettings", params: { accountId } }, "phoneSettings"),
    setPhone: (accountId: number, phone: PhoneSettings): Promise<PhoneSettingsView> =>
      call({ method: "setPhoneSettings", params: { accountId, phone } }, "phoneSettings"),
    getPaymentLinks: (accountId: number): Promise<PaymentLinksView> =>
      call({ method: "getPaymentLinks", params: { accountId } }, "paymentLinks"),
    setPaymentLinks: (accountId: number, links: PaymentLinkPreset[]): Promise<PaymentLinksView> =>
      call({ method: "setPaymentLinks", params: { accountId, links } }, "paymentLinks"),
    send: (conversationId: number, content: OutgoingContent): Promise<SendAccepted> =>
      call({ method: "sendMessage", params: { conversationId, content } }, "sendAccepted"),
    backupStatus: (): Promise<BackupStatus> => call({ method: "getBackupStatus" }, "backupStatus"),
    setAutoBackup: (s: AutoBackupSettings): Promise<BackupStatus> => call({ method: "setAutoBackup", params: s }, "backupStatus"),
    backupNow: (): Promise<BackupStatus> => call({ method: "backupNow" }, "backupStatus"),
    exportMessages: (format: ExportFormat): Promise<ExportDone> =>
      call({ method: "exportMessages", params: { format } }, "exportDone"),
    connections: (): Promise<ConnectionOverview> => call({ method: "getConnections" }, "connections"),
    connect: (accountId: number | null, channelSecret: string, accessToken: string): Promise<AccountConnection> =>
      call({ method: "connectAccount", params: { accountId, channelSecret, accessToken } }, "accountConnection"),
    setPublicBaseUrl: (url: string): Promise<ConnectionOverview> =>
      call({ method: "setPublicBaseUrl", params: { url } }, "connections"),
    connectWebhook: (accountId: number): Promise<WebhookCheck> =>
      call({ method: "connectWebhook", params: { accountId } }, "webhookCheck"),
    testWebhook: (accountId: number): Promise<WebhookCheck> =>
      call({ method: "testWebhook", params: { accountId } }, "webhookCheck"),
    getQuota: (accountId: number): Promise<QuotaView> => call({ method: "getQuota", params: { accountId } }, "quota"),
  };
}

export type SettingsApi = ReturnType<typeof settingsApi>;

export function useSettingsApi(): SettingsApi {
  const b = useBackend();
  return useMemo(() => settingsApi(b), [b]);
}
