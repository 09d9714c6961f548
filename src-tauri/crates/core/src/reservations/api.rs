//! The reservation arms of the one API.

use crate::api::types::{Request, Response};
use crate::reservations::{booking, model::ReservationStatus, setup};
use crate::runtime::Core;
use crate::{CoreError, Result};

pub async fn dispatch(core: &Core, request: Request) -> Result<Response> {
    let pool = &core.store().pool;
    Ok(match request {
        Request::GetReservationSetup(q) => Response::ReservationSetup(setup::setup(pool, q.account_id).await?),
        Request::SetReservationSettings(q) => {
            Response::ReservationSettings(setup::set_settings(pool, q.account_id, &q.settings).await?)
        }
        Request::SaveReservationMenu(q) => Response::ReservationMenus(setup::save_menu(pool, q.account_id, &q.menu).await?),
        Request::RemoveReservationMenu(q) => Response::ReservationMenus(setup::remove_menu(pool, q.account_id, q.id).await?),
        Request::SaveReservationStaff(q) => Response::ReservationStaff(setup::save_staff(pool, q.account_id, &q.staff).await?),
        Request::RemoveReservationStaff(q) => Response::ReservationStaff(setup::remove_staff(pool, q.account_id, q.id).await?),
        Request::SaveReservationResource(q) => {
            Response::ReservationResources(setup::save_resource(pool, q.account_id, &q.resource).await?)
        }
        Request::RemoveReservationResource(q) => {
            Response::ReservationResources(setup::remove_resource(pool, q.account_id, q.id).await?)
        }
        Request::ListReservations(q) => Response::Reservations(booking::list(pool, &q).await?),
        Request::GetReservation(q) => Response::Reservation(booking::get(pool, q.reservation_id).await?),
        Request::CreateReservation(q) => Response::Reservation(booking::create(pool, &q).await?),
        Request::MoveReservation(q) => Response::Reservation(booking::move_to(pool, &q).await?),
        Request::UpdateReservation(q) => Response::Reservation(booking::update(pool, &q).await?),
        Request::SetReservationStatus(q) => {
            let r = booking::set_status(pool, q.reservation_id, q.status).await?;
            // Confirming a LINE request owes the customer a message now.
            core.wakeups().reminders.notify_one();
            Response::Reservation(r)
        }
        Request::CancelReservation(q) => {
            Response::Reservation(booking::set_status(pool, q.reservation_id, ReservationStatus::Cancelled).await?)
        }
        Request::ReservationAvailability(q) => Response::ReservationAvailability(booking::availability(pool, &q).await?),
        Request::FriendReservations(q) => Response::FriendReservations(booking::of_friend(pool, q.friend_id).await?),
        Request::FindReservationFriends(q) => Response::FriendChoices(booking::find_friends(pool, &q).await?),
        Request::ReservationOpenPeriods(q) => Response::OpenPeriods(booking::open_periods(pool, &q).await?),
        other => return Err(CoreError::Invalid(format!("not a reservation request: {other:?}"))),
    })
}
