import { useCallback, useEffect, useState } from "react";
import type { LineBookingSettings, ReminderCost } from "../../api/types.gen";
import { useRemindersApi } from "./reminders-api";

/** The settings both panels edit, their save, and what reminders cost this month. */
export function useLineBookingSettings(accountId: number) {
  const api = useRemindersApi();
  const [settings, setSettings] = useState<LineBookingSettings | null>(null);
  const [cost, setCost] = useState<ReminderCost | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    Promise.all([api.settings(accountId), api.cost(accountId)])
      .then(([s, c]) => {
        if (live) {
          setSettings(s);
          setCost(c);
        }
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, accountId]);

  const save = useCallback(
    async (next: LineBookingSettings) => {
      setError(null);
      setSaved(false);
      try {
        setSettings(await api.setSettings(accountId, next));
        setCost(await api.cost(accountId));
        setSaved(true);
      } catch (e) {
        setError(e);
      }
    },
    [api, accountId],
  );
  return { settings, setSettings, cost, error, saved, save };
}
