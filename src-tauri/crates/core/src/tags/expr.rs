//! A tag expression selects friends by their tags: every tag in `all`, at least one
//! in `any` (when `any` is not empty), none in `none`. The empty expression selects
//! every friend. Evaluated in SQL, so the inbox filter and the broadcast audience
//! agree by construction.

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

use crate::Result;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TagExpr {
    #[ts(type = "number[]")]
    #[serde(default)]
    pub all: Vec<i64>,
    #[ts(type = "number[]")]
    #[serde(default)]
    pub any: Vec<i64>,
    #[ts(type = "number[]")]
    #[serde(default)]
    pub none: Vec<i64>,
}

impl TagExpr {
    pub fn is_empty(&self) -> bool {
        self.all.is_empty() && self.any.is_empty() && self.none.is_empty()
    }

    /// The three lists as JSON arrays without repeats, the form the SQL binds
    /// (`json_each`; "all of" compares a count, so a repeated id must not count twice).
    pub fn json_lists(&self) -> (String, String, String) {
        let j = |v: &Vec<i64>| {
            let mut v = v.clone();
            v.sort_unstable();
            v.dedup();
            serde_json::Value::from(v).to_string()
        };
        (j(&self.all), j(&self.any), j(&self.none))
    }

    /// The same semantics in memory, for one friend's tags.
    pub fn matches(&self, tags: &[i64]) -> bool {
        self.all.iter().all(|t| tags.contains(t))
            && (self.any.is_empty() || self.any.iter().any(|t| tags.contains(t)))
            && !self.none.iter().any(|t| tags.contains(t))
    }
}

/// Ids of the account's friends the expression selects, ascending. Followed or not:
/// callers that send (broadcasts) also require `followed = 1`.
pub async fn matching_friend_ids(pool: &SqlitePool, account_id: i64, expr: &TagExpr) -> Result<Vec<i64>> {
    let (all, any, none) = expr.json_lists();
    // Each list becomes one set of friend ids, built once from the by-tag index (SQLite
    // materialises an uncorrelated IN subquery); each friend then costs a lookup per list.
    let ids = sqlx::query_scalar!(
        r#"SELECT f.id AS "id!" FROM friends f
           WHERE f.account_id = ?1
             AND (json_array_length(?2) = 0 OR f.id IN (
                  SELECT ft.friend_id FROM friend_tags ft
                  WHERE ft.tag_id IN (SELECT value FROM json_each(?2))
                  GROUP BY ft.friend_id HAVING count(*) = json_array_length(?2)))
             AND (json_array_length(?3) = 0 OR f.id IN (
                  SELECT ft.friend_id FROM friend_tags ft WHERE ft.tag_id IN (SELECT value FROM json_each(?3))))
             AND f.id NOT IN (
                  SELECT ft.friend_id FROM friend_tags ft WHERE ft.tag_id IN (SELECT value FROM json_each(?4)))
           ORDER BY f.id"#,
        account_id,
        all,
        any,
        none
    )
    .fetch_all(pool)
    .await?;
    Ok(ids)
}
