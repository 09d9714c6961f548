//! The Settings page's export buttons: all messages as JSON Lines or CSV, written into
//! the backup folder (the files stay on this PC, next to the backups).

use std::io::BufWriter;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::runtime::Core;
use crate::{CoreError, Result, backup, hours};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    Jsonl,
    Csv,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportMessages {
    pub format: ExportFormat,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportDone {
    pub path: String,
    #[ts(type = "number")]
    pub messages: i64,
}

pub async fn export_to_folder(core: &Core, format: ExportFormat) -> Result<ExportDone> {
    let pool = &core.store().pool;
    let s = backup::auto::get_settings(pool).await?;
    if s.folder.is_empty() {
        return Err(CoreError::not_configured(
            "choose a backup folder first; exports are written there",
            "先にバックアップの保存先フォルダーを指定してください（書き出したファイルもそこに保存されます）",
        ));
    }
    let tz = hours::store::shop_time_zone(core).await?;
    let stamp = tz
        .to_datetime(hours::store::timestamp(crate::time::now_ms())?)
        .strftime("%Y-%m-%d-%H%M%S")
        .to_string();
    let ext = match format {
        ExportFormat::Jsonl => "jsonl",
        ExportFormat::Csv => "csv",
    };
    let folder = PathBuf::from(&s.folder);
    std::fs::create_dir_all(&folder)?;
    let path = folder.join(format!("madoguchi-messages-{stamp}.{ext}"));
    let tmp = path.with_extension("partial");
    let mut out = BufWriter::new(std::fs::File::create(&tmp)?);
    let n = match format {
        ExportFormat::Jsonl => super::export_jsonl(pool, &mut out).await?,
        ExportFormat::Csv => super::csv::export_csv(pool, &tz, &mut out).await?,
    };
    crate::flush::sync_all(&out.into_inner().map_err(|e| e.into_error())?)?;
    std::fs::rename(&tmp, &path)?;
    Ok(ExportDone {
        path: path.to_string_lossy().into_owned(),
        messages: n as i64,
    })
}

