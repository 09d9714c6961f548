//! The UI's TypeScript types, generated from the Rust types so the two cannot drift.
//! `cargo test -p madoguchi-core typescript` fails when `ui/src/api/types.gen.ts` is
//! stale; `UPDATE_TS=1` rewrites it.

use ts_rs::{Config, TS};

use crate::accounts::AccountView;
use crate::api::error::ApiError;
use crate::api::types::*;
use crate::events::CoreEvent;

/// The whole generated file.
pub fn render() -> String {
    let cfg = Config::default();
    let decls = [
        Request::decl(&cfg),
        Response::decl(&cfg),
        ApiError::decl(&cfg),
        CoreEvent::decl(&cfg),
        AccountView::decl(&cfg),
        ListConversations::decl(&cfg),
        ConversationFilter::decl(&cfg),
        GetThread::decl(&cfg),
        SendMessage::decl(&cfg),
        crate::outbox::upload::UploadMedia::decl(&cfg),
        crate::outbox::upload::UploadedFile::decl(&cfg),
        OutgoingContent::decl(&cfg),
        OutboxRef::decl(&cfg),
        ConversationRef::decl(&cfg),
        AccountRef::decl(&cfg),
        FriendView::decl(&cfg),
        ConversationStatus::decl(&cfg),
        ConversationView::decl(&cfg),
        ConversationPage::decl(&cfg),
        Direction::decl(&cfg),
        MessageStatus::decl(&cfg),
        Route::decl(&cfg),
        MessageView::decl(&cfg),
        ThreadPage::decl(&cfg),
        SendAccepted::decl(&cfg),
        RoutePreview::decl(&cfg),
        QuotaView::decl(&cfg),
        PeriodView::decl(&cfg),
        HolidayRuleView::decl(&cfg),
        DayRuleView::decl(&cfg),
        DayOverride::decl(&cfg),
        BusinessHours::decl(&cfg),
        BusinessHoursView::decl(&cfg),
        SetBusinessHours::decl(&cfg),
        HoursStatus::decl(&cfg),
        MatchKind::decl(&cfg),
        KeywordRule::decl(&cfg),
        KeywordRuleInput::decl(&cfg),
        SaveKeywordRules::decl(&cfg),
        GreetingSettings::decl(&cfg),
        SetGreeting::decl(&cfg),
        AwayReplySettings::decl(&cfg),
        SetAwayReply::decl(&cfg),
        TestKeywordRule::decl(&cfg),
        AutoReplyTest::decl(&cfg),
        PhoneSettings::decl(&cfg),
        PhoneSettingsView::decl(&cfg),
        SetPhoneSettings::decl(&cfg),
        LineMessageView::decl(&cfg),
        NotificationSettings::decl(&cfg),
        QuietHours::decl(&cfg),
        UiFocus::decl(&cfg),
        // Settings page.
        SendingSettings::decl(&cfg),
        PaymentLinkPreset::decl(&cfg),
        PaymentLinksView::decl(&cfg),
        SetPaymentLinks::decl(&cfg),
        AutoBackupSettings::decl(&cfg),
        BackupFile::decl(&cfg),
        BackupStatus::decl(&cfg),
        ExportFormat::decl(&cfg),
        ExportMessages::decl(&cfg),
        ExportDone::decl(&cfg),
        ConnectAccount::decl(&cfg),
        AccountConnection::decl(&cfg),
        ConnectionOverview::decl(&cfg),
        SetPublicBaseUrl::decl(&cfg),
        WebhookCheck::decl(&cfg),
        // Broadcast.
        crate::tags::TagExpr::decl(&cfg),
        BroadcastAudience::decl(&cfg),
        PreviewBroadcast::decl(&cfg),
        CreateBroadcast::decl(&cfg),
        BroadcastRef::decl(&cfg),
        BroadcastAccount::decl(&cfg),
        BroadcastPreview::decl(&cfg),
        QuotaImpact::decl(&cfg),
        BroadcastStatus::decl(&cfg),
        BroadcastView::decl(&cfg),
        BatchStatus::decl(&cfg),
        BatchView::decl(&cfg),
        BroadcastDetail::decl(&cfg),
        AudienceTag::decl(&cfg),
        // Search and canned replies (定型文).
        SearchQuery::decl(&cfg),
        SearchSource::decl(&cfg),
        Highlight::decl(&cfg),
        SearchHit::decl(&cfg),
        SearchPage::decl(&cfg),
        TemplateBubble::decl(&cfg),
        TemplateFolder::decl(&cfg),
        TemplateView::decl(&cfg),
        PlaceholderKind::decl(&cfg),
        PlaceholderInfo::decl(&cfg),
        TemplateLibrary::decl(&cfg),
        SaveTemplateFolder::decl(&cfg),
        TemplateFolderRef::decl(&cfg),
        SaveTemplate::decl(&cfg),
        TemplateRef::decl(&cfg),
        UseTemplate::decl(&cfg),
        MissingKind::decl(&cfg),
        MissingValue::decl(&cfg),
        RenderedTemplate::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust API types (src-tauri/crates/core/src/api). Do not edit:\n\
         // run `UPDATE_TS=1 cargo test -p madoguchi-core typescript` instead.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out
}
