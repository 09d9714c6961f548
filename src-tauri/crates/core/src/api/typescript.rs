//! The UI's TypeScript types, generated from the Rust types so the two cannot drift.
//! `cargo test -p madoguchi-core typescript` fails when `ui/src/api/types.gen.ts` is
//! stale; `UPDATE_TS=1` rewrites it.

use ts_rs::{Config, TS};

use crate::accounts::AccountView;
use crate::api::error::ApiError;
use crate::api::types::*;
use crate::events::CoreEvent;

/// The whole generated file.
pub fn render() -> String {
    let cfg = Config::default();
    let decls = [
        Request::decl(&cfg),
        Response::decl(&cfg),
        ApiError::decl(&cfg),
        CoreEvent::decl(&cfg),
        AccountView::decl(&cfg),
        ListConversations::decl(&cfg),
        ConversationFilter::decl(&cfg),
        GetThread::decl(&cfg),
        SendMessage::decl(&cfg),
        OutgoingContent::decl(&cfg),
        OutboxRef::decl(&cfg),
        ConversationRef::decl(&cfg),
        AccountRef::decl(&cfg),
        FriendView::decl(&cfg),
        ConversationStatus::decl(&cfg),
        ConversationView::decl(&cfg),
        ConversationPage::decl(&cfg),
        Direction::decl(&cfg),
        MessageStatus::decl(&cfg),
        Route::decl(&cfg),
        MessageView::decl(&cfg),
        ThreadPage::decl(&cfg),
        SendAccepted::decl(&cfg),
        RoutePreview::decl(&cfg),
        QuotaView::decl(&cfg),
        PeriodView::decl(&cfg),
        HolidayRuleView::decl(&cfg),
        DayRuleView::decl(&cfg),
        DayOverride::decl(&cfg),
        BusinessHours::decl(&cfg),
        BusinessHoursView::decl(&cfg),
        SetBusinessHours::decl(&cfg),
        HoursStatus::decl(&cfg),
        MatchKind::decl(&cfg),
        KeywordRule::decl(&cfg),
        KeywordRuleInput::decl(&cfg),
        SaveKeywordRules::decl(&cfg),
        GreetingSettings::decl(&cfg),
        SetGreeting::decl(&cfg),
        AwayReplySettings::decl(&cfg),
        SetAwayReply::decl(&cfg),
        TestKeywordRule::decl(&cfg),
        AutoReplyTest::decl(&cfg),
        PhoneSettings::decl(&cfg),
        PhoneSettingsView::decl(&cfg),
        SetPhoneSettings::decl(&cfg),
        LineMessageView::decl(&cfg),
        NotificationSettings::decl(&cfg),
        QuietHours::decl(&cfg),
        UiFocus::decl(&cfg),
        // Reservations
        ReservationSettings::decl(&cfg),
        SetReservationSettings::decl(&cfg),
        Menu::decl(&cfg),
        SaveMenu::decl(&cfg),
        Staff::decl(&cfg),
        SaveStaff::decl(&cfg),
        Resource::decl(&cfg),
        SaveResource::decl(&cfg),
        ReservationItemRef::decl(&cfg),
        ReservationSetup::decl(&cfg),
        ReservationStatus::decl(&cfg),
        ReservationSource::decl(&cfg),
        BookedMenu::decl(&cfg),
        ReservationView::decl(&cfg),
        Customer::decl(&cfg),
        NewReservation::decl(&cfg),
        MoveReservation::decl(&cfg),
        UpdateReservation::decl(&cfg),
        SetReservationStatus::decl(&cfg),
        ReservationRef::decl(&cfg),
        ListReservations::decl(&cfg),
        FriendReservationsQuery::decl(&cfg),
        FriendReservations::decl(&cfg),
        FindFriends::decl(&cfg),
        FriendChoice::decl(&cfg),
        AvailabilityQuery::decl(&cfg),
        Slot::decl(&cfg),
        DaySlots::decl(&cfg),
        Availability::decl(&cfg),
        // Reservations: LINE booking, reminders, export
        LineBookingSettings::decl(&cfg),
        SetLineBookingSettings::decl(&cfg),
        ReminderCost::decl(&cfg),
        ExportFormat::decl(&cfg),
        ExportReservations::decl(&cfg),
        StaffCalendar::decl(&cfg),
        ExportedFile::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust API types (src-tauri/crates/core/src/api). Do not edit:\n\
         // run `UPDATE_TS=1 cargo test -p madoguchi-core typescript` instead.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out
}
