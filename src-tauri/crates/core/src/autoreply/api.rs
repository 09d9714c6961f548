//! Automatic replies' methods of the one API (declared in `api/methods.rs`).

use crate::accounts::model::AccountRef;
use crate::autoreply::model::{
    AutoReplyTest, AwayReplySettings, GreetingSettings, KeywordRule, SaveKeywordRules, SetAwayReply, SetGreeting,
    TestKeywordRule,
};
use crate::accounts::check_exists;
use crate::autoreply::store;
use crate::runtime::Core;
use crate::Result;

pub async fn list_keyword_rules(core: &Core, q: AccountRef) -> Result<Vec<KeywordRule>> {
    let pool = &core.store().pool;
    check_exists(pool, q.account_id).await?;
    store::list_rules(pool, q.account_id).await
}

pub async fn save_keyword_rules(core: &Core, q: SaveKeywordRules) -> Result<Vec<KeywordRule>> {
    store::save_rules(&core.store().pool, q.account_id, &q.rules).await
}

pub async fn get_greeting(core: &Core, q: AccountRef) -> Result<GreetingSettings> {
    let pool = &core.store().pool;
    check_exists(pool, q.account_id).await?;
    store::greeting(pool, q.account_id).await
}

pub async fn set_greeting(core: &Core, q: SetGreeting) -> Result<GreetingSettings> {
    store::set_greeting(&core.store().pool, q.account_id, &q.greeting).await
}

pub async fn get_away_reply(core: &Core, q: AccountRef) -> Result<AwayReplySettings> {
    let pool = &core.store().pool;
    check_exists(pool, q.account_id).await?;
    store::away(pool, q.account_id).await
}

pub async fn set_away_reply(core: &Core, q: SetAwayReply) -> Result<AwayReplySettings> {
    store::set_away(&core.store().pool, q.account_id, &q.away).await
}

pub async fn test_keyword_rule(core: &Core, q: TestKeywordRule) -> Result<AutoReplyTest> {
    crate::autoreply::test_rule(&core.store().pool, &q).await
}
