import { useMemo } from "react";
import type {
  Availability,
  FriendChoice,
  FriendReservations,
  Menu,
  MoveReservation,
  NewReservation,
  OpenPeriods,
  Request,
  ReservationSettings,
  ReservationSetup,
  ReservationStatus,
  ReservationView,
  Resource,
  Response,
  Staff,
  UpdateReservation,
} from "../../api/types.gen";
import { expectKind, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

/** Typed calls for reservations, over the app's one backend. */
export function reservationsApi(b: Backend) {
  const call = <K extends Response["kind"]>(req: Request, kind: K) => b.rpc(req).then((r) => expectKind(r, kind));
  return {
    setup: (accountId: number): Promise<ReservationSetup> =>
      call({ method: "getReservationSetup", params: { accountId } }, "reservationSetup"),
    setSettings: (accountId: number, settings: ReservationSettings): Promise<ReservationSettings> =>
      call({ method: "setReservationSettings", params: { accountId, settings } }, "reservationSettings"),
    saveMenu: (accountId: number, menu: Menu): Promise<Menu[]> =>
      call({ method: "saveReservationMenu", params: { accountId, menu } }, "reservationMenus"),
    removeMenu: (accountId: number, id: number): Promise<Menu[]> =>
      call({ method: "removeReservationMenu", params: { accountId, id } }, "reservationMenus"),
    saveStaff: (accountId: number, staff: Staff): Promise<Staff[]> =>
      call({ method: "saveReservationStaff", params: { accountId, staff } }, "reservationStaff"),
    removeStaff: (accountId: number, id: number): Promise<Staff[]> =>
      call({ method: "removeReservationStaff", params: { accountId, id } }, "reservationStaff"),
    saveResource: (accountId: number, resource: Resource): Promise<Resource[]> =>
      call({ method: "saveReservationResource", params: { accountId, resource } }, "reservationResources"),
    removeResource: (accountId: number, id: number): Promise<Resource[]> =>
      call({ method: "removeReservationResource", params: { accountId, id } }, "reservationResources"),
    list: (accountId: number, from: number, to: number, staffId: number | null, includeInactive: boolean): Promise<ReservationView[]> =>
      call({ method: "listReservations", params: { accountId, from, to, staffId, includeInactive } }, "reservations"),
    create: (r: NewReservation): Promise<ReservationView> => call({ method: "createReservation", params: r }, "reservation"),
    move: (m: MoveReservation): Promise<ReservationView> => call({ method: "moveReservation", params: m }, "reservation"),
    update: (u: UpdateReservation): Promise<ReservationView> => call({ method: "updateReservation", params: u }, "reservation"),
    setStatus: (reservationId: number, status: ReservationStatus): Promise<ReservationView> =>
      call({ method: "setReservationStatus", params: { reservationId, status } }, "reservation"),
    availability: (accountId: number, menuIds: number[], staffId: number | null, partySize: number, date: string): Promise<Availability> =>
      call({ method: "reservationAvailability", params: { accountId, menuIds, staffId, partySize, date, asOwner: true } }, "reservationAvailability"),
    openPeriods: (accountId: number, from: string, to: string): Promise<OpenPeriods> =>
      call({ method: "reservationOpenPeriods", params: { accountId, from, to } }, "openPeriods"),
    ofFriend: (friendId: number): Promise<FriendReservations> =>
      call({ method: "friendReservations", params: { friendId } }, "friendReservations"),
    findFriends: (accountId: number, query: string, friendId: number | null = null): Promise<FriendChoice[]> =>
      call({ method: "findReservationFriends", params: { accountId, query, friendId } }, "friendChoices"),
  };
}

export type ReservationsApi = ReturnType<typeof reservationsApi>;

export function useReservationsApi(): ReservationsApi {
  const b = useBackend();
  return useMemo(() => reservationsApi(b), [b]);
}
