//! Attaching a file in the composer: the bytes go through the API (a browser has no
//! paths), the type is judged from the bytes, and the returned path sends like a file.

use base64::Engine as _;
use madoguchi_core::api::types::*;
use madoguchi_core::api::{Request, Response};
use madoguchi_core::outbox::upload::UploadMedia;
use madoguchi_core::settings;

use crate::support::{eventually, set_setting, Harness};

const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
    0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0, 0x05, 0,
    0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn upload_req(name: &str, bytes: &[u8]) -> Request {
    Request::UploadMedia(UploadMedia {
        file_name: name.into(),
        data_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

#[tokio::test]
async fn an_uploaded_photo_is_sent_and_a_disguised_file_is_refused() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    set_setting(&h.core, settings::PUBLIC_BASE_URL, "https://shop.example.jp").await?;
    let u = h.sim.add_user("木村");
    h.ingest(vec![h.sim.event_text(&u.user_id, "地図の写真ありますか", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;

    // A program renamed to .jpg, and SVG (script-capable): neither is an image LINE takes.
    for (name, bytes) in [("写真.jpg", &b"MZ\x90\0\x03\0\0\0"[..]), ("<img src=x onerror=alert(1)>.png", b"<svg onload=alert(1)>")] {
        let err = h.core.dispatch(upload_req(name, bytes)).await.err().ok_or_else(|| anyhow::anyhow!("{name} accepted"))?;
        assert_eq!(err.code, "invalid", "{err:?}");
        assert!(err.message_ja.contains("JPEG"), "{err:?}");
    }
    let garbled = Request::UploadMedia(UploadMedia { file_name: "a.png".into(), data_base64: "%%%not base64".into() });
    assert!(h.core.dispatch(garbled).await.is_err(), "garbled base64 is refused");

    // The customer-facing name does not matter; the bytes do.
    let Response::Uploaded(file) = h.core.dispatch(upload_req("店内の写真.jpeg", PNG_1X1)).await? else {
        anyhow::bail!("expected Uploaded");
    };
    assert_eq!(file.content_type, "image/png");
    assert_eq!(file.bytes, PNG_1X1.len() as u64);
    assert!(file.path.ends_with(".png") && std::path::Path::new(&file.path).starts_with(h.core.store().data_dir()));

    let image = OutgoingContent::Image { path: file.path.clone() };
    h.core.dispatch(Request::SendMessage(SendMessage { client_key: None, conversation_id: conv, content: image })).await?;
    let got = eventually(10, "the photo reaches the customer", || async {
        Ok(h.sim.received(&u.user_id).into_iter().next())
    })
    .await?;
    assert_eq!(got.message["type"], "image");
    let url = got.message["originalContentUrl"].as_str().unwrap_or_default();
    assert!(url.starts_with("https://shop.example.jp/media/") && url.ends_with(".png"), "{url}");
    Ok(())
}
