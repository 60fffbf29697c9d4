//! Working several tickets at once: merge a duplicate, split a thread, bulk changes from the queue.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use tidings::domain::Ticket;
use tidings::service::{BulkUpdate, ServiceError, SplitInput};

use super::extract::CurrentActor;
use super::tickets::present_or_null;
use super::{ApiError, ApiJson, ErrorBody};
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    /// The ticket that carries on; it receives the messages and tags.
    pub into_id: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SplitBody {
    /// Messages of this ticket to move to the new one (some, not all).
    pub message_ids: Vec<String>,
    /// Defaults to "<old subject> (split)".
    pub subject: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkBody {
    /// At most 100 ticket ids.
    pub ids: Vec<String>,
    pub status: Option<String>,
    /// A user id, or null to unassign.
    #[serde(default, deserialize_with = "present_or_null")]
    #[schema(value_type = Option<String>)]
    pub assignee_id: Option<Option<String>>,
    /// A team id, or null to clear.
    #[serde(default, deserialize_with = "present_or_null")]
    #[schema(value_type = Option<String>)]
    pub team_id: Option<Option<String>>,
}

/// `{updated: [ticket...], failed: [{id, error: {code, message, field?}}]}`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct BulkResult {
    pub updated: Vec<Ticket>,
    pub failed: Vec<BulkFailed>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct BulkFailed {
    pub id: String,
    pub error: BulkError,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct BulkError {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl From<ServiceError> for BulkError {
    fn from(err: ServiceError) -> Self {
        if let ServiceError::Internal(detail) = &err {
            tracing::error!(detail = %detail, "internal error in a bulk change");
        }
        BulkError { code: err.code().to_string(), message: err.to_string(), field: err.field().map(str::to_string) }
    }
}

/// Merges this ticket into `into_id`: its messages move there, it is closed and points at the target.
#[utoipa::path(post, path = "/api/v1/tickets/{id}/merge", tag = "tickets", request_body = MergeBody,
    params(("id" = String, Path, description = "the ticket to merge away")),
    responses((status = 200, description = "the target ticket", body = Ticket), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn merge(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MergeBody>,
) -> Result<Json<Ticket>, ApiError> {
    Ok(Json(state.services.merge_ticket(&actor, &id, &body.into_id).await?))
}

/// Moves some messages of this ticket to a new ticket of the same customer.
#[utoipa::path(post, path = "/api/v1/tickets/{id}/split", tag = "tickets", request_body = SplitBody,
    params(("id" = String, Path, description = "the ticket to split")),
    responses((status = 201, description = "the new ticket", body = Ticket), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn split(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<SplitBody>,
) -> Result<(StatusCode, Json<Ticket>), ApiError> {
    let input = SplitInput { message_ids: body.message_ids, subject: body.subject };
    Ok((StatusCode::CREATED, Json(state.services.split_ticket(&actor, &id, input).await?)))
}

/// Applies one status, assignee or team to many tickets; each that fails is listed with why.
#[utoipa::path(post, path = "/api/v1/tickets/bulk", tag = "tickets", request_body = BulkBody,
    responses((status = 200, body = BulkResult), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn bulk(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<BulkBody>,
) -> Result<Json<BulkResult>, ApiError> {
    let update =
        BulkUpdate { ids: body.ids, status: body.status, assignee_id: body.assignee_id, team_id: body.team_id };
    let outcome = state.services.bulk_update(&actor, update).await?;
    Ok(Json(BulkResult {
        updated: outcome.updated,
        failed: outcome
            .failed
            .into_iter()
            .map(|failure| BulkFailed { id: failure.id, error: failure.error.into() })
            .collect(),
    }))
}
