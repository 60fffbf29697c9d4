//! What the channel adapters share: how a provider call fails, how a webhook body is refused, and small helpers
//! for talking to providers (constant-time secret comparison, bounded downloads, file names from media types).

use std::time::Duration;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

#[cfg(test)]
pub(crate) mod fake_http;

/// Why a call to a provider (WhatsApp Cloud API, Telegram Bot API, SMTP) did not succeed. The outbox retries
/// `Retryable` failures later and marks the message failed on a `Permanent` one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// Worth trying again later: the provider was unreachable, timed out, failed on its side (5xx) or throttled us
    /// (429 and the providers' rate-limit codes).
    #[error("temporary provider failure: {message}")]
    Retryable {
        message: String,
        /// How long the provider asked us to wait, when it said.
        retry_after: Option<Duration>,
    },
    /// The provider refused the request and the same request will be refused again (a 4xx with the provider's
    /// reason, e.g. WhatsApp's "(#131047) Re-engagement message" outside the 24-hour window).
    #[error("refused by the provider: {message}")]
    Permanent {
        /// The HTTP status (or SMTP reply code) the refusal came with; `None` when refused before sending.
        status: Option<u16>,
        /// The provider's own error code (Graph `error.code`, Telegram `error_code`), when it gave one.
        code: Option<i64>,
        message: String,
    },
}

impl ProviderError {
    pub fn retryable(message: impl Into<String>) -> ProviderError {
        ProviderError::Retryable { message: message.into(), retry_after: None }
    }

    pub fn permanent(status: Option<u16>, code: Option<i64>, message: impl Into<String>) -> ProviderError {
        ProviderError::Permanent { status, code, message: message.into() }
    }

    pub fn is_retryable(&self) -> bool {
        matches!(self, ProviderError::Retryable { .. })
    }

    /// The provider's error code, for a permanent refusal that carried one.
    pub fn code(&self) -> Option<i64> {
        match self {
            ProviderError::Permanent { code, .. } => *code,
            ProviderError::Retryable { .. } => None,
        }
    }

    /// A failure of the HTTP exchange itself (connect, timeout, reading the body). The URL is dropped from the
    /// message because Telegram's URLs carry the bot token.
    pub(crate) fn transport(err: reqwest::Error) -> ProviderError {
        let err = err.without_url();
        if err.is_builder() {
            return ProviderError::permanent(None, None, format!("invalid request: {err}"));
        }
        ProviderError::retryable(format!("HTTP request failed: {err}"))
    }

    /// A failure classified by HTTP status alone: 408, 429 and 5xx are retryable, anything else is permanent.
    pub(crate) fn from_status(status: u16, code: Option<i64>, message: String) -> ProviderError {
        if status == 408 || status == 429 || status >= 500 {
            ProviderError::Retryable { message: format!("HTTP {status}: {message}"), retry_after: None }
        } else {
            ProviderError::permanent(Some(status), code, message)
        }
    }
}

/// A webhook body we cannot understand (the caller answers 400).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    #[error("malformed webhook payload: {0}")]
    Malformed(String),
}

/// Whether a received secret equals the configured one, in time that depends on neither their contents nor their
/// lengths (both are hashed first). An empty configured secret never matches, so a missing setting fails closed.
pub fn secrets_match(expected: &str, received: &str) -> bool {
    if expected.is_empty() {
        return false;
    }
    let expected = Sha256::digest(expected.as_bytes());
    let received = Sha256::digest(received.as_bytes());
    expected.as_slice().ct_eq(received.as_slice()).into()
}

/// Reads a response body, refusing (permanently) one larger than `limit` bytes instead of holding it in memory.
pub(crate) async fn read_limited(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>, ProviderError> {
    let too_large = || ProviderError::permanent(None, None, format!("file is larger than {limit} bytes"));
    if response.content_length().is_some_and(|length| length > limit as u64) {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(ProviderError::transport)? {
        if bytes.len() + chunk.len() > limit {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// The usual file extension for a media type (parameters such as `; codecs=opus` ignored), `bin` when unknown. Used
/// to name media that arrives without a file name (`image.jpg`, `voice.ogg`).
pub fn file_extension_for(content_type: &str) -> &'static str {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    match essence.as_str() {
        "image/jpeg" | "image/jpg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "video/mp4" => "mp4",
        "video/3gpp" => "3gp",
        "audio/ogg" | "audio/opus" => "ogg",
        "audio/mpeg" | "audio/mp3" => "mp3",
        "audio/mp4" | "audio/m4a" | "audio/x-m4a" => "m4a",
        "audio/aac" => "aac",
        "audio/amr" => "amr",
        "application/pdf" => "pdf",
        "text/plain" => "txt",
        "text/csv" => "csv",
        "application/json" => "json",
        "application/zip" => "zip",
        "application/msword" => "doc",
        "application/vnd.ms-excel" => "xls",
        "application/vnd.ms-powerpoint" => "ppt",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => "pptx",
        _ => "bin",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_match_only_when_equal_and_configured() {
        assert!(secrets_match("s3cret_token-1", "s3cret_token-1"));
        assert!(!secrets_match("s3cret_token-1", "s3cret_token-2"));
        assert!(!secrets_match("s3cret_token-1", "s3cret_token-1 "));
        assert!(!secrets_match("s3cret_token-1", ""));
        assert!(!secrets_match("", ""), "an unconfigured secret never matches");
    }

    #[test]
    fn statuses_are_classified() {
        assert!(ProviderError::from_status(500, None, "x".into()).is_retryable());
        assert!(ProviderError::from_status(503, None, "x".into()).is_retryable());
        assert!(ProviderError::from_status(429, None, "x".into()).is_retryable());
        assert!(ProviderError::from_status(408, None, "x".into()).is_retryable());
        let refused = ProviderError::from_status(400, Some(131047), "(#131047) Re-engagement message".into());
        assert_eq!(refused, ProviderError::permanent(Some(400), Some(131047), "(#131047) Re-engagement message"));
        assert_eq!(refused.code(), Some(131047));
        assert!(!ProviderError::from_status(403, None, "x".into()).is_retryable());
    }

    #[test]
    fn extensions_come_from_the_media_type() {
        assert_eq!(file_extension_for("image/jpeg"), "jpg");
        assert_eq!(file_extension_for("audio/ogg; codecs=opus"), "ogg");
        assert_eq!(file_extension_for("Application/PDF"), "pdf");
        assert_eq!(file_extension_for("application/x-unknown"), "bin");
    }
}
