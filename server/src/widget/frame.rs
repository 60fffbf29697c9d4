//! `GET /widget/frame?brand=&lang=&page=&title=`: the page inside the widget's iframe. Other sites frame it, so it
//! sends its own CSP (`frame-ancestors` from `TIDINGS_WIDGET_FRAME_ANCESTORS`, default any site) and is marked
//! [`FramableByOtherSites`] so it gets no `X-Frame-Options: DENY`. Its script and styles come from this origin only.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tidings::domain::{BrandColor, Locale};
use tidings::service::ServiceError;

use super::frame_page::{render_frame, render_problem, FramePage};
use super::texts::Text;
use crate::ops::security_headers::FramableByOtherSites;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct FrameParams {
    /// The brand slug from the embed's `data-brand`; the default brand when left out.
    brand: Option<String>,
    /// `en` or `de` (a regional tag works too); else the browser's `Accept-Language`.
    lang: Option<String>,
    /// The host page's address (without query) and title, sent along with tickets as context.
    page: Option<String>,
    title: Option<String>,
}

/// Longer host addresses and titles are cut: the ticket context keeps at most 300 characters anyway.
const CONTEXT_CHARS: usize = 500;

pub async fn frame(State(state): State<AppState>, Query(params): Query<FrameParams>, headers: HeaderMap) -> Response {
    let locale = params.lang.as_deref().and_then(Locale::parse).unwrap_or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .map(Locale::from_accept_language)
            .unwrap_or_default()
    });
    let nonce = leptos::nonce::Nonce::new().to_string();
    let slug = params.brand.as_deref().map(str::trim).filter(|slug| !slug.is_empty()).unwrap_or("default");
    let (status, html) = match state.services.widget_brand(slug).await {
        Ok(brand) => {
            let user_agent = headers.get(header::USER_AGENT).and_then(|value| value.to_str().ok()).unwrap_or("");
            let (browser, os) = app::user_agent::describe(user_agent);
            let known = |part: String| if part == "Unknown" { String::new() } else { part };
            let page = FramePage {
                locale,
                color: BrandColor::parse_or_fallback(&brand.color),
                slug: brand.slug,
                name: brand.name,
                chat_available: brand.chat_available,
                page_url: cut(params.page.as_deref()),
                page_title: cut(params.title.as_deref()),
                browser: known(browser),
                os: known(os),
            };
            (StatusCode::OK, render_frame(page, &nonce))
        }
        Err(ServiceError::NotFound(_)) => {
            (StatusCode::NOT_FOUND, render_problem(locale, Text::UnknownBrandTitle, Text::UnknownBrandExplained))
        }
        Err(err) => {
            tracing::error!(error = ?err, "reading the widget's brand failed");
            (StatusCode::INTERNAL_SERVER_ERROR, render_problem(locale, Text::FailureTitle, Text::FailureExplained))
        }
    };
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    // The nonce is per response, so the page must never be served from a cache.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Lets a host page that isolates itself (`Cross-Origin-Embedder-Policy`) still frame the widget.
    headers.insert("cross-origin-resource-policy", HeaderValue::from_static("cross-origin"));
    if let Ok(policy) = HeaderValue::from_str(&frame_policy(&nonce, &state.config.widget_frame_ancestors)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response.extensions_mut().insert(FramableByOtherSites);
    response
}

/// Scripts and styles from this origin only (plus the one nonce'd style with the brand colour), REST and the
/// websocket on this origin, and framing by the configured sites.
fn frame_policy(nonce: &str, frame_ancestors: &str) -> String {
    format!(
        "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; \
         connect-src 'self' ws: wss:; form-action 'self'; base-uri 'none'; object-src 'none'; \
         frame-ancestors {frame_ancestors}"
    )
}

fn cut(value: Option<&str>) -> String {
    value.unwrap_or_default().trim().chars().take(CONTEXT_CHARS).collect()
}
