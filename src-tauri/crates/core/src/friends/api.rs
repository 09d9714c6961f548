//! The customers part of the one API (friends, tags, reply-time tracking), dispatched
//! from `api::dispatch` in one arm so the shared file stays small.

use crate::api::types::{Request, Response};
use crate::events::CoreEvent;
use crate::runtime::Core;
use crate::{CoreError, Result, friends, replytime, tags};

pub async fn dispatch(core: &Core, request: Request) -> Result<Response> {
    let pool = &core.store().pool;
    Ok(match request {
        Request::GetFriend(q) => Response::Friend(friends::profile(pool, q.friend_id).await?),
        Request::ListFriends(q) => Response::Friends(friends::list(pool, &q).await?),
        Request::SetPrivateName(q) => {
            friends::set_private_name(pool, q.friend_id, q.private_name.as_deref()).await?;
            friend_changed(core, q.friend_id).await?
        }
        Request::AddNote(q) => {
            let friend_id = friends::add_note(pool, q.friend_id, &q.body).await?;
            Response::Friend(friends::profile(pool, friend_id).await?)
        }
        Request::UpdateNote(q) => {
            let friend_id = friends::update_note(pool, q.note_id, &q.body).await?;
            Response::Friend(friends::profile(pool, friend_id).await?)
        }
        Request::DeleteNote(q) => {
            let friend_id = friends::delete_note(pool, q.note_id).await?;
            Response::Friend(friends::profile(pool, friend_id).await?)
        }
        Request::ListCustomFields(q) => Response::CustomFields(friends::fields::list(pool, q.account_id).await?),
        Request::SaveCustomField(q) => Response::CustomFields(friends::fields::save(pool, &q).await?),
        Request::DeleteCustomField(q) => Response::CustomFields(friends::fields::delete(pool, q.field_id).await?),
        Request::SetFieldValue(q) => {
            friends::fields::set_value(pool, &q).await?;
            Response::Friend(friends::profile(pool, q.friend_id).await?)
        }
        Request::ExportFriendsCsv(q) => Response::Csv(friends::csv::export(pool, q.account_id).await?),
        Request::ImportFriendsCsv(q) => Response::CsvImport(friends::csv::import(pool, q.account_id, &q.content).await?),
        Request::ListTags(q) => Response::Tags(tags::store::list(pool, q.account_id).await?),
        Request::SaveTag(q) => Response::Tag(tags::store::save(pool, &q).await?),
        Request::DeleteTag(q) => {
            tags::store::delete(pool, q.tag_id).await?;
            Response::Ok
        }
        Request::TagFriends(q) => {
            for conversation_id in tags::store::tag_friends(pool, &q).await? {
                core.events().publish(CoreEvent::ConversationUpdated { conversation_id });
            }
            Response::Ok
        }
        Request::ListTagRules(q) => Response::TagRules(tags::auto::list_rules(pool, q.account_id).await?),
        Request::SaveTagRule(q) => Response::TagRules(tags::auto::save_rule(pool, &q).await?),
        Request::DeleteTagRule(q) => {
            tags::auto::delete_rule(pool, q.rule_id).await?;
            Response::Ok
        }
        Request::SetConversationStatus(q) => {
            replytime::set_status(pool, q.conversation_id, q.status).await?;
            core.events().publish(CoreEvent::ConversationUpdated { conversation_id: q.conversation_id });
            Response::Conversation(crate::inbox::conversations::get(pool, q.conversation_id).await?)
        }
        Request::GetReplyTimeSettings => Response::ReplyTimeSettings(replytime::get_settings(pool).await?),
        Request::SetReplyTimeSettings(q) => Response::ReplyTimeSettings(replytime::set_settings(pool, &q).await?),
        Request::ReplyTimeReport(q) => Response::ReplyTimeReport(replytime::report(pool, &q).await?),
        other => return Err(CoreError::Invalid(format!("not a customers request: {other:?}"))),
    })
}

async fn friend_changed(core: &Core, friend_id: i64) -> Result<Response> {
    let profile = friends::profile(&core.store().pool, friend_id).await?;
    if let Some(conversation_id) = profile.conversation_id {
        core.events().publish(CoreEvent::ConversationUpdated { conversation_id });
    }
    Ok(Response::Friend(profile))
}
