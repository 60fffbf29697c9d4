//! What the admin sees of a channel's setup: whether it is on, its settings with secrets masked, and where the
//! provider must send its webhooks. Channel settings come from the environment only; nothing here is a secret.

use serde::{Deserialize, Serialize};

use super::Channel;

/// One channel's setup as shown on `/admin/channels`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelOverview {
    pub channel: Channel,
    pub configured: bool,
    /// Environment variable and its value; secrets only as [`mask_secret`] shows them.
    pub settings: Vec<ChannelSetting>,
    /// The path (under the site's address) the provider posts to, for channels that push.
    pub webhook_path: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelSetting {
    pub name: String,
    pub value: String,
}

impl ChannelSetting {
    pub fn new(name: &str, value: impl Into<String>) -> ChannelSetting {
        ChannelSetting { name: name.to_string(), value: value.into() }
    }

    /// A secret, never shown back: only that it is set and how long it is.
    pub fn secret(name: &str, secret: &str) -> ChannelSetting {
        ChannelSetting::new(name, mask_secret(secret))
    }
}

/// `•••••••• (32 characters)`: enough to tell a secret is set and which of two lengths it has, nothing of its
/// content.
pub fn mask_secret(secret: &str) -> String {
    format!("•••••••• ({} characters)", secret.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_secrets_show_none_of_their_characters() {
        let secret = "EAAGm0PX4ZCpsBA-very-secret-token";
        let masked = mask_secret(secret);
        assert_eq!(masked, "•••••••• (33 characters)");
        for part in secret.as_bytes().windows(3) {
            assert!(!masked.as_bytes().windows(3).any(|window| window == part), "{masked} leaks {part:?}");
        }
        assert_eq!(ChannelSetting::secret("TIDINGS_TELEGRAM_SECRET", "abc").value, "•••••••• (3 characters)");
    }
}
