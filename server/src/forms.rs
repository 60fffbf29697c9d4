//! Plain HTML form endpoints for signing in, registering, signing out and choosing a language. They
//! answer with redirects (303), so they work with JavaScript off; errors travel back to the page as
//! `?error=<code>&field=<field>`, which the page translates and shows next to the field.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use tidings::domain::Locale;
use tidings::service::{Actor, ClientInfo, ServiceError};

use crate::identity::{clear_session_cookie_header, cookie, session_cookie_header, LANG_COOKIE, SESSION_COOKIE};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn login(
    State(state): State<AppState>,
    Extension(client): Extension<ClientInfo>,
    Form(form): Form<LoginForm>,
) -> Response {
    match state.services.login(&form.email, &form.password, &client).await {
        Ok(signed_in) => {
            let target =
                form.next.as_deref().filter(|next| is_local_path(next)).unwrap_or(signed_in.user.role.home_path());
            let cookie = session_cookie_header(&state, &signed_in);
            ([cookie], Redirect::to(target)).into_response()
        }
        Err(err) => {
            let mut query = error_query(&err);
            push_param(&mut query, "email", form.email.trim());
            if let Some(next) = form.next.as_deref().filter(|next| is_local_path(next)) {
                push_param(&mut query, "next", next);
            }
            Redirect::to(&format!("/login?{query}")).into_response()
        }
    }
}

pub async fn register(
    State(state): State<AppState>,
    Extension(client): Extension<ClientInfo>,
    Form(form): Form<RegisterForm>,
) -> Response {
    match state.services.register(&form.name, &form.email, &form.password, &client).await {
        Ok(signed_in) => {
            let cookie = session_cookie_header(&state, &signed_in);
            ([cookie], Redirect::to(signed_in.user.role.home_path())).into_response()
        }
        Err(err) => {
            let mut query = error_query(&err);
            push_param(&mut query, "name", form.name.trim());
            push_param(&mut query, "email", form.email.trim());
            Redirect::to(&format!("/register?{query}")).into_response()
        }
    }
}

pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        if let Err(err) = state.services.logout(token).await {
            tracing::error!(error = %err, "ending session failed");
        }
    }
    ([clear_session_cookie_header(&state)], Redirect::to("/login")).into_response()
}

/// Remembers the chosen language in a cookie (and on the account, when signed in).
pub async fn choose_language(
    State(state): State<AppState>,
    Extension(actor): Extension<Option<Actor>>,
    Path(tag): Path<String>,
    Query(query): Query<NextQuery>,
) -> Response {
    let locale = Locale::parse(&tag).unwrap_or_default();
    if let Some(actor) = &actor {
        if let Err(err) = state.services.set_own_locale(actor, locale).await {
            tracing::warn!(error = %err, "saving language preference failed");
        }
    }
    let target = query.next.as_deref().filter(|next| is_local_path(next)).unwrap_or("/");
    let secure = if state.config.serves_https() { "; Secure" } else { "" };
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}", locale.as_str());
    let cookie = HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""));
    ([(header::SET_COOKIE, cookie)], Redirect::to(target)).into_response()
}

/// Only paths on this site may be redirect targets (no `//evil.example`, no `https://…`).
pub(crate) fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control)
}

pub(crate) fn error_query(err: &ServiceError) -> String {
    if let ServiceError::Internal(detail) = err {
        tracing::error!(detail = %detail, "form submission failed");
    }
    let mut query = String::new();
    push_param(&mut query, "error", err.code());
    if let Some(field) = err.field() {
        push_param(&mut query, "field", field);
    }
    query
}

pub(crate) fn push_param(query: &mut String, key: &str, value: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(key);
    query.push('=');
    query.extend(url::form_urlencoded::byte_serialize(value.as_bytes()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_redirect_targets() {
        assert!(is_local_path("/agent"));
        assert!(is_local_path("/admin/teams?x=1"));
        for bad in ["//evil.example", "https://evil.example", "evil", "/\\evil.example", "/a\r\nSet-Cookie: x"] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }

    #[test]
    fn error_queries_carry_code_field_and_escaped_values() {
        let mut query = error_query(&ServiceError::InvalidCredentials);
        push_param(&mut query, "email", "a+b@example.com&x=1");
        assert_eq!(query, "error=invalid_credentials&field=password&email=a%2Bb%40example.com%26x%3D1");
    }
}
