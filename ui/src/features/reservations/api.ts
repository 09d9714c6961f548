import { useMemo } from "react";
import type {
  Availability,
  Menu,
  MoveReservation,
  NewReservation,
  OpenPeriods,
  ReservationSettings,
  ReservationStatus,
  ReservationView,
  Resource,
  Staff,
  UpdateReservation,
} from "../../api/types.gen";
import { typedRpc, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

/** Typed calls for reservations, over the app's one backend. */
export function reservationsApi(b: Backend) {
  const rpc = typedRpc(b);
  return {
    setSettings: (accountId: number, settings: ReservationSettings): Promise<ReservationSettings> =>
      rpc("setReservationSettings", { accountId, settings }),
    saveMenu: (accountId: number, menu: Menu): Promise<Menu[]> =>
      rpc("saveReservationMenu", { accountId, menu }),
    removeMenu: (accountId: number, id: number): Promise<Menu[]> =>
      rpc("removeReservationMenu", { accountId, id }),
    saveStaff: (accountId: number, staff: Staff): Promise<Staff[]> =>
      rpc("saveReservationStaff", { accountId, staff }),
    removeStaff: (accountId: number, id: number): Promise<Staff[]> =>
      rpc("removeReservationStaff", { accountId, id }),
    saveResource: (accountId: number, resource: Resource): Promise<Resource[]> =>
      rpc("saveReservationResource", { accountId, resource }),
    removeResource: (accountId: number, id: number): Promise<Resource[]> =>
      rpc("removeReservationResource", { accountId, id }),
    list: (accountId: number, from: number, to: number, staffId: number | null, includeInactive: boolean): Promise<ReservationView[]> =>
      rpc("listReservations", { accountId, from, to, staffId, includeInactive }),
    create: (r: NewReservation): Promise<ReservationView> => rpc("createReservation", r),
    move: (m: MoveReservation): Promise<ReservationView> => rpc("moveReservation", m),
    update: (u: UpdateReservation): Promise<ReservationView> => rpc("updateReservation", u),
    setStatus: (reservationId: number, status: ReservationStatus): Promise<ReservationView> =>
      rpc("setReservationStatus", { reservationId, status }),
    availability: (accountId: number, menuIds: number[], staffId: number | null, partySize: number, date: string): Promise<Availability> =>
      rpc("reservationAvailability", { accountId, menuIds, staffId, partySize, date, asOwner: true }),
    openPeriods: (accountId: number, from: string, to: string): Promise<OpenPeriods> =>
      rpc("reservationOpenPeriods", { accountId, from, to }),
  };
}

export type ReservationsApi = ReturnType<typeof reservationsApi>;

export function useReservationsApi(): ReservationsApi {
  const b = useBackend();
  return useMemo(() => reservationsApi(b), [b]);
}
