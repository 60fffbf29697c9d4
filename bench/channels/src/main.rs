//! `channel-load`: load on the inbound channels of a running Tidings (release build, on this machine), in one run
//! against one server:
//!
//! 1. email parsing alone: `parse_email` over the corpus (tests/corpus/email/zammad/*.box) in this process, one
//!    thread, for at least `--parse-seconds`;
//! 2. email parse + store: `--mails` mails POSTed to /api/v1/channels/email/inbound at each of `--concurrency`
//!    (a worker sends its next mail once the last is answered), every corpus mail in turn with a fresh Message-ID
//!    so each one is stored;
//! 3. WhatsApp: `--wa-rate` signed Cloud API webhooks a second for `--wa-seconds`, posted on schedule whether or not
//!    earlier ones have answered, round-robin over `--wa-senders` numbers; the latency of each POST, and the time
//!    from just before it to an agent's socket (subscribed to `inbox`) receiving its `ticket_created` (first message
//!    of a sender) or `message_created` (later ones) frame.
//!
//! Prints markdown table rows to stdout, each after a tag and a tab (`parse`, `email`, `webhook`, `socket`) so
//! bench/channels.sh can sort them into tables; progress goes to stderr.

mod email;
#[allow(dead_code)] // bench/live's helpers; this tool reads only the server's CPU time.
#[path = "../../live/src/measure.rs"]
mod measure;
mod socket;
mod stats;
mod whatsapp;

use anyhow::bail;
use clap::Parser;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use email::Inbound;
use measure::{CpuWindow, Spread};
use socket::{Inbox, Kind};
use stats::count_cell;
use whatsapp::{sender, Webhook};

#[derive(Parser)]
#[command(about = "Load benchmark of Tidings' inbound channels (email, WhatsApp)")]
struct Args {
    /// The server, http://127.0.0.1:PORT.
    #[arg(long)]
    base: String,
    /// An agent's API token (POST /api/v1/tokens), for the agent's socket.
    #[arg(long, env = "CHANNEL_LOAD_TOKEN", hide_env_values = true)]
    token: String,
    /// The server's TIDINGS_EMAIL_INBOUND_SECRET.
    #[arg(long, env = "CHANNEL_LOAD_EMAIL_SECRET", hide_env_values = true)]
    email_secret: String,
    /// The server's TIDINGS_WHATSAPP_APP_SECRET.
    #[arg(long, env = "CHANNEL_LOAD_WHATSAPP_SECRET", hide_env_values = true)]
    whatsapp_secret: String,
    /// The server's TIDINGS_WHATSAPP_PHONE_NUMBER_ID.
    #[arg(long, default_value = "1122334455667")]
    phone_number_id: String,
    /// The server's process id, for its CPU time.
    #[arg(long)]
    server_pid: u32,
    /// The name of the database in the rows.
    #[arg(long, default_value = "SQLite")]
    label: String,
    /// The mails: every *.box file in this directory.
    #[arg(long, default_value = "tests/corpus/email/zammad")]
    corpus: PathBuf,
    /// How long to time the parser alone (0: not at all).
    #[arg(long, default_value_t = 3)]
    parse_seconds: u64,
    /// Mails POSTed per concurrency level.
    #[arg(long, default_value_t = 600)]
    mails: usize,
    #[arg(long, value_delimiter = ',', default_values_t = [1, 4])]
    concurrency: Vec<usize>,
    #[arg(long, default_value_t = 20)]
    wa_rate: u32,
    #[arg(long, default_value_t = 30)]
    wa_seconds: u32,
    #[arg(long, default_value_t = 50)]
    wa_senders: u32,
}

/// How long the socket waits for a straggler before counting the rest as missing.
const PATIENCE: Duration = Duration::from_secs(10);
/// The number of the first measured WhatsApp message; those below are the warm-up's.
const FIRST_MEASURED: u32 = 100;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
    let nonce = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis().to_string();
    let corpus = Arc::new(email::load_corpus(&args.corpus)?);

    if args.parse_seconds > 0 {
        parse_alone(&corpus, Duration::from_secs(args.parse_seconds));
    }
    email_over_http(&args, &http, &corpus, &nonce).await?;
    whatsapp_to_socket(&args, &http, &nonce).await
}

fn parse_alone(corpus: &[email::Mail], at_least: Duration) {
    eprintln!("channel-load: parse_email over {} corpus mails for {at_least:?}", corpus.len());
    let rate = email::parse_rate(corpus, at_least);
    let kib = corpus.iter().map(|mail| mail.raw.len()).sum::<usize>() as f64 / 1024.0;
    let (slowest, slowest_us) = &rate.slowest;
    println!(
        "parse\t| {} mails, {kib:.0} KiB | {} | {:.0} | {:.1} | {:.0} µs | `{slowest}` {slowest_us:.0} µs | {} |",
        corpus.len(),
        rate.rounds,
        rate.per_second,
        rate.mib_per_second,
        1e6 / rate.per_second,
        rate.failed,
    );
}

async fn email_over_http(
    args: &Args,
    http: &reqwest::Client,
    corpus: &Arc<Vec<email::Mail>>,
    nonce: &str,
) -> anyhow::Result<()> {
    let label = &args.label;
    let inbound = Inbound::new(http.clone(), &args.base, &args.email_secret);
    // Warm-up, and a check that the channel answers at all: every corpus mail once.
    let warm = inbound.run(corpus, corpus.len(), 1, &format!("warm-{nonce}")).await;
    eprintln!(
        "channel-load: [{label}] email warm-up: {} stored, {} ignored, {} refused",
        warm.stored, warm.ignored, warm.failed
    );
    if warm.failed == warm.mails {
        bail!("the inbound email endpoint refused every mail");
    }
    for (row, &concurrency) in args.concurrency.iter().enumerate() {
        eprintln!("channel-load: [{label}] {} mails, {concurrency} at a time", args.mails);
        let cpu = CpuWindow::process(args.server_pid)?;
        let prefix = format!("bench-{nonce}-{row}-c{concurrency}");
        let run = inbound.run(corpus, args.mails, concurrency, &prefix).await;
        let server_cpu = cpu.percent()?;
        println!(
            "email\t| {label} | {concurrency} | {} | {} / {} / {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {server_cpu:.0} % |",
            run.mails,
            run.stored,
            run.ignored,
            run.failed,
            run.per_second(),
            run.latency.p50,
            run.latency.p95,
            run.latency.p99,
            run.latency.max,
        );
    }
    Ok(())
}

async fn whatsapp_to_socket(args: &Args, http: &reqwest::Client, nonce: &str) -> anyhow::Result<()> {
    let label = &args.label;
    let hook = Webhook::new(http.clone(), &args.base, &args.whatsapp_secret, &args.phone_number_id, nonce);
    let mut inbox = Inbox::open(&args.base, &args.token).await?;

    // Warm-up, and a check that the channel is there: a few messages from one sender outside the measured ones.
    let warm_sender = sender(args.wa_senders + 1);
    for n in 0..5 {
        if let Err(err) = hook.post(hook.body(n, &warm_sender)).await {
            bail!("the WhatsApp webhook answered {err} (404 channel_disabled: not configured, or a server too old)");
        }
    }
    let warm: HashSet<u32> = (0..5).collect();
    let seen = inbox.collect(&warm, PATIENCE).await.len();
    eprintln!("channel-load: [{label}] WhatsApp warm-up: 5 webhooks answered 200, {seen} seen on the socket");
    tokio::time::sleep(Duration::from_secs(1)).await;
    inbox.clear();

    let count = args.wa_rate * args.wa_seconds;
    let every = Duration::from_secs_f64(1.0 / f64::from(args.wa_rate.max(1)));
    eprintln!(
        "channel-load: [{label}] {} webhooks/s for {} s from {} senders",
        args.wa_rate, args.wa_seconds, args.wa_senders
    );
    let cpu = CpuWindow::process(args.server_pid)?;
    let started = Instant::now();
    let sent = hook.send_on_schedule(FIRST_MEASURED, count, every, args.wa_senders).await;
    let posting = started.elapsed();
    let server_cpu = cpu.percent()?;

    let mut errors = 0;
    let mut answers = Vec::with_capacity(sent.len());
    for one in &sent {
        match &one.outcome {
            Ok(()) => answers.push(one.answered),
            Err(err) => {
                errors += 1;
                if errors <= 5 {
                    eprintln!("channel-load: webhook {} failed: {err}", one.n);
                }
            }
        }
    }
    let answered = answers.len();
    let post = Spread::of(&mut answers);
    println!(
        "webhook\t| {label} | {count} in {:.1} s from {} senders | {} | {errors} | {:.1} | {:.1} | {:.1} | {:.1} | {server_cpu:.0} % |",
        posting.as_secs_f64(),
        args.wa_senders,
        count_cell(answered, count as usize),
        post.p50,
        post.p95,
        post.p99,
        post.max,
    );

    let wanted: HashSet<u32> = sent.iter().filter(|one| one.outcome.is_ok()).map(|one| one.n).collect();
    let arrivals = inbox.collect(&wanted, PATIENCE).await;
    inbox.close().await;
    let sent_at: HashMap<u32, Instant> = sent.iter().map(|one| (one.n, one.at)).collect();
    let mut latencies = Vec::with_capacity(arrivals.len());
    let (mut created, mut continued) = (0, 0);
    for arrival in &arrivals {
        let Some(at) = sent_at.get(&arrival.n) else { continue };
        latencies.push(arrival.at.saturating_duration_since(*at));
        match arrival.kind {
            Kind::TicketCreated => created += 1,
            Kind::MessageCreated => continued += 1,
        }
    }
    let delivered = Spread::of(&mut latencies);
    println!(
        "socket\t| {label} | {} | {created} / {continued} | {:.1} | {:.1} | {:.1} | {:.1} |",
        count_cell(arrivals.len(), wanted.len()),
        delivered.p50,
        delivered.p95,
        delivered.p99,
        delivered.max,
    );
    Ok(())
}
