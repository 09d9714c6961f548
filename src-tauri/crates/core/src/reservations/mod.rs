//! Reservations (予約): the shop's menus, staff with shifts and resources with seats
//! (`setup`), bookings with their no-double-booking check inside the store transaction
//! (`booking`), the pure availability engine (`availability`), the API's types
//! (`model`), and the demo shop's set-up (`demo`).
//!
//! From code (e.g. the LINE booking flow): free times are
//! `booking::availability(pool, &AvailabilityQuery { .. })` (or the pure
//! `availability::World::day`); book with `booking::create(pool, &NewReservation {
//! source: ReservationSource::Line, .. })`, which re-checks the time inside its
//! transaction and fails with `CoreError::SlotTaken` (API code `slotTaken`) when it
//! was just taken.

pub mod api;
pub mod availability;
pub mod booking;
pub mod demo;
pub mod model;
pub mod setup;
// Booking through LINE, reminders, .ics / CSV export.
pub mod chat_booking;
pub mod interop;
pub mod line_api;
pub mod line_settings;
pub mod line_text;
pub mod reminders;
