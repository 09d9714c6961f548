//! A screen whose event stream falls behind is told to re-read, as an ordinary event
//! (the UI's EventSource hears only unnamed ones).

use std::sync::{Arc, Mutex};

use anyhow::Result;

use crate::support::{self, Server, ServerOpts};

#[tokio::test]
async fn a_lagging_event_stream_gets_a_resync_event() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    // The bus holds one event: a burst from one webhook leaves the stream behind.
    let opts = ServerOpts { env: vec![("MADOGUCHI_EVENT_BUFFER".into(), "1".into())], ..Default::default() };
    let server = Server::start(dir.path(), &sim, &opts).await?;
    let user = sim.add_user("遅れ 確認");

    let mut events = server.client.get(format!("{}/api/events?token={}", server.base, server.token)).send().await?;
    anyhow::ensure!(events.status() == 200, "events answered {}", events.status());
    let seen = Arc::new(Mutex::new(String::new()));
    let sink = seen.clone();
    let reader = tokio::spawn(async move {
        while let Ok(Some(chunk)) = events.chunk().await {
            if let Ok(mut s) = sink.lock() {
                s.push_str(&String::from_utf8_lossy(&chunk));
            }
        }
    });

    let mut round = 0;
    let text = support::eventually(30, "a resync event on the lagging stream", || {
        round += 1;
        let burst: Vec<_> = (0..40).map(|i| sim.event_text(&user.user_id, &format!("{round}-{i}"), None)).collect();
        let (body, signature) = sim.signed_body(burst);
        let server = &server;
        let seen = seen.clone();
        async move {
            server.post_webhook(body, Some(&signature)).await?;
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            let text = seen.lock().map(|s| s.clone()).unwrap_or_default();
            Ok(text.contains("data: {\"type\":\"resync\"}").then_some(text))
        }
    })
    .await?;
    reader.abort();
    anyhow::ensure!(!text.contains("event: resync"), "resync must be an unnamed event, which EventSource.onmessage hears:\n{text}");
    Ok(())
}
