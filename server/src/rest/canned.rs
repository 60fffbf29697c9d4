//! `/canned-responses`: agents' saved replies, and filling one in for a ticket.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use tidings::domain::{CannedResponse, FieldError, RenderedCanned};
use tidings::service::{CannedResponseChanges, CannedResponseInput, ServiceError};

use super::extract::{ApiQuery, CurrentActor, Page};
use super::{ApiError, ApiJson, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct CannedListParams {
    /// Text to find in titles and bodies, ignoring case.
    pub q: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCannedBody {
    /// 1 to 120 characters.
    pub title: String,
    /// 1 to 10,000 characters; may use placeholders such as `{{customer.name}}`.
    pub body: String,
    /// Offer it to every agent (default: personal).
    #[serde(default)]
    pub shared: bool,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CannedPatchBody {
    pub title: Option<String>,
    pub body: Option<String>,
    pub shared: Option<bool>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct RenderParams {
    /// The ticket whose customer, number and subject fill the placeholders.
    pub ticket_id: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/canned-responses", tag = "canned_responses", params(CannedListParams),
    responses((status = 200, body = Page<CannedResponse>), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiQuery(params): ApiQuery<CannedListParams>,
) -> Result<Json<Page<CannedResponse>>, ApiError> {
    Ok(Json(Page::whole(state.services.list_canned_responses(&actor, params.q.as_deref()).await?)))
}

#[utoipa::path(post, path = "/api/v1/canned-responses", tag = "canned_responses", request_body = NewCannedBody,
    responses((status = 201, body = CannedResponse), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<NewCannedBody>,
) -> Result<(StatusCode, Json<CannedResponse>), ApiError> {
    let input = CannedResponseInput { title: body.title, body: body.body, shared: body.shared };
    Ok((StatusCode::CREATED, Json(state.services.create_canned_response(&actor, input).await?)))
}

#[utoipa::path(patch, path = "/api/v1/canned-responses/{id}", tag = "canned_responses", request_body = CannedPatchBody,
    params(("id" = String, Path, description = "canned response id")),
    responses((status = 200, body = CannedResponse), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CannedPatchBody>,
) -> Result<Json<CannedResponse>, ApiError> {
    let changes = CannedResponseChanges { title: body.title, body: body.body, shared: body.shared };
    Ok(Json(state.services.update_canned_response(&actor, &id, changes).await?))
}

#[utoipa::path(delete, path = "/api/v1/canned-responses/{id}", tag = "canned_responses",
    params(("id" = String, Path, description = "canned response id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.services.delete_canned_response(&actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The response with its placeholders filled from a ticket (`{title, body}`).
#[utoipa::path(get, path = "/api/v1/canned-responses/{id}/render", tag = "canned_responses",
    params(("id" = String, Path, description = "canned response id"), RenderParams),
    responses((status = 200, body = RenderedCanned), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn render(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    ApiQuery(params): ApiQuery<RenderParams>,
) -> Result<Json<RenderedCanned>, ApiError> {
    let ticket_id = params.ticket_id.filter(|id| !id.trim().is_empty()).ok_or_else(|| {
        ServiceError::from(FieldError::new("ticket_id", "required", "Name the ticket to fill the response in for."))
    })?;
    Ok(Json(state.services.render_canned_response(&actor, &id, &ticket_id).await?))
}
