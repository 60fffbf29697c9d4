//! Closed-loop load: N workers, each sending its next request when the last was answered, for a number of
//! requests or for a stretch of time; and what the answers add up to.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::measure::Spread;

/// How long a run goes on.
#[derive(Clone, Copy)]
pub enum Plan {
    /// This many requests in all.
    Requests(usize),
    /// Until this much time has passed (requests under way are finished).
    For(Duration),
}

/// One answered (or failed) request.
pub struct Outcome {
    /// The request's number (what `make` was called with).
    pub n: usize,
    pub latency: Duration,
    /// 0 when the request failed before an answer.
    pub status: u16,
    pub bytes: usize,
    /// The number of hits in a JSON answer: its `total`, or the length of a JSON array.
    pub hits: Option<u64>,
}

pub struct Run {
    pub outcomes: Vec<Outcome>,
    pub elapsed: Duration,
}

/// Runs `make(n)` for n = 0, 1, 2, … on `concurrency` workers; `count_hits` reads the hits out of each answer.
pub async fn closed_loop<F>(plan: Plan, concurrency: usize, count_hits: bool, make: F) -> Run
where
    F: Fn(usize) -> reqwest::RequestBuilder + Send + Sync + 'static,
{
    let make = Arc::new(make);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::with_capacity(concurrency);
    for _ in 0..concurrency.max(1) {
        let (make, next) = (make.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut outcomes = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let more = match plan {
                    Plan::Requests(count) => n < count,
                    Plan::For(duration) => started.elapsed() < duration,
                };
                if !more {
                    break;
                }
                outcomes.push(one(n, make(n), count_hits).await);
            }
            outcomes
        }));
    }
    let mut outcomes = Vec::new();
    for worker in workers {
        if let Ok(mut done) = worker.await {
            outcomes.append(&mut done);
        }
    }
    outcomes.sort_by_key(|outcome| outcome.n);
    Run { outcomes, elapsed: started.elapsed() }
}

async fn one(n: usize, request: reqwest::RequestBuilder, count_hits: bool) -> Outcome {
    let sent = Instant::now();
    let answer = match request.send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            response.bytes().await.map(|body| (status, body))
        }
        Err(err) => Err(err),
    };
    let latency = sent.elapsed();
    match answer {
        Ok((status, body)) => {
            let hits = if count_hits && status == 200 { hits_in(&body) } else { None };
            Outcome { n, latency, status, bytes: body.len(), hits }
        }
        Err(err) => {
            eprintln!("kb-load: request {n} failed: {err}");
            Outcome { n, latency, status: 0, bytes: 0, hits: None }
        }
    }
}

fn hits_in(body: &[u8]) -> Option<u64> {
    match serde_json::from_slice::<serde_json::Value>(body).ok()? {
        serde_json::Value::Array(items) => Some(items.len() as u64),
        serde_json::Value::Object(page) => page.get("total")?.as_u64(),
        _ => None,
    }
}

/// What a set of outcomes adds up to.
pub struct Summary {
    pub requests: usize,
    /// Answered 200.
    pub ok: usize,
    /// Answered otherwise, or not at all; the first few statuses.
    pub failed: usize,
    pub failed_statuses: Vec<u16>,
    pub per_second: f64,
    pub latency: Spread,
    pub mean_bytes: f64,
    pub max_bytes: usize,
    /// Answers with no hits, of those that said.
    pub empty: usize,
    pub mean_hits: f64,
}

impl Summary {
    pub fn of<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>, elapsed: Duration) -> Summary {
        let outcomes: Vec<&Outcome> = outcomes.into_iter().collect();
        let ok: Vec<&&Outcome> = outcomes.iter().filter(|outcome| outcome.status == 200).collect();
        let mut failed_statuses: Vec<u16> =
            outcomes.iter().filter(|outcome| outcome.status != 200).map(|outcome| outcome.status).collect();
        let failed = failed_statuses.len();
        failed_statuses.sort_unstable();
        failed_statuses.dedup();
        failed_statuses.truncate(3);
        let mut latencies: Vec<Duration> = outcomes.iter().map(|outcome| outcome.latency).collect();
        let bytes: usize = ok.iter().map(|outcome| outcome.bytes).sum();
        let hits: Vec<u64> = ok.iter().filter_map(|outcome| outcome.hits).collect();
        Summary {
            requests: outcomes.len(),
            ok: ok.len(),
            failed,
            failed_statuses,
            per_second: outcomes.len() as f64 / elapsed.as_secs_f64().max(1e-3),
            latency: Spread::of(&mut latencies),
            mean_bytes: bytes as f64 / ok.len().max(1) as f64,
            max_bytes: ok.iter().map(|outcome| outcome.bytes).max().unwrap_or(0),
            empty: hits.iter().filter(|hits| **hits == 0).count(),
            mean_hits: hits.iter().sum::<u64>() as f64 / hits.len().max(1) as f64,
        }
    }

    /// "0", or "12 (429, 500)".
    pub fn failures(&self) -> String {
        if self.failed == 0 {
            return "0".to_string();
        }
        let statuses: Vec<String> = self.failed_statuses.iter().map(u16::to_string).collect();
        format!("**{}** ({})", self.failed, statuses.join(", "))
    }
}

/// Milliseconds with one decimal, in bold when above `target`.
pub fn ms_cell(ms: f64, target: Option<f64>) -> String {
    match target {
        Some(target) if ms > target => format!("**{ms:.1}**"),
        _ => format!("{ms:.1}"),
    }
}

/// Bytes as KiB with one decimal, in bold when above `target_kib`.
pub fn kib_cell(bytes: f64, target_kib: Option<f64>) -> String {
    let kib = bytes / 1024.0;
    match target_kib {
        Some(target) if kib > target => format!("**{kib:.1}**"),
        _ => format!("{kib:.1}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_come_from_a_page_or_an_array() {
        assert_eq!(hits_in(br#"{"items":[],"total":12,"page":1}"#), Some(12));
        assert_eq!(hits_in(br#"[{"slug":"a"},{"slug":"b"}]"#), Some(2));
        assert_eq!(hits_in(b"<html>"), None);
    }

    #[test]
    fn cells_mark_what_misses_its_target() {
        assert_eq!(ms_cell(25.04, Some(20.0)), "**25.0**");
        assert_eq!(ms_cell(5.0, Some(20.0)), "5.0");
        assert_eq!(kib_cell(30.0 * 1024.0, Some(20.0)), "**30.0**");
    }
}
