//! Sending a reply back on the channel it belongs to. Each adapter (SMTP, WhatsApp Cloud API, Telegram Bot API)
//! implements [`ChannelSender`]; the outbox worker in the service layer calls it for each claimed message and
//! records the outcome.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;

use super::provider::ProviderError;
use super::AttachmentSource;
use crate::domain::Channel;

/// One message on its way out, with what every channel may need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingMessage {
    /// Our message id.
    pub message_id: String,
    /// The id it travels under when we choose it (email's Message-ID, without angle brackets).
    pub provider_message_id: Option<String>,
    /// An email address, a WhatsApp number or a Telegram chat id.
    pub to: String,
    pub to_name: Option<String>,
    /// Who wrote it (the agent's name).
    pub author_name: String,
    pub ticket_number: u64,
    pub subject: String,
    pub text: String,
    /// Safe HTML rendering of `text`.
    pub html: String,
    pub attachments: Vec<OutgoingAttachment>,
    /// Email threading: the ids of earlier mails in the conversation, oldest first (the last is In-Reply-To).
    pub references: Vec<String>,
    /// WhatsApp: send the approved template `name:language` instead of `text` (outside the 24-hour window).
    pub template: Option<String>,
}

#[derive(Clone, PartialEq, Eq)]
pub struct OutgoingAttachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl fmt::Debug for OutgoingAttachment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OutgoingAttachment({:?}, {}, {} bytes)", self.name, self.content_type, self.bytes.len())
    }
}

#[async_trait]
pub trait ChannelSender: Send + Sync {
    /// The id a message will travel under, when this channel lets us choose it before sending (email); stored
    /// with the message so replies thread even before it is sent.
    fn assign_provider_id(&self, message_id: &str) -> Option<String>;
    /// Sends one message; the provider's id for it on success.
    async fn send(&self, message: &OutgoingMessage) -> Result<String, ProviderError>;
    /// The bytes and media type of a file a customer sent that the webhook only referenced (a WhatsApp media id, a
    /// Telegram file id); `None` for a source this channel does not fetch.
    async fn fetch_attachment(&self, source: &AttachmentSource) -> Result<Option<(Vec<u8>, String)>, ProviderError> {
        let _ = source;
        Ok(None)
    }
}

/// A mail to a member of staff (the weekly report), not part of any conversation.
#[derive(Clone, Debug, PartialEq)]
pub struct StaffMail {
    pub to: String,
    pub to_name: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Sends mail to staff (the email channel's SMTP server, as the support address).
#[async_trait]
pub trait StaffMailer: Send + Sync {
    async fn send_staff_mail(&self, mail: &StaffMail) -> Result<(), ProviderError>;
}

/// The channels replies can be sent on; a channel without a sender is not configured here.
#[derive(Clone, Default)]
pub struct ChannelSenders {
    pub email: Option<Arc<dyn ChannelSender>>,
    pub whatsapp: Option<Arc<dyn ChannelSender>>,
    pub telegram: Option<Arc<dyn ChannelSender>>,
    /// Mail to staff; there when email is configured.
    pub staff_mail: Option<Arc<dyn StaffMailer>>,
}

impl ChannelSenders {
    pub fn for_channel(&self, channel: Channel) -> Option<&Arc<dyn ChannelSender>> {
        match channel {
            Channel::Email => self.email.as_ref(),
            Channel::Whatsapp => self.whatsapp.as_ref(),
            Channel::Telegram => self.telegram.as_ref(),
            _ => None,
        }
    }
}

impl fmt::Debug for ChannelSenders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChannelSenders")
            .field("email", &self.email.is_some())
            .field("whatsapp", &self.whatsapp.is_some())
            .field("telegram", &self.telegram.is_some())
            .field("staff_mail", &self.staff_mail.is_some())
            .finish()
    }
}
