//! Channels: what arrives from email, WhatsApp and Telegram, normalised into one shape the ingestion service
//! turns into tickets and messages, and the adapters that send replies back (feature "server").
//!
//! Each adapter is production code spoken to over real HTTP or SMTP at a configurable address; tests point
//! that address at a local fake that follows the provider's documented shapes.

use chrono::{DateTime, Utc};

use crate::domain::delivery::{DeliveryStatus, Identity};
use crate::domain::Channel;

pub mod email;
pub mod imap;
pub mod outbound;
pub mod provider;
pub mod smtp;
pub mod telegram;
pub mod whatsapp;

/// One message a customer sent on a channel, before it is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboundMessage {
    pub channel: Channel,
    /// The provider's id for this message; ingestion is idempotent on (channel, provider_message_id), so a
    /// provider's retry of the same webhook never creates a second message. Email: the Message-ID (or a hash
    /// of the raw message when it has none); WhatsApp: the `wamid`; Telegram: `<chat id>:<message id>`.
    pub provider_message_id: String,
    pub sender: Identity,
    pub sender_name: Option<String>,
    /// Email only; chats on WhatsApp and Telegram have none.
    pub subject: Option<String>,
    /// Plain text, never empty for a message with no attachments (a placeholder such as "[location] …"
    /// describes non-text content).
    pub text: String,
    /// Sanitised HTML when the sender sent HTML (email); safe to render as is.
    pub html: Option<String>,
    pub attachments: Vec<InboundAttachment>,
    pub thread: ThreadHints,
    pub sent_at: Option<DateTime<Utc>>,
    /// Telegram's edited_message: the text replaces nothing, it arrives as a new message marked edited.
    pub edited: bool,
}

/// What says which ticket a message continues.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThreadHints {
    /// Email In-Reply-To then References, newest first, without angle brackets.
    pub references: Vec<String>,
    /// A ticket tag found in the subject, e.g. "[#1042]".
    pub ticket_number: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboundAttachment {
    pub name: String,
    pub content_type: String,
    /// Inline images (cid:) in an HTML mail.
    pub inline: bool,
    pub content_id: Option<String>,
    pub source: AttachmentSource,
}

/// Where an attachment's bytes are: in the payload itself (email), or to be fetched from the provider before the
/// message is stored (so a message is stored whole or not at all).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttachmentSource {
    Bytes(Vec<u8>),
    /// A WhatsApp media id (GET /{media-id} on the Graph API gives a short-lived URL).
    WhatsappMedia {
        media_id: String,
    },
    /// A Telegram file id (getFile gives the path to download).
    TelegramFile {
        file_id: String,
    },
}

/// A provider's callback about a message we sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryUpdate {
    pub provider_message_id: String,
    pub status: DeliveryStatus,
    /// The provider's reason, for a failure.
    pub error: Option<String>,
}

/// Everything one webhook delivery can carry (a WhatsApp webhook may batch several).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InboundEvent {
    Message(InboundMessage),
    Delivery(DeliveryUpdate),
    /// Understood and deliberately not turned into a message (e.g. a Telegram member update, an inline query);
    /// acknowledged so the provider does not retry.
    Ignored {
        reason: String,
    },
}

/// What the providers' corpus tests share (tests/corpus).
#[cfg(test)]
pub(crate) mod corpus {
    /// Asserts that the `.json` files in `dir` (at least `at_least` of them) are exactly the `expected` names, so a
    /// new corpus file without an expectation, or an expectation without its file, fails.
    pub fn assert_covers(dir: &str, what: &str, at_least: usize, expected: &[&str]) {
        let entries =
            std::fs::read_dir(dir).unwrap_or_else(|err| panic!("the {what} corpus at {dir} is missing: {err}"));
        let mut files: Vec<String> = entries
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".json"))
            .collect();
        files.sort();
        assert!(files.len() >= at_least, "the {what} corpus looks incomplete: {files:?}");
        let mut expected = expected.to_vec();
        expected.sort();
        assert_eq!(files, expected, "corpus files and the expectation table differ");
    }
}
