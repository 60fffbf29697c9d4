//! Cross-site request forgery protection for cookie-authenticated requests: an unsafe request (POST,
//! PUT, PATCH, DELETE, server functions included) whose Origin (or, without one, Referer) is not this
//! site is refused with 403. Bearer-token requests carry no ambient credentials and are exempt.
//! Together with SameSite=Lax cookies this needs no token in forms, so plain HTML forms keep working.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::identity::bearer_token;
use crate::rest::ApiError;
use crate::state::AppState;

pub async fn refuse_cross_site(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let unsafe_method = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method && bearer_token(request.headers()).is_none() && is_cross_site(request.headers(), &state) {
        tracing::warn!(path = request.uri().path(), "refused cross-site request");
        return ApiError::new(
            axum::http::StatusCode::FORBIDDEN,
            "cross_site_request",
            "This request came from another site and was refused.",
        )
        .into_response();
    }
    next.run(request).await
}

/// Whether a browser request came from another site (by Origin, else Referer).
pub(crate) fn is_cross_site(headers: &HeaderMap, state: &AppState) -> bool {
    let claimed = header_str(headers, header::ORIGIN.as_str())
        .filter(|origin| *origin != "null")
        .or_else(|| header_str(headers, header::REFERER.as_str()));
    match claimed {
        Some(source) => !is_own_origin(source, headers, state),
        // No Origin and no Referer: not a browser form or fetch, unless the browser says otherwise.
        None => header_str(headers, "sec-fetch-site") == Some("cross-site") || headers.contains_key(header::ORIGIN),
    }
}

fn is_own_origin(source: &str, headers: &HeaderMap, state: &AppState) -> bool {
    let Ok(source) = url::Url::parse(source) else { return false };
    let authority = |url: &url::Url| url.host_str().map(|host| (host.to_string(), url.port_or_known_default()));
    if let Some(public) = &state.config.public_url {
        return source.origin() == public.origin();
    }
    // Without a configured public URL the site is whatever host the request was addressed to.
    let Some(host) = header_str(headers, header::HOST.as_str()) else { return false };
    let scheme = source.scheme();
    let Ok(own) = url::Url::parse(&format!("{scheme}://{host}")) else { return false };
    authority(&source) == authority(&own)
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}
