//! Logging: human-readable by default, JSON lines with TIDINGS_LOG_FORMAT=json; RUST_LOG filters.
//! Request spans record method and path only: query strings can carry emails and tokens.

use axum::http::Request;
use tracing::Span;
use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let result = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
    // A second init (tests start several servers in one process) keeps the first subscriber.
    let _ = result;
}

pub fn request_span<B>(request: &Request<B>) -> Span {
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
}
