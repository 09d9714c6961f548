import { useMemo } from "react";
import type { ExportReservations, ExportedFile, LineBookingSettings, ReminderCost, Request, Response } from "../../api/types.gen";
import { expectKind, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

/** Typed calls for LINE booking, reminders and exports, over the app's one backend. */
export function remindersApi(b: Backend) {
  const call = <K extends Response["kind"]>(req: Request, kind: K) => b.rpc(req).then((r) => expectKind(r, kind));
  return {
    settings: (accountId: number): Promise<LineBookingSettings> =>
      call({ method: "getLineBookingSettings", params: { accountId } }, "lineBookingSettings"),
    setSettings: (accountId: number, settings: LineBookingSettings): Promise<LineBookingSettings> =>
      call({ method: "setLineBookingSettings", params: { accountId, settings } }, "lineBookingSettings"),
    cost: (accountId: number): Promise<ReminderCost> => call({ method: "reminderCost", params: { accountId } }, "reminderCost"),
    exportFile: (q: ExportReservations): Promise<ExportedFile> => call({ method: "exportReservations", params: q }, "exportedFile"),
    staffCalendar: (accountId: number, staffId: number): Promise<ExportedFile> =>
      call({ method: "reservationStaffCalendar", params: { accountId, staffId } }, "exportedFile"),
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
