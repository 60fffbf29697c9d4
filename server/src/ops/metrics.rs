//! Prometheus metrics: request counts and latency per route template and status class, and the
//! process's resident memory. Labels use route templates (`/api/v1/users/{id}`), never raw paths, so
//! the number of series stays bounded.

use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

use crate::state::AppState;

const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Default)]
struct Series {
    count: u64,
    sum_secs: f64,
    buckets: [u64; BUCKETS.len()],
}

#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, &'static str), Series>>,
}

impl Metrics {
    fn observe(&self, method: &str, route: &str, status_class: &'static str, secs: f64) {
        let mut requests = self.requests.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let series = requests.entry((method.to_string(), route.to_string(), status_class)).or_default();
        series.count += 1;
        series.sum_secs += secs;
        for (bucket, bound) in series.buckets.iter_mut().zip(BUCKETS) {
            if secs <= bound {
                *bucket += 1;
            }
        }
    }

    /// The Prometheus text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let requests = self.requests.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        out.push_str(
            "# HELP tidings_http_requests_total HTTP requests answered.\n# TYPE tidings_http_requests_total counter\n",
        );
        for ((method, route, status), series) in requests.iter() {
            let _ = writeln!(
                out,
                "tidings_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {}",
                series.count
            );
        }
        out.push_str("# HELP tidings_http_request_duration_seconds Time to answer.\n# TYPE tidings_http_request_duration_seconds histogram\n");
        for ((method, route, status), series) in requests.iter() {
            let labels = format!("method=\"{method}\",route=\"{route}\",status=\"{status}\"");
            for (bound, count) in BUCKETS.iter().zip(series.buckets) {
                let _ =
                    writeln!(out, "tidings_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {count}");
            }
            let _ =
                writeln!(out, "tidings_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}", series.count);
            let _ = writeln!(out, "tidings_http_request_duration_seconds_sum{{{labels}}} {}", series.sum_secs);
            let _ = writeln!(out, "tidings_http_request_duration_seconds_count{{{labels}}} {}", series.count);
        }
        if let Some(rss) = resident_memory_bytes() {
            out.push_str(
                "# HELP process_resident_memory_bytes Resident memory.\n# TYPE process_resident_memory_bytes gauge\n",
            );
            let _ = writeln!(out, "process_resident_memory_bytes {rss}");
        }
        let _ = writeln!(
            out,
            "# TYPE tidings_build_info gauge\ntidings_build_info{{version=\"{}\"}} 1",
            env!("CARGO_PKG_VERSION")
        );
        out
    }
}

fn resident_memory_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", |path| path.as_str()).to_string();
    let response = next.run(request).await;
    let status_class = match response.status().as_u16() {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    };
    state.metrics.observe(&method, &route, status_class, started.elapsed().as_secs_f64());
    response
}

pub async fn expose(State(state): State<AppState>) -> Response {
    let mut text = state.metrics.render();
    text.push_str(
        "# HELP tidings_live_sockets Websockets connected to this instance.\n# TYPE tidings_live_sockets gauge\n",
    );
    text.push_str(&format!("tidings_live_sockets {}\n", state.services.live_socket_count()));
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], text).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_and_cumulative_buckets() {
        let metrics = Metrics::default();
        metrics.observe("GET", "/api/v1/me", "2xx", 0.003);
        metrics.observe("GET", "/api/v1/me", "2xx", 0.2);
        let text = metrics.render();
        assert!(text.contains("tidings_http_requests_total{method=\"GET\",route=\"/api/v1/me\",status=\"2xx\"} 2"));
        assert!(text.contains("le=\"0.0025\"} 0"));
        assert!(text.contains("le=\"0.005\"} 1"));
        assert!(text.contains("le=\"0.25\"} 2"));
    }
}
