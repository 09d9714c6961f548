//! Custom fields the shop defines (text, number, date, single choice, checkbox) and
//! their values per friend. Values are stored in one canonical text form so export,
//! import and placeholders agree: number as typed, date `YYYY-MM-DD`, checkbox
//! `true`/`false`.

use sqlx::SqlitePool;
use unicode_normalization::UnicodeNormalization;

use crate::friends::model::{CustomField, FieldKind, SaveCustomField, SetFieldValue};
use crate::time::now_ms;
use crate::{CoreError, Result};

const MAX_NAME: usize = 50;
const MAX_TEXT: usize = 2000;
const MAX_OPTIONS: usize = 100;

struct FieldRow {
    id: i64,
    account_id: i64,
    name: String,
    kind: String,
    options_json: String,
}

impl FieldRow {
    fn view(self) -> CustomField {
        CustomField {
            id: self.id,
            account_id: self.account_id,
            name: self.name,
            kind: FieldKind::parse(&self.kind),
            options: serde_json::from_str(&self.options_json).unwrap_or_default(),
        }
    }
}

pub async fn list(pool: &SqlitePool, account_id: i64) -> Result<Vec<CustomField>> {
    Ok(sqlx::query_as!(
        FieldRow,
        r#"SELECT id AS "id!", account_id, name, kind, options_json FROM custom_fields
           WHERE account_id = ? ORDER BY position, id"#,
        account_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(FieldRow::view)
    .collect())
}

pub async fn get(pool: &SqlitePool, field_id: i64) -> Result<CustomField> {
    sqlx::query_as!(
        FieldRow,
        r#"SELECT id AS "id!", account_id, name, kind, options_json FROM custom_fields WHERE id = ?"#,
        field_id
    )
    .fetch_optional(pool)
    .await?
    .map(FieldRow::view)
    .ok_or_else(|| CoreError::NotFound(format!("custom field {field_id}")))
}

pub async fn save(pool: &SqlitePool, q: &SaveCustomField) -> Result<Vec<CustomField>> {
    crate::accounts::check_exists(pool, q.account_id).await?;
    let name = q.name.trim().to_string();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(CoreError::bad_input(
            format!("a field name has 1 to {MAX_NAME} characters"),
            format!("項目名は 1〜{MAX_NAME} 文字で入力してください"),
        ));
    }
    // The name is also a placeholder ({name}) and a CSV column: keep it plain.
    if name.contains(['{', '}', '\n', '\r']) {
        return Err(CoreError::bad_input(
            "a field name cannot contain { } or line breaks",
            "項目名に { } や改行は使えません",
        ));
    }
    let mut options: Vec<String> = Vec::new();
    if q.kind == FieldKind::Choice {
        for o in &q.options {
            let o = o.trim();
            if !o.is_empty() && !options.iter().any(|x| x == o) {
                options.push(o.to_string());
            }
        }
        if options.is_empty() || options.len() > MAX_OPTIONS {
            return Err(CoreError::bad_input(
                format!("a choice field needs 1 to {MAX_OPTIONS} choices"),
                format!("選択肢を 1〜{MAX_OPTIONS} 個入力してください"),
            ));
        }
    }
    let taken = sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM custom_fields WHERE account_id = ? AND name = ? AND id IS NOT ?"#,
        q.account_id,
        name,
        q.id
    )
    .fetch_optional(pool)
    .await?;
    if taken.is_some() {
        return Err(CoreError::bad_input(
            format!("there is already a field named {name:?}"),
            format!("「{name}」という項目はすでにあります"),
        ));
    }
    let options_json = serde_json::to_string(&options)?;
    let kind = q.kind.as_str();
    match q.id {
        Some(id) => {
            let old = get(pool, id).await?;
            if old.account_id != q.account_id {
                return Err(CoreError::NotFound(format!("custom field {id}")));
            }
            if old.kind != q.kind {
                return Err(CoreError::bad_input(
                    "a field's type cannot change once it exists; add a new field instead",
                    "項目の種類はあとから変えられません。新しい項目を作ってください",
                ));
            }
            sqlx::query!("UPDATE custom_fields SET name = ?, options_json = ? WHERE id = ?", name, options_json, id)
                .execute(pool)
                .await?;
        }
        None => {
            let now = now_ms();
            sqlx::query!(
                "INSERT INTO custom_fields (account_id, name, kind, options_json, position, created_at)
                 VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM custom_fields WHERE account_id = ?1), ?5)",
                q.account_id,
                name,
                kind,
                options_json,
                now
            )
            .execute(pool)
            .await?;
        }
    }
    list(pool, q.account_id).await
}

pub async fn delete(pool: &SqlitePool, field_id: i64) -> Result<Vec<CustomField>> {
    let field = get(pool, field_id).await?;
    sqlx::query!("DELETE FROM custom_fields WHERE id = ?", field_id).execute(pool).await?;
    list(pool, field.account_id).await
}

/// A value in its stored form, or None for "no value". Errors are (English, Japanese).
pub fn canonical(field: &CustomField, raw: &str) -> std::result::Result<Option<String>, (String, String)> {
    let v = raw.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let name = &field.name;
    match field.kind {
        FieldKind::Text => {
            if raw.chars().count() > MAX_TEXT {
                return Err((
                    format!("{name}: at most {MAX_TEXT} characters"),
                    format!("{name}: {MAX_TEXT} 文字までです"),
                ));
            }
            Ok(Some(raw.to_string()))
        }
        FieldKind::Number => {
            let n: String = v.nfkc().filter(|c| *c != ',').collect();
            match n.parse::<f64>() {
                Ok(x) if x.is_finite() && !n.contains(['e', 'E', 'i', 'n', 'N', 'I']) => Ok(Some(n)),
                _ => Err((format!("{name}: {v:?} is not a number"), format!("{name}: 「{v}」は数値ではありません"))),
            }
        }
        FieldKind::Date => {
            let n: String = v.nfkc().collect();
            let parts: Vec<&str> = n.split(['-', '/']).collect();
            let date = match parts.as_slice() {
                [y, m, d] => match (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) {
                    (Ok(y), Ok(m), Ok(d)) if y >= 1000 => jiff::civil::Date::new(y, m, d).ok(),
                    _ => None,
                },
                _ => None,
            };
            match date {
                Some(d) => Ok(Some(d.strftime("%Y-%m-%d").to_string())),
                None => Err((
                    format!("{name}: {v:?} is not a date (YYYY-MM-DD)"),
                    format!("{name}: 「{v}」は日付ではありません（YYYY-MM-DD）"),
                )),
            }
        }
        FieldKind::Choice => match field.options.iter().find(|o| o.as_str() == v) {
            Some(o) => Ok(Some(o.clone())),
            None => Err((
                format!("{name}: {v:?} is not one of the choices ({})", field.options.join(", ")),
                format!("{name}: 「{v}」は選択肢にありません（{}）", field.options.join("、")),
            )),
        },
        FieldKind::Checkbox => match v.to_lowercase().as_str() {
            "true" | "1" | "yes" | "on" | "はい" | "✓" | "○" => Ok(Some("true".into())),
            "false" | "0" | "no" | "off" | "いいえ" | "×" => Ok(Some("false".into())),
            _ => Err((
                format!("{name}: {v:?} is not true or false"),
                format!("{name}: 「{v}」は true か false で入力してください"),
            )),
        },
    }
}

pub async fn set_value(pool: &SqlitePool, q: &SetFieldValue) -> Result<()> {
    let field = get(pool, q.field_id).await?;
    let friend_account = sqlx::query_scalar!("SELECT account_id FROM friends WHERE id = ?", q.friend_id)
        .fetch_optional(pool)
        .await?;
    if friend_account != Some(field.account_id) {
        return Err(CoreError::NotFound(format!("friend {}", q.friend_id)));
    }
    let value = canonical(&field, q.value.as_deref().unwrap_or("")).map_err(|(en, ja)| CoreError::bad_input(en, ja))?;
    match value {
        Some(v) => {
            let now = now_ms();
            sqlx::query!(
                "INSERT INTO friend_field_values (friend_id, field_id, value, updated_at) VALUES (?, ?, ?, ?)
                 ON CONFLICT(friend_id, field_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                q.friend_id,
                q.field_id,
                v,
                now
            )
            .execute(pool)
            .await?;
        }
        None => {
            sqlx::query!("DELETE FROM friend_field_values WHERE friend_id = ? AND field_id = ?", q.friend_id, q.field_id)
                .execute(pool)
                .await?;
        }
    }
    Ok(())
}
