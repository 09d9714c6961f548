//! The API arms of part 2: LINE booking and reminder settings, what reminders cost
//! this month, and the .ics / CSV exports.

use crate::api::types::{Request, Response};
use crate::reservations::{interop, line_settings, reminders};
use crate::runtime::Core;
use crate::time::now_ms;
use crate::{CoreError, Result};

pub async fn dispatch(core: &Core, request: Request) -> Result<Response> {
    let pool = &core.store().pool;
    Ok(match request {
        Request::GetLineBookingSettings(q) => Response::LineBookingSettings(line_settings::get(pool, q.account_id).await?),
        Request::SetLineBookingSettings(q) => {
            let saved = line_settings::set(pool, q.account_id, &q.settings).await?;
            Response::LineBookingSettings(saved)
        }
        Request::ReminderCost(q) => Response::ReminderCost(reminders::cost(pool, q.account_id, reminders::now()).await?),
        Request::ExportReservations(q) => Response::ExportedFile(interop::export(pool, &q).await?),
        Request::ReservationStaffCalendar(q) => Response::ExportedFile(interop::staff_calendar(pool, &q, now_ms()).await?),
        other => return Err(CoreError::Invalid(format!("not a LINE booking request: {other:?}"))),
    })
}
