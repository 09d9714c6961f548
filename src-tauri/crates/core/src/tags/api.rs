//! Tags' methods of the one API (declared in `api/methods.rs`).

use crate::accounts::model::AccountRef;
use crate::events::CoreEvent;
use crate::runtime::Core;
use crate::tags::model::{SaveTag, SaveTagRule, TagFriends, TagRef, TagRule, TagRuleRef, TagView};
use crate::tags::{auto, store};
use crate::Result;

pub async fn list_tags(core: &Core, q: AccountRef) -> Result<Vec<TagView>> {
    store::list(&core.store().pool, q.account_id).await
}

pub async fn save_tag(core: &Core, q: SaveTag) -> Result<TagView> {
    store::save(&core.store().pool, &q).await
}

pub async fn delete_tag(core: &Core, q: TagRef) -> Result<()> {
    store::delete(&core.store().pool, q.tag_id).await
}

/// The chats whose friends changed show their new tags at once.
pub async fn tag_friends(core: &Core, q: TagFriends) -> Result<()> {
    for conversation_id in store::tag_friends(&core.store().pool, &q).await? {
        core.events().publish(CoreEvent::ConversationUpdated { conversation_id });
    }
    Ok(())
}

pub async fn list_tag_rules(core: &Core, q: AccountRef) -> Result<Vec<TagRule>> {
    auto::list_rules(&core.store().pool, q.account_id).await
}

pub async fn save_tag_rule(core: &Core, q: SaveTagRule) -> Result<Vec<TagRule>> {
    auto::save_rule(&core.store().pool, &q).await
}

pub async fn delete_tag_rule(core: &Core, q: TagRuleRef) -> Result<()> {
    auto::delete_rule(&core.store().pool, q.rule_id).await
}
