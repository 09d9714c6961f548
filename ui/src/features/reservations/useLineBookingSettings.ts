import { useState } from "react";
import type { LineBookingSettings } from "../../api/types.gen";
import { useInvalidateRpc, useRpcQuery, useSetRpcData } from "../../backend/query";
import { useRemindersApi } from "./reminders-api";

/** The settings both panels edit (each its own draft), their save, and what reminders cost this month. */
export function useLineBookingSettings(accountId: number) {
  const api = useRemindersApi();
  const stored = useRpcQuery("getLineBookingSettings", { accountId });
  const costQuery = useRpcQuery("reminderCost", { accountId });
  const [draft, setDraft] = useState<{ accountId: number; value: LineBookingSettings } | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const setData = useSetRpcData();
  const invalidate = useInvalidateRpc();

  const settings = draft !== null && draft.accountId === accountId ? draft.value : (stored.data ?? null);
  const setSettings = (value: LineBookingSettings) => setDraft({ accountId, value });
  const save = async (next: LineBookingSettings) => {
    setSaveError(null);
    setSaved(false);
    try {
      setData("getLineBookingSettings", { accountId }, await api.setSettings(accountId, next));
      setDraft(null);
      await invalidate("reminderCost");
      setSaved(true);
    } catch (e) {
      setSaveError(e);
    }
  };
  const error: unknown = saveError ?? stored.error ?? costQuery.error;
  return { settings, setSettings, cost: costQuery.data ?? null, error, saved, save };
}
