//! Reminders exactly once across SIGKILLs: the real server on one data dir, its
//! reminder clock moved forward (`MADOGUCHI_TEST_CLOCK_OFFSET_MS`, debug builds only)
//! so that reminders fall due, killed at seeded random moments while it queues and
//! pushes them, restarted, and the simulator must have each (customer, reminder)
//! exactly once — and nothing for a cancelled booking or a blocked friend.

use std::collections::HashMap;
use std::time::Duration;

use anyhow::{Context, Result};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::support::{self, eventually, Server, ServerOpts};

/// 2027-03-10 00:00 in Tokyo (a Wednesday), epoch ms.
const DAY: i64 = 1_804_604_400_000;
const HOUR: i64 = 3_600_000;

fn opts_at(fake_now: i64) -> ServerOpts {
    let offset = fake_now - std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    ServerOpts { undo_seconds: Some(0), env: vec![("MADOGUCHI_TEST_CLOCK_OFFSET_MS".into(), offset.to_string())], ..Default::default() }
}

async fn id_of(v: &Value) -> Result<i64> {
    v.as_array().and_then(|a| a.last()).and_then(|x| x["id"].as_i64()).context("saved item without id")
}

/// Open every day 09:00–21:00, one stylist, one chair, a 60-minute cut.
async fn setup_shop(s: &Server, account: i64) -> Result<i64> {
    let day = json!([{ "start": "09:00", "end": "21:00" }]);
    let week: Vec<Value> = (0..7).map(|_| day.clone()).collect();
    s.rpc(
        "setBusinessHours",
        json!({ "accountId": account, "hours": { "timeZone": "Asia/Tokyo", "weekly": week, "holidays": { "kind": "open" }, "overrides": [] } }),
        "businessHours",
    )
    .await?;
    s.rpc(
        "saveReservationStaff",
        json!({ "accountId": account, "staff": { "id": 0, "name": "佐藤", "color": "#e07a5f", "weekly": week, "daysOff": [] } }),
        "reservationStaff",
    )
    .await?;
    s.rpc("saveReservationResource", json!({ "accountId": account, "resource": { "id": 0, "name": "1番席", "kind": "chair", "capacity": 1 } }), "reservationResources")
        .await?;
    let menus = s
        .rpc(
            "saveReservationMenu",
            json!({ "accountId": account, "menu": { "id": 0, "name": "カット", "durationMinutes": 60, "bufferMinutes": 0, "priceYen": 4000,
                    "needsStaff": true, "staffIds": [], "resourceKind": "chair" } }),
            "reservationMenus",
        )
        .await?;
    id_of(&menus).await
}

fn kind_of(text: &str) -> Option<&'static str> {
    if text.contains("明日のご予約") {
        Some("dayBefore")
    } else if text.contains("まもなく") {
        Some("hoursBefore")
    } else if text.contains("ありがとうございました") {
        Some("thanks")
    } else {
        None
    }
}

/// (user index, kind) → how many times the simulator received it.
fn tally(sim: &linesim::Simulator, users: &[String]) -> HashMap<(usize, &'static str), usize> {
    let mut out = HashMap::new();
    for (i, u) in users.iter().enumerate() {
        for r in sim.received(u) {
            if let Some(k) = r.message["text"].as_str().and_then(kind_of) {
                *out.entry((i, k)).or_insert(0) += 1;
            }
        }
    }
    out
}

/// Starts on `fake_now`, SIGKILLs `kills` times at random moments, then runs until
/// `expected` notices arrived; returns the last server (killed).
async fn phase(dir: &std::path::Path, sim: &linesim::Simulator, rng: &mut StdRng, fake_now: i64, kills: usize, users: &[String], expected: usize) -> Result<()> {
    for _ in 0..kills {
        let mut s = Server::start(dir, sim, &opts_at(fake_now)).await?;
        tokio::time::sleep(Duration::from_millis(rng.random_range(0..250))).await;
        s.kill();
    }
    let mut s = Server::start(dir, sim, &opts_at(fake_now)).await?;
    eventually(60, "every due reminder delivered", || {
        let n: usize = tally(sim, users).values().sum();
        async move { Ok((n >= expected).then_some(())) }
    })
    .await?;
    s.kill();
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_arrive_exactly_once_across_sigkills_and_never_for_cancelled_or_blocked() -> Result<()> {
    let seed = support::seed("MADOGUCHI_REMINDER_SEED", "reservations_reminders");
    let mut rng = StdRng::seed_from_u64(seed);
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let mut s = Server::start(dir.path(), &sim, &ServerOpts::undo(0)).await?;
    let accounts = s.rpc("listAccounts", Value::Null, "accounts").await?;
    let account = accounts.as_array().and_then(|a| a.first()).and_then(|a| a["id"].as_i64()).context("an account")?;
    let menu = setup_shop(&s, account).await?;

    // Eight customers booked 10:00, 11:00, … 17:00; #3 cancels, #5 blocks the shop.
    let mut users = Vec::new();
    for i in 0..8 {
        let name = format!("お客様{i}");
        let u = sim.add_user(&name);
        sim.send_text(&u.user_id, "こんにちは").await?;
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let friend = loop {
            let friends = s.rpc("findReservationFriends", json!({ "accountId": account, "query": name }), "friendChoices").await?;
            if let Some(id) = friends.as_array().and_then(|a| a.first()).and_then(|f| f["friendId"].as_i64()) {
                break id;
            }
            anyhow::ensure!(std::time::Instant::now() < deadline, "the friend {name} never appeared");
            tokio::time::sleep(Duration::from_millis(25)).await;
        };
        let r = s
            .rpc(
                "createReservation",
                json!({ "accountId": account, "customer": { "kind": "friend", "friendId": friend }, "menuIds": [menu],
                        "start": DAY + (10 + i as i64) * HOUR, "partySize": 1, "source": "owner" }),
                "reservation",
            )
            .await?;
        if i == 3 {
            s.rpc("cancelReservation", json!({ "reservationId": r["id"] }), "reservation").await?;
        }
        users.push(u.user_id);
    }
    sim.unfollow(&users[5]).await?;
    // A walk-in at 18:00 gets nothing either.
    s.rpc(
        "createReservation",
        json!({ "accountId": account, "customer": { "kind": "guest", "name": "飛び込み", "phone": null }, "menuIds": [menu],
                "start": DAY + 18 * HOUR, "partySize": 1, "source": "walkIn" }),
        "reservation",
    )
    .await?;
    s.kill();

    let kills = rng.random_range(2..=4);
    // 09:30 that day: every day-before reminder (18:00 the day before) and the 2-hours-
    // before ones of 10:00 and 11:00 are due: 6 + 2.
    phase(dir.path(), &sim, &mut rng, DAY + 9 * HOUR + HOUR / 2, kills, &users, 8).await?;
    // 19:30: every thank-you is due (ends + 60 min); the other 2-hours-before ones are
    // past their booking's start and dropped: 6 more.
    phase(dir.path(), &sim, &mut rng, DAY + 19 * HOUR + HOUR / 2, kills, &users, 14).await?;

    let got = tally(&sim, &users);
    let mut want = HashMap::new();
    for i in [0, 1, 2, 4, 6, 7] {
        want.insert((i, "dayBefore"), 1);
        want.insert((i, "thanks"), 1);
    }
    want.insert((0, "hoursBefore"), 1);
    want.insert((1, "hoursBefore"), 1);
    assert_eq!(got, want, "seed {seed}: each reminder exactly once, none for the cancelled (#3) or blocked (#5)");

    // The export subcommand on the same data dir: every booking of the day, the
    // cancelled one too (CSV), with the BOM; the .ics has the active ones.
    let dir_arg = dir.path().as_os_str();
    let args = |format: &'static str| {
        ["reservations", "--data-dir", "", "--from", "2027-03-10", "--to", "2027-03-10", "--format", format]
            .map(std::ffi::OsString::from)
    };
    let mut csv_args = args("csv");
    csv_args[2] = dir_arg.to_owned();
    let r = support::run(&csv_args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>()).await?;
    anyhow::ensure!(r.status.success(), "reservations --format csv failed: {}", r.stderr);
    let csv = String::from_utf8(r.stdout)?;
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(csv.lines().count(), 1 + 9, "{csv}");
    let mut ics_args = args("ics");
    ics_args[2] = dir_arg.to_owned();
    let r = support::run(&ics_args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>()).await?;
    anyhow::ensure!(r.status.success(), "reservations --format ics failed: {}", r.stderr);
    let ics = String::from_utf8(r.stdout)?;
    assert_eq!(ics.lines().filter(|l| l.starts_with("BEGIN:VEVENT")).count(), 8, "{ics}");
    Ok(())
}
