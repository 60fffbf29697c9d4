//! The admin's view of the channels: their setup (secrets masked) and a test message through each configured one,
//! sent straight through the channel's adapter (not stored as a ticket message).

use super::{Actor, ServiceError, Services};
use crate::channel::outbound::OutgoingMessage;
use crate::channel::provider::ProviderError;
use crate::domain::channel_overview::ChannelOverview;
use crate::domain::{authorize, text_to_html, Action, Channel, FieldError};

const TEST_TEXT: &str =
    "Tidings test message: this channel works. / Testnachricht von Tidings: Dieser Kanal funktioniert.";

impl Services {
    /// Every channel's setup (admins).
    pub fn channel_overview(&self, actor: &Actor) -> Result<Vec<ChannelOverview>, ServiceError> {
        authorize(actor.user.role, Action::UseAdminArea)?;
        Ok(self.settings().channel_overview.clone())
    }

    /// Sends a test message on `channel` to `to` (an email address, a WhatsApp number, a Telegram chat id); the
    /// provider's id for it. A refusal comes back with the provider's reason on the `to` field.
    pub async fn send_channel_test(&self, actor: &Actor, channel: Channel, to: &str) -> Result<String, ServiceError> {
        authorize(actor.user.role, Action::UseAdminArea)?;
        let sender = self.settings().senders.for_channel(channel).cloned().ok_or_else(|| {
            FieldError::new("channel", "channel_disabled", format!("The {channel} channel is not configured."))
        })?;
        let to = to.trim();
        if to.is_empty() || to.len() > 320 || to.chars().any(char::is_control) {
            return Err(FieldError::new("to", "required", "Enter where the test message should go.").into());
        }
        let message = OutgoingMessage {
            message_id: format!("test-{}", super::secrets::new_id()),
            provider_message_id: None,
            to: to.to_string(),
            to_name: None,
            author_name: actor.user.name.clone(),
            ticket_number: 0,
            subject: "Tidings test message".into(),
            text: TEST_TEXT.into(),
            html: text_to_html(TEST_TEXT),
            attachments: Vec::new(),
            references: Vec::new(),
            template: None,
        };
        let message =
            OutgoingMessage { provider_message_id: sender.assign_provider_id(&message.message_id), ..message };
        sender.send(&message).await.map_err(|err| match err {
            ProviderError::Retryable { .. } => ServiceError::Unavailable(format!("The provider did not answer: {err}")),
            ProviderError::Permanent { .. } => {
                FieldError::new("to", "provider_refused", format!("The provider refused it: {err}")).into()
            }
        })
    }
}
