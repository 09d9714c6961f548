//! Reminders and the thank-you, with the worker's clock moved by the test: the day
//! before at 18:00, two hours before, the thank-you after the end — each pushed once;
//! none for a cancelled booking, a blocked friend or a walk-in; what they will cost
//! this month; the .ics and CSV exports with hostile names.

use jiff::civil::Date;
use linesim::Via;
use madoguchi_core::api::types::*;
use madoguchi_core::api::Request;
use madoguchi_core::reservations::reminders;

use crate::reservations_line::{at, shop};
use crate::shop::settled;
use crate::support::Harness;

async fn friend(h: &Harness, name: &str) -> anyhow::Result<(String, i64)> {
    let u = h.sim.add_user(name);
    h.ingest(vec![h.sim.event_text(&u.user_id, "こんにちは", None)]).await?;
    settled(h).await?;
    let id: i64 = sqlx::query_scalar("SELECT id FROM friends WHERE line_user_id = ?").bind(&u.user_id).fetch_one(&h.core.store().pool).await?;
    Ok((u.user_id, id))
}

async fn book(h: &Harness, menu: i64, customer: Customer, start: i64) -> anyhow::Result<ReservationView> {
    let r = NewReservation {
        account_id: h.account_id,
        customer,
        menu_ids: vec![menu],
        staff_id: None,
        resource_id: None,
        start,
        end: None,
        party_size: 1,
        status: None,
        notes: String::new(),
        source: ReservationSource::Owner,
    };
    match h.core.dispatch(Request::CreateReservation(r)).await? {
        madoguchi_core::api::Response::Reservation(v) => Ok(v),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

fn pushes(h: &Harness, user: &str) -> Vec<String> {
    h.sim
        .received(user)
        .into_iter()
        .filter(|r| r.via == Via::Push)
        .map(|r| r.message["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

const DAY: Date = Date::constant(2027, 3, 10);

#[tokio::test]
async fn reminders_and_the_thank_you_go_once_and_never_to_cancelled_blocked_or_walk_ins() -> anyhow::Result<()> {
    let (h, cut) = shop(ReservationSettings::default()).await?;
    let (alice, alice_id) = friend(&h, "山田 花子").await?;
    let (bob, bob_id) = friend(&h, "佐藤 健").await?;
    let (carol, carol_id) = friend(&h, "鈴木 一郎").await?;
    let booked = book(&h, cut, Customer::Friend { friend_id: alice_id }, at(DAY, 14)).await?;
    let cancelled = book(&h, cut, Customer::Friend { friend_id: bob_id }, at(DAY, 10)).await?;
    h.core.dispatch(Request::CancelReservation(ReservationRef { reservation_id: cancelled.id })).await?;
    book(&h, cut, Customer::Friend { friend_id: carol_id }, at(DAY, 16)).await?;
    h.ingest(vec![h.sim.event_unfollow(&carol, None)]).await?;
    book(&h, cut, Customer::Guest { name: "飛び込みの方".into(), phone: None }, at(DAY, 18)).await?;

    // The day before at noon: three pushes are to come this month, none sent yet.
    let noon_before = at(DAY, 12) - 86_400_000;
    let cost = reminders::cost(&h.core.store().pool, h.account_id, noon_before).await?;
    assert_eq!(cost, ReminderCost { sent_this_month: 0, scheduled_this_month: 3 });
    assert_eq!(reminders::step_at(&h.core, noon_before).await?, 0, "nothing due yet");

    let evening_before = at(DAY, 18) - 86_400_000 + 60_000;
    assert_eq!(reminders::step_at(&h.core, evening_before).await?, 1);
    assert_eq!(reminders::step_at(&h.core, evening_before).await?, 0, "not twice");
    settled(&h).await?;
    assert_eq!(pushes(&h, &alice).len(), 1);
    assert!(pushes(&h, &alice)[0].contains("明日のご予約") && pushes(&h, &alice)[0].contains("3月10日(水) 14:00"), "{:?}", pushes(&h, &alice));

    let two_hours_before = at(DAY, 12) + 60_000;
    assert_eq!(reminders::step_at(&h.core, two_hours_before).await?, 1);
    // After the visit (ends 15:00, thank-you 60 minutes later).
    let after = at(DAY, 16) + 60_000;
    assert_eq!(reminders::step_at(&h.core, after).await?, 1);
    assert_eq!(reminders::step_at(&h.core, after + 3_600_000).await?, 0);
    settled(&h).await?;
    let got = pushes(&h, &alice);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got[1].contains("まもなく"));
    assert!(got[2].contains("ありがとうございました"));
    assert!(pushes(&h, &bob).is_empty(), "cancelled: nothing");
    assert!(pushes(&h, &carol).is_empty(), "blocked: nothing");
    assert_eq!(h.sim.stats().requests("push"), 3, "walk-ins get nothing either");

    let cost = reminders::cost(&h.core.store().pool, h.account_id, after).await?;
    assert_eq!(cost.scheduled_this_month, 0);
    assert_eq!(booked.status, ReservationStatus::Confirmed);
    Ok(())
}

#[tokio::test]
async fn a_reminder_whose_time_passed_before_the_booking_was_made_is_not_sent() -> anyhow::Result<()> {
    let (h, cut) = shop(ReservationSettings::default()).await?;
    let (alice, alice_id) = friend(&h, "山田 花子").await?;
    let r = book(&h, cut, Customer::Friend { friend_id: alice_id }, at(DAY, 14)).await?;
    // Booked at 13:00 that day: after the day-before (18:00) and two-hours-before (12:00) times.
    sqlx::query("UPDATE reservations SET created_at = ? WHERE id = ?").bind(at(DAY, 13)).bind(r.id).execute(&h.core.store().pool).await?;
    assert_eq!(reminders::step_at(&h.core, at(DAY, 13) + 30 * 60_000).await?, 0, "no reminder for a booking made after its time");
    assert_eq!(reminders::step_at(&h.core, at(DAY, 16) + 60_000).await?, 1, "the thank-you still goes");
    settled(&h).await?;
    assert_eq!(pushes(&h, &alice).len(), 1);
    Ok(())
}

#[tokio::test]
async fn ics_and_csv_exports_escape_hostile_names() -> anyhow::Result<()> {
    let (h, cut) = shop(ReservationSettings::default()).await?;
    let hostile = "=HYPERLINK(\"x\");BEGIN:VEVENT,\\n";
    let r = book(&h, cut, Customer::Guest { name: hostile.into(), phone: Some("090-1111-2222".into()) }, at(DAY, 14)).await?;
    let Some(staff_id) = r.staff_id else { anyhow::bail!("a stylist is assigned") };
    let q = |format| ExportReservations { account_id: h.account_id, from: "2027-03-10".into(), to: "2027-03-10".into(), staff_id: None, format };
    let madoguchi_core::api::Response::ExportedFile(ics) = h.core.dispatch(Request::ExportReservations(q(ReservationExportFormat::Ics))).await? else {
        anyhow::bail!("expected a file")
    };
    assert_eq!(ics.mime_type, "text/calendar");
    let text = ics.content.replace("\r\n ", "");
    assert_eq!(text.lines().filter(|l| l.starts_with("BEGIN:VEVENT")).count(), 1, "the name cannot open an event: {text}");
    assert!(text.contains("DTSTART;TZID=Asia/Tokyo:20270310T140000"), "{text}");
    assert!(text.contains("\\;BEGIN:VEVENT\\,"), "escaped: {text}");

    let madoguchi_core::api::Response::ExportedFile(csv) = h.core.dispatch(Request::ExportReservations(q(ReservationExportFormat::Csv))).await? else {
        anyhow::bail!("expected a file")
    };
    assert!(csv.content.starts_with('\u{feff}'), "UTF-8 BOM for Excel");
    let mut rd = csv::Reader::from_reader(csv.content.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().collect::<Result<_, _>>()?;
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][1], "2027-03-10 14:00");
    assert_eq!(&rows[0][3], format!("'{hostile}"), "a formula is defused");

    let madoguchi_core::api::Response::ExportedFile(sub) =
        h.core.dispatch(Request::ReservationStaffCalendar(StaffCalendar { account_id: h.account_id, staff_id })).await?
    else {
        anyhow::bail!("expected a file")
    };
    assert!(sub.content.contains("X-WR-CALNAME:佐藤の予約"), "{}", sub.content);
    Ok(())
}
