//! WhatsApp Business Platform (Cloud API): the webhook Meta posts to us (checked with `X-Hub-Signature-256`, set up
//! with a GET handshake), and the Graph API client that sends replies and fetches media.
//!
//! Inbound messages become [`InboundEvent::Message`](crate::channel::InboundEvent), status callbacks become
//! [`InboundEvent::Delivery`](crate::channel::InboundEvent); see [`parse_webhook`] for which message types map to what.

mod client;
mod sender;
mod webhook;

#[cfg(test)]
mod client_tests;
#[cfg(test)]
mod corpus_tests;

use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub use client::{MediaInfo, MediaKind, MediaRef, WhatsappClient, GRAPH_API_VERSION, GRAPH_BASE_URL, MAX_MEDIA_BYTES};
pub use sender::media_kind_for;
pub use webhook::parse_webhook;

use crate::channel::provider::secrets_match;

/// Whether `header` (the value of `X-Hub-Signature-256`, `sha256=<hex>`) is the HMAC-SHA256 of the exact request
/// body bytes under the app secret. Compared in constant time; a missing header, another algorithm (`sha1=`), bad
/// hex or an empty app secret all fail.
pub fn verify_signature(app_secret: &[u8], raw_body: &[u8], header: Option<&str>) -> bool {
    if app_secret.is_empty() {
        return false;
    }
    let Some(hex_digest) = header.and_then(|value| value.trim().strip_prefix("sha256=")) else {
        return false;
    };
    let Ok(signature) = hex::decode(hex_digest) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(app_secret) else {
        return false;
    };
    mac.update(raw_body);
    mac.verify_slice(&signature).is_ok()
}

/// The GET verification handshake Meta sends when the webhook URL is set up (`hub.mode`, `hub.verify_token`,
/// `hub.challenge`): the challenge to echo back (as `text/plain`) when the mode is `subscribe` and the token equals
/// the configured one (constant time), else `None` (answer 403). Meta's challenge is a number; anything but ASCII
/// letters, digits, `-` and `_` is refused so nothing else is ever reflected.
pub fn verify_handshake(
    mode: Option<&str>,
    token: Option<&str>,
    challenge: Option<&str>,
    expected_token: &str,
) -> Option<String> {
    let token_ok = secrets_match(expected_token, token?);
    let challenge = challenge?;
    let challenge_ok = !challenge.is_empty()
        && challenge.len() <= 256
        && challenge.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (mode? == "subscribe" && token_ok && challenge_ok).then(|| challenge.to_string())
}

/// How long after a customer's last message a business may send free-form messages (outside it, only templates).
pub const SERVICE_WINDOW_HOURS: i64 = 24;

/// Whether a free-form reply may be sent now: true iff the customer's last message is less than 24 hours old
/// (exactly 24 hours is outside). A last message stamped in the future (clock skew) counts as inside; no message
/// from the customer at all is outside.
pub fn within_service_window(last_customer_message_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_customer_message_at.is_some_and(|last| now < last + Duration::hours(SERVICE_WINDOW_HOURS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn sign(secret: &[u8], body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
        mac.update(body);
        format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
    }

    #[test]
    fn hmac_matches_a_published_vector() {
        // From the Elixir whatsapp_sdk docs, quoted in the corpus README: compute_signature("test", "secret").
        assert_eq!(sign(b"secret", b"test"), "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914");
        let header = "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914";
        assert!(verify_signature(b"secret", b"test", Some(header)));
        assert!(verify_signature(b"secret", b"test", Some(&header.to_uppercase().replace("SHA256=", "sha256="))));
    }

    #[test]
    fn signatures_are_checked_over_the_exact_body() {
        let secret = b"test-app-secret";
        let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
        let header = sign(secret, body);
        assert!(verify_signature(secret, body, Some(&header)));

        let mut flipped_body = body.to_vec();
        flipped_body[3] ^= 0x01;
        assert!(!verify_signature(secret, &flipped_body, Some(&header)), "a changed body byte fails");

        let mut flipped_signature = header.clone();
        let last = flipped_signature.pop().unwrap();
        flipped_signature.push(if last == '0' { '1' } else { '0' });
        assert!(!verify_signature(secret, body, Some(&flipped_signature)), "a changed signature digit fails");
        assert!(!verify_signature(secret, body, None), "a missing header fails");
        assert!(!verify_signature(b"another-secret", body, Some(&header)), "another secret fails");
        assert!(!verify_signature(b"", body, Some(&sign(b"", body))), "an unconfigured secret fails");
        assert!(!verify_signature(secret, body, Some(&header[..header.len() - 2])), "a truncated signature fails");
        assert!(!verify_signature(secret, body, Some("sha256=not-hex")));
        assert!(!verify_signature(secret, body, Some(header.trim_start_matches("sha256="))), "no prefix fails");

        let sha1 = header.replace("sha256=", "sha1=");
        assert!(!verify_signature(secret, body, Some(&sha1)), "a sha1= header fails");
    }

    #[test]
    fn handshake_echoes_the_challenge_only_for_the_right_token() {
        let ok = verify_handshake(Some("subscribe"), Some("meatyhamhock"), Some("1158201444"), "meatyhamhock");
        assert_eq!(ok.as_deref(), Some("1158201444"));
        assert_eq!(verify_handshake(Some("subscribe"), Some("wrong"), Some("1158201444"), "meatyhamhock"), None);
        assert_eq!(verify_handshake(Some("unsubscribe"), Some("meatyhamhock"), Some("1"), "meatyhamhock"), None);
        assert_eq!(verify_handshake(None, Some("meatyhamhock"), Some("1"), "meatyhamhock"), None);
        assert_eq!(verify_handshake(Some("subscribe"), None, Some("1"), "meatyhamhock"), None);
        assert_eq!(verify_handshake(Some("subscribe"), Some("meatyhamhock"), None, "meatyhamhock"), None);
        assert_eq!(verify_handshake(Some("subscribe"), Some(""), Some("1"), ""), None, "no token configured");
        let script = Some("<script>alert(1)</script>");
        assert_eq!(verify_handshake(Some("subscribe"), Some("meatyhamhock"), script, "meatyhamhock"), None);
    }

    #[test]
    fn service_window_is_24_hours_exclusive() {
        let now = Utc.with_ymd_and_hms(2025, 3, 10, 12, 0, 0).unwrap();
        let hours = |h: i64| now - Duration::hours(h);
        assert!(!within_service_window(None, now), "never wrote: outside");
        assert!(within_service_window(Some(now), now));
        assert!(within_service_window(Some(hours(23)), now));
        assert!(within_service_window(Some(hours(24) + Duration::seconds(1)), now), "23:59:59 ago: inside");
        assert!(!within_service_window(Some(hours(24)), now), "exactly 24 h ago: outside");
        assert!(!within_service_window(Some(hours(24) - Duration::seconds(1)), now), "24:00:01 ago: outside");
        assert!(!within_service_window(Some(hours(72)), now));
        assert!(within_service_window(Some(now + Duration::minutes(5)), now), "clock skew: inside");
    }
}
