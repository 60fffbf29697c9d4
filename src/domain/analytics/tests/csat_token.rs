use chrono::Duration;

use super::utc;
use crate::domain::analytics::{issue_csat_token, verify_csat_token, CsatSigningKey, CsatTokenError};

fn key(byte: u8) -> CsatSigningKey {
    CsatSigningKey::new(vec![byte; 32]).unwrap()
}

const SURVEY: &str = "0192f5a0-7c1e-7000-8000-000000000001";

#[test]
fn an_issued_token_verifies_until_it_expires() {
    let expires_at = utc(2026, 4, 1, 12, 0);
    let token = issue_csat_token(&key(7), SURVEY, expires_at).unwrap();
    assert!(token.starts_with(&format!("csat1.{SURVEY}.{}.", expires_at.timestamp())));
    let claims = verify_csat_token(&key(7), &token, expires_at - Duration::seconds(1)).unwrap();
    assert_eq!((claims.survey_id.as_str(), claims.expires_at), (SURVEY, expires_at));
    assert_eq!(verify_csat_token(&key(7), &token, expires_at), Err(CsatTokenError::Expired));
}

#[test]
fn forged_and_altered_tokens_are_refused() {
    let expires_at = utc(2026, 4, 1, 12, 0);
    let now = utc(2026, 3, 1, 0, 0);
    let token = issue_csat_token(&key(7), SURVEY, expires_at).unwrap();
    assert_eq!(verify_csat_token(&key(8), &token, now), Err(CsatTokenError::BadSignature));
    let other_survey = token.replace("0001.", "0002.");
    assert_eq!(verify_csat_token(&key(7), &other_survey, now), Err(CsatTokenError::BadSignature));
    let later = token.replace(&expires_at.timestamp().to_string(), &(expires_at.timestamp() + 86400).to_string());
    assert_eq!(verify_csat_token(&key(7), &later, now), Err(CsatTokenError::BadSignature));
    let mut flipped = token.clone();
    let last = flipped.pop().unwrap();
    flipped.push(if last == '0' { '1' } else { '0' });
    assert_eq!(verify_csat_token(&key(7), &flipped, now), Err(CsatTokenError::BadSignature));
}

#[test]
fn malformed_tokens_are_refused_before_any_signature_check() {
    let now = utc(2026, 3, 1, 0, 0);
    let good = issue_csat_token(&key(7), SURVEY, utc(2026, 4, 1, 0, 0)).unwrap();
    for bad in [
        "",
        "csat1",
        "csat2.a.1.00",
        &good.replacen("csat1", "csat2", 1),
        &format!("{good}.extra"),
        &good[..good.len() - 2],
        "csat1.a b.1775000000.0000000000000000000000000000000000000000000000000000000000000000",
        "csat1.abc.-5.0000000000000000000000000000000000000000000000000000000000000000",
        "csat1.abc.17750.zz00000000000000000000000000000000000000000000000000000000000000",
    ] {
        assert_eq!(verify_csat_token(&key(7), bad, now), Err(CsatTokenError::Malformed), "{bad:?}");
    }
}

#[test]
fn short_keys_and_odd_survey_ids_are_refused_and_keys_never_print() {
    assert!(CsatSigningKey::new(vec![1; 31]).is_none());
    assert!(issue_csat_token(&key(7), "not/an/id", utc(2026, 4, 1, 0, 0)).is_none());
    assert_eq!(format!("{:?}", key(7)), "CsatSigningKey(<redacted>)");
}
