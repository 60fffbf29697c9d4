//! The admin's view of the channel settings (`/admin/channels`): every variable that is set, secrets masked.

use tidings::domain::channel_overview::{ChannelOverview, ChannelSetting};
use tidings::domain::Channel;

use crate::channel_config::ChannelConfig;
use crate::config::redact_url;

/// Email, WhatsApp and Telegram as configured.
pub fn channel_overview(config: &ChannelConfig) -> Vec<ChannelOverview> {
    vec![email(config), whatsapp(config), telegram(config)]
}

fn email(config: &ChannelConfig) -> ChannelOverview {
    let mut settings = vec![ChannelSetting::new("TIDINGS_EMAIL_FROM", config.email_from.clone())];
    if let Some(url) = &config.smtp_url {
        settings.push(ChannelSetting::new("TIDINGS_SMTP_URL", redact_url(url).replace("***", "••••••••")));
    }
    if let Some(secret) = &config.email_inbound_secret {
        settings.push(ChannelSetting::secret("TIDINGS_EMAIL_INBOUND_SECRET", secret));
    }
    for mailbox in &config.imap_mailboxes {
        // Display leaves the password out.
        settings.push(ChannelSetting::new("TIDINGS_IMAP_URLS", mailbox.to_string()));
    }
    if !config.imap_mailboxes.is_empty() {
        settings.push(ChannelSetting::new("TIDINGS_IMAP_POLL_SECONDS", config.imap_poll_seconds.to_string()));
    }
    ChannelOverview {
        channel: Channel::Email,
        configured: config.smtp_url.is_some()
            || config.email_inbound_secret.is_some()
            || !config.imap_mailboxes.is_empty(),
        settings,
        webhook_path: config.email_inbound_secret.as_ref().map(|_| "/api/v1/channels/email/inbound".to_string()),
    }
}

fn whatsapp(config: &ChannelConfig) -> ChannelOverview {
    let Some(whatsapp) = &config.whatsapp else {
        return ChannelOverview { channel: Channel::Whatsapp, configured: false, settings: vec![], webhook_path: None };
    };
    let templates = whatsapp.templates.iter().map(|template| template.key()).collect::<Vec<_>>().join(", ");
    ChannelOverview {
        channel: Channel::Whatsapp,
        configured: true,
        settings: vec![
            ChannelSetting::new("TIDINGS_WHATSAPP_PHONE_NUMBER_ID", whatsapp.phone_number_id.clone()),
            ChannelSetting::secret("TIDINGS_WHATSAPP_TOKEN", &whatsapp.token),
            ChannelSetting::secret("TIDINGS_WHATSAPP_APP_SECRET", &whatsapp.app_secret),
            ChannelSetting::secret("TIDINGS_WHATSAPP_VERIFY_TOKEN", &whatsapp.verify_token),
            ChannelSetting::new("TIDINGS_WHATSAPP_API_BASE", whatsapp.api_base.clone()),
            ChannelSetting::new("TIDINGS_WHATSAPP_TEMPLATES", templates),
        ],
        webhook_path: Some("/api/v1/channels/whatsapp/webhook".into()),
    }
}

fn telegram(config: &ChannelConfig) -> ChannelOverview {
    let Some(telegram) = &config.telegram else {
        return ChannelOverview { channel: Channel::Telegram, configured: false, settings: vec![], webhook_path: None };
    };
    ChannelOverview {
        channel: Channel::Telegram,
        configured: true,
        settings: vec![
            ChannelSetting::secret("TIDINGS_TELEGRAM_BOT_TOKEN", &telegram.bot_token),
            ChannelSetting::secret("TIDINGS_TELEGRAM_SECRET", &telegram.secret),
            ChannelSetting::new("TIDINGS_TELEGRAM_API_BASE", telegram.api_base.clone()),
        ],
        webhook_path: Some("/api/v1/channels/telegram/webhook".into()),
    }
}
