//! `/chats` and availability: the agents' side of live chat, on the same services as `/agent/chats`.

use axum::extract::{Path, State};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tidings::domain::live::{AgentLoad, Availability};
use tidings::domain::{FieldError, Ticket};
use tidings::service::{ChatTransfer, ServiceError};

use super::extract::CurrentActor;
use super::{ApiError, ApiJson, ErrorBody};
use crate::state::AppState;

#[derive(Serialize, utoipa::ToSchema)]
pub struct WaitingChatBody {
    #[serde(flatten)]
    pub ticket: Ticket,
    pub waiting_since: DateTime<Utc>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ChatQueueBody {
    /// Unassigned chats, longest waiting first.
    pub waiting: Vec<WaitingChatBody>,
    /// The caller's unfinished chats.
    pub mine: Vec<Ticket>,
}

#[utoipa::path(get, path = "/api/v1/chats", tag = "chats",
    responses((status = 200, body = ChatQueueBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn queue(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<ChatQueueBody>, ApiError> {
    let waiting = state.services.waiting_chats(&actor).await?;
    let mine = state.services.my_chats(&actor).await?;
    let waiting =
        waiting.into_iter().map(|chat| WaitingChatBody { ticket: chat.ticket, waiting_since: chat.waiting_since });
    Ok(Json(ChatQueueBody { waiting: waiting.collect(), mine }))
}

#[utoipa::path(post, path = "/api/v1/chats/{id}/accept", tag = "chats", params(("id" = String, Path, description = "ticket id")),
    responses((status = 200, description = "the chat, now assigned to the caller", body = Ticket),
              (status = 404, body = ErrorBody), (status = 409, description = "`chat_taken` or `chat_limit_reached`", body = ErrorBody)))]
pub async fn accept(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<Json<Ticket>, ApiError> {
    Ok(Json(state.services.accept_chat(&actor, &id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferBody {
    pub agent_id: Option<String>,
    pub team_id: Option<String>,
    /// Left on the chat as an internal note.
    pub note: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/chats/{id}/transfer", tag = "chats", params(("id" = String, Path, description = "ticket id")),
    request_body = TransferBody,
    responses((status = 200, body = Ticket), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn transfer(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TransferBody>,
) -> Result<Json<Ticket>, ApiError> {
    let transfer = ChatTransfer { agent_id: body.agent_id, team_id: body.team_id, note: body.note };
    Ok(Json(state.services.transfer_chat(&actor, &id, transfer).await?))
}

#[utoipa::path(post, path = "/api/v1/chats/{id}/end", tag = "chats", params(("id" = String, Path, description = "ticket id")),
    responses((status = 200, description = "the chat, resolved", body = Ticket), (status = 404, body = ErrorBody)))]
pub async fn end(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<Json<Ticket>, ApiError> {
    Ok(Json(state.services.end_chat(&actor, &id).await?))
}

#[utoipa::path(post, path = "/api/v1/chats/{id}/convert", tag = "chats", params(("id" = String, Path, description = "ticket id")),
    responses((status = 200, description = "the chat as a pending follow-up ticket", body = Ticket), (status = 404, body = ErrorBody)))]
pub async fn convert(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<Json<Ticket>, ApiError> {
    Ok(Json(state.services.convert_chat_to_ticket(&actor, &id).await?))
}

#[derive(Deserialize, Serialize, utoipa::ToSchema)]
pub struct AvailabilityBody {
    /// `online`, `away` or `offline`.
    pub availability: String,
    /// The most chats at once (0 to 50); unchanged when left out.
    pub max_chats: Option<u32>,
}

#[utoipa::path(put, path = "/api/v1/me/availability", tag = "chats", request_body = AvailabilityBody,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_availability(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<AvailabilityBody>,
) -> Result<axum::http::StatusCode, ApiError> {
    let availability = Availability::parse(body.availability.trim()).ok_or_else(|| {
        ServiceError::from(FieldError::new("availability", "unknown_availability", "Choose online, away or offline."))
    })?;
    state.services.set_availability(&actor, availability, body.max_chats).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/agents/availability", tag = "chats",
    responses((status = 200, body = Vec<AgentLoad>), (status = 403, body = ErrorBody)))]
pub async fn list_availability(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<Vec<AgentLoad>>, ApiError> {
    Ok(Json(state.services.agent_availability(&actor).await?))
}
