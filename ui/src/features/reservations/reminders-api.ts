import { useMemo } from "react";
import type { ExportReservations, ExportedFile, LineBookingSettings } from "../../api/types.gen";
import { typedRpc, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

/** Typed calls for LINE booking, reminders and exports, over the app's one backend. */
export function remindersApi(b: Backend) {
  const rpc = typedRpc(b);
  return {
    setSettings: (accountId: number, settings: LineBookingSettings): Promise<LineBookingSettings> =>
      rpc("setLineBookingSettings", { accountId, settings }),
    exportFile: (q: ExportReservations): Promise<ExportedFile> => rpc("exportReservations", q),
    staffCalendar: (accountId: number, staffId: number): Promise<ExportedFile> =>
      rpc("reservationStaffCalendar", { accountId, staffId }),
  };
}

export function useRemindersApi() {
  const b = useBackend();
  return useMemo(() => remindersApi(b), [b]);
}

/** "18:00"-style times only (the server checks too). */
export function isClockTime(s: string): boolean {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  return !!m && Number(m[1]) < 24 && Number(m[2]) < 60;
}
