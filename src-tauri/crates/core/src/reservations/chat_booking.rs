//! Booking through LINE, decided by the auto-reply worker and always answered with the
//! reply token of the customer's own message or postback (free):
//! 予約 → menus (quick reply) → a date (datetimepicker) → free times (quick reply) →
//! confirm (confirm template) → the reservation (source `line`, the friend linked) and
//! its confirmation, with 変更 / キャンセル buttons that work until the shop's
//! cancellation deadline (after it: a polite refusal asking to phone). In approval
//! mode the booking is a 仮予約 and the customer is told so; `reminders` tells them
//! when the owner confirms.
//!
//! The conversation state travels in the postback data (`madoguchi=rsv&s=<step>&m=<menu>
//! &t=<start ms>&r=<reservation>`), so there is nothing to keep between steps. That data
//! comes back from the customer's phone: every id and time is checked again (the menu
//! is the shop's, the time is offered now, the reservation is this friend's).
//! Tapping 予約する twice, or the worker deciding the same postback again after a
//! crash, finds the booking already made and answers with it instead of booking twice.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use line::messages::{Action, DatetimeMode, Message, MessageObject, QuickReply, Template};
use sqlx::SqlitePool;
use unicode_normalization::UnicodeNormalization;

use crate::outbox::OutgoingEntry;
use crate::reservations::line_text::{label, menus_ja, time_ja, when_ja};
use crate::reservations::model::{
    AvailabilityQuery, Customer, MoveReservation, NewReservation, ReservationSettings, ReservationSource, ReservationStatus,
    ReservationView, Slot,
};
use crate::reservations::{booking, line_settings, reminders, setup};
use crate::{CoreError, Result};

/// Every booking postback starts with this.
pub const DATA_PREFIX: &str = "madoguchi=rsv";
const MAX_QUICK: usize = 13;
const HOUR_MS: i64 = 3_600_000;

/// The inbound message as the worker has it.
pub struct Inbound<'a> {
    pub account_id: i64,
    pub conversation_id: i64,
    pub kind: &'a str,
    pub text: Option<&'a str>,
    pub payload_json: &'a str,
    /// False when the reply token cannot be used: then nothing is booked or cancelled
    /// (the customer would never hear of it); the answer is built and skipped.
    pub act: bool,
    pub now: i64,
}

/// Postback data of one step.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Step {
    pub step: String,
    pub menu: Option<i64>,
    pub time: Option<i64>,
    pub reservation: Option<i64>,
}

impl Step {
    fn new(step: &str) -> Step {
        Step { step: step.into(), ..Step::default() }
    }
    pub fn data(&self) -> String {
        let mut s = format!("{DATA_PREFIX}&s={}", self.step);
        if let Some(m) = self.menu {
            s.push_str(&format!("&m={m}"));
        }
        if let Some(t) = self.time {
            s.push_str(&format!("&t={t}"));
        }
        if let Some(r) = self.reservation {
            s.push_str(&format!("&r={r}"));
        }
        s
    }

    /// None for data that is not ours or not well formed.
    pub fn parse(data: &str) -> Option<Step> {
        let rest = data.strip_prefix(DATA_PREFIX)?;
        if data.len() > 300 || !(rest.is_empty() || rest.starts_with('&')) {
            return None;
        }
        let mut st = Step::default();
        for pair in rest.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=')?;
            let num = || v.parse::<i64>().ok().filter(|n| *n >= 0);
            match k {
                "s" if v.len() <= 12 && v.chars().all(|c| c.is_ascii_alphabetic()) => st.step = v.to_string(),
                "m" => st.menu = Some(num()?),
                "t" => st.time = Some(num()?),
                "r" => st.reservation = Some(num()?),
                _ => return None,
            }
        }
        (!st.step.is_empty()).then_some(st)
    }
}

pub fn is_booking_postback(data: Option<&str>) -> bool {
    data.is_some_and(|d| d == DATA_PREFIX || d.starts_with(&format!("{DATA_PREFIX}&")))
}

fn same_text(a: &str, b: &str) -> bool {
    let n = |s: &str| s.nfkc().collect::<String>().trim().to_lowercase();
    n(a) == n(b)
}

/// Some(messages) when this is ours to answer: a booking postback, or the keyword.
pub async fn plan(pool: &SqlitePool, m: &Inbound<'_>) -> Result<Option<Vec<OutgoingEntry>>> {
    let ls = line_settings::get(pool, m.account_id).await?;
    let step = match m.kind {
        "postback" if is_booking_postback(m.text) => {
            if !ls.booking_enabled {
                return Ok(Some(text("ただいまLINEでのご予約は受け付けておりません。お手数ですがお店へ直接ご連絡ください。")?));
            }
            match m.text.and_then(Step::parse) {
                Some(s) => s,
                None => return Ok(Some(text("操作を読み取れませんでした。もう一度「予約」と送ってください。")?)),
            }
        }
        "text" if ls.booking_enabled && m.text.is_some_and(|t| same_text(t, &ls.keyword)) => Step::new("start"),
        _ => return Ok(None),
    };
    let friend_id = sqlx::query_scalar!("SELECT friend_id FROM conversations WHERE id = ?", m.conversation_id)
        .fetch_one(pool)
        .await?;
    let cx = Ctx {
        pool,
        account_id: m.account_id,
        friend_id,
        settings: setup::settings(pool, m.account_id).await?,
        tz: crate::hours::store::time_zone(pool, m.account_id).await?,
        now: m.now,
        act: m.act,
    };
    let date_param = serde_json::from_str::<serde_json::Value>(m.payload_json)
        .ok()
        .and_then(|v| v.pointer("/params/date").and_then(|d| d.as_str()).map(str::to_string));
    let answer = match answer(&cx, &step, date_param.as_deref()).await {
        Ok(a) => a,
        Err(CoreError::NotFound(what)) => {
            tracing::info!(%what, step = %step.step, "booking postback refers to something not there");
            text("そのご予約・メニューは見つかりませんでした。もう一度「予約」と送ってください。")?
        }
        Err(e @ CoreError::BadInput { .. }) => {
            tracing::info!(error = %e, step = %step.step, "booking postback refused");
            text("その内容ではご予約できませんでした。もう一度「予約」と送ってください。")?
        }
        Err(e) => return Err(e),
    };
    Ok(Some(answer))
}

struct Ctx<'a> {
    pool: &'a SqlitePool,
    account_id: i64,
    friend_id: i64,
    settings: ReservationSettings,
    tz: TimeZone,
    now: i64,
    act: bool,
}

async fn answer(cx: &Ctx<'_>, st: &Step, date_param: Option<&str>) -> Result<Vec<OutgoingEntry>> {
    // A change carries the reservation through every step: check it at each one.
    let own = match st.reservation {
        Some(r) => Some(owned(cx, r).await?),
        None => None,
    };
    if let Some(r) = &own
        && st.step != "mine"
    {
        if !r.status.is_active() || r.status == ReservationStatus::Arrived || r.status == ReservationStatus::Completed {
            return text("このご予約はすでにキャンセル済み、または完了しています。");
        }
        if past_deadline(cx, r) {
            return refusal(cx).await;
        }
    }
    match st.step.as_str() {
        "start" => start(cx).await,
        "mine" => mine(cx).await,
        "quit" => text("ご予約の手続きを中止しました。またのご利用をお待ちしております。"),
        "menu" => {
            let menu = menu_name(cx, need(st.menu)?).await?;
            date_picker(cx, need(st.menu)?, None, &format!("「{menu}」のご希望の日付を選んでください。"))
        }
        "change" => {
            let r = own.ok_or_else(not_found)?;
            let menu_id = r.menus.first().map(|m| m.menu_id).ok_or_else(not_found)?;
            date_picker(cx, menu_id, Some(r.id), &format!("{}〜 のご予約を変更します。新しい日付を選んでください。", when_ja(&cx.tz, r.start)))
        }
        "date" => {
            let menu = need(st.menu)?;
            let Some(date) = date_param.and_then(|d| d.parse::<Date>().ok()) else {
                return date_picker(cx, menu, st.reservation, "日付を読み取れませんでした。もう一度選んでください。");
            };
            times(cx, menu, st.reservation, date, None).await
        }
        "time" => {
            let (menu, t) = (need(st.menu)?, need(st.time)?);
            let Some(slot) = offered(cx, menu, t).await? else {
                return taken(cx, menu, st.reservation, t).await;
            };
            let name = menu_name(cx, menu).await?;
            let verb = if st.reservation.is_some() { "に変更" } else { "で予約" };
            let ok = Step { step: "ok".into(), menu: Some(menu), time: Some(slot.start), reservation: st.reservation };
            confirm(
                &format!("{name}\n{}〜\nこの内容{verb}しますか？", when_ja(&cx.tz, slot.start)),
                Action::postback(if st.reservation.is_some() { "変更する" } else { "予約する" }, ok.data()),
                Action::postback("やめる", Step::new("quit").data()),
            )
        }
        "ok" => {
            let (menu, t) = (need(st.menu)?, need(st.time)?);
            match own {
                Some(r) => change(cx, r, menu, t).await,
                None => book(cx, menu, t).await,
            }
        }
        "cancel" => {
            let r = own.ok_or_else(not_found)?;
            let yes = Step { step: "cancelok".into(), reservation: Some(r.id), ..Step::default() };
            confirm(
                &format!("{}〜 {}\nこのご予約をキャンセルしますか？", when_ja(&cx.tz, r.start), menus_ja(&r.menus)),
                Action::postback("キャンセルする", yes.data()),
                Action::postback("やめる", Step::new("keep").data()),
            )
        }
        "keep" => text("ご予約はそのままです。ご来店をお待ちしております。"),
        "cancelok" => {
            let r = own.ok_or_else(not_found)?;
            if cx.act {
                booking::set_status(cx.pool, r.id, ReservationStatus::Cancelled).await?;
            }
            text(&format!("{}〜 {} のご予約をキャンセルしました。またのご利用をお待ちしております。", when_ja(&cx.tz, r.start), menus_ja(&r.menus)))
        }
        _ => text("操作を読み取れませんでした。もう一度「予約」と送ってください。"),
    }
}

fn not_found() -> CoreError {
    CoreError::NotFound("reservation".into())
}

fn need(v: Option<i64>) -> Result<i64> {
    v.ok_or_else(|| CoreError::bad_input("incomplete booking data", "予約の情報が足りません"))
}

/// The reservation, only if it is this friend's (postback data is the customer's).
async fn owned(cx: &Ctx<'_>, id: i64) -> Result<ReservationView> {
    let r = booking::get(cx.pool, id).await?;
    if r.account_id != cx.account_id || r.friend_id != Some(cx.friend_id) {
        return Err(not_found());
    }
    Ok(r)
}

fn past_deadline(cx: &Ctx<'_>, r: &ReservationView) -> bool {
    cx.now > r.start - cx.settings.cancel_deadline_hours * HOUR_MS
}

async fn refusal(cx: &Ctx<'_>) -> Result<Vec<OutgoingEntry>> {
    let phone = crate::phone::store::get(cx.pool, cx.account_id).await.map(|p| p.phone).unwrap_or_default();
    let call = if phone.trim().is_empty() { "お手数ですがお店までお電話ください。".to_string() } else { format!("お手数ですがお店（{}）までお電話ください。", phone.trim()) };
    text(&format!(
        "申し訳ありません。LINEでの変更・キャンセルはご予約の{}時間前までです。{call}",
        cx.settings.cancel_deadline_hours
    ))
}

async fn menu_name(cx: &Ctx<'_>, id: i64) -> Result<String> {
    let menus = setup::menus_by_id(cx.pool, cx.account_id, &[id]).await?;
    menus.first().map(|m| m.name.clone()).ok_or_else(|| CoreError::NotFound(format!("menu {id}")))
}

async fn start(cx: &Ctx<'_>) -> Result<Vec<OutgoingEntry>> {
    let menus = setup::menus(cx.pool, cx.account_id).await?;
    let upcoming = upcoming(cx).await?;
    let mut actions: Vec<Action> = menus
        .iter()
        .take(if upcoming.is_empty() { MAX_QUICK } else { MAX_QUICK - 1 })
        .map(|m| postback_shown(&label(&m.name, 20), &m.name, Step { step: "menu".into(), menu: Some(m.id), ..Step::default() }))
        .collect();
    if !upcoming.is_empty() {
        actions.push(postback_shown("予約の確認・変更", "予約の確認", Step::new("mine")));
    }
    if actions.is_empty() {
        return text("ただいまLINEでご予約いただけるメニューがありません。お手数ですがお店へ直接ご連絡ください。");
    }
    let msg = if menus.is_empty() { "ご予約の確認・変更はこちらからどうぞ。" } else { "ご予約ありがとうございます。ご希望のメニューを選んでください。" };
    Ok(vec![text_with(msg, QuickReply::new(actions))])
}

async fn upcoming(cx: &Ctx<'_>) -> Result<Vec<ReservationView>> {
    let f = booking::of_friend(cx.pool, cx.friend_id).await?;
    Ok(f.upcoming
        .into_iter()
        .filter(|r| r.account_id == cx.account_id && matches!(r.status, ReservationStatus::Tentative | ReservationStatus::Confirmed) && r.start > cx.now)
        .collect())
}

async fn mine(cx: &Ctx<'_>) -> Result<Vec<OutgoingEntry>> {
    let list = upcoming(cx).await?;
    if list.is_empty() {
        return text("これからのご予約はありません。");
    }
    let mut out = text(&format!("これからのご予約は {} 件です。", list.len()))?;
    for r in list.iter().take(4) {
        out.push(manage_buttons(cx, r)?);
    }
    Ok(out)
}

/// The booking's summary with 変更 / キャンセル buttons.
fn manage_buttons(cx: &Ctx<'_>, r: &ReservationView) -> Result<OutgoingEntry> {
    let tentative = if r.status == ReservationStatus::Tentative { "（仮予約）" } else { "" };
    let body = label(&format!("{}〜{}\n{}", when_ja(&cx.tz, r.start), tentative, menus_ja(&r.menus)), 160);
    let step = |s: &str| Step { step: s.into(), reservation: Some(r.id), ..Step::default() };
    template(
        "ご予約の変更・キャンセル",
        Template::Buttons {
            text: body,
            title: None,
            thumbnail_image_url: None,
            actions: vec![Action::postback("日時を変更", step("change").data()), Action::postback("キャンセル", step("cancel").data())],
        },
    )
}

fn date_picker(cx: &Ctx<'_>, menu: i64, reservation: Option<i64>, prompt: &str) -> Result<Vec<OutgoingEntry>> {
    let day = |ms: i64| crate::hours::store::timestamp(ms).map(|t| cx.tz.to_datetime(t).date().to_string());
    let min = day(cx.now + cx.settings.min_notice_minutes * 60_000)?;
    let max = day(cx.now + cx.settings.window_days * 24 * HOUR_MS)?;
    let data = Step { step: "date".into(), menu: Some(menu), reservation, ..Step::default() }.data();
    Ok(vec![template(
        "日付を選んでください",
        Template::Buttons {
            text: label(prompt, 160),
            title: None,
            thumbnail_image_url: None,
            actions: vec![Action::DatetimePicker {
                label: Some("日付を選ぶ".into()),
                data,
                mode: DatetimeMode::Date,
                initial: Some(min.clone()),
                max: Some(max),
                min: Some(min),
            }],
        },
    )?])
}

async fn slots(cx: &Ctx<'_>, menu: i64, date: Date) -> Result<Vec<Slot>> {
    let q = AvailabilityQuery {
        account_id: cx.account_id,
        menu_ids: vec![menu],
        staff_id: None,
        party_size: 1,
        date: date.to_string(),
        as_owner: false,
    };
    let a = booking::availability_at(cx.pool, &q, cx.now).await?;
    let mut all: Vec<Slot> = a.days.into_iter().flat_map(|d| d.slots).collect();
    all.sort_by_key(|s| s.start);
    all.dedup_by_key(|s| s.start);
    Ok(all)
}

/// At most 13 quick replies: all times if they fit, else the half hours, else the
/// hours, else evenly spread.
fn pick(all: &[Slot], tz: &TimeZone) -> Vec<Slot> {
    if all.len() <= MAX_QUICK {
        return all.to_vec();
    }
    let minute = |s: &Slot| crate::hours::store::timestamp(s.start).map(|t| tz.to_datetime(t).minute()).unwrap_or(1);
    for keep in [&[0, 30][..], &[0][..]] {
        let v: Vec<Slot> = all.iter().filter(|s| keep.contains(&minute(s))).cloned().collect();
        if !v.is_empty() && v.len() <= MAX_QUICK {
            return v;
        }
    }
    let step = all.len().div_ceil(MAX_QUICK);
    all.iter().step_by(step).take(MAX_QUICK).cloned().collect()
}

async fn times(cx: &Ctx<'_>, menu: i64, reservation: Option<i64>, date: Date, lead: Option<&str>) -> Result<Vec<OutgoingEntry>> {
    let all = slots(cx, menu, date).await?;
    let day = when_ja(&cx.tz, cx.tz.to_timestamp(date.at(12, 0, 0, 0)).map(|t| t.as_millisecond()).unwrap_or(0));
    let day = day.split(' ').next().unwrap_or_default().to_string();
    if all.is_empty() {
        return date_picker(cx, menu, reservation, &format!("{}{day}は空きがありません。別の日付を選んでください。", lead.unwrap_or("")));
    }
    let actions: Vec<Action> = pick(&all, &cx.tz)
        .into_iter()
        .map(|s| {
            let t = time_ja(&cx.tz, s.start);
            postback_shown(&t, &t, Step { step: "time".into(), menu: Some(menu), time: Some(s.start), reservation })
        })
        .collect();
    Ok(vec![text_with(&format!("{}{day}の空いている時間です。ご希望の時間を選んでください。", lead.unwrap_or("")), QuickReply::new(actions))])
}

/// The offered slot starting at `t`, if it is still offered now.
async fn offered(cx: &Ctx<'_>, menu: i64, t: i64) -> Result<Option<Slot>> {
    let date = cx.tz.to_datetime(crate::hours::store::timestamp(t)?).date();
    Ok(slots(cx, menu, date).await?.into_iter().find(|s| s.start == t))
}

async fn taken(cx: &Ctx<'_>, menu: i64, reservation: Option<i64>, t: i64) -> Result<Vec<OutgoingEntry>> {
    let date = cx.tz.to_datetime(crate::hours::store::timestamp(t)?).date();
    times(cx, menu, reservation, date, Some("申し訳ありません、その時間はご予約いただけなくなりました。")).await
}

async fn book(cx: &Ctx<'_>, menu: i64, t: i64) -> Result<Vec<OutgoingEntry>> {
    // The same booking already made (a second tap, or this postback decided again).
    if let Some(r) = upcoming(cx).await?.into_iter().find(|r| r.start == t && r.menus.iter().any(|m| m.menu_id == menu)) {
        return booked(cx, &r);
    }
    let Some(slot) = offered(cx, menu, t).await? else {
        return taken(cx, menu, None, t).await;
    };
    if !cx.act {
        return text("ご予約を承れませんでした。もう一度「予約」と送ってください。");
    }
    let new = NewReservation {
        account_id: cx.account_id,
        customer: Customer::Friend { friend_id: cx.friend_id },
        menu_ids: vec![menu],
        staff_id: slot.staff_id,
        resource_id: slot.resource_id,
        start: slot.start,
        end: None,
        party_size: 1,
        status: None,
        notes: String::new(),
        source: ReservationSource::Line,
    };
    match booking::create_at(cx.pool, &new, cx.now).await {
        Ok(r) => {
            if r.status == ReservationStatus::Tentative {
                reminders::mark_requested(cx.pool, r.id, cx.now).await?;
            }
            booked(cx, &r)
        }
        Err(CoreError::SlotTaken { .. }) => taken(cx, menu, None, t).await,
        Err(e) => Err(e),
    }
}

fn booked(cx: &Ctx<'_>, r: &ReservationView) -> Result<Vec<OutgoingEntry>> {
    let head = if r.status == ReservationStatus::Tentative {
        "仮予約として承りました（まだ確定していません）。お店が確認しましたら、改めてLINEでお知らせします。"
    } else {
        "ご予約が確定しました。ご来店をお待ちしております。"
    };
    let mut out = text(&format!("{head}\n{}〜 {}", when_ja(&cx.tz, r.start), menus_ja(&r.menus)))?;
    out.push(manage_buttons(cx, r)?);
    Ok(out)
}

async fn change(cx: &Ctx<'_>, r: ReservationView, menu: i64, t: i64) -> Result<Vec<OutgoingEntry>> {
    if r.start == t {
        return booked(cx, &r);
    }
    if !r.menus.iter().any(|m| m.menu_id == menu) {
        return Err(not_found());
    }
    let Some(slot) = offered(cx, menu, t).await? else {
        return taken(cx, menu, Some(r.id), t).await;
    };
    if !cx.act {
        return text("ご予約を変更できませんでした。もう一度お試しください。");
    }
    let m = MoveReservation { reservation_id: r.id, start: slot.start, end: None, staff_id: slot.staff_id, resource_id: slot.resource_id };
    match booking::move_to(cx.pool, &m).await {
        Ok(moved) => {
            let mut out = text(&format!("ご予約を変更しました。\n{}〜 {}", when_ja(&cx.tz, moved.start), menus_ja(&moved.menus)))?;
            out.push(manage_buttons(cx, &moved)?);
            Ok(out)
        }
        Err(CoreError::SlotTaken { .. }) => taken(cx, menu, Some(r.id), t).await,
        Err(e) => Err(e),
    }
}

// --- message building --------------------------------------------------------------

fn text(s: &str) -> Result<Vec<OutgoingEntry>> {
    crate::outgoing::text_entry(s)
}

fn text_with(s: &str, quick: QuickReply) -> OutgoingEntry {
    OutgoingEntry { kind: "text".into(), text: Some(s.to_string()), media_id: None, object: MessageObject::text(s).with_quick_reply(quick) }
}

fn postback_shown(lbl: &str, shown: &str, step: Step) -> Action {
    Action::Postback {
        label: Some(label(lbl, 20)),
        data: step.data(),
        display_text: Some(label(shown, 300)),
        input_option: None,
        fill_in_text: None,
    }
}

fn template(alt: &str, t: Template) -> Result<OutgoingEntry> {
    let object: MessageObject = Message::Template { alt_text: alt.to_string(), template: t }.into();
    Ok(OutgoingEntry { kind: "template".into(), text: Some(alt.to_string()), media_id: None, object })
}

fn confirm(body: &str, yes: Action, no: Action) -> Result<Vec<OutgoingEntry>> {
    Ok(vec![template("ご予約の確認", Template::Confirm { text: label(body, 240), actions: vec![yes, no] })?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_data_round_trips_and_hostile_data_is_refused() {
        let s = Step { step: "ok".into(), menu: Some(3), time: Some(1_780_000_000_000), reservation: Some(9) };
        assert_eq!(Step::parse(&s.data()), Some(s));
        for bad in [
            "madoguchi=rsvx",
            "madoguchi=rsv&s=ok&m=-1",
            "madoguchi=rsv&s=ok&m=1&m2=3",
            "madoguchi=rsv&s=ok&r=1 OR 1=1",
            "madoguchi=rsv&s=<script>",
            "madoguchi=rsv",
            "other",
        ] {
            assert_eq!(Step::parse(bad), None, "{bad}");
        }
        assert!(is_booking_postback(Some("madoguchi=rsv&s=start")));
        assert!(!is_booking_postback(Some("madoguchi=rsvp")));
        assert!(!is_booking_postback(Some(crate::phone::CALL_REQUEST_DATA)));
    }
}
