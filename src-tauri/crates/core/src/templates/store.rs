//! Folders and templates in SQLite, checked on save so a template that could never be
//! sent (unknown placeholder, too many bubbles, a missing image) is refused up front.

use std::path::Path;

use sqlx::SqlitePool;

use super::model::*;
use super::placeholders::{self, Placeholder};
use crate::inbox::media;
use crate::time::now_ms;
use crate::{CoreError, Result};

const MAX_BUBBLES: usize = 5;
const MAX_TITLE: usize = 100;
const MAX_FOLDER_NAME: usize = 50;

pub async fn library(pool: &SqlitePool, account_id: i64) -> Result<TemplateLibrary> {
    crate::accounts::check_exists(pool, account_id).await?;
    let folders = sqlx::query_as!(
        TemplateFolder,
        r#"SELECT id AS "id!", name FROM template_folders WHERE account_id = ? ORDER BY position, name, id"#,
        account_id
    )
    .fetch_all(pool)
    .await?;
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", folder_id, title, bubbles_json, updated_at FROM templates
           WHERE account_id = ? ORDER BY position, title, id"#,
        account_id
    )
    .fetch_all(pool)
    .await?;
    let mut templates = Vec::with_capacity(rows.len());
    for r in rows {
        let bubbles: Vec<TemplateBubble> = serde_json::from_str(&r.bubbles_json)?;
        templates.push(TemplateView {
            id: r.id,
            folder_id: r.folder_id,
            title: r.title,
            prompts: prompts(&bubbles),
            bubbles,
            updated_at: r.updated_at,
        });
    }
    let mut placeholders = vec![
        PlaceholderInfo { token: format!("{{{}}}", placeholders::NAME), kind: PlaceholderKind::Friend, available: true },
        PlaceholderInfo { token: format!("{{{}}}", placeholders::SHOP), kind: PlaceholderKind::Shop, available: true },
        PlaceholderInfo {
            token: format!("{{{}}}", placeholders::NEXT_RESERVATION),
            kind: PlaceholderKind::Reservation,
            available: crate::templates::next_reservation::providers().next_reservation.is_some(),
        },
    ];
    for name in field_names(pool, account_id).await? {
        placeholders.push(PlaceholderInfo { token: format!("{{{name}}}"), kind: PlaceholderKind::Field, available: true });
    }
    placeholders.push(PlaceholderInfo { token: "{?…}".into(), kind: PlaceholderKind::Prompt, available: true });
    Ok(TemplateLibrary { folders, templates, placeholders })
}

fn prompts(bubbles: &[TemplateBubble]) -> Vec<String> {
    let mut out = Vec::new();
    for b in bubbles {
        if let TemplateBubble::Text { text } = b {
            for s in placeholders::slots(text) {
                if let Placeholder::Prompt(l) = s
                    && !out.contains(&l)
                {
                    out.push(l);
                }
            }
        }
    }
    out
}

pub(crate) async fn field_names(pool: &SqlitePool, account_id: i64) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar!("SELECT name FROM custom_fields WHERE account_id = ? ORDER BY position, id", account_id)
        .fetch_all(pool)
        .await?)
}

pub async fn save_folder(pool: &SqlitePool, q: &SaveTemplateFolder) -> Result<TemplateLibrary> {
    let name = q.name.trim();
    if name.is_empty() || name.chars().count() > MAX_FOLDER_NAME {
        return Err(CoreError::bad_input(
            format!("a folder name needs 1 to {MAX_FOLDER_NAME} characters"),
            format!("フォルダ名は 1〜{MAX_FOLDER_NAME} 文字で入力してください"),
        ));
    }
    crate::accounts::check_exists(pool, q.account_id).await?;
    let clash = sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM template_folders WHERE account_id = ? AND name = ? AND id IS NOT ?"#,
        q.account_id,
        name,
        q.id
    )
    .fetch_optional(pool)
    .await?;
    if clash.is_some() {
        return Err(CoreError::bad_input(
            format!("a folder named “{name}” already exists"),
            format!("「{name}」というフォルダはすでにあります"),
        ));
    }
    match q.id {
        Some(id) => {
            let n = sqlx::query!("UPDATE template_folders SET name = ? WHERE id = ? AND account_id = ?", name, id, q.account_id)
                .execute(pool)
                .await?
                .rows_affected();
            if n == 0 {
                return Err(CoreError::NotFound(format!("template folder {id}")));
            }
        }
        None => {
            let now = now_ms();
            sqlx::query!(
                "INSERT INTO template_folders (account_id, name, position, created_at)
                 VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM template_folders WHERE account_id = ?1), ?3)",
                q.account_id,
                name,
                now
            )
            .execute(pool)
            .await?;
        }
    }
    library(pool, q.account_id).await
}

/// Deleting a folder keeps its templates (they move to "no folder").
pub async fn delete_folder(pool: &SqlitePool, folder_id: i64) -> Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query!("UPDATE templates SET folder_id = NULL WHERE folder_id = ?", folder_id).execute(&mut *tx).await?;
    sqlx::query!("DELETE FROM template_folders WHERE id = ?", folder_id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete(pool: &SqlitePool, template_id: i64) -> Result<()> {
    let n = sqlx::query!("DELETE FROM templates WHERE id = ?", template_id).execute(pool).await?.rows_affected();
    if n == 0 {
        return Err(CoreError::NotFound(format!("template {template_id}")));
    }
    Ok(())
}

pub async fn save(pool: &SqlitePool, q: &SaveTemplate) -> Result<TemplateView> {
    let title = q.title.trim();
    if title.is_empty() || title.chars().count() > MAX_TITLE {
        return Err(CoreError::bad_input(
            format!("a title needs 1 to {MAX_TITLE} characters"),
            format!("タイトルは 1〜{MAX_TITLE} 文字で入力してください"),
        ));
    }
    if q.bubbles.is_empty() || q.bubbles.len() > MAX_BUBBLES {
        return Err(CoreError::bad_input(
            format!("a canned reply holds 1 to {MAX_BUBBLES} messages"),
            format!("定型文に入れられる吹き出しは 1〜{MAX_BUBBLES} 個です"),
        ));
    }
    crate::accounts::check_exists(pool, q.account_id).await?;
    let fields = field_names(pool, q.account_id).await?;
    for b in &q.bubbles {
        check_bubble(b, &fields)?;
    }
    if let Some(folder) = q.folder_id {
        let ok = sqlx::query_scalar!(
            r#"SELECT id AS "id!" FROM template_folders WHERE id = ? AND account_id = ?"#,
            folder,
            q.account_id
        )
        .fetch_optional(pool)
        .await?;
        if ok.is_none() {
            return Err(CoreError::NotFound(format!("template folder {folder}")));
        }
    }
    let json = serde_json::to_string(&q.bubbles)?;
    let now = now_ms();
    let id = match q.id {
        Some(id) => {
            let n = sqlx::query!(
                "UPDATE templates SET folder_id = ?, title = ?, bubbles_json = ?, updated_at = ? WHERE id = ? AND account_id = ?",
                q.folder_id,
                title,
                json,
                now,
                id,
                q.account_id
            )
            .execute(pool)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(CoreError::NotFound(format!("template {id}")));
            }
            id
        }
        None => sqlx::query_scalar!(
            r#"INSERT INTO templates (account_id, folder_id, title, bubbles_json, position, created_at, updated_at)
               VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM templates WHERE account_id = ?1), ?5, ?5)
               RETURNING id AS "id!""#,
            q.account_id,
            q.folder_id,
            title,
            json,
            now
        )
        .fetch_one(pool)
        .await?,
    };
    Ok(TemplateView {
        id,
        folder_id: q.folder_id,
        title: title.to_string(),
        prompts: prompts(&q.bubbles),
        bubbles: q.bubbles.clone(),
        updated_at: now,
    })
}

fn check_bubble(b: &TemplateBubble, fields: &[String]) -> Result<()> {
    match b {
        TemplateBubble::Text { text } => {
            if text.trim().is_empty() {
                return Err(CoreError::bad_input("a text bubble is empty", "空の吹き出しがあります"));
            }
            crate::outbox::limits::check_text(text)?;
            if text.contains("{?}") || text.contains("{？}") {
                return Err(CoreError::bad_input(
                    "a fill-in prompt needs a label, e.g. {?menu}",
                    "入力欄には名前を付けてください（例: {?メニュー}）",
                ));
            }
            for s in placeholders::slots(text) {
                if let Placeholder::Field(name) = &s
                    && !fields.contains(name)
                {
                    return Err(CoreError::bad_input(
                        format!("{{{name}}} is not a placeholder: no custom field is called “{name}” (use {{?{name}}} to ask when sending)"),
                        format!("{{{name}}} という差し込み項目はありません（「{name}」という項目がありません。送るときに入力するなら {{?{name}}} と書きます）"),
                    ));
                }
            }
            Ok(())
        }
        TemplateBubble::Image { path } => {
            let p = Path::new(path);
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if !matches!(media::content_type_for_path(p), Some("image/jpeg" | "image/png")) {
                return Err(CoreError::bad_input(
                    format!("{name}: only JPEG or PNG images can be sent"),
                    format!("{name}: 送れる画像は JPEG か PNG だけです"),
                ));
            }
            if !p.is_file() {
                return Err(CoreError::bad_input(
                    format!("{path}: no such file"),
                    format!("{path}: ファイルが見つかりません"),
                ));
            }
            Ok(())
        }
        TemplateBubble::Sticker { package_id, sticker_id } => {
            if package_id.trim().is_empty() || sticker_id.trim().is_empty() {
                return Err(CoreError::bad_input("choose a sticker", "スタンプを選んでください"));
            }
            Ok(())
        }
    }
}
