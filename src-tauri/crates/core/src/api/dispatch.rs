use crate::api::types::*;
use crate::api::ApiError;
use crate::inbox::{conversations, thread};
use crate::outbox;
use crate::runtime::Core;
use crate::{accounts, autoreply, hours, notify, CoreError};

/// The one entry point for every transport.
pub async fn dispatch(core: &Core, request: Request) -> Result<Response, ApiError> {
    let pool = &core.store().pool;
    Ok(match request {
        Request::ListAccounts => {
            Response::Accounts(accounts::list(pool).await?.iter().map(|a| a.view()).collect())
        }
        Request::ListConversations(q) => {
            let account_id = match q.account_id {
                Some(id) => id,
                None => core.default_account_id().await?,
            };
            Response::Conversations(conversations::list(pool, account_id, &q).await?)
        }
        Request::GetThread(q) => Response::Thread(match q.around {
            Some(message_id) => thread::page_around(pool, q.conversation_id, message_id).await?,
            None => thread::page(pool, q.conversation_id, q.before, q.limit).await?,
        }),
        Request::SendMessage(q) => {
            let entry = outbox::content::build(pool, &core.store().media_dir(), q.conversation_id, q.content).await?;
            let (accepted, events) = outbox::enqueue(pool, q.conversation_id, vec![entry]).await?;
            publish(core, events);
            core.wakeups().outbox.notify_one();
            Response::SendAccepted(accepted)
        }
        Request::UploadMedia(q) => Response::Uploaded(outbox::upload::upload(core.store().data_dir(), &q).await?),
        Request::CancelSend(q) => {
            publish(core, outbox::cancel(pool, q.outbox_id).await?);
            Response::Ok
        }
        Request::RetrySend(q) => {
            publish(core, outbox::retry(pool, q.outbox_id).await?);
            core.wakeups().outbox.notify_one();
            Response::Ok
        }
        Request::MarkRead(q) => {
            let conversation = conversations::get(pool, q.conversation_id).await?;
            if let Some((_, token)) = conversations::mark_read_locally(pool, q.conversation_id).await? {
                // LINE's read receipt is a courtesy to the customer; the local state is what matters.
                if let Some(client) = core.client(conversation.account_id).await {
                    tokio::spawn(async move {
                        if let Err(e) = client.mark_as_read(&token).await {
                            tracing::warn!(error = %e.reason(), "markAsRead failed");
                        }
                    });
                }
            }
            core.events().publish(crate::events::CoreEvent::ConversationUpdated { conversation_id: q.conversation_id });
            Response::Ok
        }
        Request::OwnerTyping(q) => Response::TypingShown(crate::inbox::typing::owner_typing(core, q.conversation_id).await?),
        Request::PreviewRoute(q) => Response::RoutePreview(outbox::preview_route(pool, q.conversation_id).await?),
        Request::GetQuota(q) => {
            let client = core
                .client(q.account_id)
                .await
                .ok_or_else(|| {
                    CoreError::not_configured(
                        format!("account {} has no LINE credentials", q.account_id),
                        format!("アカウント {} の LINE 認証情報が設定されていません", q.account_id),
                    )
                })?;
            let quota = client.get_quota().await.map_err(CoreError::from)?;
            let used = client.get_quota_consumption().await.map_err(CoreError::from)?;
            let limit = match quota.kind {
                line::responses::QuotaType::Limited => quota.value,
                line::responses::QuotaType::Unlimited => None,
            };
            Response::Quota(QuotaView { limit, used: used.total_usage })
        }
        Request::GetBusinessHours(q) => Response::BusinessHours(hours::store::view(pool, q.account_id).await?),
        Request::SetBusinessHours(q) => {
            let hours = hours::store::set(pool, q.account_id, &q.hours).await?;
            Response::BusinessHours(BusinessHoursView { configured: true, hours })
        }
        Request::HoursStatus(q) => {
            Response::HoursStatus(hours::store::status(pool, q.account_id, crate::time::now_ms()).await?)
        }
        Request::ListKeywordRules(q) => {
            hours::store::ensure_account(pool, q.account_id).await?;
            Response::KeywordRules(autoreply::store::list_rules(pool, q.account_id).await?)
        }
        Request::SaveKeywordRules(q) => {
            Response::KeywordRules(autoreply::store::save_rules(pool, q.account_id, &q.rules).await?)
        }
        Request::GetGreeting(q) => {
            hours::store::ensure_account(pool, q.account_id).await?;
            Response::Greeting(autoreply::store::greeting(pool, q.account_id).await?)
        }
        Request::SetGreeting(q) => Response::Greeting(autoreply::store::set_greeting(pool, q.account_id, &q.greeting).await?),
        Request::GetAwayReply(q) => {
            hours::store::ensure_account(pool, q.account_id).await?;
            Response::AwayReply(autoreply::store::away(pool, q.account_id).await?)
        }
        Request::SetAwayReply(q) => Response::AwayReply(autoreply::store::set_away(pool, q.account_id, &q.away).await?),
        Request::TestKeywordRule(q) => Response::AutoReplyTest(autoreply::test_rule(pool, &q).await?),
        Request::GetPhoneSettings(q) => Response::PhoneSettings(crate::phone::store::view(pool, q.account_id).await?),
        Request::SetPhoneSettings(q) => Response::PhoneSettings(crate::phone::store::set(pool, q.account_id, &q.phone).await?),
        Request::BuildCallButton(q) => {
            crate::hours::store::ensure_account(pool, q.account_id).await?;
            let settings = crate::phone::store::get(pool, q.account_id).await?;
            let message = serde_json::to_value(crate::phone::call_button(&settings)?).map_err(CoreError::from)?;
            Response::LineMessage(LineMessageView { message })
        }
        Request::GetNotificationSettings => Response::NotificationSettings(notify::get_settings(pool).await?),
        Request::SetNotificationSettings(q) => Response::NotificationSettings(notify::set_settings(pool, &q).await?),
        Request::UiFocus(q) => {
            core.ui_focus().set(q);
            Response::Ok
        }
        // Settings page.
        Request::GetSendingSettings
        | Request::SetSendingSettings(_)
        | Request::GetPaymentLinks(_)
        | Request::SetPaymentLinks(_)
        | Request::GetBackupStatus
        | Request::SetAutoBackup(_)
        | Request::BackupNow
        | Request::ExportMessages(_)
        | Request::GetConnections
        | Request::ConnectAccount(_)
        | Request::SetPublicBaseUrl(_)
        | Request::ConnectWebhook(_)
        | Request::TestWebhook(_) => crate::app_settings::api::dispatch(core, request).await?,
        // Broadcast to a segment.
        r @ (Request::PreviewBroadcast(_)
        | Request::CreateBroadcast(_)
        | Request::ListBroadcasts(_)
        | Request::GetBroadcast(_)
        | Request::CancelBroadcast(_)
        | Request::ListTagsForAudience(_)) => crate::broadcast::dispatch(core, r).await?,
        // Search and canned replies (定型文).
        Request::SearchMessages(q) => Response::SearchResults(crate::search::messages(pool, &q).await?),
        Request::SearchNotes(q) => Response::SearchResults(crate::search::notes(pool, &q).await?),
        Request::ListTemplates(q) => Response::Templates(crate::templates::store::library(pool, q.account_id).await?),
        Request::SaveTemplateFolder(q) => Response::Templates(crate::templates::store::save_folder(pool, &q).await?),
        Request::DeleteTemplateFolder(q) => {
            crate::templates::store::delete_folder(pool, q.folder_id).await?;
            Response::Ok
        }
        Request::SaveTemplate(q) => Response::Template(crate::templates::store::save(pool, &q).await?),
        Request::DeleteTemplate(q) => {
            crate::templates::store::delete(pool, q.template_id).await?;
            Response::Ok
        }
        Request::RenderTemplate(q) => Response::TemplateRendered(
            crate::templates::render::render(pool, &crate::reservations::next_for_template::providers(), &q).await?,
        ),
        Request::SendTemplate(q) => {
            let providers = crate::reservations::next_for_template::providers();
            let entries = crate::templates::render::entries(pool, &core.store().media_dir(), &providers, &q).await?;
            let (accepted, events) = outbox::enqueue(pool, q.conversation_id, entries).await?;
            publish(core, events);
            core.wakeups().outbox.notify_one();
            Response::SendAccepted(accepted)
        }
        // Customers: friends, tags, reply-time tracking.
        r @ (Request::GetFriend(_)
        | Request::ListFriends(_)
        | Request::SetPrivateName(_)
        | Request::AddNote(_)
        | Request::UpdateNote(_)
        | Request::DeleteNote(_)
        | Request::ListCustomFields(_)
        | Request::SaveCustomField(_)
        | Request::DeleteCustomField(_)
        | Request::SetFieldValue(_)
        | Request::ExportFriendsCsv(_)
        | Request::ImportFriendsCsv(_)
        | Request::ListTags(_)
        | Request::SaveTag(_)
        | Request::DeleteTag(_)
        | Request::TagFriends(_)
        | Request::ListTagRules(_)
        | Request::SaveTagRule(_)
        | Request::DeleteTagRule(_)
        | Request::SetConversationStatus(_)
        | Request::GetReplyTimeSettings
        | Request::SetReplyTimeSettings(_)
        | Request::ReplyTimeReport(_)) => crate::friends::api::dispatch(core, r).await?,
        // Reservations
        q @ (Request::GetReservationSetup(_)
        | Request::SetReservationSettings(_)
        | Request::SaveReservationMenu(_)
        | Request::RemoveReservationMenu(_)
        | Request::SaveReservationStaff(_)
        | Request::RemoveReservationStaff(_)
        | Request::SaveReservationResource(_)
        | Request::RemoveReservationResource(_)
        | Request::ListReservations(_)
        | Request::GetReservation(_)
        | Request::CreateReservation(_)
        | Request::MoveReservation(_)
        | Request::UpdateReservation(_)
        | Request::SetReservationStatus(_)
        | Request::CancelReservation(_)
        | Request::ReservationAvailability(_)
        | Request::FriendReservations(_)
        | Request::FindReservationFriends(_)
        | Request::ReservationOpenPeriods(_)) => crate::reservations::api::dispatch(core, q).await?,
        // Reservations: LINE booking, reminders, export
        q @ (Request::GetLineBookingSettings(_)
        | Request::SetLineBookingSettings(_)
        | Request::ReminderCost(_)
        | Request::ExportReservations(_)
        | Request::ReservationStaffCalendar(_)) => crate::reservations::line_api::dispatch(core, q).await?,
    })
}

fn publish(core: &Core, events: Vec<crate::events::CoreEvent>) {
    for e in events {
        core.events().publish(e);
    }
}
