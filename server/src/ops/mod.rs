//! Operations: health and readiness probes, Prometheus metrics, security headers, logging.

pub mod metrics;
pub mod security_headers;
pub mod telemetry;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::state::AppState;

/// Liveness: the process answers.
pub async fn healthz() -> Json<serde_json::Value> {
    Json(json!({"status": "ok"}))
}

/// Readiness: the database answers too.
pub async fn readyz(State(state): State<AppState>) -> Response {
    match state.services.check_ready().await {
        // Without cross-instance notifications this instance's sockets miss other instances' events until the
        // listener is back (then they catch up from the log): out of rotation until then.
        Ok(()) if !state.services.live_notifications_flowing() => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "degraded", "database": "ok", "live": "reconnecting"})),
        )
            .into_response(),
        Ok(()) => Json(json!({"status": "ok", "database": "ok", "live": "ok"})).into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({"status": "unavailable", "database": "unreachable"})))
                .into_response()
        }
    }
}
