//! The signed, single-use, expiring link a customer rates a resolved ticket with (`POST /csat/{token}`).
//!
//! Form: `csat1.<survey id>.<expiry, Unix seconds>.<HMAC-SHA256 of "csat1.<survey id>.<expiry>", 64 hex digits>`.
//! The survey id is a random opaque id (not the ticket's), so a token says nothing about the ticket. The signature
//! lets the server refuse a forged or altered token without a database look-up; the store keeps only the SHA-256 of
//! the token, and marks the survey answered in the same statement that checks it is not (single use). Every way a
//! token can fail (malformed, forged, expired, reused, unknown) is answered alike, 404, so nothing is revealed.

use std::fmt;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use thiserror::Error;

const VERSION: &str = "csat1";
const SIGNATURE_HEX_LEN: usize = 64;

/// The server's secret for CSAT links. Never printed.
#[derive(Clone)]
pub struct CsatSigningKey(Vec<u8>);

impl CsatSigningKey {
    /// The shortest key accepted: as long as the hash output.
    pub const MIN_BYTES: usize = 32;

    pub fn new(bytes: Vec<u8>) -> Option<CsatSigningKey> {
        (bytes.len() >= CsatSigningKey::MIN_BYTES).then_some(CsatSigningKey(bytes))
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC takes keys of any length; this cannot fail.
        <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC accepts any key length")
    }
}

impl fmt::Debug for CsatSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CsatSigningKey(<redacted>)")
    }
}

/// What a valid token says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsatTokenClaims {
    pub survey_id: String,
    pub expires_at: DateTime<Utc>,
}

/// Why a token was refused; all of them are a 404 to the customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum CsatTokenError {
    #[error("the token is malformed")]
    Malformed,
    #[error("the token's signature does not match")]
    BadSignature,
    #[error("the token has expired")]
    Expired,
}

/// Survey ids are opaque ids (UUIDs): letters, digits and dashes.
fn is_survey_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
}

fn signed_part(survey_id: &str, expires_at: DateTime<Utc>) -> String {
    format!("{VERSION}.{survey_id}.{}", expires_at.timestamp())
}

/// The link token for a survey, valid until `expires_at` (whole seconds). `None` for an id that is not opaque-id
/// shaped (it would not parse back).
pub fn issue_csat_token(key: &CsatSigningKey, survey_id: &str, expires_at: DateTime<Utc>) -> Option<String> {
    if !is_survey_id(survey_id) {
        return None;
    }
    let signed = signed_part(survey_id, expires_at);
    let mut mac = key.mac();
    mac.update(signed.as_bytes());
    Some(format!("{signed}.{}", hex::encode(mac.finalize().into_bytes())))
}

/// The claims of a genuine token that has not expired at `now` (it expires at `expires_at`). The signature is
/// compared in constant time. Single use is the store's part.
pub fn verify_csat_token(
    key: &CsatSigningKey,
    token: &str,
    now: DateTime<Utc>,
) -> Result<CsatTokenClaims, CsatTokenError> {
    let mut parts = token.split('.');
    let (Some(VERSION), Some(survey_id), Some(expiry), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(CsatTokenError::Malformed);
    };
    let expiry_is_digits = !expiry.is_empty() && expiry.len() <= 12 && expiry.bytes().all(|b| b.is_ascii_digit());
    if !is_survey_id(survey_id) || !expiry_is_digits || signature.len() != SIGNATURE_HEX_LEN {
        return Err(CsatTokenError::Malformed);
    }
    let signature = hex::decode(signature).map_err(|_| CsatTokenError::Malformed)?;
    let expires_at = expiry
        .parse::<i64>()
        .ok()
        .and_then(|seconds| DateTime::<Utc>::from_timestamp(seconds, 0))
        .ok_or(CsatTokenError::Malformed)?;
    let mut mac = key.mac();
    mac.update(signed_part(survey_id, expires_at).as_bytes());
    mac.verify_slice(&signature).map_err(|_| CsatTokenError::BadSignature)?;
    if now >= expires_at {
        return Err(CsatTokenError::Expired);
    }
    Ok(CsatTokenClaims { survey_id: survey_id.to_owned(), expires_at })
}
