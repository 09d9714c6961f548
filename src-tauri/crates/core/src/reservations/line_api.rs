//! Reservations' methods of the one API for LINE booking and reminder settings, what
//! reminders cost this month, and the .ics / CSV exports (declared in `api/methods.rs`).

use crate::accounts::model::AccountRef;
use crate::reservations::interop::{self, ExportReservations, ExportedFile, StaffCalendar};
use crate::reservations::line_settings::{self, LineBookingSettings, SetLineBookingSettings};
use crate::reservations::reminders::{self, ReminderCost};
use crate::runtime::Core;
use crate::time::now_ms;
use crate::Result;

pub async fn get_line_booking_settings(core: &Core, q: AccountRef) -> Result<LineBookingSettings> {
    line_settings::get(&core.store().pool, q.account_id).await
}

pub async fn set_line_booking_settings(core: &Core, q: SetLineBookingSettings) -> Result<LineBookingSettings> {
    line_settings::set(&core.store().pool, q.account_id, &q.settings).await
}

pub async fn reminder_cost(core: &Core, q: AccountRef) -> Result<ReminderCost> {
    reminders::cost(&core.store().pool, q.account_id, reminders::now()).await
}

pub async fn export_reservations(core: &Core, q: ExportReservations) -> Result<ExportedFile> {
    interop::export(&core.store().pool, &q).await
}

pub async fn reservation_staff_calendar(core: &Core, q: StaffCalendar) -> Result<ExportedFile> {
    interop::staff_calendar(&core.store().pool, &q, now_ms()).await
}
