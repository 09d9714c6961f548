//! The reservation types the API carries (menus, staff, resources, settings, bookings)
//! and their input checks, explained in English and Japanese.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::hours::model::PeriodView;
use crate::{CoreError, Result};

pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_NOTES_CHARS: usize = 2000;
pub const MAX_PARTY: i64 = 1000;
pub const MAX_MENUS_PER_BOOKING: usize = 10;
/// A booking lasts at most a day: longer "reservations" are holidays, not bookings.
pub const MAX_BOOKING_MINUTES: i64 = 24 * 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReservationSettings {
    /// Start times are offered every N minutes (5–120).
    #[ts(type = "number")]
    pub slot_minutes: i64,
    /// Customers cannot book sooner than this many minutes from now.
    #[ts(type = "number")]
    pub min_notice_minutes: i64,
    /// …nor further ahead than this many days.
    #[ts(type = "number")]
    pub window_days: i64,
    /// Customers may cancel or change until this many hours before the start.
    #[ts(type = "number")]
    pub cancel_deadline_hours: i64,
    /// LINE bookings start as 仮予約 until the owner confirms them.
    pub approval_required: bool,
}

impl Default for ReservationSettings {
    fn default() -> Self {
        ReservationSettings {
            slot_minutes: 15,
            min_notice_minutes: 60,
            window_days: 60,
            cancel_deadline_hours: 24,
            approval_required: false,
        }
    }
}

impl ReservationSettings {
    pub fn validate(&self) -> Result<()> {
        range(self.slot_minutes, 5, 120, "slot step (minutes)", "予約枠の間隔（分）")?;
        range(self.min_notice_minutes, 0, 60 * 24 * 30, "minimum notice (minutes)", "受付締切（分前）")?;
        range(self.window_days, 1, 366, "booking window (days)", "予約受付期間（日）")?;
        range(self.cancel_deadline_hours, 0, 24 * 30, "cancellation deadline (hours)", "キャンセル期限（時間前）")?;
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetReservationSettings {
    #[ts(type = "number")]
    pub account_id: i64,
    pub settings: ReservationSettings,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Menu {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    #[ts(type = "number")]
    pub duration_minutes: i64,
    /// Cleanup after: the staff member and the resource stay busy this long after the end.
    #[ts(type = "number")]
    pub buffer_minutes: i64,
    #[ts(type = "number")]
    pub price_yen: i64,
    /// False for bookings that need no staff member (e.g. a table).
    pub needs_staff: bool,
    /// Who may do it; empty = every staff member.
    #[ts(type = "number[]")]
    pub staff_ids: Vec<i64>,
    /// The kind of resource it takes ("chair", "個室", …); None = none.
    pub resource_kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveMenu {
    #[ts(type = "number")]
    pub account_id: i64,
    /// id 0 = a new menu.
    pub menu: Menu,
}

impl Menu {
    pub fn validate(&self) -> Result<Menu> {
        let menu_name = name(&self.name, "menu name", "メニュー名")?;
        range(self.duration_minutes, 5, MAX_BOOKING_MINUTES, "duration (minutes)", "所要時間（分）")?;
        range(self.buffer_minutes, 0, 240, "cleanup buffer (minutes)", "後片付け時間（分）")?;
        range(self.price_yen, 0, 10_000_000, "price (yen)", "料金（円）")?;
        let resource_kind = match &self.resource_kind {
            Some(k) if !k.trim().is_empty() => Some(name(k, "resource kind", "設備の種類")?),
            _ => None,
        };
        if !self.needs_staff && resource_kind.is_none() {
            return Err(CoreError::bad_input(
                "a menu needs a staff member, a resource, or both",
                "メニューにはスタッフか設備（またはその両方）が必要です",
            ));
        }
        let mut staff_ids = self.staff_ids.clone();
        staff_ids.sort_unstable();
        staff_ids.dedup();
        Ok(Menu { name: menu_name, resource_kind, staff_ids, ..self.clone() })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Staff {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// CSS colour for the calendar ("#e07a5f").
    pub color: String,
    /// Seven lists of shift periods, index 0 = Sunday; same form as business hours
    /// ("22:00"–"02:00" ends the next day). An empty day = not working.
    pub weekly: Vec<Vec<PeriodView>>,
    /// Dates off ("2026-12-24"), besides the weekly pattern.
    pub days_off: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveStaff {
    #[ts(type = "number")]
    pub account_id: i64,
    /// id 0 = a new staff member.
    pub staff: Staff,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Resource {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub kind: String,
    /// Seats: the party sizes of bookings at the same time add up to at most this.
    #[ts(type = "number")]
    pub capacity: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveResource {
    #[ts(type = "number")]
    pub account_id: i64,
    /// id 0 = a new resource.
    pub resource: Resource,
}

impl Resource {
    pub fn validate(&self) -> Result<Resource> {
        Ok(Resource {
            id: self.id,
            name: name(&self.name, "resource name", "設備名")?,
            kind: name(&self.kind, "resource kind", "設備の種類")?,
            capacity: {
                range(self.capacity, 1, MAX_PARTY, "seats", "席数")?;
                self.capacity
            },
        })
    }
}

/// Removing a menu, staff member or resource (kept in past bookings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReservationItemRef {
    #[ts(type = "number")]
    pub account_id: i64,
    #[ts(type = "number")]
    pub id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReservationStatus {
    /// 仮予約
    Tentative,
    /// 確定
    Confirmed,
    /// 来店
    Arrived,
    /// 完了
    Completed,
    /// キャンセル
    Cancelled,
    /// 無断キャンセル
    NoShow,
}

impl ReservationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReservationStatus::Tentative => "tentative",
            ReservationStatus::Confirmed => "confirmed",
            ReservationStatus::Arrived => "arrived",
            ReservationStatus::Completed => "completed",
            ReservationStatus::Cancelled => "cancelled",
            ReservationStatus::NoShow => "noShow",
        }
    }

    pub fn parse(s: &str) -> ReservationStatus {
        match s {
            "tentative" => ReservationStatus::Tentative,
            "arrived" => ReservationStatus::Arrived,
            "completed" => ReservationStatus::Completed,
            "cancelled" => ReservationStatus::Cancelled,
            "noShow" => ReservationStatus::NoShow,
            _ => ReservationStatus::Confirmed,
        }
    }

    /// Holds its staff member and seats (cancelled and no-show bookings free them).
    pub fn is_active(self) -> bool {
        !matches!(self, ReservationStatus::Cancelled | ReservationStatus::NoShow)
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            ReservationStatus::Tentative => "仮予約",
            ReservationStatus::Confirmed => "確定",
            ReservationStatus::Arrived => "来店",
            ReservationStatus::Completed => "完了",
            ReservationStatus::Cancelled => "キャンセル",
            ReservationStatus::NoShow => "無断キャンセル",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReservationSource {
    Owner,
    Line,
    Phone,
    WalkIn,
}

impl ReservationSource {
    pub fn as_str(self) -> &'static str {
        match self {
            ReservationSource::Owner => "owner",
            ReservationSource::Line => "line",
            ReservationSource::Phone => "phone",
            ReservationSource::WalkIn => "walkIn",
        }
    }

    pub fn parse(s: &str) -> ReservationSource {
        match s {
            "line" => ReservationSource::Line,
            "phone" => ReservationSource::Phone,
            "walkIn" => ReservationSource::WalkIn,
            _ => ReservationSource::Owner,
        }
    }
}

/// A booked menu as it was when booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookedMenu {
    #[ts(type = "number")]
    pub menu_id: i64,
    pub name: String,
    #[ts(type = "number")]
    pub duration_minutes: i64,
    #[ts(type = "number")]
    pub price_yen: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReservationView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub account_id: i64,
    #[ts(type = "number | null")]
    pub friend_id: Option<i64>,
    /// The friend's LINE display name, or the walk-in / phone customer's name.
    pub customer_name: String,
    pub customer_phone: Option<String>,
    pub menus: Vec<BookedMenu>,
    #[ts(type = "number | null")]
    pub staff_id: Option<i64>,
    pub staff_name: Option<String>,
    #[ts(type = "number | null")]
    pub resource_id: Option<i64>,
    pub resource_name: Option<String>,
    /// Epoch ms.
    #[ts(type = "number")]
    pub start: i64,
    #[ts(type = "number")]
    pub end: i64,
    #[ts(type = "number")]
    pub buffer_minutes: i64,
    #[ts(type = "number")]
    pub party_size: i64,
    pub status: ReservationStatus,
    pub notes: String,
    pub source: ReservationSource,
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number")]
    pub updated_at: i64,
}

/// Who the booking is for: a LINE friend, or someone who walked in or phoned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Customer {
    Friend {
        #[ts(type = "number")]
        friend_id: i64,
    },
    Guest { name: String, phone: Option<String> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewReservation {
    #[ts(type = "number")]
    pub account_id: i64,
    pub customer: Customer,
    #[ts(type = "number[]")]
    pub menu_ids: Vec<i64>,
    /// None = chosen automatically among those free and allowed.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub staff_id: Option<i64>,
    /// None = chosen automatically among the free ones of the menus' kind.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub resource_id: Option<i64>,
    /// Epoch ms.
    #[ts(type = "number")]
    pub start: i64,
    /// None = start + the menus' durations.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub end: Option<i64>,
    #[ts(type = "number")]
    pub party_size: i64,
    /// None = 確定 for the owner, per the approval setting for LINE.
    #[serde(default)]
    pub status: Option<ReservationStatus>,
    #[serde(default)]
    pub notes: String,
    pub source: ReservationSource,
}

/// Move (new start, keeps the length unless `end` is given), resize (`end`), or
/// reassign (staff, resource). Checked for conflicts like a new booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MoveReservation {
    #[ts(type = "number")]
    pub reservation_id: i64,
    #[ts(type = "number")]
    pub start: i64,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub end: Option<i64>,
    /// Absent = keep; null inside `Some` is not used: give the id to change it.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub staff_id: Option<i64>,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub resource_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateReservation {
    #[ts(type = "number")]
    pub reservation_id: i64,
    #[ts(type = "number")]
    pub party_size: i64,
    pub notes: String,
    /// Only for walk-in / phone customers.
    #[serde(default)]
    pub customer_name: Option<String>,
    #[serde(default)]
    pub customer_phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetReservationStatus {
    #[ts(type = "number")]
    pub reservation_id: i64,
    pub status: ReservationStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReservationRef {
    #[ts(type = "number")]
    pub reservation_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListReservations {
    #[ts(type = "number")]
    pub account_id: i64,
    /// Epoch ms; bookings overlapping [from, to).
    #[ts(type = "number")]
    pub from: i64,
    #[ts(type = "number")]
    pub to: i64,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub staff_id: Option<i64>,
    /// Cancelled and no-show bookings too.
    #[serde(default)]
    pub include_inactive: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FriendReservationsQuery {
    #[ts(type = "number")]
    pub friend_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FriendReservations {
    /// Soonest first.
    pub upcoming: Vec<ReservationView>,
    /// Most recent first (at most 50).
    pub past: Vec<ReservationView>,
    #[ts(type = "number")]
    pub no_show_count: i64,
    /// The shop's zone, to show the times in.
    pub time_zone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FindFriends {
    #[ts(type = "number")]
    pub account_id: i64,
    pub query: String,
    /// Just this friend (to pre-fill the booking dialog from a chat); `query` is then ignored.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub friend_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FriendChoice {
    #[ts(type = "number")]
    pub friend_id: i64,
    pub display_name: Option<String>,
    /// The shop's own name for the friend: shown first, like everywhere else.
    pub private_name: Option<String>,
    pub picture_url: Option<String>,
    /// The picture's stored copy, served like other media.
    pub picture_file: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AvailabilityQuery {
    #[ts(type = "number")]
    pub account_id: i64,
    #[ts(type = "number[]")]
    pub menu_ids: Vec<i64>,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub staff_id: Option<i64>,
    #[ts(type = "number")]
    pub party_size: i64,
    /// "2026-12-24" for one day, or "2026-12" for the whole month (shop's calendar).
    pub date: String,
    /// Ignore the minimum notice and the booking window (the owner booking by hand).
    #[serde(default)]
    pub as_owner: bool,
}

/// One free start time with who and what would take it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    #[ts(type = "number")]
    pub start: i64,
    #[ts(type = "number")]
    pub end: i64,
    #[ts(type = "number | null")]
    pub staff_id: Option<i64>,
    #[ts(type = "number | null")]
    pub resource_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DaySlots {
    pub date: String,
    pub slots: Vec<Slot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Availability {
    pub time_zone: String,
    pub days: Vec<DaySlots>,
}

/// Everything the calendar's settings panel edits, in one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReservationSetup {
    pub settings: ReservationSettings,
    pub menus: Vec<Menu>,
    pub staff: Vec<Staff>,
    pub resources: Vec<Resource>,
    pub time_zone: String,
}

pub(crate) fn range(v: i64, min: i64, max: i64, en: &str, ja: &str) -> Result<()> {
    if (min..=max).contains(&v) {
        Ok(())
    } else {
        Err(CoreError::bad_input(
            format!("{en} must be between {min} and {max} (got {v})"),
            format!("{ja}は {min} から {max} の間で指定してください（{v} でした）"),
        ))
    }
}

pub(crate) fn name(s: &str, en: &str, ja: &str) -> Result<String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(CoreError::bad_input(format!("{en} is empty"), format!("{ja}を入力してください")));
    }
    if t.chars().count() > MAX_NAME_CHARS || t.chars().any(char::is_control) {
        return Err(CoreError::bad_input(
            format!("{en}: at most {MAX_NAME_CHARS} characters, no control characters"),
            format!("{ja}は {MAX_NAME_CHARS} 文字以内で、制御文字は使えません"),
        ));
    }
    Ok(t.to_string())
}

/// The shop's open periods between two dates (for the calendar's shading).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenPeriodsQuery {
    #[ts(type = "number")]
    pub account_id: i64,
    /// "2026-12-01", inclusive.
    pub from: String,
    /// "2026-12-31", inclusive; at most 62 days after `from`.
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimeRange {
    #[ts(type = "number")]
    pub start: i64,
    #[ts(type = "number")]
    pub end: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenPeriods {
    pub time_zone: String,
    /// False while the owner has not saved business hours (the template is used).
    pub configured: bool,
    pub periods: Vec<TimeRange>,
}
