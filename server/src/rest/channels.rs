//! `/channels/…`: what providers and mail servers call. Each request is authenticated by its channel's shared
//! secret (compared in constant time) before its body is read for anything else.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde_json::{json, Value};
use tidings::channel::provider::secrets_match;
use tidings::service::Ingested;

use super::ApiError;
use crate::state::AppState;

/// POST /channels/email/inbound with `Authorization: Bearer <TIDINGS_EMAIL_INBOUND_SECRET>` and the raw message
/// as the body: 202 `{ticket_id, message_id}` (the same ids again for a message delivered twice), or 202
/// `{ignored}` for an auto-reply, a bounce or a mail loop.
pub async fn email_inbound(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let Some(secret) = state.config.channels.email_inbound_secret.as_deref() else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "channel_disabled", "Inbound email is not configured."));
    };
    let given = crate::identity::bearer_token(&headers).unwrap_or_default();
    if !secrets_match(secret, given) {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", "Wrong or missing inbound email secret."));
    }
    let answer = match state.services.ingest_email(&body).await? {
        Ingested::Created { ticket_id, message_id }
        | Ingested::Appended { ticket_id, message_id }
        | Ingested::Duplicate { ticket_id, message_id } => json!({"ticket_id": ticket_id, "message_id": message_id}),
        Ingested::Ignored { reason } => json!({"ignored": reason}),
    };
    Ok((StatusCode::ACCEPTED, Json(answer)))
}
