//! Channel settings from the environment (the default brand's channels, shared/API.md): where email goes out and
//! what authenticates inbound mail and provider webhooks. Secrets are kept here only, never logged or shown back.

use std::fmt;
use std::sync::Arc;

use tidings::channel::imap::ImapMailbox;
use tidings::channel::outbound::ChannelSenders;
use tidings::channel::smtp::{SmtpSender, SmtpSettings};
use tidings::channel::telegram::{TelegramClient, TELEGRAM_BASE_URL};
use tidings::channel::whatsapp::{WhatsappClient, GRAPH_BASE_URL};
use tidings::domain::whatsapp_template::WhatsappTemplate;

#[derive(Clone, Default)]
pub struct ChannelConfig {
    /// TIDINGS_SMTP_URL, e.g. `smtp://user:pass@mail.example.com:587?tls=required`: replies go out by email.
    pub smtp_url: Option<String>,
    /// TIDINGS_EMAIL_FROM (default `Support <support@localhost>`): the address replies come from; its domain
    /// names our Message-IDs.
    pub email_from: String,
    /// TIDINGS_EMAIL_INBOUND_SECRET: the bearer token of POST /api/v1/channels/email/inbound (unset: disabled).
    pub email_inbound_secret: Option<String>,
    /// TIDINGS_IMAP_URLS: mailboxes polled for new mail, comma-separated `imaps://user:pass@host/Folder` URLs
    /// (`imap://` only for a server on loopback; a comma in the password is written `%2C`). Empty: no polling.
    pub imap_mailboxes: Vec<ImapMailbox>,
    /// TIDINGS_IMAP_POLL_SECONDS (default 60, at least 1): the pause between two rounds over each mailbox.
    pub imap_poll_seconds: u64,
    /// The WhatsApp Cloud API number (unset: WhatsApp is off).
    pub whatsapp: Option<WhatsappConfig>,
    /// The Telegram bot (unset: Telegram is off).
    pub telegram: Option<TelegramConfig>,
}

/// TIDINGS_WHATSAPP_*: all four of token, phone number id, app secret and verify token, or none.
#[derive(Clone)]
pub struct WhatsappConfig {
    /// TIDINGS_WHATSAPP_TOKEN: a system user's access token for the Graph API.
    pub token: String,
    /// TIDINGS_WHATSAPP_PHONE_NUMBER_ID: the business number replies go out from.
    pub phone_number_id: String,
    /// TIDINGS_WHATSAPP_APP_SECRET: signs every webhook POST (X-Hub-Signature-256).
    pub app_secret: String,
    /// TIDINGS_WHATSAPP_VERIFY_TOKEN: what Meta's GET handshake must present.
    pub verify_token: String,
    /// TIDINGS_WHATSAPP_API_BASE (default the Graph API).
    pub api_base: String,
    /// TIDINGS_WHATSAPP_TEMPLATES: approved templates, `name:language=text;…`.
    pub templates: Vec<WhatsappTemplate>,
}

/// TIDINGS_TELEGRAM_*: the bot token and the webhook secret, or neither.
#[derive(Clone)]
pub struct TelegramConfig {
    /// TIDINGS_TELEGRAM_BOT_TOKEN from BotFather.
    pub bot_token: String,
    /// TIDINGS_TELEGRAM_SECRET: the `secret_token` given to setWebhook, sent back on every update.
    pub secret: String,
    /// TIDINGS_TELEGRAM_API_BASE (default the Bot API).
    pub api_base: String,
}

/// The values of `names`: all set, none set, or an error naming the ones missing.
fn all_or_none<const N: usize>(
    lookup: &impl Fn(&str) -> Option<String>,
    names: [&str; N],
) -> anyhow::Result<Option<[String; N]>> {
    let values = names.map(|name| lookup(name).filter(|value| !value.trim().is_empty()));
    if values.iter().all(Option::is_none) {
        return Ok(None);
    }
    let missing: Vec<&str> = names.iter().zip(&values).filter(|(_, v)| v.is_none()).map(|(n, _)| *n).collect();
    if !missing.is_empty() {
        anyhow::bail!("{} must be set too (or none of them)", missing.join(", "));
    }
    Ok(Some(values.map(Option::unwrap_or_default)))
}

impl WhatsappConfig {
    fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> anyhow::Result<Option<WhatsappConfig>> {
        let names = [
            "TIDINGS_WHATSAPP_TOKEN",
            "TIDINGS_WHATSAPP_PHONE_NUMBER_ID",
            "TIDINGS_WHATSAPP_APP_SECRET",
            "TIDINGS_WHATSAPP_VERIFY_TOKEN",
        ];
        let Some([token, phone_number_id, app_secret, verify_token]) = all_or_none(lookup, names)? else {
            return Ok(None);
        };
        let templates = WhatsappTemplate::parse_list(&lookup("TIDINGS_WHATSAPP_TEMPLATES").unwrap_or_default())
            .map_err(|err| anyhow::anyhow!("TIDINGS_WHATSAPP_TEMPLATES: {err}"))?;
        let api_base = lookup("TIDINGS_WHATSAPP_API_BASE").unwrap_or_else(|| GRAPH_BASE_URL.into());
        Ok(Some(WhatsappConfig { token, phone_number_id, app_secret, verify_token, api_base, templates }))
    }
}

impl TelegramConfig {
    fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> anyhow::Result<Option<TelegramConfig>> {
        let names = ["TIDINGS_TELEGRAM_BOT_TOKEN", "TIDINGS_TELEGRAM_SECRET"];
        let Some([bot_token, secret]) = all_or_none(lookup, names)? else { return Ok(None) };
        // Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and - in a secret_token.
        let secret_ok =
            secret.len() <= 256 && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        anyhow::ensure!(secret_ok, "TIDINGS_TELEGRAM_SECRET may only hold A-Z, a-z, 0-9, _ and - (at most 256)");
        let api_base = lookup("TIDINGS_TELEGRAM_API_BASE").unwrap_or_else(|| TELEGRAM_BASE_URL.into());
        Ok(Some(TelegramConfig { bot_token, secret, api_base }))
    }
}

impl ChannelConfig {
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> anyhow::Result<ChannelConfig> {
        let config = ChannelConfig {
            smtp_url: lookup("TIDINGS_SMTP_URL"),
            email_from: lookup("TIDINGS_EMAIL_FROM").unwrap_or_else(|| "Support <support@localhost>".into()),
            email_inbound_secret: lookup("TIDINGS_EMAIL_INBOUND_SECRET"),
            imap_mailboxes: imap_mailboxes(lookup)?,
            imap_poll_seconds: imap_poll_seconds(lookup)?,
            whatsapp: WhatsappConfig::from_lookup(lookup)?,
            telegram: TelegramConfig::from_lookup(lookup)?,
        };
        config.senders()?;
        Ok(config)
    }

    /// The senders for the configured channels; an error names the setting that is wrong.
    pub fn senders(&self) -> anyhow::Result<ChannelSenders> {
        let mut senders = ChannelSenders::default();
        if let Some(url) = &self.smtp_url {
            let from = self
                .email_from
                .parse()
                .map_err(|err| anyhow::anyhow!("TIDINGS_EMAIL_FROM {:?}: {err}", self.email_from))?;
            let sender =
                Arc::new(SmtpSender::new(SmtpSettings { url: url.clone(), from }).map_err(anyhow::Error::msg)?);
            senders.email = Some(sender.clone());
            senders.staff_mail = Some(sender);
        }
        if let Some(whatsapp) = &self.whatsapp {
            let client = WhatsappClient::new(&whatsapp.api_base, &whatsapp.token, &whatsapp.phone_number_id);
            senders.whatsapp = Some(Arc::new(client));
        }
        if let Some(telegram) = &self.telegram {
            senders.telegram = Some(Arc::new(TelegramClient::new(&telegram.api_base, &telegram.bot_token)));
        }
        Ok(senders)
    }
}

/// TIDINGS_IMAP_URLS; an error names the variable and the entry, never the URL (it holds a password).
fn imap_mailboxes(lookup: &impl Fn(&str) -> Option<String>) -> anyhow::Result<Vec<ImapMailbox>> {
    let raw = lookup("TIDINGS_IMAP_URLS").unwrap_or_default();
    let entries = raw.split(',').map(str::trim).filter(|entry| !entry.is_empty());
    entries
        .enumerate()
        .map(|(index, entry)| {
            entry.parse().map_err(|err| anyhow::anyhow!("TIDINGS_IMAP_URLS, mailbox {}: {err}", index + 1))
        })
        .collect()
}

/// TIDINGS_IMAP_POLL_SECONDS: default 60, at least 1.
fn imap_poll_seconds(lookup: &impl Fn(&str) -> Option<String>) -> anyhow::Result<u64> {
    let Some(raw) = lookup("TIDINGS_IMAP_POLL_SECONDS") else { return Ok(60) };
    match raw.trim().parse::<u64>() {
        Ok(seconds) if seconds >= 1 => Ok(seconds),
        _ => anyhow::bail!("TIDINGS_IMAP_POLL_SECONDS must be a whole number of seconds, at least 1, got {raw:?}"),
    }
}

fn secret(value: &Option<String>) -> Option<&'static str> {
    value.as_ref().map(|_| "***")
}

impl fmt::Debug for ChannelConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChannelConfig")
            .field("smtp_url", &self.smtp_url.as_deref().map(crate::config::redact_url))
            .field("email_from", &self.email_from)
            .field("email_inbound_secret", &secret(&self.email_inbound_secret))
            .field("imap_mailboxes", &self.imap_mailboxes)
            .field("imap_poll_seconds", &self.imap_poll_seconds)
            .field("whatsapp", &self.whatsapp.as_ref().map(|w| (&w.phone_number_id, &w.api_base, "secrets: ***")))
            .field("telegram", &self.telegram.as_ref().map(|t| (&t.api_base, "secrets: ***")))
            .finish()
    }
}

#[cfg(test)]
mod imap_tests {
    use super::ChannelConfig;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> anyhow::Result<ChannelConfig> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        ChannelConfig::from_lookup(&|key: &str| vars.get(key).cloned())
    }

    #[test]
    fn imap_mailboxes_are_read_from_a_comma_separated_list() {
        let urls = "imaps://help%40acme.test:hunter2@mail.acme.test/Support, imap://u:p%2Cq@127.0.0.1:1143";
        let channels = config(&[("TIDINGS_IMAP_URLS", urls), ("TIDINGS_IMAP_POLL_SECONDS", "5")]).unwrap();
        let hosts: Vec<(&str, u16, &str)> =
            channels.imap_mailboxes.iter().map(|m| (m.host.as_str(), m.port, m.folder.as_str())).collect();
        assert_eq!(hosts, [("mail.acme.test", 993, "Support"), ("127.0.0.1", 1143, "INBOX")]);
        assert_eq!(channels.imap_mailboxes[1].password(), "p,q");
        assert_eq!(channels.imap_poll_seconds, 5);
        let debug = format!("{channels:?}");
        assert!(!debug.contains("hunter2"), "{debug}");
        let defaults = config(&[]).unwrap();
        assert_eq!((defaults.imap_mailboxes.len(), defaults.imap_poll_seconds), (0, 60));
    }

    #[test]
    fn wrong_imap_settings_name_the_variable_but_not_the_password() {
        let err = config(&[("TIDINGS_IMAP_URLS", "imap://ok:p@h, pop3://user:hunter2@h")]).unwrap_err().to_string();
        assert!(err.contains("TIDINGS_IMAP_URLS") && err.contains("mailbox 2"), "{err}");
        assert!(!err.contains("hunter2"), "{err}");
        for seconds in ["0", "soon", "-1"] {
            let err = config(&[("TIDINGS_IMAP_POLL_SECONDS", seconds)]).unwrap_err().to_string();
            assert!(err.contains("TIDINGS_IMAP_POLL_SECONDS"), "{err}");
        }
    }
}
