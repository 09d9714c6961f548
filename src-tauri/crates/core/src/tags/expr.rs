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
///
/// Set algebra over the by-tag index rather than one SQL statement: each tag's friends
/// come back as one sorted JSON array (one row, not thousands), "all of" intersects,
/// "any of" unites, "none of" subtracts; only an expression without "all"/"any" reads
/// the whole friends list. All reads share one snapshot. The inbox filter evaluates the
/// same expression in SQL (`inbox::conversations`); tests hold both to the brute force.
pub async fn matching_friend_ids(pool: &SqlitePool, account_id: i64, expr: &TagExpr) -> Result<Vec<i64>> {
    let mut tx = pool.begin().await?;
    let own: std::collections::HashSet<i64> =
        sqlx::query_scalar!(r#"SELECT id AS "id!" FROM tags WHERE account_id = ?"#, account_id)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect();
    let dedup = |v: &Vec<i64>| {
        let mut v = v.clone();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut base: Option<Vec<i64>> = None;
    for tag in dedup(&expr.all) {
        // Another account's tag is on none of this account's friends.
        let members = if own.contains(&tag) { members(&mut tx, tag).await? } else { Vec::new() };
        let next = match base {
            None => members,
            Some(b) => intersect(&b, &members),
        };
        if next.is_empty() {
            return Ok(next);
        }
        base = Some(next);
    }
    let any: Vec<i64> = dedup(&expr.any);
    if !any.is_empty() {
        let mut union = Vec::new();
        for tag in any.into_iter().filter(|t| own.contains(t)) {
            union.extend(members(&mut tx, tag).await?);
        }
        union.sort_unstable();
        union.dedup();
        base = Some(match base {
            None => union,
            Some(b) => intersect(&b, &union),
        });
    }
    let mut out = match base {
        Some(b) => b,
        None => account_friend_ids(&mut tx, account_id).await?,
    };
    for tag in dedup(&expr.none).into_iter().filter(|t| own.contains(t)) {
        if out.is_empty() {
            break;
        }
        let m = members(&mut tx, tag).await?;
        out = difference(&out, &m);
    }
    Ok(out)
}

/// Every friend of the account, ascending. Friends are never deleted, so all friends'
/// ids normally form one unbroken range; when they do (the row count, which SQLite reads
/// from the table's pages rather than row by row, equals the span), the account's friends
/// are that range minus the other accounts' friends, which their index finds. Otherwise
/// one read of the account's friends.
async fn account_friend_ids(conn: &mut sqlx::SqliteConnection, account_id: i64) -> Result<Vec<i64>> {
    // Separate subqueries: min and max each take one index step, count(*) alone is
    // answered from page headers; together in one SELECT they would scan.
    let span = sqlx::query!(
        r#"SELECT (SELECT min(id) FROM friends) AS "lo: i64", (SELECT max(id) FROM friends) AS "hi: i64",
                  (SELECT count(*) FROM friends) AS "n!: i64""#
    )
    .fetch_one(&mut *conn)
    .await?;
    if let (Some(lo), Some(hi)) = (span.lo, span.hi)
        && hi - lo + 1 == span.n
    {
        let others = sqlx::query_scalar!(
            r#"SELECT json_group_array(id) AS "ids!: String" FROM (
                     SELECT id FROM friends WHERE account_id < ?1
                     UNION ALL SELECT id FROM friends WHERE account_id > ?1
                     ORDER BY id)"#,
            account_id
        )
        .fetch_one(&mut *conn)
        .await?;
        return Ok(difference(&(lo..=hi).collect::<Vec<_>>(), &sorted(&others)?));
    }
    let all = sqlx::query_scalar!(
        r#"SELECT json_group_array(id) AS "ids!: String" FROM (SELECT id FROM friends WHERE account_id = ? ORDER BY id)"#,
        account_id
    )
    .fetch_one(&mut *conn)
    .await?;
    sorted(&all)
}

/// The friends carrying a tag, ascending: one covering-index range, one row.
async fn members(conn: &mut sqlx::SqliteConnection, tag_id: i64) -> Result<Vec<i64>> {
    let ids = sqlx::query_scalar!(
        r#"SELECT json_group_array(friend_id) AS "ids!: String"
           FROM (SELECT friend_id FROM friend_tags WHERE tag_id = ? ORDER BY friend_id)"#,
        tag_id
    )
    .fetch_one(&mut *conn)
    .await?;
    sorted(&ids)
}

fn sorted(json: &str) -> Result<Vec<i64>> {
    let mut v: Vec<i64> = serde_json::from_str(json)?;
    v.sort_unstable();
    v.dedup();
    Ok(v)
}

/// Both inputs ascending without repeats; so is the result.
fn intersect(a: &[i64], b: &[i64]) -> Vec<i64> {
    let (mut i, mut j, mut out) = (0, 0, Vec::with_capacity(a.len().min(b.len())));
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn difference(a: &[i64], b: &[i64]) -> Vec<i64> {
    let (mut j, mut out) = (0, Vec::with_capacity(a.len()));
    for &x in a {
        while j < b.len() && b[j] < x {
            j += 1;
        }
        if j >= b.len() || b[j] != x {
            out.push(x);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_sorted_sets() {
        assert_eq!(intersect(&[1, 3, 5, 7], &[2, 3, 7, 9]), vec![3, 7]);
        assert_eq!(difference(&[1, 3, 5, 7], &[2, 3, 7, 9]), vec![1, 5]);
        assert_eq!(difference(&[1, 2], &[]), vec![1, 2]);
        assert!(intersect(&[], &[1]).is_empty());
    }

    #[test]
    fn matches_in_memory() {
        let e = TagExpr { all: vec![1], any: vec![2, 3], none: vec![4] };
        assert!(e.matches(&[1, 3]));
        assert!(!e.matches(&[1]));
        assert!(!e.matches(&[1, 2, 4]));
        assert!(TagExpr::default().matches(&[]));
    }
}
