//! `/auth/*` and `/me`: signing in and out over JSON, and the caller's own account.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use tidings::domain::{Locale, User};
use tidings::service::ServiceError;

use super::extract::{Client, CurrentActor};
use super::{ApiError, ApiJson, ErrorBody};
use crate::identity::{session_cookie_header, SESSION_COOKIE};
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RegisterBody {
    pub email: String,
    pub name: String,
    pub password: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChangeBody {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MePatchBody {
    /// `en` or `de`.
    pub locale: String,
}

/// Signs in and sets the session cookie (a new session id every time).
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginBody,
    responses((status = 200, body = User), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 429, body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<Response, ApiError> {
    let signed_in = state.services.login(&body.email, &body.password, &client).await?;
    let cookie = session_cookie_header(&state, &signed_in);
    Ok(([cookie], Json(signed_in.user)).into_response())
}

/// Creates a customer account and signs it in.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterBody,
    responses((status = 201, body = User), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn register(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<RegisterBody>,
) -> Result<Response, ApiError> {
    let signed_in = state.services.register(&body.name, &body.email, &body.password, &client).await?;
    let cookie = session_cookie_header(&state, &signed_in);
    Ok((StatusCode::CREATED, [cookie], Json(signed_in.user)).into_response())
}

/// Ends the current session; its cookie stops working at once.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204), (status = 401, body = ErrorBody)))]
pub async fn logout(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    headers: axum::http::HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(token) = crate::identity::cookie(&headers, SESSION_COOKIE) {
        state.services.logout(token).await?;
    } else if actor.session_key.is_none() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "no_session",
            "API tokens have no session to end; revoke the token instead.",
        ));
    }
    Ok((StatusCode::NO_CONTENT, [crate::identity::clear_session_cookie_header(&state)]).into_response())
}

#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = User), (status = 401, body = ErrorBody)))]
pub async fn me(CurrentActor(actor): CurrentActor) -> Json<User> {
    Json(actor.user)
}

/// Changes the caller's preferences (language).
#[utoipa::path(patch, path = "/api/v1/me", tag = "auth", request_body = MePatchBody,
    responses((status = 200, body = User), (status = 422, body = ErrorBody)))]
pub async fn update_me(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<MePatchBody>,
) -> Result<Json<User>, ApiError> {
    let locale = Locale::parse(&body.locale).ok_or_else(|| {
        ServiceError::Invalid(tidings::domain::FieldError::new("locale", "unknown_locale", "Choose one of: en, de."))
    })?;
    Ok(Json(state.services.set_own_locale(&actor, locale).await?))
}

/// Changes the caller's password; every other session of theirs is signed out.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "auth", request_body = PasswordChangeBody,
    responses((status = 204), (status = 422, body = ErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<PasswordChangeBody>,
) -> Result<StatusCode, ApiError> {
    state.services.change_password(&actor, &body.current_password, &body.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}
