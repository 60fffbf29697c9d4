//! `live-load`: load on the live updates of a running Tidings (release build, on this machine), three measurements in
//! one run against one server:
//!
//! 1. idle sockets: the server's resident memory before and after opening `--idle` sockets subscribed to `inbox`;
//! 2. broadcast: with each of `--steps` sockets subscribed to `inbox`, `--events` replies posted over REST
//!    `--spacing-ms` apart; for every (socket, reply) the time from just before the POST to the socket receiving its
//!    `message_created` frame;
//! 3. end to end: `--e2e-rate` replies a second for `--e2e-seconds` over `--e2e-tickets` tickets, posted on schedule
//!    whether or not earlier ones have answered, with `--e2e-sockets` sockets listening.
//!
//! Every socket uses the agent's API token. Prints markdown table rows to stdout, each after a tag and a tab
//! (`idle`, `broadcast`, `e2e`) so bench/live.sh can sort them into tables; progress goes to stderr.

mod api;
mod fleet;
mod measure;

use anyhow::{bail, Context};
use clap::Parser;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use api::Api;
use fleet::{Arrival, Fleet};
use measure::{mib, rss_kib, CpuWindow, Spread};

#[derive(Parser)]
#[command(about = "Load benchmark of Tidings' live updates (/ws)")]
struct Args {
    /// The server, http://127.0.0.1:PORT.
    #[arg(long)]
    base: String,
    /// An agent's API token (POST /api/v1/tokens).
    #[arg(long, env = "LIVE_LOAD_TOKEN", hide_env_values = true)]
    token: String,
    /// A customer's email to file the benchmark's tickets for.
    #[arg(long)]
    requester: String,
    /// The server's process id, for its memory and CPU time.
    #[arg(long)]
    server_pid: u32,
    /// The name of the database in the rows.
    #[arg(long, default_value = "SQLite")]
    label: String,
    #[arg(long, default_value_t = 5000)]
    idle: usize,
    #[arg(long, value_delimiter = ',', default_values_t = [1000, 5000, 10000])]
    steps: Vec<usize>,
    #[arg(long, default_value_t = 20)]
    events: u32,
    #[arg(long, default_value_t = 300)]
    spacing_ms: u64,
    #[arg(long, default_value_t = 50)]
    e2e_sockets: usize,
    #[arg(long, default_value_t = 20)]
    e2e_rate: u32,
    #[arg(long, default_value_t = 30)]
    e2e_seconds: u32,
    #[arg(long, default_value_t = 5)]
    e2e_tickets: usize,
    /// Handshakes in flight while opening sockets.
    #[arg(long, default_value_t = 100)]
    concurrency: usize,
}

/// A reply as posted: its id, when the POST started and how long the server took to answer it.
struct Posted {
    id: String,
    sent: Instant,
    answered: Duration,
}

/// What the sockets received of a set of posted replies.
struct Deliveries {
    expected: usize,
    delivered: usize,
    duplicates: usize,
    latency: Spread,
    /// Per reply, the first and the last socket's latency (the median over the replies).
    first_p50: f64,
    last_p50: f64,
    post: Spread,
    /// From the first POST until the last one was answered.
    posting: Duration,
    /// Text frames each socket received per reply (the `message_created` event and whatever came with it), and their
    /// average size.
    frames_per_reply: f64,
    bytes_per_frame: f64,
}

impl Deliveries {
    fn of(posted: &[Posted], sockets: usize, arrivals: &[Arrival]) -> Deliveries {
        let sent: HashMap<&str, Instant> = posted.iter().map(|post| (post.id.as_str(), post.sent)).collect();
        let mut seen = HashSet::new();
        let mut latencies = Vec::with_capacity(arrivals.len());
        let mut per_message: HashMap<&str, (Duration, Duration)> = HashMap::new();
        let mut duplicates = 0;
        for arrival in arrivals {
            let Some((&id, &sent_at)) = sent.get_key_value(arrival.message_id.as_str()) else { continue };
            if !seen.insert((arrival.socket, id)) {
                duplicates += 1;
                continue;
            }
            let latency = arrival.at.saturating_duration_since(sent_at);
            latencies.push(latency);
            let range = per_message.entry(id).or_insert((latency, latency));
            range.0 = range.0.min(latency);
            range.1 = range.1.max(latency);
        }
        let mut firsts: Vec<Duration> = per_message.values().map(|range| range.0).collect();
        let mut lasts: Vec<Duration> = per_message.values().map(|range| range.1).collect();
        let mut answers: Vec<Duration> = posted.iter().map(|post| post.answered).collect();
        Deliveries {
            expected: posted.len() * sockets,
            delivered: latencies.len(),
            duplicates,
            latency: Spread::of(&mut latencies),
            first_p50: Spread::of(&mut firsts).p50,
            last_p50: Spread::of(&mut lasts).p50,
            post: Spread::of(&mut answers),
            posting: Duration::ZERO,
            frames_per_reply: 0.0,
            bytes_per_frame: 0.0,
        }
    }

    /// "200000 / 200000 (100 %)", with the missing and duplicate counts when there are any.
    fn delivered_cell(&self) -> String {
        let share = if self.expected == 0 { 100.0 } else { self.delivered as f64 * 100.0 / self.expected as f64 };
        let mut cell = format!("{} / {} ({share:.2} %)", self.delivered, self.expected);
        if self.delivered < self.expected {
            cell += &format!(", **{} missing**", self.expected - self.delivered);
        }
        if self.duplicates > 0 {
            cell += &format!(", {} duplicates", self.duplicates);
        }
        cell
    }
}

/// How long the fleet waits for a straggler before counting the rest as missing.
const PATIENCE: Duration = Duration::from_secs(10);

async fn post_on_schedule(api: &Api, tickets: &[String], count: u32, every: Duration, text: &str) -> Vec<Posted> {
    let start = tokio::time::Instant::now();
    let mut posting = tokio::task::JoinSet::new();
    for k in 0..count {
        tokio::time::sleep_until(start + every * k).await;
        let (api, ticket) = (api.clone(), tickets[k as usize % tickets.len()].clone());
        let body = format!("{text} #{k}");
        posting.spawn(async move {
            let sent = Instant::now();
            let id = api.post_message(&ticket, &body).await;
            id.map(|id| Posted { id, sent, answered: sent.elapsed() })
        });
    }
    let mut posted = Vec::with_capacity(count as usize);
    while let Some(done) = posting.join_next().await {
        match done {
            Ok(Ok(post)) => posted.push(post),
            Ok(Err(err)) => eprintln!("live-load: a POST failed: {err:#}"),
            Err(err) => eprintln!("live-load: a POST task failed: {err}"),
        }
    }
    posted
}

/// Posts replies and gathers what the open sockets received of them.
async fn measure_deliveries(
    api: &Api,
    fleet: &mut Fleet,
    tickets: &[String],
    count: u32,
    every: Duration,
    text: &str,
) -> Deliveries {
    fleet.clear();
    let (frames_before, bytes_before) = fleet.traffic();
    let started = Instant::now();
    let posted = post_on_schedule(api, tickets, count, every, text).await;
    let posting = started.elapsed();
    let ids: HashSet<String> = posted.iter().map(|post| post.id.clone()).collect();
    let arrivals = fleet.collect(&ids, PATIENCE).await;
    // Whatever else a reply causes (a ticket_updated event) arrives right after its message_created frame.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (frames_after, bytes_after) = fleet.traffic();
    let mut deliveries = Deliveries::of(&posted, fleet.len(), &arrivals);
    deliveries.expected = count as usize * fleet.len();
    deliveries.posting = posting;
    let frames = (frames_after - frames_before) as f64;
    deliveries.frames_per_reply = frames / (count as f64 * fleet.len().max(1) as f64);
    deliveries.bytes_per_frame = (bytes_after - bytes_before) as f64 / frames.max(1.0);
    deliveries
}

async fn resize(fleet: &mut Fleet, total: usize, concurrency: usize) -> anyhow::Result<Duration> {
    let started = Instant::now();
    if fleet.len() > total {
        fleet.shrink_to(total).await;
    } else {
        fleet.grow_to(total, concurrency).await?;
    }
    Ok(started.elapsed())
}

fn check_file_limits(args: &Args) -> anyhow::Result<()> {
    let most = args.steps.iter().copied().chain([args.idle, args.e2e_sockets]).max().unwrap_or(0) as u64;
    let ours = measure::open_files_limit(0)?;
    let server = measure::open_files_limit(args.server_pid)?;
    eprintln!("live-load: open-file limits: this client {ours}, the server {server}; up to {most} sockets");
    if ours < most + 100 || server < most + 100 {
        bail!("raise the open-file limit (ulimit -n) of this client and the server above {}", most + 100);
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    check_file_limits(&args)?;
    let (label, pid) = (args.label.as_str(), args.server_pid);
    let api = Api::new(&args.base, &args.token)?;
    let mut fleet = Fleet::new(&args.base, &args.token)?;

    let mut tickets = Vec::new();
    for n in 0..args.e2e_tickets.max(1) {
        tickets.push(api.create_ticket(&args.requester, &format!("Live benchmark ticket {n}")).await?);
    }

    // Warm-up: the first sockets and the first event pay for one-time set-up, not for sockets.
    fleet.grow_to(100, args.concurrency).await.context("warm-up")?;
    measure_deliveries(&api, &mut fleet, &tickets[..1], 2, Duration::from_millis(200), "warm-up").await;
    fleet.shrink_to(0).await;
    tokio::time::sleep(Duration::from_secs(2)).await;

    // 1. Idle sockets.
    let before = rss_kib(pid)?;
    eprintln!("live-load: [{label}] opening {} idle sockets (server RSS {})", args.idle, mib(before));
    let cpu = CpuWindow::process(pid)?;
    let took = resize(&mut fleet, args.idle, args.concurrency).await?;
    let connect_cpu = cpu.percent()?;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let after = rss_kib(pid)?;
    let grown = after.saturating_sub(before).max(1);
    println!(
        "idle\t| {label} | {} | {} | {} | {:.1} KiB | {:.0} | {:.0} sockets/s, server CPU {connect_cpu:.0} % |",
        args.idle,
        mib(before),
        mib(after),
        grown as f64 / args.idle as f64,
        args.idle as f64 / (grown as f64 / 1024.0),
        args.idle as f64 / took.as_secs_f64(),
    );

    // 2. Broadcast to many sockets.
    let spacing = Duration::from_millis(args.spacing_ms);
    for &sockets in &args.steps {
        resize(&mut fleet, sockets, args.concurrency).await?;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let rss = rss_kib(pid)?;
        eprintln!("live-load: [{label}] {sockets} sockets (server RSS {}): {} replies", mib(rss), args.events);
        let windows = [CpuWindow::process(pid)?, CpuWindow::process(0)?, CpuWindow::machine()?];
        let text = format!("Broadcast to {sockets} sockets");
        let result = measure_deliveries(&api, &mut fleet, &tickets[..1], args.events, spacing, &text).await;
        let server_ms = windows[0].seconds()? * 1000.0 / f64::from(args.events);
        let [server, tool, machine] = [windows[0].percent()?, windows[1].percent()?, windows[2].percent()?];
        println!(
            "broadcast\t| {label} | {sockets} | {} | {:.1} | {:.1} | {:.1} | {:.1} / {:.1} | {:.1} | {:.1} × {:.1} KiB | {server_ms:.0} ms | {:.0} / {:.0} / {:.0} % | {} |",
            result.delivered_cell(),
            result.latency.p50,
            result.latency.p99,
            result.latency.max,
            result.first_p50,
            result.last_p50,
            result.post.p50,
            result.frames_per_reply,
            result.bytes_per_frame / 1024.0,
            server,
            tool,
            (machine - server - tool).max(0.0),
            mib(rss),
        );
    }

    // 3. End to end under a steady write load.
    resize(&mut fleet, args.e2e_sockets, args.concurrency).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let count = args.e2e_rate * args.e2e_seconds;
    eprintln!(
        "live-load: [{label}] {} replies/s for {} s over {} tickets, {} sockets",
        args.e2e_rate,
        args.e2e_seconds,
        tickets.len(),
        args.e2e_sockets
    );
    let every = Duration::from_secs_f64(1.0 / f64::from(args.e2e_rate.max(1)));
    let server_cpu = CpuWindow::process(pid)?;
    let result = measure_deliveries(&api, &mut fleet, &tickets, count, every, "Steady load").await;
    let cpu = server_cpu.percent()?;
    println!(
        "e2e\t| {label} | {} | {} replies in {:.1} s over {} tickets | {:.1} / {:.1} | {:.1} | {:.1} | {:.1} | {} | {cpu:.0} % |",
        args.e2e_sockets,
        count,
        result.posting.as_secs_f64(),
        tickets.len(),
        result.post.p50,
        result.post.p99,
        result.latency.p50,
        result.latency.p99,
        result.latency.max,
        result.delivered_cell(),
    );

    fleet.shrink_to(0).await;
    if fleet.dropped() > 0 {
        eprintln!("live-load: [{label}] the server closed {} sockets during the run", fleet.dropped());
    }
    Ok(())
}
