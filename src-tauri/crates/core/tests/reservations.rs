//! Reservations through the one API on a real SQLite file: set-up, booking, moving,
//! resizing, statuses, the "just taken" refusal (code `slotTaken`), LINE rules
//! (hours, notice, approval), a friend's history, and two bookings racing for the
//! last seat.

use madoguchi_core::api::types::*;
use madoguchi_core::api::ApiError;
use madoguchi_core::reservations::booking;
use madoguchi_core::CoreError;

use crate::shop::{jst, shop_hours};
use crate::support::Harness;

/// A hair salon that also has a table: two stylists (Mon–Sat 10:00–19:00), two
/// chairs, one 4-seat table; a cut (60 min + 15 min cleanup, chair) and a dinner
/// course (90 min, table, no staff).
struct Salon {
    h: Harness,
    a: i64,
    b: i64,
    cut: i64,
    dinner: i64,
    table: i64,
}

fn week(start: &str, end: &str) -> Vec<Vec<PeriodView>> {
    let p = || vec![PeriodView { start: start.into(), end: end.into() }];
    vec![vec![], p(), p(), p(), p(), p(), p()]
}

async fn call(h: &Harness, r: Request) -> Result<Response, ApiError> {
    h.core.dispatch(r).await
}

async fn salon() -> anyhow::Result<Salon> {
    let h = Harness::new().await?;
    let account_id = h.account_id;
    call(&h, Request::SetBusinessHours(SetBusinessHours { account_id, hours: shop_hours() })).await?;
    let mut staff_ids = vec![];
    for (name, color) in [("佐藤", "#E07A5F"), ("鈴木", "#3d405b")] {
        let staff = Staff { id: 0, name: name.into(), color: color.into(), weekly: week("10:00", "19:00"), days_off: vec![] };
        let Response::ReservationStaff(list) = call(&h, Request::SaveReservationStaff(SaveStaff { account_id, staff })).await? else {
            anyhow::bail!("expected staff")
        };
        staff_ids.push(list.last().map(|s| s.id).unwrap_or_default());
    }
    for (name, kind, capacity) in [("1番席", "chair", 1), ("2番席", "chair", 1), ("テーブル", "table", 4)] {
        let resource = Resource { id: 0, name: name.into(), kind: kind.into(), capacity };
        call(&h, Request::SaveReservationResource(SaveResource { account_id, resource })).await?;
    }
    let menu = |name: &str, d, b, kind: &str, needs_staff| Menu {
        id: 0,
        name: name.into(),
        duration_minutes: d,
        buffer_minutes: b,
        price_yen: 5000,
        needs_staff,
        staff_ids: vec![],
        resource_kind: Some(kind.into()),
    };
    call(&h, Request::SaveReservationMenu(SaveMenu { account_id, menu: menu("カット", 60, 15, "chair", true) })).await?;
    let Response::ReservationMenus(menus) =
        call(&h, Request::SaveReservationMenu(SaveMenu { account_id, menu: menu("ディナー", 90, 0, "table", false) })).await?
    else {
        anyhow::bail!("expected menus")
    };
    let Response::ReservationSetup(setup) = call(&h, Request::GetReservationSetup(AccountRef { account_id })).await? else {
        anyhow::bail!("expected setup")
    };
    assert_eq!(setup.time_zone, "Asia/Tokyo");
    assert_eq!(setup.staff[0].color, "#e07a5f", "colours are stored canonical");
    let table = setup.resources.iter().find(|r| r.kind == "table").map(|r| r.id).unwrap_or_default();
    Ok(Salon { a: staff_ids[0], b: staff_ids[1], cut: menus[0].id, dinner: menus[1].id, table, h })
}

fn guest(name: &str) -> Customer {
    Customer::Guest { name: name.into(), phone: Some("090-1234-5678".into()) }
}

fn new_booking(s: &Salon, menu: i64, start: i64, staff: Option<i64>, party: i64) -> NewReservation {
    NewReservation {
        account_id: s.h.account_id,
        customer: guest("山田"),
        menu_ids: vec![menu],
        staff_id: staff,
        resource_id: None,
        start,
        end: None,
        party_size: party,
        status: None,
        notes: String::new(),
        source: ReservationSource::Phone,
    }
}

async fn book(s: &Salon, r: NewReservation) -> Result<ReservationView, ApiError> {
    match call(&s.h, Request::CreateReservation(r)).await? {
        Response::Reservation(v) => Ok(v),
        other => panic!("unexpected {other:?}"),
    }
}

fn assert_taken(r: Result<impl std::fmt::Debug, ApiError>) {
    match r {
        Err(e) => {
            assert_eq!(e.code, "slotTaken", "{e:?}");
            assert!(e.message_ja.contains("ちょうど埋まりました"), "{e:?}");
            assert!(e.message.contains("just taken"), "{e:?}");
            assert_eq!(e.http_status(), 409);
        }
        Ok(v) => panic!("expected slotTaken, got {v:?}"),
    }
}

// Monday 2027-03-01 in Tokyo.
fn mon(h: i8, m: i8) -> i64 {
    jst(2027, 3, 1, h, m)
}

#[tokio::test]
async fn reservations_staff_is_never_double_booked_and_the_buffer_counts() -> anyhow::Result<()> {
    let s = salon().await?;
    let first = book(&s, new_booking(&s, s.cut, mon(11, 0), Some(s.a), 1)).await?;
    assert_eq!((first.start, first.end, first.buffer_minutes), (mon(11, 0), mon(12, 0), 15));
    assert_eq!(first.status, ReservationStatus::Confirmed);
    assert_eq!(first.staff_name.as_deref(), Some("佐藤"));
    assert!(first.resource_name.as_deref().is_some_and(|n| n.ends_with("番席")));
    assert_eq!(first.menus[0].name, "カット");

    // Overlapping, and inside the cleanup after (12:00–12:15): both refused for 佐藤.
    let overlap = book(&s, new_booking(&s, s.cut, mon(11, 30), Some(s.a), 1)).await;
    assert_taken(overlap);
    let in_buffer = book(&s, new_booking(&s, s.cut, mon(12, 0), Some(s.a), 1)).await;
    assert_taken(in_buffer);
    // 鈴木 is free at 11:30 and the second chair too.
    let other = book(&s, new_booking(&s, s.cut, mon(11, 30), Some(s.b), 1)).await?;
    assert_ne!(other.resource_id, first.resource_id);
    // Both chairs busy at 11:45: even without naming a stylist there is nothing.
    assert_taken(book(&s, new_booking(&s, s.cut, mon(11, 45), None, 1)).await);
    let second = book(&s, new_booking(&s, s.cut, mon(12, 15), Some(s.a), 1)).await?;

    // Moving the 12:15 booking onto 11:00 is refused and nothing changes.
    let moved = call(&s.h, Request::MoveReservation(MoveReservation {
        reservation_id: second.id,
        start: mon(11, 0),
        end: None,
        staff_id: None,
        resource_id: None,
    }))
    .await;
    assert_taken(moved);
    assert_eq!(booking::get(&s.h.core.store().pool, second.id).await?.start, mon(12, 15));
    // Resizing the first to end at 12:30 would run into it too.
    let resized = call(&s.h, Request::MoveReservation(MoveReservation {
        reservation_id: first.id,
        start: first.start,
        end: Some(mon(12, 30)),
        staff_id: None,
        resource_id: None,
    }))
    .await;
    assert_taken(resized);

    // Cancelling frees the time; the move then goes through and keeps its length.
    call(&s.h, Request::CancelReservation(ReservationRef { reservation_id: first.id })).await?;
    let Response::Reservation(moved) = call(&s.h, Request::MoveReservation(MoveReservation {
        reservation_id: second.id,
        start: mon(11, 0),
        end: None,
        staff_id: None,
        resource_id: None,
    }))
    .await?
    else {
        anyhow::bail!("expected a reservation")
    };
    assert_eq!((moved.start, moved.end), (mon(11, 0), mon(12, 0)));
    // …and the cancelled one cannot come back on top of it.
    assert_taken(
        call(&s.h, Request::SetReservationStatus(SetReservationStatus { reservation_id: first.id, status: ReservationStatus::Confirmed }))
            .await,
    );

    let Response::Reservations(list) = call(&s.h, Request::ListReservations(ListReservations {
        account_id: s.h.account_id,
        from: mon(0, 0),
        to: jst(2027, 3, 2, 0, 0),
        staff_id: Some(s.a),
        include_inactive: false,
    }))
    .await?
    else {
        anyhow::bail!("expected reservations")
    };
    assert_eq!(list.iter().map(|r| r.id).collect::<Vec<_>>(), vec![moved.id]);
    Ok(())
}

#[tokio::test]
async fn reservations_seats_add_up_per_instant() -> anyhow::Result<()> {
    let s = salon().await?;
    let at = |h, m| new_booking(&s, s.dinner, mon(h, m), None, 2);
    let a = book(&s, at(17, 0)).await?;
    assert_eq!((a.staff_id, a.resource_id), (None, Some(s.table)));
    book(&s, at(17, 30)).await?;
    // 4 seats: 2 + 2 taken from 17:30 to 18:30.
    assert_taken(book(&s, new_booking(&s, s.dinner, mon(18, 0), None, 1)).await);
    // 18:30: the first party has left; 2 + 2 fits again.
    book(&s, at(18, 30)).await?;
    // A party larger than any table is an input error, not "taken".
    let big = book(&s, new_booking(&s, s.dinner, mon(12, 0), None, 5)).await;
    assert!(matches!(big, Err(ref e) if e.code == "invalid"), "{big:?}");
    // Growing a party beyond the seats is refused too.
    let grow = call(&s.h, Request::UpdateReservation(UpdateReservation {
        reservation_id: a.id,
        party_size: 3,
        notes: "窓際".into(),
        customer_name: None,
        customer_phone: None,
    }))
    .await;
    assert_taken(grow);
    // Fewer seats than already booked at once cannot be saved.
    // Fewer seats than are booked at once (the bookings are in 2027: the future) cannot be saved.
    let shrink = call(&s.h, Request::SaveReservationResource(SaveResource {
        account_id: s.h.account_id,
        resource: Resource { id: s.table, name: "テーブル".into(), kind: "table".into(), capacity: 3 },
    }))
    .await;
    assert!(matches!(shrink, Err(ref e) if e.code == "invalid"), "{shrink:?}");
    Ok(())
}

#[tokio::test]
async fn reservations_line_bookings_follow_hours_notice_window_and_approval() -> anyhow::Result<()> {
    let s = salon().await?;
    let pool = s.h.core.store().pool.clone();
    let settings = ReservationSettings { slot_minutes: 30, min_notice_minutes: 120, window_days: 30, cancel_deadline_hours: 24, approval_required: true };
    call(&s.h, Request::SetReservationSettings(SetReservationSettings { account_id: s.h.account_id, settings })).await?;
    let now = jst(2027, 2, 26, 9, 0); // Friday before
    let line = |start| NewReservation { source: ReservationSource::Line, ..new_booking(&s, s.cut, start, None, 1) };

    let ok = booking::create_at(&pool, &line(mon(10, 30)), now).await?;
    assert_eq!(ok.status, ReservationStatus::Tentative, "approval mode: the owner confirms first");
    for (start, why) in [
        (mon(10, 15), "off the 30-minute grid"),
        (mon(18, 30), "ends after closing"),
        (jst(2027, 2, 28, 11, 0), "Sunday: closed"),
        (jst(2027, 2, 26, 10, 0), "sooner than the notice"),
        (jst(2027, 4, 1, 11, 0), "beyond the window"),
    ] {
        match booking::create_at(&pool, &line(start), now).await {
            Err(CoreError::BadInput { ja, .. }) => assert!(ja.contains("ご予約いただけません"), "{why}: {ja}"),
            other => panic!("{why}: expected a refusal, got {other:?}"),
        }
    }
    // Both stylists busy at 10:30 → for LINE it is "taken" (nothing named).
    booking::create_at(&pool, &line(mon(10, 30)), now).await?;
    match booking::create_at(&pool, &line(mon(10, 30)), now).await {
        Err(CoreError::SlotTaken { ja, .. }) => assert!(!ja.contains("佐藤") && !ja.contains("鈴木")),
        other => panic!("expected SlotTaken, got {other:?}"),
    }

    // The availability answer agrees: both stylists are busy 10:30–11:45 (cleanup included).
    let q = AvailabilityQuery {
        account_id: s.h.account_id,
        menu_ids: vec![s.cut],
        staff_id: None,
        party_size: 1,
        date: "2027-03-01".into(),
        as_owner: false,
    };
    let day = booking::availability_at(&pool, &q, now).await?;
    let starts: Vec<i64> = day.days[0].slots.iter().map(|x| x.start).collect();
    assert!(!starts.contains(&mon(10, 30)) && !starts.contains(&mon(11, 0)), "busy until 11:45");
    assert_eq!(starts.first(), Some(&mon(12, 0)), "first free start on the 30-minute grid");
    assert_eq!(starts.last(), Some(&mon(18, 0)), "last start that ends by 19:00");
    // Every offered slot can be booked (each from the same state: booked, then cancelled).
    for slot in &day.days[0].slots {
        let r = NewReservation { staff_id: slot.staff_id, resource_id: slot.resource_id, ..line(slot.start) };
        let made = booking::create_at(&pool, &r, now).await?;
        assert_eq!((made.staff_id, made.resource_id), (slot.staff_id, slot.resource_id));
        booking::set_status(&pool, made.id, ReservationStatus::Cancelled).await?;
    }
    let month = booking::availability_at(&pool, &AvailabilityQuery { date: "2027-03".into(), ..q }, now).await?;
    assert_eq!(month.days.len(), 31);
    assert_eq!(month.time_zone, "Asia/Tokyo");
    let march1 = &month.days[0];
    assert_eq!(march1.date, "2027-03-01");
    assert_eq!(march1.slots, day.days[0].slots, "the month's day agrees with the day query");
    assert_eq!(month.days[1].slots.len(), 17, "Tuesday: 10:00…18:00 every 30 minutes");
    assert!(month.days[6].slots.is_empty(), "Sunday: closed");
    assert!(month.days[30].slots.is_empty(), "the 31st is beyond the 30-day window");
    Ok(())
}

#[tokio::test]
async fn reservations_friend_history_counts_no_shows() -> anyhow::Result<()> {
    let s = salon().await?;
    let u = s.h.sim.add_user("たなか");
    s.h.ingest(vec![s.h.sim.event_follow(&u.user_id, false, None)]).await?;
    let friend_id: i64 = sqlx::query_scalar("SELECT id FROM friends WHERE line_user_id = ?")
        .bind(&u.user_id)
        .fetch_one(&s.h.core.store().pool)
        .await?;
    let for_friend = |start| NewReservation { customer: Customer::Friend { friend_id }, ..new_booking(&s, s.cut, start, None, 1) };
    let past = book(&s, for_friend(jst(2025, 3, 3, 11, 0))).await?;
    book(&s, for_friend(jst(2025, 3, 10, 11, 0))).await?;
    let future = book(&s, for_friend(mon(11, 0))).await?;
    call(&s.h, Request::SetReservationStatus(SetReservationStatus { reservation_id: past.id, status: ReservationStatus::NoShow })).await?;
    let Response::FriendReservations(f) = call(&s.h, Request::FriendReservations(FriendReservationsQuery { friend_id })).await? else {
        anyhow::bail!("expected friend reservations")
    };
    assert_eq!(f.upcoming.iter().map(|r| r.id).collect::<Vec<_>>(), vec![future.id]);
    assert_eq!(f.past.len(), 2);
    assert_eq!(f.past[1].id, past.id, "most recent first");
    assert_eq!(f.no_show_count, 1);
    assert_eq!(f.time_zone, "Asia/Tokyo");

    let Response::FriendChoices(found) =
        call(&s.h, Request::FindReservationFriends(FindFriends { account_id: s.h.account_id, query: "たな".into(), friend_id: None })).await?
    else {
        anyhow::bail!("expected friends")
    };
    // The display name arrives with the profile fetch; the search finds it once it has.
    if found.iter().any(|f| f.display_name.is_some()) {
        assert_eq!(found[0].friend_id, friend_id);
    }
    let none = call(&s.h, Request::FindReservationFriends(FindFriends { account_id: s.h.account_id, query: "%".into(), friend_id: None })).await?;
    assert!(matches!(none, Response::FriendChoices(ref v) if v.is_empty()), "% is literal: {none:?}");
    let by_id =
        call(&s.h, Request::FindReservationFriends(FindFriends { account_id: s.h.account_id, query: String::new(), friend_id: Some(friend_id) })).await?;
    assert!(matches!(by_id, Response::FriendChoices(ref v) if v.len() == 1 && v[0].friend_id == friend_id), "{by_id:?}");
    // The shop's own name for a customer finds them too, and comes with the choice.
    sqlx::query("UPDATE friends SET private_name = '常連の山田さん' WHERE id = ?").bind(friend_id).execute(&s.h.core.store().pool).await?;
    let by_private =
        call(&s.h, Request::FindReservationFriends(FindFriends { account_id: s.h.account_id, query: "常連".into(), friend_id: None })).await?;
    assert!(
        matches!(by_private, Response::FriendChoices(ref v) if v.len() == 1 && v[0].friend_id == friend_id && v[0].private_name.as_deref() == Some("常連の山田さん")),
        "{by_private:?}"
    );
    Ok(())
}

#[tokio::test]
async fn reservations_refuse_bad_input_in_both_languages() -> anyhow::Result<()> {
    let s = salon().await?;
    let account_id = s.h.account_id;
    let bad_colour = Staff { id: 0, name: "x".into(), color: "red".into(), weekly: week("10:00", "19:00"), days_off: vec![] };
    let bad_shift = Staff { id: 0, name: "x".into(), color: "#000000".into(), weekly: week("10:00", "25:00"), days_off: vec![] };
    let bad_menu = Menu {
        id: 0,
        name: "  ".into(),
        duration_minutes: 30,
        buffer_minutes: 0,
        price_yen: 0,
        needs_staff: true,
        staff_ids: vec![],
        resource_kind: None,
    };
    let no_one = Menu { name: "席だけ".into(), needs_staff: false, ..bad_menu.clone() };
    for r in [
        Request::SaveReservationStaff(SaveStaff { account_id, staff: bad_colour }),
        Request::SaveReservationStaff(SaveStaff { account_id, staff: bad_shift }),
        Request::SaveReservationMenu(SaveMenu { account_id, menu: bad_menu }),
        Request::SaveReservationMenu(SaveMenu { account_id, menu: no_one }),
        Request::CreateReservation(NewReservation { customer: Customer::Guest { name: "山田".into(), phone: Some("<script>".into()) }, ..new_booking(&s, s.cut, mon(11, 0), None, 1) }),
        Request::CreateReservation(NewReservation { menu_ids: vec![], ..new_booking(&s, s.cut, mon(11, 0), None, 1) }),
        Request::CreateReservation(new_booking(&s, s.cut, mon(11, 0), None, 0)),
        Request::CreateReservation(NewReservation { end: Some(mon(10, 0)), ..new_booking(&s, s.cut, mon(11, 0), None, 1) }),
        Request::SetReservationSettings(SetReservationSettings { account_id, settings: ReservationSettings { slot_minutes: 0, ..Default::default() } }),
        Request::ListReservations(ListReservations { account_id, from: 10, to: 5, staff_id: None, include_inactive: false }),
    ] {
        let e = call(&s.h, r.clone()).await.expect_err("refused");
        assert_eq!(e.code, "invalid", "{r:?}: {e:?}");
        assert!(!e.message_ja.is_empty() && e.message_ja != e.message, "{e:?}");
    }
    Ok(())
}

/// Two customers race for the last seat at the table, many times over, each round on
/// two tasks of a multi-threaded runtime released together: exactly one wins, the other
/// is told the time was just taken, and the seats never overflow.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reservations_two_bookings_race_for_the_last_seat() -> anyhow::Result<()> {
    let s = salon().await?;
    let pool = s.h.core.store().pool.clone();
    for round in 0..12i64 {
        let start = mon(10, 0) + round * 2 * 3_600_000 / 3; // 40-minute steps, Monday–
        // Three of the four seats already taken.
        booking::create(&pool, &new_booking(&s, s.dinner, start, None, 3)).await?;
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(2));
        let mut tasks = vec![];
        for who in ["一人目", "二人目"] {
            let (pool, barrier) = (pool.clone(), barrier.clone());
            let r = NewReservation { customer: guest(who), ..new_booking(&s, s.dinner, start, None, 1) };
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                booking::create(&pool, &r).await
            }));
        }
        let mut won = 0;
        let mut taken = 0;
        for t in tasks {
            match t.await? {
                Ok(_) => won += 1,
                Err(CoreError::SlotTaken { ja, .. }) => {
                    assert!(ja.contains("ちょうど埋まりました"));
                    taken += 1
                }
                Err(e) => panic!("round {round}: unexpected {e}"),
            }
        }
        assert_eq!((won, taken), (1, 1), "round {round}");
        // Cancel everything of this round so the next starts from three seats taken again.
        sqlx::query("UPDATE reservations SET status = 'cancelled' WHERE account_id = ?")
            .bind(s.h.account_id)
            .execute(&pool)
            .await?;
    }
    Ok(())
}

/// Who did what: a member's booking, move and cancel are logged with them and announced
/// to every screen; the same change from this PC (no member) is neither.
#[tokio::test]
async fn reservations_a_members_booking_changes_name_them() -> anyhow::Result<()> {
    use madoguchi_core::activity::{ActedBy, ActivityKind};
    use madoguchi_core::events::CoreEvent;
    use madoguchi_core::members::{store, Actor, NewMember, Role};

    let s = salon().await?;
    let pool = &s.h.core.store().pool;
    let sato = store::add(pool, NewMember { name: "佐藤".into(), role: Role::Staff, password: None, reservation_staff_id: None }).await?;
    let as_sato = || Actor::member(sato.id, "佐藤");
    let mut events = s.h.core.events().listen();
    let created = match s.h.core.dispatch_as(as_sato(), Request::CreateReservation(new_booking(&s, s.cut, mon(11, 0), Some(s.a), 1))).await? {
        Response::Reservation(v) => v,
        other => anyhow::bail!("unexpected {other:?}"),
    };
    s.h.core
        .dispatch_as(as_sato(), Request::MoveReservation(MoveReservation { reservation_id: created.id, start: mon(13, 0), end: None, staff_id: None, resource_id: None }))
        .await?;
    s.h.core.dispatch_as(as_sato(), Request::CancelReservation(ReservationRef { reservation_id: created.id })).await?;
    book(&s, new_booking(&s, s.cut, mon(15, 0), Some(s.a), 1)).await?;

    let logged: Vec<(Option<i64>, String, Option<i64>)> =
        sqlx::query_as("SELECT member_id, summary, reservation_id FROM activity_log WHERE kind = 'booking' ORDER BY id").fetch_all(pool).await?;
    let by_sato = |summary: &str| (Some(sato.id), summary.to_string(), Some(created.id));
    assert_eq!(logged, vec![by_sato("予約を作成"), by_sato("予約の日時を変更"), by_sato("予約をキャンセル")], "this PC's booking is not logged");
    let heard = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        loop {
            if let Some(CoreEvent::MemberActed { by, kind, reservation_id, .. }) = events.recv().await {
                return (by, kind, reservation_id);
            }
        }
    })
    .await?;
    assert_eq!(heard, (ActedBy { member_id: sato.id, name: "佐藤".into() }, ActivityKind::Booking, Some(created.id)));
    Ok(())
}
