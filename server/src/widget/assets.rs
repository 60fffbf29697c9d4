//! The widget's static files, built into the binary: the loader other sites embed (`/widget.js`) and the frame's
//! script and stylesheet. Built in rather than read from the site directory so that the loader's address, which other
//! sites hard-code, always answers with the headers it needs (JavaScript type, cross-origin loading allowed, an
//! ETag); the same files sit in `public/`, which cargo-leptos copies to the site as usual.

use axum::extract::RawQuery;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// A file served from memory, fingerprinted by its content.
pub struct Asset {
    body: &'static str,
    content_type: &'static str,
    fingerprint: u64,
}

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

/// `/widget.js`: the loader host pages embed.
pub const LOADER: Asset = Asset::new(include_str!("../../../public/widget.js"), JAVASCRIPT);
/// `/widget-frame.js`: the frame page's script.
pub const FRAME_SCRIPT: Asset = Asset::new(include_str!("../../../public/widget-frame.js"), JAVASCRIPT);
/// `/widget-frame.css`: the frame page's stylesheet.
pub const FRAME_STYLE: Asset = Asset::new(include_str!("../../../public/widget-frame.css"), CSS);

/// Other sites cache the loader for an hour, then revalidate by ETag: a new release reaches them within the hour.
const LOADER_CACHE: &str = "public, max-age=3600, stale-while-revalidate=86400";
/// The frame links its files with `?v=<fingerprint>`, so such an address never changes content.
const VERSIONED_CACHE: &str = "public, max-age=31536000, immutable";
const UNVERSIONED_CACHE: &str = "public, no-cache";

impl Asset {
    const fn new(body: &'static str, content_type: &'static str) -> Asset {
        Asset { body, content_type, fingerprint: fnv1a(body.as_bytes()) }
    }

    /// The content's fingerprint, for `?v=` in the frame's links.
    pub fn version(&self) -> String {
        format!("{:016x}", self.fingerprint)
    }

    fn etag(&self) -> String {
        format!("\"{}\"", self.version())
    }

    /// The file, or 304 when the browser's copy (by `If-None-Match`) is current.
    fn respond(&self, request: &HeaderMap, cache_control: &'static str) -> Response {
        let etag = self.etag();
        let fresh = request
            .get(header::IF_NONE_MATCH)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == etag || tag.trim() == "*"));
        let mut response = if fresh { StatusCode::NOT_MODIFIED.into_response() } else { self.body.into_response() };
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(self.content_type));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
        if let Ok(etag) = HeaderValue::from_str(&etag) {
            headers.insert(header::ETAG, etag);
        }
        response
    }
}

/// FNV-1a, computed at compile time: stable across builds of the same file, which is all a fingerprint needs.
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut index = 0;
    while index < bytes.len() {
        hash ^= bytes[index] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        index += 1;
    }
    hash
}

/// `GET /widget.js`: loaded by `<script>` on other sites, so it allows cross-origin loading (also under the host's
/// `Cross-Origin-Embedder-Policy`) and CORS reads (for hosts that add `crossorigin` to the tag).
pub async fn loader(headers: HeaderMap) -> Response {
    let mut response = LOADER.respond(&headers, LOADER_CACHE);
    let headers = response.headers_mut();
    headers.insert("cross-origin-resource-policy", HeaderValue::from_static("cross-origin"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    response
}

/// `GET /widget-frame.js`.
pub async fn frame_script(RawQuery(query): RawQuery, headers: HeaderMap) -> Response {
    serve_versioned(&FRAME_SCRIPT, query.as_deref(), &headers)
}

/// `GET /widget-frame.css`.
pub async fn frame_style(RawQuery(query): RawQuery, headers: HeaderMap) -> Response {
    serve_versioned(&FRAME_STYLE, query.as_deref(), &headers)
}

fn serve_versioned(asset: &Asset, query: Option<&str>, headers: &HeaderMap) -> Response {
    let versioned = query.is_some_and(|query| query == format!("v={}", asset.version()));
    asset.respond(headers, if versioned { VERSIONED_CACHE } else { UNVERSIONED_CACHE })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_follow_the_content() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c, "the published FNV-1a 64 value");
        assert_ne!(LOADER.version(), FRAME_SCRIPT.version());
        assert_eq!(LOADER.version().len(), 16);
    }
}
