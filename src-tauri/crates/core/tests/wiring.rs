//! Features built apart, working together: a reservation made from the calendar tags
//! the friend by the shop's rule and fills `{次回予約}` in a canned reply; cancelling
//! it tags again and empties the placeholder.

use std::collections::BTreeMap;

use madoguchi_core::api::types::*;
use madoguchi_core::api::{Request, Response};

use crate::reservations_line::{at, shop, tokyo};
use crate::shop::settled;

#[tokio::test]
async fn a_reservation_tags_the_friend_and_fills_the_next_reservation_placeholder() -> anyhow::Result<()> {
    let (h, cut) = shop(ReservationSettings::default()).await?;
    let call = |r: Request| {
        let core = h.core.clone();
        async move { anyhow::Ok(core.dispatch(r).await?) }
    };
    let u = h.sim.add_user("高橋 直子");
    h.ingest(vec![h.sim.event_text(&u.user_id, "来週また行きます", None)]).await?;
    settled(&h).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let friend: i64 = sqlx::query_scalar("SELECT friend_id FROM conversations WHERE id = ?")
        .bind(conv)
        .fetch_one(&h.core.store().pool)
        .await?;

    let tag = |name: &str| Request::SaveTag(SaveTag { account_id: h.account_id, id: None, name: name.into(), color: "#06C755".into() });
    let Response::Tag(made) = call(tag("予約あり")).await? else { anyhow::bail!("tag") };
    let Response::Tag(cancelled) = call(tag("キャンセル歴")).await? else { anyhow::bail!("tag") };
    for (tag_id, trigger) in [(made.id, TagTrigger::ReservationMade), (cancelled.id, TagTrigger::ReservationCancelled)] {
        call(Request::SaveTagRule(SaveTagRule {
            account_id: h.account_id,
            id: None,
            tag_id,
            trigger,
            match_kind: TagMatch::Contains,
            pattern: String::new(),
            enabled: true,
        }))
        .await?;
    }
    let Response::Template(tpl) = call(Request::SaveTemplate(SaveTemplate {
        account_id: h.account_id,
        id: None,
        folder_id: None,
        title: "ご予約の確認".into(),
        bubbles: vec![TemplateBubble::Text { text: "{名前}様、次回のご予約は{次回予約}です。".into() }],
    }))
    .await?
    else {
        anyhow::bail!("template")
    };
    let render = || call(Request::RenderTemplate(UseTemplate { client_key: None, template_id: tpl.id, conversation_id: conv, answers: BTreeMap::new() }));
    let Response::TemplateRendered(before) = render().await? else { anyhow::bail!("render") };
    assert!(before.missing.iter().any(|m| m.key == "次回予約"), "no reservation yet: asked, not sent: {before:?}");

    let day = tokyo().to_datetime(jiff::Timestamp::now()).date().checked_add(jiff::Span::new().days(5))?;
    let Response::Reservation(r) = call(Request::CreateReservation(NewReservation {
        account_id: h.account_id,
        customer: Customer::Friend { friend_id: friend },
        menu_ids: vec![cut],
        staff_id: None,
        resource_id: None,
        start: at(day, 14),
        end: None,
        party_size: 1,
        status: None,
        notes: String::new(),
        source: ReservationSource::Phone,
    }))
    .await?
    else {
        anyhow::bail!("reservation")
    };
    let tags = |f: i64| {
        let pool = h.core.store().pool.clone();
        async move {
            anyhow::Ok(
                sqlx::query_scalar::<_, i64>("SELECT tag_id FROM friend_tags WHERE friend_id = ? ORDER BY tag_id")
                    .bind(f)
                    .fetch_all(&pool)
                    .await?,
            )
        }
    };
    assert_eq!(tags(friend).await?, vec![made.id], "the 'reservation made' rule tagged the friend");

    let Response::TemplateRendered(after) = render().await? else { anyhow::bail!("render") };
    let Some(OutgoingContent::Text { text }) = after.bubbles.first() else { anyhow::bail!("{after:?}") };
    let when = format!("{}月{}日", day.month(), day.day());
    assert!(text.contains(&when) && text.contains("14:00") && text.contains("カット"), "{text}");
    assert!(text.starts_with("高橋 直子様"), "{text}");

    call(Request::CancelReservation(ReservationRef { reservation_id: r.id })).await?;
    assert_eq!(tags(friend).await?, vec![made.id, cancelled.id], "the 'cancelled' rule too");
    let Response::TemplateRendered(gone) = render().await? else { anyhow::bail!("render") };
    assert!(gone.missing.iter().any(|m| m.key == "次回予約"), "a cancelled booking is not the next one: {gone:?}");
    Ok(())
}
