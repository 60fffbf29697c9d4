//! Channel settings from the environment (the default brand's channels, shared/API.md): where email goes out and
//! what authenticates inbound mail and provider webhooks. Secrets are kept here only, never logged or shown back.

use std::fmt;
use std::sync::Arc;

use tidings::channel::outbound::ChannelSenders;
use tidings::channel::smtp::{SmtpSender, SmtpSettings};

#[derive(Clone, Default)]
pub struct ChannelConfig {
    /// TIDINGS_SMTP_URL, e.g. `smtp://user:pass@mail.example.com:587?tls=required`: replies go out by email.
    pub smtp_url: Option<String>,
    /// TIDINGS_EMAIL_FROM (default `Support <support@localhost>`): the address replies come from; its domain
    /// names our Message-IDs.
    pub email_from: String,
    /// TIDINGS_EMAIL_INBOUND_SECRET: the bearer token of POST /api/v1/channels/email/inbound (unset: disabled).
    pub email_inbound_secret: Option<String>,
}

impl ChannelConfig {
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> anyhow::Result<ChannelConfig> {
        let config = ChannelConfig {
            smtp_url: lookup("TIDINGS_SMTP_URL"),
            email_from: lookup("TIDINGS_EMAIL_FROM").unwrap_or_else(|| "Support <support@localhost>".into()),
            email_inbound_secret: lookup("TIDINGS_EMAIL_INBOUND_SECRET"),
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
            let sender = SmtpSender::new(SmtpSettings { url: url.clone(), from }).map_err(anyhow::Error::msg)?;
            senders.email = Some(Arc::new(sender));
        }
        Ok(senders)
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
            .finish()
    }
}
