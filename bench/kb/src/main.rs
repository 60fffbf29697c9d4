//! `kb-load`: load on the knowledge base of a running Tidings (release build, on this machine), over HTTP:
//!
//! 1. seeding: `--articles` generated articles in English and each one's German translation (300-500 words of
//!    markdown from a fixed vocabulary, a seeded generator), POSTed published to /api/v1/kb/articles by
//!    `--seed-concurrency` workers;
//! 2. search: `--queries` queries of five kinds (whole title words, prefixes, one typo, German without umlauts,
//!    two words) on GET /api/v1/kb/articles?lang=&q=&status=published at each of `--concurrency`; the answers'
//!    size and hits; then `--suggests` title prefixes on GET /api/v1/kb/suggest;
//! 3. the help center's article page, GET /help/en/articles/{slug} (server-rendered), for `--page-seconds`
//!    at `--page-concurrency`, anonymously.
//!
//! Every API call carries an admin's API token (staff are not rate limited; the status filter then has to be
//! given to search as the public does). Prints markdown table rows to stdout, each after a tag and a tab (`seed`,
//! `search`, `kind`, `suggest`, `page`) so bench/kb.sh can sort them into tables; progress goes to stderr.

mod corpus;
mod load;
#[allow(dead_code)] // bench/live's helpers; this tool reads only the server's CPU time.
#[path = "../../live/src/measure.rs"]
mod measure;
mod queries;
mod seed;
mod vocab;

use anyhow::bail;
use clap::Parser;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION};
use std::sync::Arc;
use std::time::Duration;

use load::{closed_loop, kib_cell, ms_cell, Plan, Summary};
use measure::{CpuWindow, Spread};
use queries::{search_queries, suggest_queries, Kind, Query, Titles};

/// The targets: search answers within 20 ms (p95) and under 20 KiB.
const TARGET_P95_MS: f64 = 20.0;
const TARGET_KIB: f64 = 20.0;
/// A request still unanswered after this counts as failed (status 0) rather than holding up the run.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Parser)]
#[command(about = "Load benchmark of Tidings' knowledge base")]
struct Args {
    /// The server, http://127.0.0.1:PORT.
    #[arg(long)]
    base: String,
    /// An admin's API token (POST /api/v1/tokens).
    #[arg(long, env = "KB_LOAD_TOKEN", hide_env_values = true)]
    token: String,
    /// The server's process id, for its CPU time.
    #[arg(long)]
    server_pid: u32,
    /// The name of the database in the rows.
    #[arg(long, default_value = "SQLite")]
    label: String,
    /// English articles to create (each also gets a German translation).
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    #[arg(long, default_value_t = 4)]
    seed_concurrency: usize,
    /// The generator's seed (same seed, same articles and queries).
    #[arg(long, default_value_t = 20_260_611)]
    seed: u64,
    /// Search queries per concurrency level.
    #[arg(long, default_value_t = 2_000)]
    queries: usize,
    #[arg(long, value_delimiter = ',', default_values_t = [1, 8])]
    concurrency: Vec<usize>,
    /// Autocomplete requests per concurrency level.
    #[arg(long, default_value_t = 1_000)]
    suggests: usize,
    #[arg(long, default_value_t = 10)]
    page_seconds: u64,
    #[arg(long, default_value_t = 8)]
    page_concurrency: usize,
    /// Do not seed: the database already holds the articles of an earlier run with the same `--articles` and
    /// `--seed` (their English slugs are read back from the API).
    #[arg(long)]
    reuse: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut headers = HeaderMap::new();
    headers.insert(AUTHORIZATION, HeaderValue::from_str(&format!("Bearer {}", args.token))?);
    let staff = reqwest::Client::builder().default_headers(headers).timeout(REQUEST_TIMEOUT).build()?;
    let anonymous =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).timeout(REQUEST_TIMEOUT).build()?;
    let nonce = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis().to_string();
    let label = args.label.clone();

    let english_slugs = if args.reuse {
        let slugs = seed::published_english_slugs(&staff, &args.base).await?;
        eprintln!("kb-load: [{label}] reusing the {} English articles already there", slugs.len());
        slugs
    } else {
        seed_and_report(&args, &staff, &nonce).await?
    };
    if english_slugs.is_empty() {
        bail!("no article could be created");
    }

    let titles = Arc::new(Titles::of(args.seed, args.articles));
    search(&args, &staff, &titles).await?;
    suggest(&args, &staff, &titles).await?;
    pages(&args, &anonymous, &english_slugs).await
}

/// Seeds the articles and prints the seeding row; the English slugs created.
async fn seed_and_report(args: &Args, staff: &reqwest::Client, nonce: &str) -> anyhow::Result<Vec<String>> {
    let label = &args.label;
    let categories = seed::create_categories(staff, &args.base, nonce).await?;
    eprintln!(
        "kb-load: [{label}] seeding {} articles in English and German, {} at a time",
        args.articles, args.seed_concurrency
    );
    let cpu = CpuWindow::process(args.server_pid)?;
    let mut seeded =
        seed::seed_articles(staff, &args.base, args.seed, args.articles, args.seed_concurrency, &categories).await?;
    let server_cpu = cpu.percent()?;
    let post = Spread::of(&mut seeded.latencies);
    println!(
        "seed\t| {label} | {} | {} | {:.1} s | {:.0} | {:.1} | {:.1} | {:.1} | {:.1} | {server_cpu:.0} % |",
        seeded.created,
        seeded.failed,
        seeded.elapsed.as_secs_f64(),
        seeded.created as f64 / seeded.elapsed.as_secs_f64().max(1e-3),
        post.p50,
        post.p95,
        post.p99,
        post.max,
    );
    Ok(seeded.english_slugs)
}

/// GET /api/v1/kb/articles?lang=&q=&status=published, `n` going round the queries.
fn search_request(
    http: &reqwest::Client,
    base: &str,
    queries: &Arc<Vec<Query>>,
) -> impl Fn(usize) -> reqwest::RequestBuilder + Send + Sync + 'static {
    let (http, url, queries) = (http.clone(), format!("{base}/api/v1/kb/articles"), queries.clone());
    move |n| {
        let query = &queries[n % queries.len()];
        http.get(&url).query(&[("lang", query.lang), ("q", query.q.as_str()), ("status", "published")])
    }
}

async fn search(args: &Args, http: &reqwest::Client, titles: &Arc<Titles>) -> anyhow::Result<()> {
    let label = &args.label;
    let queries = Arc::new(search_queries(titles, args.seed, args.queries));
    // Warm-up (caches, connections) on other queries than the measured ones.
    let warm = Arc::new(search_queries(titles, args.seed ^ 1, 200));
    let warm_run = closed_loop(Plan::Requests(warm.len()), 4, true, search_request(http, &args.base, &warm)).await;
    let warm_summary = Summary::of(&warm_run.outcomes, warm_run.elapsed);
    if warm_summary.ok == 0 {
        bail!("search answered no query (statuses {:?})", warm_summary.failed_statuses);
    }
    for &concurrency in &args.concurrency {
        eprintln!("kb-load: [{label}] {} searches, {concurrency} at a time", queries.len());
        let cpu = CpuWindow::process(args.server_pid)?;
        let run =
            closed_loop(Plan::Requests(queries.len()), concurrency, true, search_request(http, &args.base, &queries))
                .await;
        let server_cpu = cpu.percent()?;
        let all = Summary::of(&run.outcomes, run.elapsed);
        println!(
            "search\t| {label} | {concurrency} | {} | {:.0} | {:.1} | {} | {:.1} | {:.1} | {} | {} | {} / {} | {} | {server_cpu:.0} % |",
            all.requests,
            all.per_second,
            all.latency.p50,
            ms_cell(all.latency.p95, Some(TARGET_P95_MS)),
            all.latency.p99,
            all.latency.max,
            kib_cell(all.mean_bytes, Some(TARGET_KIB)),
            kib_cell(all.max_bytes as f64, Some(TARGET_KIB)),
            all.empty,
            all.ok,
            all.failures(),
        );
        if concurrency == 1 {
            for kind in Kind::ALL {
                let of_kind = run.outcomes.iter().filter(|outcome| queries[outcome.n % queries.len()].kind == kind);
                let part = Summary::of(of_kind, run.elapsed);
                let example = queries.iter().find(|query| query.kind == kind).map(|query| query.q.as_str());
                println!(
                    "kind\t| {label} | {} | `{}` | {} | {:.1} | {} | {:.1} | {:.1} | {} | {:.0} |",
                    kind.name(),
                    example.unwrap_or_default(),
                    part.requests,
                    part.latency.p50,
                    ms_cell(part.latency.p95, Some(TARGET_P95_MS)),
                    part.latency.p99,
                    part.latency.max,
                    part.empty,
                    part.mean_hits,
                );
            }
        }
    }
    Ok(())
}

async fn suggest(args: &Args, http: &reqwest::Client, titles: &Arc<Titles>) -> anyhow::Result<()> {
    let label = &args.label;
    let queries = Arc::new(suggest_queries(titles, args.seed, args.suggests));
    for &concurrency in &args.concurrency {
        eprintln!("kb-load: [{label}] {} autocompletes, {concurrency} at a time", queries.len());
        let (client, url, inputs) = (http.clone(), format!("{}/api/v1/kb/suggest", args.base), queries.clone());
        let cpu = CpuWindow::process(args.server_pid)?;
        let run = closed_loop(Plan::Requests(queries.len()), concurrency, true, move |n| {
            let query = &inputs[n % inputs.len()];
            client.get(&url).query(&[("lang", query.lang), ("q", query.q.as_str())])
        })
        .await;
        let server_cpu = cpu.percent()?;
        let all = Summary::of(&run.outcomes, run.elapsed);
        println!(
            "suggest\t| {label} | {concurrency} | {} | {:.0} | {:.1} | {} | {:.1} | {:.1} | {:.0} | {} / {} | {} | {server_cpu:.0} % |",
            all.requests,
            all.per_second,
            all.latency.p50,
            ms_cell(all.latency.p95, Some(TARGET_P95_MS)),
            all.latency.p99,
            all.latency.max,
            all.mean_bytes,
            all.empty,
            all.ok,
            all.failures(),
        );
    }
    Ok(())
}

async fn pages(args: &Args, http: &reqwest::Client, slugs: &[String]) -> anyhow::Result<()> {
    let label = &args.label;
    let concurrency = args.page_concurrency;
    let probe = format!("{}/help/en/articles/{}", args.base, slugs[0]);
    let status = http.get(&probe).send().await?.status();
    if status != reqwest::StatusCode::OK {
        eprintln!("kb-load: [{label}] the article page {probe} answered {status}: not measured");
        println!(
            "page\t| {label} | {concurrency} | missing: `/help/en/articles/{}` answered {} | | | | | | | |",
            slugs[0],
            status.as_u16()
        );
        return Ok(());
    }
    eprintln!("kb-load: [{label}] article pages for {} s, {concurrency} at a time", args.page_seconds);
    let slugs = Arc::new(slugs.to_vec());
    let (client, base) = (http.clone(), args.base.clone());
    let cpu = CpuWindow::process(args.server_pid)?;
    // Article numbers spread over all articles (a stride coprime to most counts), so the pages are not cached.
    let run = closed_loop(Plan::For(Duration::from_secs(args.page_seconds)), concurrency, false, move |n| {
        let slug = &slugs[n.wrapping_mul(7919) % slugs.len()];
        client.get(format!("{base}/help/en/articles/{slug}"))
    })
    .await;
    let server_cpu = cpu.percent()?;
    let all = Summary::of(&run.outcomes, run.elapsed);
    println!(
        "page\t| {label} | {concurrency} | {} in {:.1} s | {:.0} | {:.1} | {:.1} | {:.1} | {:.1} | {} | {} | {server_cpu:.0} % |",
        all.requests,
        run.elapsed.as_secs_f64(),
        all.per_second,
        all.latency.p50,
        all.latency.p95,
        all.latency.p99,
        all.latency.max,
        kib_cell(all.mean_bytes, None),
        all.failures(),
    );
    Ok(())
}
