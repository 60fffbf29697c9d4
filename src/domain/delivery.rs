//! How far an outgoing message has travelled on its channel, and who a contact is on each channel.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::Channel;

/// The delivery state shown on each outgoing message in the thread. Only moves forward, except that a
/// failed attempt may be retried (failed -> queued is the outbox's job, not a provider's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting in the outbox for its (next) attempt.
    Queued,
    /// The provider accepted it.
    Sent,
    Delivered,
    Read,
    /// Given up on (the provider refused it, or every retry failed).
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Queued => "queued",
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Read => "read",
            DeliveryStatus::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<DeliveryStatus> {
        [Self::Queued, Self::Sent, Self::Delivered, Self::Read, Self::Failed]
            .into_iter()
            .find(|status| status.as_str() == value)
    }

    fn rank(self) -> u8 {
        match self {
            DeliveryStatus::Queued => 0,
            DeliveryStatus::Sent => 1,
            DeliveryStatus::Delivered => 2,
            DeliveryStatus::Read => 3,
            DeliveryStatus::Failed => 4,
        }
    }

    /// Whether a provider's status callback may move a message from `self` to `next`. Callbacks arrive out of
    /// order (a "delivered" after its "read"); a later one never moves the status back, and nothing leaves
    /// `failed` or `read` except a retry.
    pub fn accepts_callback(self, next: DeliveryStatus) -> bool {
        match (self, next) {
            (DeliveryStatus::Failed, _) | (DeliveryStatus::Read, _) => false,
            (_, DeliveryStatus::Queued) => false,
            (_, DeliveryStatus::Failed) => true,
            (current, next) => next.rank() > current.rank(),
        }
    }
}

/// An outgoing message's delivery as the thread shows it (`Message.delivery`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Delivery {
    pub status: DeliveryStatus,
    /// The provider's reason, when it failed or is being retried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The kinds of address a contact can be reached at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdentityKind {
    Email,
    /// A phone number in international format without "+" (WhatsApp's `wa_id`).
    Whatsapp,
    /// A Telegram user id (the private chat id).
    Telegram,
}

impl IdentityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IdentityKind::Email => "email",
            IdentityKind::Whatsapp => "whatsapp",
            IdentityKind::Telegram => "telegram",
        }
    }

    pub fn parse(value: &str) -> Option<IdentityKind> {
        [Self::Email, Self::Whatsapp, Self::Telegram].into_iter().find(|kind| kind.as_str() == value)
    }
}

/// One address of a contact: who wrote, as the channel names them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Identity {
    pub kind: IdentityKind,
    /// Normalised: email addresses lower-cased, phone numbers digits only, Telegram ids as decimal.
    pub address: String,
}

impl Identity {
    pub fn new(kind: IdentityKind, address: &str) -> Identity {
        let address = match kind {
            IdentityKind::Email => address.trim().to_lowercase(),
            IdentityKind::Whatsapp => address.chars().filter(char::is_ascii_digit).collect(),
            IdentityKind::Telegram => address.trim().to_string(),
        };
        Identity { kind, address }
    }
}

/// The channel a staff member's public reply on a ticket travels back on, given how the conversation came in.
/// Email, WhatsApp and Telegram answer where they were asked. Portal, widget-form and API tickets notify the
/// requester by email, as Zendesk and FreeScout do. A live chat answers in the widget, until it has been turned
/// into a follow-up ticket (the visitor left): then by email.
pub fn reply_channel(ticket_channel: Channel, chat_converted: bool) -> Option<Channel> {
    match ticket_channel {
        Channel::Email | Channel::Portal | Channel::Widget | Channel::Api => Some(Channel::Email),
        Channel::Whatsapp => Some(Channel::Whatsapp),
        Channel::Telegram => Some(Channel::Telegram),
        Channel::Chat => chat_converted.then_some(Channel::Email),
    }
}

/// The ticket event that marks a chat turned into a follow-up ticket.
pub const CHAT_CONVERTED_EVENT: &str = "chat_converted";

/// How long to wait before the next attempt after `attempts` failed ones: 30 s, 2 min, 10 min, 30 min, 1 h, 3 h,
/// 6 h; `None` after the eighth (about 11 hours in all), when the message is marked failed.
pub fn retry_delay(attempts: u32) -> Option<Duration> {
    const MINUTE: u64 = 60;
    let seconds = match attempts {
        0 | 1 => 30,
        2 => 2 * MINUTE,
        3 => 10 * MINUTE,
        4 => 30 * MINUTE,
        5 => 60 * MINUTE,
        6 => 180 * MINUTE,
        7 => 360 * MINUTE,
        _ => return None,
    };
    Some(Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callbacks_only_move_forward() {
        use DeliveryStatus::*;
        assert!(Sent.accepts_callback(Delivered));
        assert!(Delivered.accepts_callback(Read));
        assert!(Sent.accepts_callback(Read));
        assert!(!Read.accepts_callback(Delivered), "a late 'delivered' after 'read' is ignored");
        assert!(!Delivered.accepts_callback(Sent));
        assert!(Sent.accepts_callback(Failed));
        assert!(!Failed.accepts_callback(Delivered));
        assert!(!Sent.accepts_callback(Queued));
    }

    #[test]
    fn replies_travel_back_on_the_channel_they_came_from() {
        assert_eq!(reply_channel(Channel::Email, false), Some(Channel::Email));
        assert_eq!(reply_channel(Channel::Whatsapp, false), Some(Channel::Whatsapp));
        assert_eq!(reply_channel(Channel::Telegram, false), Some(Channel::Telegram));
        assert_eq!(reply_channel(Channel::Portal, false), Some(Channel::Email));
        assert_eq!(reply_channel(Channel::Chat, false), None, "a live chat answers in the widget");
        assert_eq!(reply_channel(Channel::Chat, true), Some(Channel::Email), "a converted chat answers by email");
    }

    #[test]
    fn retries_back_off_then_give_up() {
        let delays: Vec<u64> = (1..=7).map(|n| retry_delay(n).unwrap().as_secs()).collect();
        assert!(delays.windows(2).all(|pair| pair[0] < pair[1]), "{delays:?}");
        assert_eq!(delays[0], 30);
        assert_eq!(retry_delay(8), None);
    }

    #[test]
    fn identities_are_normalised_per_kind() {
        assert_eq!(Identity::new(IdentityKind::Email, " Anna@Example.COM ").address, "anna@example.com");
        assert_eq!(Identity::new(IdentityKind::Whatsapp, "+49 151 2345-678").address, "491512345678");
        assert_eq!(Identity::new(IdentityKind::Telegram, "123456789").address, "123456789");
        assert_eq!(DeliveryStatus::parse("delivered"), Some(DeliveryStatus::Delivered));
        assert_eq!(IdentityKind::parse("telegram"), Some(IdentityKind::Telegram));
        assert_eq!(DeliveryStatus::parse("bogus"), None);
    }
}
