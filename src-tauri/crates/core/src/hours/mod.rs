//! Business hours (応答時間): the pure engine (`schedule`), Japan's national holidays,
//! the document the owner edits (`model`), its storage, and how an opening time reads.

pub mod format;
pub mod holidays;
pub mod api;
pub mod model;
pub mod schedule;
pub mod store;

pub use model::{BusinessHours, BusinessHoursView, HoursStatus};
pub use schedule::{DayRule, HolidayRule, Period, Schedule};
