//! CSV export and import of friends with their private name, tags and custom fields.
//!
//! The file is UTF-8 with a byte-order mark and CRLF line ends, which is what Excel on
//! Windows needs to open Japanese text correctly. Columns: LINE user id, LINE name,
//! private name, followed, tags (comma separated, by name), then one per custom field
//! (header = the field's name). Import matches friends by LINE user id (creating the
//! ones not known yet), creates missing tags and fields (new fields are text), and
//! validates every row first: any error and nothing is written, so a bad file never
//! leaves half an import behind. Present columns are authoritative (an empty cell
//! clears the value, the tags cell is the friend's whole tag set); absent columns are
//! left alone. LINE's own name is only filled in when we do not know it yet.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use sqlx::SqlitePool;

use crate::friends::fields::{self, canonical};
use crate::friends::model::{CsvFile, CsvImportResult, CsvRowError, CustomField, FieldKind};
use crate::tags::store::{PALETTE, clean_name};
use crate::time::now_ms;
use crate::Result;

use crate::export::spreadsheet::{guard, unguard, BOM};
pub const COL_USER: &str = "LINEユーザーID";
pub const COL_NAME: &str = "LINE名";
pub const COL_PRIVATE: &str = "管理用の名前";
pub const COL_FOLLOWED: &str = "友だち";
pub const COL_TAGS: &str = "タグ";
const FIXED: [&str; 5] = [COL_USER, COL_NAME, COL_PRIVATE, COL_FOLLOWED, COL_TAGS];
const MAX_ERRORS: usize = 100;

struct ExportRow {
    id: i64,
    line_user_id: String,
    display_name: Option<String>,
    private_name: Option<String>,
    followed: i64,
}

pub async fn export(pool: &SqlitePool, account_id: i64) -> Result<CsvFile> {
    let fields = fields::list(pool, account_id).await?;
    let friends = sqlx::query_as!(
        ExportRow,
        r#"SELECT id AS "id!", line_user_id, display_name, private_name, followed FROM friends
           WHERE account_id = ? ORDER BY id"#,
        account_id
    )
    .fetch_all(pool)
    .await?;
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    for r in sqlx::query!(
        r#"SELECT ft.friend_id AS "friend_id!", t.name FROM friend_tags ft JOIN tags t ON t.id = ft.tag_id
           WHERE t.account_id = ? ORDER BY t.name"#,
        account_id
    )
    .fetch_all(pool)
    .await?
    {
        tags.entry(r.friend_id).or_default().push(r.name);
    }
    let mut values: HashMap<(i64, i64), String> = HashMap::new();
    for r in sqlx::query!(
        r#"SELECT v.friend_id AS "friend_id!", v.field_id AS "field_id!", v.value FROM friend_field_values v
           JOIN custom_fields cf ON cf.id = v.field_id WHERE cf.account_id = ?"#,
        account_id
    )
    .fetch_all(pool)
    .await?
    {
        values.insert((r.friend_id, r.field_id), r.value);
    }

    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let header: Vec<&str> = FIXED.iter().copied().chain(fields.iter().map(|f| f.name.as_str())).collect();
    w.write_record(header.into_iter().map(guard)).map_err(csv_error)?;
    for f in &friends {
        let mut rec = vec![
            f.line_user_id.clone(),
            f.display_name.clone().unwrap_or_default(),
            f.private_name.clone().unwrap_or_default(),
            if f.followed != 0 { "true".into() } else { "false".into() },
            tags.get(&f.id).map(|t| t.join(", ")).unwrap_or_default(),
        ];
        for field in &fields {
            rec.push(values.get(&(f.id, field.id)).cloned().unwrap_or_default());
        }
        w.write_record(rec.iter().map(|c| guard(c))).map_err(csv_error)?;
    }
    let bytes = w.into_inner().map_err(|e| crate::CoreError::internal(format!("csv: {e}")))?;
    let body = String::from_utf8(bytes).map_err(|e| crate::CoreError::internal(format!("csv: {e}")))?;
    let day = crate::hours::store::time_zone(pool, account_id).await?.to_datetime(jiff::Timestamp::now()).strftime("%Y%m%d");
    Ok(CsvFile { file_name: format!("friends-{day}.csv"), content: format!("{BOM}{body}") })
}

fn csv_error(e: csv::Error) -> crate::CoreError {
    crate::CoreError::internal(format!("csv: {e}"))
}

/// One valid row, ready to write.
struct Parsed {
    user: String,
    name: Option<String>,
    private_name: Option<Option<String>>,
    followed: Option<bool>,
    tags: Option<Vec<String>>,
    values: Vec<(usize, Option<String>)>,
}

fn is_line_user_id(s: &str) -> bool {
    s.len() == 33 && s.starts_with('U') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

fn err(errors: &mut Vec<CsvRowError>, line: u64, column: Option<&str>, en: String, ja: String) {
    if errors.len() < MAX_ERRORS {
        errors.push(CsvRowError { line, column: column.map(str::to_string), message: en, message_ja: ja });
    }
}

pub async fn import(pool: &SqlitePool, account_id: i64, content: &str) -> Result<CsvImportResult> {
    crate::accounts::check_exists(pool, account_id).await?;
    let mut errors = Vec::new();
    let text = content.strip_prefix(BOM).unwrap_or(content);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(|c| unguard(c).trim().to_string()).collect(),
        Some(Err(e)) => {
            err(&mut errors, 1, None, format!("unreadable header: {e}"), format!("見出し行を読めません: {e}"));
            return Ok(CsvImportResult { friends: 0, created_friends: 0, created_tags: 0, errors });
        }
        None => Vec::new(),
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    let Some(user_col) = col(COL_USER) else {
        err(&mut errors, 1, Some(COL_USER), format!("the file has no {COL_USER:?} column"), format!("「{COL_USER}」の列がありません"));
        return Ok(CsvImportResult { friends: 0, created_friends: 0, created_tags: 0, errors });
    };
    let (name_col, private_col, followed_col, tags_col) = (col(COL_NAME), col(COL_PRIVATE), col(COL_FOLLOWED), col(COL_TAGS));

    // Every other column is a custom field; the unknown ones become text fields.
    let known = fields::list(pool, account_id).await?;
    let mut field_cols: Vec<(usize, CustomField)> = Vec::new();
    let mut seen_headers = HashSet::new();
    for (i, h) in header.iter().enumerate() {
        if !seen_headers.insert(h.clone()) {
            err(&mut errors, 1, Some(h), format!("the column {h:?} appears twice"), format!("「{h}」の列が重複しています"));
            continue;
        }
        if FIXED.contains(&h.as_str()) {
            continue;
        }
        if h.is_empty() || h.chars().count() > 50 || h.contains(['{', '}']) {
            err(&mut errors, 1, Some(h), format!("{h:?} cannot be a field name"), format!("「{h}」は項目名に使えません"));
            continue;
        }
        let field = known.iter().find(|f| &f.name == h).cloned().unwrap_or(CustomField {
            id: 0,
            account_id,
            name: h.clone(),
            kind: FieldKind::Text,
            options: Vec::new(),
        });
        field_cols.push((i, field));
    }

    let mut rows: Vec<Parsed> = Vec::new();
    let mut users = HashSet::new();
    for (n, rec) in records.enumerate() {
        let line = n as u64 + 2;
        let rec = match rec {
            Ok(r) => r.iter().map(|c| unguard(c).to_string()).collect::<csv::StringRecord>(),
            Err(e) => {
                err(&mut errors, line, None, format!("unreadable row: {e}"), format!("行を読めません: {e}"));
                continue;
            }
        };
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: Option<usize>| i.map(|i| rec.get(i).unwrap_or("").to_string());
        let user = rec.get(user_col).unwrap_or("").trim().to_string();
        if !is_line_user_id(&user) {
            err(&mut errors, line, Some(COL_USER), format!("{user:?} is not a LINE user id (U + 32 hex digits)"),
                format!("「{user}」は LINE ユーザー ID ではありません（U と 16 進数 32 桁）"));
            continue;
        }
        if !users.insert(user.clone()) {
            err(&mut errors, line, Some(COL_USER), format!("{user} appears on more than one row"), format!("{user} が複数の行にあります"));
            continue;
        }
        let private_name = cell(private_col).map(|p| Some(p.trim().to_string()).filter(|p| !p.is_empty()));
        if let Some(Some(p)) = &private_name
            && p.chars().count() > 100
        {
            err(&mut errors, line, Some(COL_PRIVATE), "a private name has at most 100 characters".into(), "管理用の名前は 100 文字までです".into());
        }
        let followed = match cell(followed_col).as_deref().map(str::trim) {
            None | Some("") => None,
            Some("true" | "1" | "はい") => Some(true),
            Some("false" | "0" | "いいえ") => Some(false),
            Some(v) => {
                err(&mut errors, line, Some(COL_FOLLOWED), format!("{v:?} is not true or false"), format!("「{v}」は true か false で入力してください"));
                None
            }
        };
        let tags = match cell(tags_col) {
            None => None,
            Some(t) => {
                let mut names = BTreeSet::new();
                for part in t.split([',', '、']).map(str::trim).filter(|p| !p.is_empty()) {
                    match clean_name(part) {
                        Ok(n) => {
                            names.insert(n);
                        }
                        Err(e) => err(&mut errors, line, Some(COL_TAGS), e.to_string(), ja_of(&e)),
                    }
                }
                Some(names.into_iter().collect())
            }
        };
        let mut values = Vec::new();
        for (k, (i, field)) in field_cols.iter().enumerate() {
            match canonical(field, rec.get(*i).unwrap_or("")) {
                Ok(v) => values.push((k, v)),
                Err((en, ja)) => err(&mut errors, line, Some(&field.name), en, ja),
            }
        }
        let name = cell(name_col).map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        rows.push(Parsed { user, name, private_name, followed, tags, values });
    }
    if !errors.is_empty() {
        return Ok(CsvImportResult { friends: 0, created_friends: 0, created_tags: 0, errors });
    }
    write(pool, account_id, rows, field_cols).await
}

fn ja_of(e: &crate::CoreError) -> String {
    match e {
        crate::CoreError::BadInput { ja, .. } => ja.clone(),
        other => other.to_string(),
    }
}

async fn write(pool: &SqlitePool, account_id: i64, rows: Vec<Parsed>, mut field_cols: Vec<(usize, CustomField)>) -> Result<CsvImportResult> {
    let now = now_ms();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    for (_, field) in field_cols.iter_mut().filter(|(_, f)| f.id == 0) {
        field.id = sqlx::query_scalar!(
            r#"INSERT INTO custom_fields (account_id, name, kind, options_json, position, created_at)
               VALUES (?1, ?2, 'text', '[]', (SELECT coalesce(max(position), 0) + 1 FROM custom_fields WHERE account_id = ?1), ?3)
               RETURNING id AS "id!""#,
            account_id,
            field.name,
            now
        )
        .fetch_one(&mut *tx)
        .await?;
    }
    let mut tag_ids: BTreeMap<String, i64> = sqlx::query!(r#"SELECT id AS "id!", name FROM tags WHERE account_id = ?"#, account_id)
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|r| (r.name, r.id))
        .collect();
    let mut created_tags = 0;
    let mut created_friends = 0;
    for row in &rows {
        for t in row.tags.iter().flatten() {
            if tag_ids.contains_key(t) {
                continue;
            }
            let color = PALETTE[(tag_ids.len()) % PALETTE.len()];
            let id = sqlx::query_scalar!(
                r#"INSERT INTO tags (account_id, name, color, position, created_at)
                   VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM tags WHERE account_id = ?1), ?4)
                   RETURNING id AS "id!""#,
                account_id,
                t,
                color,
                now
            )
            .fetch_one(&mut *tx)
            .await?;
            tag_ids.insert(t.clone(), id);
            created_tags += 1;
        }
        let existing = sqlx::query_scalar!(
            r#"SELECT id AS "id!" FROM friends WHERE account_id = ? AND line_user_id = ?"#,
            account_id,
            row.user
        )
        .fetch_optional(&mut *tx)
        .await?;
        let friend_id = match existing {
            Some(id) => {
                sqlx::query!("UPDATE friends SET display_name = coalesce(display_name, ?) WHERE id = ?", row.name, id)
                    .execute(&mut *tx)
                    .await?;
                id
            }
            None => {
                created_friends += 1;
                let followed = row.followed.unwrap_or(true);
                sqlx::query_scalar!(
                    r#"INSERT INTO friends (account_id, line_user_id, display_name, followed, first_seen_at, last_seen_at)
                       VALUES (?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
                    account_id,
                    row.user,
                    row.name,
                    followed,
                    now,
                    now
                )
                .fetch_one(&mut *tx)
                .await?
            }
        };
        if let Some(p) = &row.private_name {
            sqlx::query!("UPDATE friends SET private_name = ? WHERE id = ?", p, friend_id).execute(&mut *tx).await?;
        }
        if let Some(tags) = &row.tags {
            let ids: Vec<i64> = tags.iter().filter_map(|t| tag_ids.get(t).copied()).collect();
            let ids = serde_json::to_string(&ids)?;
            sqlx::query!(
                "DELETE FROM friend_tags WHERE friend_id = ? AND tag_id NOT IN (SELECT value FROM json_each(?))",
                friend_id,
                ids
            )
            .execute(&mut *tx)
            .await?;
            sqlx::query!(
                "INSERT INTO friend_tags (friend_id, tag_id, created_at, source)
                 SELECT ?, value, ?, 'import' FROM json_each(?) WHERE true ON CONFLICT DO NOTHING",
                friend_id,
                now,
                ids
            )
            .execute(&mut *tx)
            .await?;
        }
        for (k, value) in &row.values {
            let field_id = field_cols[*k].1.id;
            match value {
                Some(v) => {
                    sqlx::query!(
                        "INSERT INTO friend_field_values (friend_id, field_id, value, updated_at) VALUES (?, ?, ?, ?)
                         ON CONFLICT(friend_id, field_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                        friend_id,
                        field_id,
                        v,
                        now
                    )
                    .execute(&mut *tx)
                    .await?;
                }
                None => {
                    sqlx::query!("DELETE FROM friend_field_values WHERE friend_id = ? AND field_id = ?", friend_id, field_id)
                        .execute(&mut *tx)
                        .await?;
                }
            }
        }
    }
    tx.commit().await?;
    Ok(CsvImportResult { friends: rows.len() as i64, created_friends, created_tags, errors: Vec::new() })
}
