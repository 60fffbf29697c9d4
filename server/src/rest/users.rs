//! `/users`: account management for admins.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use tidings::domain::User;
use tidings::service::{NewUserInput, UserChanges};

use super::extract::{ApiQuery, CurrentActor, Page, PageQuery};
use super::{ApiError, ApiJson, ErrorBody};
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewUserBody {
    pub email: String,
    pub name: String,
    /// customer, agent, supervisor or admin.
    pub role: String,
    pub password: String,
    /// en or de (default en).
    pub locale: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatchBody {
    pub name: Option<String>,
    pub role: Option<String>,
    pub active: Option<bool>,
    pub team_ids: Option<Vec<String>>,
    pub locale: Option<String>,
    pub password: Option<String>,
    /// Routing capacity: the most tickets plus chats routing gives this agent at once (0 to 10 000).
    pub max_tickets: Option<i64>,
    /// A customer segment such as `vip` (routed first); null or "" clears it.
    #[serde(default, deserialize_with = "super::tickets::present_or_null")]
    #[schema(value_type = Option<String>)]
    pub segment: Option<Option<String>>,
}

#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(PageQuery),
    responses((status = 200, body = Page<User>), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<Page<User>>, ApiError> {
    let request = query.request();
    let listed = state.services.list_users(&actor, request).await?;
    Ok(Json(Page::new(listed, request)))
}

#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUserBody,
    responses((status = 201, body = User), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<NewUserBody>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    let input = NewUserInput {
        name: body.name,
        email: body.email,
        role: body.role,
        password: body.password,
        locale: body.locale,
    };
    Ok((StatusCode::CREATED, Json(state.services.create_user(&actor, input).await?)))
}

#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", request_body = UserPatchBody,
    params(("id" = String, Path, description = "user id")),
    responses((status = 200, body = User), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UserPatchBody>,
) -> Result<Json<User>, ApiError> {
    let changes = UserChanges {
        name: body.name,
        role: body.role,
        active: body.active,
        team_ids: body.team_ids,
        locale: body.locale,
        password: body.password,
        max_tickets: body.max_tickets,
        segment: body.segment,
    };
    Ok(Json(state.services.update_user(&actor, &id, changes).await?))
}
