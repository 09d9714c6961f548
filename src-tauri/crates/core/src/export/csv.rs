//! Messages as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads
//! Japanese as Shift_JIS mojibake), Japanese headers, the shop's local time. Cells that
//! would start a formula (=, +, -, @) get a leading apostrophe: customer text is
//! attacker-controlled and Excel would otherwise run `=HYPERLINK(...)` and the like.

use std::io::Write;

use futures::TryStreamExt;
use sqlx::SqlitePool;

use crate::export::spreadsheet::{guard, BOM};
use crate::{CoreError, Result};

const HEADERS: [&str; 11] = [
    "メッセージID",
    "日時",
    "アカウント",
    "お客様",
    "友だちID",
    "方向",
    "種類",
    "本文",
    "状態",
    "送信取消",
    "タイムスタンプ(ms)",
];

/// Writes every message, oldest first, to `out`; returns how many. Streams rows.
pub async fn export_csv(pool: &SqlitePool, tz: &jiff::tz::TimeZone, out: &mut impl Write) -> Result<u64> {
    out.write_all(BOM.to_string().as_bytes())?;
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(HEADERS).map_err(csv_err)?;
    let mut rows = sqlx::query!(
        r#"SELECT m.id AS "id!", a.name AS account, f.line_user_id, f.display_name, m.direction, m.kind, m.text,
                  m.created_at, m.status, m.unsent
           FROM messages m
           JOIN accounts a ON a.id = m.account_id
           JOIN conversations c ON c.id = m.conversation_id
           JOIN friends f ON f.id = c.friend_id
           ORDER BY m.created_at, m.id"#
    )
    .fetch(pool);
    let mut n = 0;
    while let Some(r) = rows.try_next().await? {
        let local = jiff::Timestamp::from_millisecond(r.created_at)
            .map(|t| tz.to_datetime(t).strftime("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default();
        let direction = if r.direction == "in" { "受信" } else { "送信" };
        w.write_record([
            r.id.to_string(),
            local,
            guard(&r.account),
            guard(r.display_name.as_deref().unwrap_or("")),
            r.line_user_id,
            direction.to_string(),
            r.kind,
            guard(r.text.as_deref().unwrap_or("")),
            r.status,
            if r.unsent != 0 { "1" } else { "" }.to_string(),
            r.created_at.to_string(),
        ])
        .map_err(csv_err)?;
        n += 1;
    }
    w.flush()?;
    Ok(n)
}

fn csv_err(e: ::csv::Error) -> CoreError {
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => CoreError::Io(io),
        other => CoreError::internal(format!("csv: {other:?}")),
    }
}
