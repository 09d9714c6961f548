//! `{次回予約}` in canned replies: the friend's next upcoming reservation, as the
//! customer should read it ("12月3日(木) 14:00 カット"), in the shop's time zone.

use futures::future::BoxFuture;
use sqlx::SqlitePool;

use crate::reservations::{booking, line_text};
use crate::templates::render::NextReservation;
use crate::{hours, Result};

pub struct NextReservationText;

impl NextReservation for NextReservationText {
    fn next_for<'a>(&'a self, pool: &'a SqlitePool, friend_id: i64) -> BoxFuture<'a, Result<Option<String>>> {
        Box::pin(async move {
            // One indexed lookup, not the friend panel's whole history.
            let now = crate::time::now_ms();
            let next = sqlx::query_scalar!(
                r#"SELECT id AS "id!" FROM reservations
                   WHERE friend_id = ? AND start_at > ? AND status NOT IN ('cancelled', 'noShow')
                   ORDER BY start_at, id LIMIT 1"#,
                friend_id,
                now
            )
            .fetch_optional(pool)
            .await?;
            let Some(id) = next else { return Ok(None) };
            let next = booking::get(pool, id).await?;
            let tz = hours::store::time_zone(pool, next.account_id).await?;
            let menus = line_text::menus_ja(&next.menus);
            let when = line_text::when_ja(&tz, next.start);
            Ok(Some(if menus.is_empty() { when } else { format!("{when} {menus}") }))
        })
    }
}

/// The template value sources with reservations plugged in.
pub fn providers() -> crate::templates::Providers {
    crate::templates::Providers { next_reservation: Some(std::sync::Arc::new(NextReservationText)) }
}
