//! Who is calling: resolves the session cookie or bearer token once per request into an
//! `Option<Actor>` request extension (read by REST handlers and, through the request parts, by server
//! functions), and records the client's address for rate limits.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};
use tidings::service::{Actor, ClientInfo, SignedIn};

use crate::state::AppState;

pub const SESSION_COOKIE: &str = "tidings_session";
pub const LANG_COOKIE: &str = "tidings_lang";

pub async fn resolve_identity(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let client = client_info(&request, state.config.trust_proxy);
    let actor = if request.uri().path().starts_with("/pkg/") {
        None
    } else {
        match find_actor(&state, request.headers()).await {
            Ok(actor) => actor,
            Err(err) => {
                tracing::error!(error = %err, "resolving identity failed");
                None
            }
        }
    };
    request.extensions_mut().insert(actor);
    request.extensions_mut().insert(client);
    next.run(request).await
}

async fn find_actor(state: &AppState, headers: &HeaderMap) -> Result<Option<Actor>, tidings::service::ServiceError> {
    if let Some(token) = bearer_token(headers) {
        return state.services.authenticate_token(token).await;
    }
    match cookie(headers, SESSION_COOKIE) {
        Some(session) => state.services.authenticate_session(session).await,
        None => Ok(None),
    }
}

pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim()).filter(|token| !token.is_empty())
}

/// The value of cookie `name`, if the request carries it.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

fn client_info(request: &Request, trust_proxy: bool) -> ClientInfo {
    let forwarded = trust_proxy
        .then(|| {
            request.headers().get("x-forwarded-for")?.to_str().ok()?.split(',').next()?.trim().parse::<IpAddr>().ok()
        })
        .flatten();
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    ClientInfo {
        ip: forwarded.or(peer),
        user_agent: request.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_string),
    }
}

/// The `Set-Cookie` header that hands a new session to the browser.
pub fn session_cookie_header(state: &AppState, signed_in: &SignedIn) -> (HeaderName, HeaderValue) {
    let max_age = (signed_in.expires_at - tidings::service::now()).num_seconds().max(0);
    let value = session_cookie(&signed_in.session_token, max_age, state.config.serves_https());
    (header::SET_COOKIE, HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("")))
}

/// The `Set-Cookie` header that removes the session cookie.
pub fn clear_session_cookie_header(state: &AppState) -> (HeaderName, HeaderValue) {
    let value = session_cookie("", 0, state.config.serves_https());
    (header::SET_COOKIE, HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("")))
}

/// A `Set-Cookie` value for the session: HttpOnly, SameSite=Lax, Secure over https.
pub fn session_cookie(value: &str, max_age_secs: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cookies_and_bearer_tokens() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; tidings_session=abc; tidings_lang=de"));
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer tid_123"));
        assert_eq!(cookie(&headers, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&headers, LANG_COOKIE), Some("de"));
        assert_eq!(cookie(&headers, "missing"), None);
        assert_eq!(bearer_token(&headers), Some("tid_123"));
    }

    #[test]
    fn session_cookies_are_http_only_lax_and_secure_over_https() {
        let cookie = session_cookie("v", 60, true);
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.ends_with("; Secure"));
        assert!(!session_cookie("v", 60, false).contains("Secure"));
    }
}
