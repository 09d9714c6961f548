//! Reservations' methods of the one API (declared in `api/methods.rs`): the set-up
//! (menus, staff, seats), the calendar and availability.

use crate::accounts::model::AccountRef;
use crate::reservations::model::{
    Availability, AvailabilityQuery, FindFriends, FriendChoice, FriendReservations, FriendReservationsQuery,
    ListReservations, Menu, MoveReservation, NewReservation, OpenPeriods, OpenPeriodsQuery, ReservationItemRef,
    ReservationRef, ReservationSettings, ReservationSetup, ReservationStatus, ReservationView, Resource, SaveMenu,
    SaveResource, SaveStaff, SetReservationSettings, SetReservationStatus, Staff, UpdateReservation,
};
use crate::reservations::{booking, setup};
use crate::runtime::Core;
use crate::Result;

pub async fn get_reservation_setup(core: &Core, q: AccountRef) -> Result<ReservationSetup> {
    setup::setup(&core.store().pool, q.account_id).await
}

pub async fn set_reservation_settings(core: &Core, q: SetReservationSettings) -> Result<ReservationSettings> {
    setup::set_settings(&core.store().pool, q.account_id, &q.settings).await
}

pub async fn save_reservation_menu(core: &Core, q: SaveMenu) -> Result<Vec<Menu>> {
    setup::save_menu(&core.store().pool, q.account_id, &q.menu).await
}

pub async fn remove_reservation_menu(core: &Core, q: ReservationItemRef) -> Result<Vec<Menu>> {
    setup::remove_menu(&core.store().pool, q.account_id, q.id).await
}

pub async fn save_reservation_staff(core: &Core, q: SaveStaff) -> Result<Vec<Staff>> {
    setup::save_staff(&core.store().pool, q.account_id, &q.staff).await
}

pub async fn remove_reservation_staff(core: &Core, q: ReservationItemRef) -> Result<Vec<Staff>> {
    setup::remove_staff(&core.store().pool, q.account_id, q.id).await
}

pub async fn save_reservation_resource(core: &Core, q: SaveResource) -> Result<Vec<Resource>> {
    setup::save_resource(&core.store().pool, q.account_id, &q.resource).await
}

pub async fn remove_reservation_resource(core: &Core, q: ReservationItemRef) -> Result<Vec<Resource>> {
    setup::remove_resource(&core.store().pool, q.account_id, q.id).await
}

pub async fn list_reservations(core: &Core, q: ListReservations) -> Result<Vec<ReservationView>> {
    booking::list(&core.store().pool, &q).await
}

pub async fn get_reservation(core: &Core, q: ReservationRef) -> Result<ReservationView> {
    booking::get(&core.store().pool, q.reservation_id).await
}

pub async fn create_reservation(core: &Core, q: NewReservation) -> Result<ReservationView> {
    booking::create(&core.store().pool, &q).await
}

pub async fn move_reservation(core: &Core, q: MoveReservation) -> Result<ReservationView> {
    booking::move_to(&core.store().pool, &q).await
}

pub async fn update_reservation(core: &Core, q: UpdateReservation) -> Result<ReservationView> {
    booking::update(&core.store().pool, &q).await
}

pub async fn set_reservation_status(core: &Core, q: SetReservationStatus) -> Result<ReservationView> {
    let r = booking::set_status(&core.store().pool, q.reservation_id, q.status).await?;
    // Confirming a LINE request owes the customer a message now.
    core.wakeups().reminders.notify_one();
    Ok(r)
}

pub async fn cancel_reservation(core: &Core, q: ReservationRef) -> Result<ReservationView> {
    booking::set_status(&core.store().pool, q.reservation_id, ReservationStatus::Cancelled).await
}

pub async fn reservation_availability(core: &Core, q: AvailabilityQuery) -> Result<Availability> {
    booking::availability(&core.store().pool, &q).await
}

pub async fn friend_reservations(core: &Core, q: FriendReservationsQuery) -> Result<FriendReservations> {
    booking::of_friend(&core.store().pool, q.friend_id).await
}

pub async fn find_reservation_friends(core: &Core, q: FindFriends) -> Result<Vec<FriendChoice>> {
    booking::find_friends(&core.store().pool, &q).await
}

pub async fn reservation_open_periods(core: &Core, q: OpenPeriodsQuery) -> Result<OpenPeriods> {
    booking::open_periods(&core.store().pool, &q).await
}
