use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use madoguchi_desktop_notify::{show, Notification, APP_NAME, DEFAULT_ACTION, XDG_SOUND};
use zbus::{OwnedVariant, Variant};

const NAME: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";

/// One `Notify` call as the server received it.
#[derive(Debug, Clone)]
struct Call {
    id: u32,
    app_name: String,
    summary: String,
    body: String,
    actions: Vec<String>,
    hints: HashMap<String, String>,
}

#[derive(Default)]
struct Recorder {
    calls: Arc<Mutex<Vec<Call>>>,
    closed: Arc<Mutex<Vec<u32>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Recorder {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        hints: HashMap<String, OwnedVariant>,
        _expire_timeout: i32,
    ) -> u32 {
        let hints = hints
            .into_iter()
            .map(|(k, v)| {
                let v = match &*v {
                    Variant::Str(s) => s.to_string(),
                    Variant::Bool(b) => b.to_string(),
                    other => format!("{other:?}"),
                };
                (k, v)
            })
            .collect();
        let mut calls = self.calls.lock().unwrap();
        let id = calls.len() as u32 + 1;
        calls.push(Call { id, app_name, summary, body, actions, hints });
        id
    }

    fn close_notification(&self, id: u32) {
        self.closed.lock().unwrap().push(id);
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into(), "sound".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        ("madoguchi-test".into(), "madoguchi".into(), "0.1".into(), "1.2".into())
    }
}

/// Tests take the well-known name one at a time.
static BUS_NAME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn required() -> bool {
    ["MADOGUCHI_REQUIRE_DBUS", "MADOGUCHI_REQUIRE_SECRET_SERVICE"]
        .iter()
        .any(|k| std::env::var(k).is_ok_and(|v| v == "1"))
}

struct Server {
    conn: zbus::Connection,
    calls: Arc<Mutex<Vec<Call>>>,
}

/// Owns `org.freedesktop.Notifications` on the session bus, or says why not: `Ok(None)`
/// = skip (no bus and not required).
async fn start() -> Result<Option<Server>> {
    let recorder = Recorder::default();
    let calls = recorder.calls.clone();
    match zbus::connection::Builder::session().name(NAME).serve_at(PATH, recorder).build().await {
        Ok(conn) => Ok(Some(Server { conn, calls })),
        Err(e) if required() => {
            bail!("no D-Bus session to own {NAME} on (MADOGUCHI_REQUIRE_DBUS is set): {e}")
        }
        Err(e) => {
            eprintln!("skipped: no D-Bus session bus where this test can own {NAME} ({e}); run it under scripts/with-session-services.sh");
            Ok(None)
        }
    }
}

impl Server {
    async fn wait_for_call(&self, n: usize) -> Result<Call> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(c) = self.calls.lock().unwrap().get(n).cloned() {
                return Ok(c);
            }
            if Instant::now() > deadline {
                bail!("the notification server received no Notify call #{n} within 10 s");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

fn notification(sound: bool) -> Notification {
    Notification { title: "佐藤 花子".into(), body: "明日10時に予約できますか？".into(), conversation_id: 42, sound }
}

/// notify-rust blocks on its own executor: keep it off the test's runtime threads.
async fn show_off_thread(n: Notification, on_click: impl FnOnce(i64) + Send + 'static) -> Result<()> {
    tokio::task::spawn_blocking(move || show(&n, on_click)).await?.context("notify-rust could not show the notification")
}

#[tokio::test(flavor = "multi_thread")]
async fn shows_name_preview_app_name_and_sound_hint() -> Result<()> {
    let _name = BUS_NAME.lock().await;
    let Some(server) = start().await? else { return Ok(()) };

    let info = tokio::task::spawn_blocking(notify_rust::get_server_information).await??;
    assert_eq!(info.name, "madoguchi-test", "notify-rust did not reach our test server");

    show_off_thread(notification(true), |_| {}).await?;
    let call = server.wait_for_call(0).await?;
    assert_eq!(call.app_name, APP_NAME);
    assert_eq!(call.summary, "佐藤 花子");
    assert_eq!(call.body, "明日10時に予約できますか？");
    assert_eq!(call.hints.get("sound-name").map(String::as_str), Some(XDG_SOUND), "hints: {:?}", call.hints);
    assert!(!call.hints.contains_key("suppress-sound"), "hints: {:?}", call.hints);
    assert!(
        call.actions.chunks(2).any(|a| a[0] == DEFAULT_ACTION),
        "the click action is missing: {:?}",
        call.actions
    );
    drop(server.conn);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn sound_off_asks_the_server_to_stay_silent() -> Result<()> {
    let _name = BUS_NAME.lock().await;
    let Some(server) = start().await? else { return Ok(()) };

    show_off_thread(notification(false), |_| {}).await?;
    let call = server.wait_for_call(0).await?;
    assert_eq!(call.summary, "佐藤 花子");
    assert_eq!(call.hints.get("suppress-sound").map(String::as_str), Some("true"), "hints: {:?}", call.hints);
    assert!(!call.hints.contains_key("sound-name"), "hints: {:?}", call.hints);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn clicking_the_notification_reports_its_conversation() -> Result<()> {
    let _name = BUS_NAME.lock().await;
    let Some(server) = start().await? else { return Ok(()) };

    let (tx, rx) = std::sync::mpsc::channel();
    show_off_thread(notification(true), move |id| {
        let _ = tx.send(id);
    })
    .await?;
    let call = server.wait_for_call(0).await?;

    // The click thread subscribes to the signal a moment after `show` returns:
    // click until it hears one.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        server
            .conn
            .emit_signal(None::<&str>, PATH, NAME, "ActionInvoked", &(call.id, DEFAULT_ACTION))
            .await?;
        if let Ok(id) = rx.recv_timeout(Duration::from_millis(100)) {
            assert_eq!(id, 42, "the click opened the wrong conversation");
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("clicking notification {} never reached the on_click callback", call.id);
        }
    }
}
