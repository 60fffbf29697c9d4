//! `/teams` and `/tokens`: teams of agents, and the caller's API tokens.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use tidings::domain::{ApiToken, NewApiToken, Team};

use super::extract::{CurrentActor, Page};
use super::{ApiError, ApiJson, ErrorBody};
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NameBody {
    pub name: String,
}

#[utoipa::path(get, path = "/api/v1/teams", tag = "teams",
    responses((status = 200, body = Page<Team>), (status = 403, body = ErrorBody)))]
pub async fn list_teams(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<Page<Team>>, ApiError> {
    Ok(Json(Page::whole(state.services.list_teams(&actor).await?)))
}

#[utoipa::path(post, path = "/api/v1/teams", tag = "teams", request_body = NameBody,
    responses((status = 201, body = Team), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create_team(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<NameBody>,
) -> Result<(StatusCode, Json<Team>), ApiError> {
    Ok((StatusCode::CREATED, Json(state.services.create_team(&actor, &body.name).await?)))
}

/// Creates an API token; the secret is in this answer only.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens", request_body = NameBody,
    responses((status = 201, body = NewApiToken), (status = 403, body = ErrorBody)))]
pub async fn create_token(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<NameBody>,
) -> Result<(StatusCode, Json<NewApiToken>), ApiError> {
    Ok((StatusCode::CREATED, Json(state.services.create_api_token(&actor, &body.name).await?)))
}

#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens",
    responses((status = 200, body = Page<ApiToken>), (status = 403, body = ErrorBody)))]
pub async fn list_tokens(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<Page<ApiToken>>, ApiError> {
    Ok(Json(Page::whole(state.services.list_api_tokens(&actor).await?)))
}

#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens", params(("id" = String, Path, description = "token id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.services.revoke_api_token(&actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
