//! `/channels/…`: what providers and mail servers call. Each request is authenticated by its channel's shared
//! secret (compared in constant time) before its body is read for anything else.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde_json::{json, Value};
use tidings::channel::provider::{secrets_match, WebhookError};
use tidings::channel::{telegram, whatsapp};
use tidings::domain::Channel;
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
        return Err(channel_disabled());
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

/// GET /channels/whatsapp/webhook: Meta's verification handshake; echoes `hub.challenge` as text when
/// `hub.verify_token` is TIDINGS_WHATSAPP_VERIFY_TOKEN, else 403.
pub async fn whatsapp_handshake(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<String, ApiError> {
    let config = state.config.channels.whatsapp.as_ref().ok_or_else(channel_disabled)?;
    let param = |name: &str| query.get(name).map(String::as_str);
    whatsapp::verify_handshake(
        param("hub.mode"),
        param("hub.verify_token"),
        param("hub.challenge"),
        &config.verify_token,
    )
    .ok_or_else(|| ApiError::new(StatusCode::FORBIDDEN, "forbidden", "Wrong verify token."))
}

/// POST /channels/whatsapp/webhook: Cloud API notifications, accepted only with a valid `X-Hub-Signature-256`
/// over the exact body (403 and nothing read otherwise). 200 once every message in it is stored (or was before);
/// 503 when media could not be fetched, so Meta delivers it again.
pub async fn whatsapp_webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let config = state.config.channels.whatsapp.as_ref().ok_or_else(channel_disabled)?;
    let signature = headers.get("x-hub-signature-256").and_then(|value| value.to_str().ok());
    if !whatsapp::verify_signature(config.app_secret.as_bytes(), &body, signature) {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", "Missing or wrong X-Hub-Signature-256."));
    }
    let events = whatsapp::parse_webhook(&body).map_err(|err| malformed(Channel::Whatsapp, &body, &err))?;
    state.services.receive_events(Channel::Whatsapp, events).await?;
    Ok(StatusCode::OK)
}

/// POST /channels/telegram/webhook: one Bot API `Update`, accepted only with the right
/// `X-Telegram-Bot-Api-Secret-Token` (403 otherwise).
pub async fn telegram_webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let config = state.config.channels.telegram.as_ref().ok_or_else(channel_disabled)?;
    let secret = headers.get("x-telegram-bot-api-secret-token").and_then(|value| value.to_str().ok());
    if !telegram::verify_secret(&config.secret, secret) {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", "Missing or wrong secret token."));
    }
    let event = telegram::parse_update(&body).map_err(|err| malformed(Channel::Telegram, &body, &err))?;
    state.services.receive_events(Channel::Telegram, vec![event]).await?;
    Ok(StatusCode::OK)
}

fn channel_disabled() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "channel_disabled", "This channel is not configured.")
}

/// 400 for a payload we cannot read, logged with whatever ids it carries so the provider's delivery can be found.
fn malformed(channel: Channel, body: &[u8], err: &WebhookError) -> ApiError {
    tracing::warn!(%channel, provider_ids = ?provider_ids(body), error = %err, "malformed webhook refused");
    ApiError::new(StatusCode::BAD_REQUEST, "malformed_payload", err.to_string())
}

/// The ids a webhook body names (`id`, `update_id`, `message_id`, at any depth), for the log.
fn provider_ids(body: &[u8]) -> Vec<String> {
    fn collect(value: &Value, found: &mut Vec<String>) {
        match value {
            Value::Object(fields) => {
                for (key, value) in fields {
                    match value {
                        Value::String(id) if key == "id" => found.push(id.clone()),
                        Value::Number(id) if key == "update_id" || key == "message_id" => found.push(id.to_string()),
                        other => collect(other, found),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| collect(item, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    if let Ok(value) = serde_json::from_slice::<Value>(body) {
        collect(&value, &mut found);
    }
    found.truncate(10);
    found
}
