//! How far an outgoing message has travelled on its channel, and who a contact is on each channel.

use serde::{Deserialize, Serialize};

/// The delivery state shown on each outgoing message in the thread. Only moves forward, except that a
/// failed attempt may be retried (failed -> queued is the outbox's job, not a provider's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// The kinds of address a contact can be reached at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    fn identities_are_normalised_per_kind() {
        assert_eq!(Identity::new(IdentityKind::Email, " Anna@Example.COM ").address, "anna@example.com");
        assert_eq!(Identity::new(IdentityKind::Whatsapp, "+49 151 2345-678").address, "491512345678");
        assert_eq!(Identity::new(IdentityKind::Telegram, "123456789").address, "123456789");
        assert_eq!(DeliveryStatus::parse("delivered"), Some(DeliveryStatus::Delivered));
        assert_eq!(IdentityKind::parse("telegram"), Some(IdentityKind::Telegram));
        assert_eq!(DeliveryStatus::parse("bogus"), None);
    }
}
