//! Telegram Bot API: the webhook Telegram posts one `Update` to (checked with the `X-Telegram-Bot-Api-Secret-Token`
//! header set by `setWebhook`), and the client that sends replies and downloads files customers sent.
//!
//! Only private chats with a person become messages; see [`parse_update`] for what is ignored.

mod client;
mod sender;
mod update;

#[cfg(test)]
mod client_tests;
#[cfg(test)]
mod corpus_tests;

pub use client::{TelegramClient, MAX_FILE_BYTES, TELEGRAM_BASE_URL};
pub use update::parse_update;

use crate::channel::provider::secrets_match;

/// Whether the `X-Telegram-Bot-Api-Secret-Token` header equals the `secret_token` given to `setWebhook` (compared in
/// constant time). A missing header, or no secret configured, fails.
pub fn verify_secret(expected: &str, header: Option<&str>) -> bool {
    header.is_some_and(|received| secrets_match(expected, received))
}

#[cfg(test)]
mod tests {
    use super::verify_secret;

    #[test]
    fn the_secret_header_must_match_exactly() {
        assert!(verify_secret("Abc_123-xyz", Some("Abc_123-xyz")));
        assert!(!verify_secret("Abc_123-xyz", Some("abc_123-xyz")));
        assert!(!verify_secret("Abc_123-xyz", Some("Abc_123-xy")));
        assert!(!verify_secret("Abc_123-xyz", Some("")));
        assert!(!verify_secret("Abc_123-xyz", None));
        assert!(!verify_secret("", Some("")), "no secret configured: nothing passes");
    }
}
