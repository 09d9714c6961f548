import { routeTo, type Route } from "../../frame/routes";
import { reservationText } from "./i18n";

/** "予約を作成" in a chat: opens the calendar's create dialog for this friend. */
export function CreateReservationButton({ friendId, navigate }: { friendId: number; navigate: (route: Route) => void }) {
  return (
    <button type="button" className="rsv-create-from-chat" onClick={() => navigate(routeTo("calendar", { friendId }))}>
      {reservationText.newReservation}
    </button>
  );
}
