//! Canned replies (定型文): folders, templates of up to 5 bubbles with placeholders,
//! and the rendering for one chat — done here, in core, so no client can send a
//! template with a hole in it.

pub mod api;
pub mod model;
// {次回予約}: the friend's next booking, read from reservations.
pub mod next_reservation;
pub mod placeholders;
pub mod render;
pub mod store;

pub use render::{NextReservation, Providers};
