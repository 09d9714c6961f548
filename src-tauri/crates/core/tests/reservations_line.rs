//! Booking through LINE against the simulator: 予約 → menu (quick reply) → date
//! (datetimepicker with `params.date`) → time (quick reply) → confirm → the
//! reservation (source line, the friend linked, the right menu and time); a second tap
//! books nothing more; change and cancel by postback; after the cancellation deadline
//! a polite refusal; someone else's reservation id is refused; approval mode (仮予約,
//! then a push when the owner confirms). Every answer goes by reply token.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use linesim::Via;
use madoguchi_core::api::types::*;
use madoguchi_core::api::{ApiError, Request, Response};
use madoguchi_core::reservations::reminders;
use serde_json::{json, Value};

use crate::shop::settled;
use crate::support::Harness;

async fn call(h: &Harness, r: Request) -> Result<Response, ApiError> {
    h.core.dispatch(r).await
}

/// Open every day 09:00–21:00 (so the test does not depend on today's weekday), one
/// stylist, one chair, a 60-minute cut.
pub async fn shop(settings: ReservationSettings) -> anyhow::Result<(Harness, i64)> {
    let h = Harness::new().await?;
    let account_id = h.account_id;
    let day = || vec![PeriodView { start: "09:00".into(), end: "21:00".into() }];
    let hours = BusinessHours {
        time_zone: "Asia/Tokyo".into(),
        weekly: (0..7).map(|_| day()).collect(),
        holidays: HolidayRuleView::Open,
        overrides: vec![],
    };
    call(&h, Request::SetBusinessHours(SetBusinessHours { account_id, hours })).await?;
    let staff = Staff { id: 0, name: "佐藤".into(), color: "#e07a5f".into(), weekly: (0..7).map(|_| day()).collect(), days_off: vec![] };
    call(&h, Request::SaveReservationStaff(SaveStaff { account_id, staff })).await?;
    let resource = Resource { id: 0, name: "1番席".into(), kind: "chair".into(), capacity: 1 };
    call(&h, Request::SaveReservationResource(SaveResource { account_id, resource })).await?;
    let menu = Menu {
        id: 0,
        name: "カット".into(),
        duration_minutes: 60,
        buffer_minutes: 0,
        price_yen: 4000,
        needs_staff: true,
        staff_ids: vec![],
        resource_kind: Some("chair".into()),
    };
    let Response::ReservationMenus(menus) = call(&h, Request::SaveReservationMenu(SaveMenu { account_id, menu })).await? else {
        anyhow::bail!("expected menus")
    };
    call(&h, Request::SetReservationSettings(SetReservationSettings { account_id, settings })).await?;
    Ok((h, menus[0].id))
}

pub fn tokyo() -> TimeZone {
    TimeZone::get("Asia/Tokyo").expect("zone")
}

/// Three days from now in Tokyo: inside the window, past the notice.
fn booking_day() -> Date {
    let now = jiff::Timestamp::now();
    tokyo().to_datetime(now).date().checked_add(jiff::Span::new().days(3)).expect("date")
}

pub fn at(d: Date, h: i8) -> i64 {
    tokyo().to_timestamp(d.at(h, 0, 0, 0)).expect("instant").as_millisecond()
}

/// Sends one event and returns what the customer received because of it.
async fn send(h: &Harness, user: &str, event: Value) -> anyhow::Result<Vec<linesim::Received>> {
    let before = h.sim.received(user).len();
    h.ingest(vec![event]).await?;
    settled(h).await?;
    Ok(h.sim.received(user).into_iter().skip(before).collect())
}

async fn tap(h: &Harness, user: &str, data: &str, params: Option<Value>) -> anyhow::Result<Vec<linesim::Received>> {
    send(h, user, h.sim.event_postback(user, data, params, None)).await
}

fn quick_items(m: &Value) -> Vec<(String, String)> {
    m["quickReply"]["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| (i["action"]["label"].as_str().unwrap_or("").into(), i["action"]["data"].as_str().unwrap_or("").into()))
                .collect()
        })
        .unwrap_or_default()
}

fn actions(m: &Value) -> Vec<Value> {
    m["template"]["actions"].as_array().cloned().unwrap_or_default()
}

fn text_of(r: &[linesim::Received]) -> String {
    r.iter().filter_map(|x| x.message["text"].as_str().or(x.message["template"]["text"].as_str())).collect::<Vec<_>>().join("\n")
}

fn action_data(r: &[linesim::Received], label: &str) -> anyhow::Result<String> {
    for x in r {
        for a in actions(&x.message) {
            if a["label"] == label {
                return Ok(a["data"].as_str().unwrap_or_default().to_string());
            }
        }
        for (l, d) in quick_items(&x.message) {
            if l == label {
                return Ok(d);
            }
        }
    }
    anyhow::bail!("no action labelled {label} in {:?}", r.iter().map(|x| &x.message).collect::<Vec<_>>())
}

/// 予約 → カット → the date → `hour`:00 → 予約する; returns the last answer.
async fn book(h: &Harness, user: &str, day: Date, hour: i8) -> anyhow::Result<Vec<linesim::Received>> {
    let r = send(h, user, h.sim.event_text(user, "予約", None)).await?;
    assert_eq!(r.len(), 1, "one answer to 予約");
    let menu_data = action_data(&r, "カット")?;
    let r = tap(h, user, &menu_data, None).await?;
    let picker = actions(&r[0].message).into_iter().next().unwrap_or_default();
    assert_eq!(picker["type"], "datetimepicker");
    assert_eq!(picker["mode"], "date");
    assert!(picker["min"].as_str().is_some() && picker["max"].as_str().is_some(), "the window bounds the picker: {picker}");
    let date_data = picker["data"].as_str().unwrap_or_default().to_string();
    let r = tap(h, user, &date_data, Some(json!({ "date": day.to_string() }))).await?;
    let time_data = action_data(&r, &format!("{hour:02}:00"))?;
    let r = tap(h, user, &time_data, None).await?;
    assert_eq!(r[0].message["template"]["type"], "confirm");
    let ok = action_data(&r, "予約する")?;
    tap(h, user, &ok, None).await
}

async fn reservations_of(h: &Harness, user: &str) -> anyhow::Result<Vec<(i64, i64, String, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT r.id, r.start_at, r.status, r.source, r.menus_json FROM reservations r JOIN friends f ON f.id = r.friend_id
         WHERE f.line_user_id = ? ORDER BY r.id",
    )
    .bind(user)
    .fetch_all(&h.core.store().pool)
    .await?)
}

fn all_by_reply(h: &Harness, user: &str) {
    assert!(h.sim.received(user).iter().all(|r| r.via == Via::Reply), "every answer went by reply token");
    assert_eq!(h.sim.stats().requests("push"), 0, "booking through LINE never costs a push");
}

#[tokio::test]
async fn a_customer_books_changes_and_cancels_through_line_by_reply_token_only() -> anyhow::Result<()> {
    let (h, cut) = shop(ReservationSettings::default()).await?;
    let u = h.sim.add_user("山田 花子");
    let day = booking_day();

    let r = book(&h, &u.user_id, day, 14).await?;
    assert!(text_of(&r).contains("ご予約が確定しました"), "{}", text_of(&r));
    let rows = reservations_of(&h, &u.user_id).await?;
    assert_eq!(rows.len(), 1);
    let (id, start, status, source, menus) = rows[0].clone();
    assert_eq!((start, status.as_str(), source.as_str()), (at(day, 14), "confirmed", "line"));
    assert!(menus.contains(&format!("\"menuId\":{cut}")), "{menus}");

    // The 予約する button tapped again books nothing more.
    let again = action_data(&r, "日時を変更")?;
    assert!(again.contains(&format!("r={id}")));
    let confirm_again = format!("madoguchi=rsv&s=ok&m={cut}&t={}", at(day, 14));
    let r2 = tap(&h, &u.user_id, &confirm_again, None).await?;
    assert!(text_of(&r2).contains("ご予約が確定しました"));
    assert_eq!(reservations_of(&h, &u.user_id).await?.len(), 1, "a second tap is the same booking");

    // The 14:00 hour is no longer offered to another customer.
    let v = h.sim.add_user("佐藤 健");
    let r = send(&h, &v.user_id, h.sim.event_text(&v.user_id, "予約", None)).await?;
    let r = tap(&h, &v.user_id, &action_data(&r, "カット")?, None).await?;
    let date_data = actions(&r[0].message)[0]["data"].as_str().unwrap_or_default().to_string();
    let r = tap(&h, &v.user_id, &date_data, Some(json!({ "date": day.to_string() }))).await?;
    assert!(action_data(&r, "14:00").is_err(), "a booked hour is not offered");
    // …and a forged postback for it is refused with the free times instead.
    let forged = format!("madoguchi=rsv&s=ok&m={cut}&t={}", at(day, 14));
    let r = tap(&h, &v.user_id, &forged, None).await?;
    assert!(text_of(&r).contains("ご予約いただけなくなりました"), "{}", text_of(&r));
    // …and someone else's reservation cannot be cancelled by guessing its id.
    let r = tap(&h, &v.user_id, &format!("madoguchi=rsv&s=cancelok&r={id}"), None).await?;
    assert!(text_of(&r).contains("見つかりませんでした"));
    assert_eq!(reservations_of(&h, &u.user_id).await?[0].2, "confirmed");

    // Change to 16:00 through the buttons.
    let r = tap(&h, &u.user_id, &again, None).await?;
    let date_data = actions(&r[0].message)[0]["data"].as_str().unwrap_or_default().to_string();
    let r = tap(&h, &u.user_id, &date_data, Some(json!({ "date": day.to_string() }))).await?;
    let r = tap(&h, &u.user_id, &action_data(&r, "16:00")?, None).await?;
    let r = tap(&h, &u.user_id, &action_data(&r, "変更する")?, None).await?;
    assert!(text_of(&r).contains("ご予約を変更しました"), "{}", text_of(&r));
    let rows = reservations_of(&h, &u.user_id).await?;
    assert_eq!((rows.len(), rows[0].1), (1, at(day, 16)));

    // Cancel: キャンセル → キャンセルする.
    let r = tap(&h, &u.user_id, &action_data(&r, "キャンセル")?, None).await?;
    let r = tap(&h, &u.user_id, &action_data(&r, "キャンセルする")?, None).await?;
    assert!(text_of(&r).contains("キャンセルしました"));
    assert_eq!(reservations_of(&h, &u.user_id).await?[0].2, "cancelled");

    all_by_reply(&h, &u.user_id);
    all_by_reply(&h, &v.user_id);
    Ok(())
}

#[tokio::test]
async fn after_the_cancellation_deadline_a_change_or_cancel_is_politely_refused() -> anyhow::Result<()> {
    // A deadline of 30 days: a booking three days ahead is already past it.
    let settings = ReservationSettings { cancel_deadline_hours: 24 * 30, ..ReservationSettings::default() };
    let (h, _) = shop(settings).await?;
    let u = h.sim.add_user("鈴木 一郎");
    let r = book(&h, &u.user_id, booking_day(), 11).await?;
    let cancel = action_data(&r, "キャンセル")?;
    let change = action_data(&r, "日時を変更")?;
    let id = reservations_of(&h, &u.user_id).await?[0].0;

    for data in [cancel, change, format!("madoguchi=rsv&s=cancelok&r={id}")] {
        let r = tap(&h, &u.user_id, &data, None).await?;
        let t = text_of(&r);
        assert!(t.contains("720時間前まで") && t.contains("お電話"), "{t}");
    }
    assert_eq!(reservations_of(&h, &u.user_id).await?[0].2, "confirmed", "still booked");
    all_by_reply(&h, &u.user_id);
    Ok(())
}

#[tokio::test]
async fn in_approval_mode_the_booking_is_a_request_until_the_owner_confirms() -> anyhow::Result<()> {
    let settings = ReservationSettings { approval_required: true, ..ReservationSettings::default() };
    let (h, _) = shop(settings).await?;
    let u = h.sim.add_user("中村 さくら");
    let r = book(&h, &u.user_id, booking_day(), 10).await?;
    assert!(text_of(&r).contains("仮予約として承りました"), "{}", text_of(&r));
    let id = reservations_of(&h, &u.user_id).await?[0].0;
    assert_eq!(reservations_of(&h, &u.user_id).await?[0].2, "tentative");
    // Nothing is pushed while it waits.
    assert_eq!(reminders::step_at(&h.core, reminders::now()).await?, 0);

    call(&h, Request::SetReservationStatus(SetReservationStatus { reservation_id: id, status: ReservationStatus::Confirmed })).await?;
    // The background worker may get there first; either way it is queued exactly once.
    let first = reminders::step_at(&h.core, reminders::now()).await?;
    assert!(first <= 1);
    assert_eq!(reminders::step_at(&h.core, reminders::now()).await?, 0, "…and only once");
    crate::support::eventually(10, "the confirmation pushed", || {
        let n = h.sim.received(&u.user_id).iter().filter(|r| r.via == Via::Push).count();
        async move { Ok((n > 0).then_some(())) }
    })
    .await?;
    settled(&h).await?;
    let got = h.sim.received(&u.user_id);
    let last = got.last().expect("a message");
    assert_eq!(last.via, Via::Push);
    assert!(last.message["text"].as_str().unwrap_or_default().contains("ご予約が確定しました"));
    assert_eq!(got.iter().filter(|r| r.via == Via::Push).count(), 1);
    Ok(())
}

#[tokio::test]
async fn with_line_booking_switched_off_the_keyword_is_an_ordinary_message() -> anyhow::Result<()> {
    let (h, _) = shop(ReservationSettings::default()).await?;
    let Response::LineBookingSettings(s) = call(&h, Request::GetLineBookingSettings(AccountRef { account_id: h.account_id })).await? else {
        anyhow::bail!("expected settings")
    };
    let off = LineBookingSettings { booking_enabled: false, ..s };
    call(&h, Request::SetLineBookingSettings(SetLineBookingSettings { account_id: h.account_id, settings: off })).await?;
    let u = h.sim.add_user("高橋");
    assert!(send(&h, &u.user_id, h.sim.event_text(&u.user_id, "予約", None)).await?.is_empty());
    let bad = LineBookingSettings { day_before_time: "25:00".into(), ..LineBookingSettings::default() };
    let err = call(&h, Request::SetLineBookingSettings(SetLineBookingSettings { account_id: h.account_id, settings: bad })).await;
    assert!(err.is_err(), "a time like 25:00 is refused");
    Ok(())
}
