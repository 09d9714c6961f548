//! Content sent by users, downloaded from the api-data paths.

use anyhow::{Context, Result, ensure};
use serde_json::json;

use crate::common::fixture;

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

#[tokio::test]
async fn image_content_is_a_png() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("後藤 美穂");
    let d = f.sim.send_image(&u.user_id).await?;
    let id = d.message_ids.first().context("image without message id")?;
    let a = f
        .api
        .get(&format!("/v2/bot/message/{id}/content"))
        .await?
        .expect(200)?;
    ensure!(
        a.header("content-type") == Some("image/png"),
        "content-type {:?}",
        a.header("content-type")
    );
    ensure!(
        a.bytes.starts_with(PNG_MAGIC),
        "not a PNG: {:?}",
        &a.bytes[..a.bytes.len().min(8)]
    );
    // IHDR: width and height, big-endian, right after the signature and chunk header.
    let width = u32::from_be_bytes(a.bytes.get(16..20).context("truncated PNG")?.try_into()?);
    ensure!(width == 640, "width {width}");
    let again = f
        .api
        .get(&format!("/v2/bot/message/{id}/content"))
        .await?
        .expect(200)?;
    ensure!(
        again.bytes == a.bytes,
        "the same content must download identically"
    );

    let preview = f
        .api
        .get(&format!("/v2/bot/message/{id}/content/preview"))
        .await?
        .expect(200)?;
    ensure!(preview.bytes.starts_with(PNG_MAGIC), "preview is not a PNG");
    let t = f
        .api
        .get(&format!("/v2/bot/message/{id}/content/transcoding"))
        .await?
        .expect(200)?;
    ensure!(
        t.body == json!({"status": "succeeded"}),
        "image transcoding: {}",
        t.body
    );
    ensure!(
        f.sim.stats().accepted("content") == 2,
        "stats: {:?}",
        f.sim.stats()
    );
    Ok(())
}

#[tokio::test]
async fn video_transcodes_before_it_is_ready() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("長谷川 ゆい");
    let d = f.sim.send_video(&u.user_id).await?;
    let id = &d.message_ids[0];
    let path = format!("/v2/bot/message/{id}/content/transcoding");
    let first = f.api.get(&path).await?.expect(200)?;
    let second = f.api.get(&path).await?.expect(200)?;
    ensure!(
        first.body == json!({"status": "processing"}),
        "first poll: {}",
        first.body
    );
    ensure!(
        second.body == json!({"status": "succeeded"}),
        "second poll: {}",
        second.body
    );
    let c = f
        .api
        .get(&format!("/v2/bot/message/{id}/content"))
        .await?
        .expect(200)?;
    ensure!(
        c.header("content-type") == Some("video/mp4") && c.bytes.get(4..8) == Some(&b"ftyp"[..]),
        "video content"
    );
    ensure!(
        d.events[0]["message"]["duration"].as_u64().is_some(),
        "video event without duration"
    );
    Ok(())
}

#[tokio::test]
async fn file_content_has_the_announced_size_and_unknown_ids_are_404() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("村上 拓海");
    let d = f.sim.send_file(&u.user_id, "見積書.pdf", 12_345).await?;
    let c = f
        .api
        .get(&format!("/v2/bot/message/{}/content", d.message_ids[0]))
        .await?
        .expect(200)?;
    ensure!(
        c.bytes.len() == 12_345,
        "file content is {} bytes",
        c.bytes.len()
    );
    f.api
        .get("/v2/bot/message/999999999999999999/content")
        .await?
        .expect(404)?;
    f.api
        .with_token("wrong")
        .get(&format!("/v2/bot/message/{}/content", d.message_ids[0]))
        .await?
        .expect(401)?;
    Ok(())
}
