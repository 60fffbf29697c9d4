//! Security headers on every response. HTML pages get a nonce-based Content-Security-Policy from the
//! Leptos shell; everything else that lacks one gets a strict default here. No page may be framed by another
//! site, except the support widget's frame, which marks its response [`FramableByOtherSites`].

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// For responses that set no policy of their own (JSON, files, error pages).
const DEFAULT_CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// A response extension: this page is meant to be embedded by other sites (the widget's iframe). It sets its own
/// CSP `frame-ancestors`, so it gets no `X-Frame-Options: DENY`.
#[derive(Clone, Copy, Debug)]
pub struct FramableByOtherSites;

pub async fn add(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let framable = response.extensions().get::<FramableByOtherSites>().is_some();
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DEFAULT_CSP));
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    if !framable {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    headers.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    if state.config.serves_https() {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    response
}
