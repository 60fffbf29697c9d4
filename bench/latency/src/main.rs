//! `ticket-latency`: measures what an agent waits for on a large data set, one request at a time against a running
//! Tidings (release build), and prints p50 / p95 / p99 per scenario as markdown table rows.
//!
//!   ticket-latency <base-url> <api-token> [label] [requests-per-scenario]
//!
//! BENCH_COOKIE (a signed-in agent's `Cookie` header) lets it time the server-rendered queue page as well.
//!
//! Scenarios: the queue's first page with a filter (REST and the server-rendered page), full-text search with common,
//! rare and two-word queries, and a status change (PATCH, alternating open and pending on real open tickets).

use anyhow::{bail, Context};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const WARMUP: usize = 20;

struct Bench {
    http: reqwest::Client,
    base: String,
    token: String,
    cookie: String,
}

impl Bench {
    /// API paths with the token; pages (anything outside /api) with the session cookie, as a browser would.
    async fn get(&self, path: &str) -> anyhow::Result<Value> {
        let request = self.http.get(format!("{}{path}", self.base));
        let request = if path.starts_with("/api/") {
            request.bearer_auth(&self.token)
        } else {
            request.header("cookie", &self.cookie)
        };
        let response = request.send().await?;
        let status = response.status();
        if !status.is_success() {
            bail!("GET {path}: {status}");
        }
        if response.headers().get("content-type").is_some_and(|value| value.as_bytes().starts_with(b"application/json"))
        {
            Ok(response.json().await?)
        } else {
            response.bytes().await?;
            Ok(Value::Null)
        }
    }

    async fn patch(&self, path: &str, body: Value) -> anyhow::Result<()> {
        let response =
            self.http.patch(format!("{}{path}", self.base)).bearer_auth(&self.token).json(&body).send().await?;
        if !response.status().is_success() {
            bail!("PATCH {path}: {} {}", response.status(), response.text().await.unwrap_or_default());
        }
        Ok(())
    }

    /// Runs `paths` round-robin: a warm-up, then `count` timed GETs.
    async fn time_gets(&self, paths: &[String], count: usize) -> anyhow::Result<Vec<Duration>> {
        for path in paths.iter().cycle().take(WARMUP) {
            self.get(path).await?;
        }
        let mut samples = Vec::with_capacity(count);
        for path in paths.iter().cycle().take(count) {
            let started = Instant::now();
            self.get(path).await?;
            samples.push(started.elapsed());
        }
        Ok(samples)
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

fn row(label: &str, scenario: &str, mut samples: Vec<Duration>) -> String {
    samples.sort();
    format!(
        "| {label} | {scenario} | {} | {:.1} | {:.1} | {:.1} |",
        samples.len(),
        percentile(&samples, 0.50),
        percentile(&samples, 0.95),
        percentile(&samples, 0.99)
    )
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        bail!("usage: ticket-latency <base-url> <api-token> [label] [requests-per-scenario]");
    }
    let bench = Bench {
        http: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?,
        base: args[1].trim_end_matches('/').to_string(),
        token: args[2].clone(),
        cookie: std::env::var("BENCH_COOKIE").unwrap_or_default(),
    };
    let label = args.get(3).cloned().unwrap_or_else(|| "tidings".into());
    let count: usize = args.get(4).map(|raw| raw.parse()).transpose().context("requests-per-scenario")?.unwrap_or(300);

    let queue = |query: &str| vec![format!("/api/v1/tickets?{query}&per_page=25")];
    let mut rows = Vec::new();
    let open = queue("status=new,open,pending");
    rows.push(row(&label, "queue: all open, first page (REST)", bench.time_gets(&open, count).await?));
    let mine = queue("assignee=none&status=new,open,pending&priority=high");
    rows.push(row(&label, "queue: unassigned high, first page (REST)", bench.time_gets(&mine, count).await?));
    let team = queue("team=demo-team-billing&status=open&sort=-updated_at");
    rows.push(row(&label, "queue: team + status, first page (REST)", bench.time_gets(&team, count).await?));
    if !bench.cookie.is_empty() && bench.get("/agent/tickets?status=new,open,pending").await.is_ok() {
        let page = vec!["/agent/tickets?status=new,open,pending".to_string()];
        rows.push(row(&label, "queue page, server-rendered HTML", bench.time_gets(&page, count).await?));
    }
    let searches: Vec<String> = ["rechnung", "android", "modul217", "zertifikat%20android", "ref12345"]
        .iter()
        .map(|q| format!("/api/v1/tickets?q={q}&per_page=25"))
        .collect();
    rows.push(row(
        &label,
        "search: topic words, a module, two words, a reference",
        bench.time_gets(&searches, count).await?,
    ));
    // Slow by nature (every ticket matches): a tenth as many requests.
    let everywhere = vec!["/api/v1/tickets?q=bitte&per_page=25".to_string()];
    rows.push(row(
        &label,
        "search: a word in nearly every ticket (bitte)",
        bench.time_gets(&everywhere, (count / 10).max(10)).await?,
    ));

    let open_tickets = bench.get("/api/v1/tickets?status=open&per_page=100").await?;
    let ids: Vec<String> = open_tickets["items"]
        .as_array()
        .context("ticket list")?
        .iter()
        .filter_map(|ticket| ticket["id"].as_str().map(str::to_string))
        .collect();
    if ids.is_empty() {
        bail!("no open tickets to change");
    }
    let mut samples = Vec::with_capacity(count);
    for round in 0..(count + WARMUP) {
        let id = &ids[round % ids.len()];
        let to = if (round / ids.len()) % 2 == 0 { "pending" } else { "open" };
        let started = Instant::now();
        bench.patch(&format!("/api/v1/tickets/{id}"), json!({ "status": to })).await?;
        if round >= WARMUP {
            samples.push(started.elapsed());
        }
    }
    rows.push(row(&label, "status change (PATCH)", samples));
    for line in rows {
        println!("{line}");
    }
    Ok(())
}
