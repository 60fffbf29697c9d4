//! Inbound email: the corpus, each mail given a fresh Message-ID so the server stores it again, POSTed to
//! /api/v1/channels/email/inbound by a fixed number of workers; and the parser alone, timed in this process.

use anyhow::{bail, Context};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::measure::Spread;

pub struct Mail {
    pub name: String,
    pub raw: Vec<u8>,
}

/// Every `*.box` file of a directory, by name.
pub fn load_corpus(dir: &Path) -> anyhow::Result<Vec<Mail>> {
    let mut mails = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "box") {
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            mails.push(Mail { name, raw: std::fs::read(&path)? });
        }
    }
    mails.sort_by(|a, b| a.name.cmp(&b.name));
    if mails.is_empty() {
        bail!("no *.box mails in {}", dir.display());
    }
    Ok(mails)
}

/// The mail with its top-level Message-ID header (folded lines included) replaced by `<id>`, or given one when it
/// has none. An mbox `From ` line stays first; the body and any attached message's headers are left alone.
pub fn with_message_id(raw: &[u8], id: &str) -> Vec<u8> {
    let mut lines = raw.split_inclusive(|&byte| byte == b'\n').peekable();
    let mut out = Vec::with_capacity(raw.len() + id.len() + 16);
    if lines.peek().is_some_and(|line| line.starts_with(b"From ")) {
        out.extend_from_slice(lines.next().unwrap_or_default());
    }
    let newline: &[u8] = if lines.peek().is_some_and(|line| line.ends_with(b"\r\n")) { b"\r\n" } else { b"\n" };
    out.extend_from_slice(format!("Message-ID: <{id}>").as_bytes());
    out.extend_from_slice(newline);
    let mut dropping = false;
    for line in lines.by_ref() {
        if line == b"\n" || line == b"\r\n" {
            out.extend_from_slice(line);
            break;
        }
        if !line.starts_with(b" ") && !line.starts_with(b"\t") {
            let name = line.split(|&byte| byte == b':').next().unwrap_or_default();
            dropping = name.trim_ascii().eq_ignore_ascii_case(b"message-id");
        }
        if !dropping {
            out.extend_from_slice(line);
        }
    }
    for line in lines {
        out.extend_from_slice(line);
    }
    out
}

/// What the server made of the mails of one run.
pub struct Run {
    pub mails: usize,
    pub stored: usize,
    pub ignored: usize,
    pub failed: usize,
    pub wall: Duration,
    pub latency: Spread,
}

impl Run {
    pub fn per_second(&self) -> f64 {
        self.mails as f64 / self.wall.as_secs_f64().max(1e-9)
    }
}

#[derive(Clone)]
pub struct Inbound {
    http: reqwest::Client,
    url: String,
    secret: String,
}

enum Answer {
    Stored,
    Ignored,
    Failed(String),
}

impl Inbound {
    pub fn new(http: reqwest::Client, base: &str, secret: &str) -> Inbound {
        let url = format!("{}/api/v1/channels/email/inbound", base.trim_end_matches('/'));
        Inbound { http, url, secret: secret.to_string() }
    }

    async fn post(&self, raw: Vec<u8>) -> Answer {
        let sent = self
            .http
            .post(&self.url)
            .bearer_auth(&self.secret)
            .header("content-type", "message/rfc822")
            .body(raw)
            .send()
            .await;
        let response = match sent {
            Ok(response) => response,
            Err(err) => return Answer::Failed(err.to_string()),
        };
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        if status.as_u16() != 202 {
            return Answer::Failed(format!("{status} {text}"));
        }
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(body) if body["ticket_id"].is_string() => Answer::Stored,
            Ok(body) if body["ignored"].is_string() => Answer::Ignored,
            _ => Answer::Failed(format!("{status} with an unexpected body: {text}")),
        }
    }

    /// POSTs `count` mails, corpus mail `k % len` as the k-th with Message-ID `<prefix-k@channel-load.test>`,
    /// `concurrency` at a time (each worker sends its next mail once the last one was answered).
    pub async fn run(&self, corpus: &Arc<Vec<Mail>>, count: usize, concurrency: usize, prefix: &str) -> Run {
        let next = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        let mut workers = tokio::task::JoinSet::new();
        for _ in 0..concurrency.max(1) {
            let (inbound, corpus, next, prefix) =
                (self.clone(), Arc::clone(corpus), Arc::clone(&next), prefix.to_string());
            workers.spawn(async move {
                let mut answers = Vec::new();
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    if k >= count {
                        return answers;
                    }
                    let mail = &corpus[k % corpus.len()];
                    let raw = with_message_id(&mail.raw, &format!("{prefix}-{k}@channel-load.test"));
                    let sent = Instant::now();
                    let answer = inbound.post(raw).await;
                    answers.push((sent.elapsed(), answer, k % corpus.len()));
                }
            });
        }
        let mut run =
            Run { mails: count, stored: 0, ignored: 0, failed: 0, wall: Duration::ZERO, latency: Spread::default() };
        let mut latencies = Vec::with_capacity(count);
        while let Some(done) = workers.join_next().await {
            for (latency, answer, index) in done.unwrap_or_default() {
                latencies.push(latency);
                match answer {
                    Answer::Stored => run.stored += 1,
                    Answer::Ignored => run.ignored += 1,
                    Answer::Failed(why) => {
                        run.failed += 1;
                        if run.failed <= 5 {
                            eprintln!("channel-load: {} was refused: {why}", corpus[index].name);
                        }
                    }
                }
            }
        }
        run.wall = started.elapsed();
        run.latency = Spread::of(&mut latencies);
        run
    }
}

/// The parser alone over the corpus, round after round for at least `at_least` on this thread.
pub struct ParseRate {
    pub rounds: usize,
    pub per_second: f64,
    pub mib_per_second: f64,
    pub failed: usize,
    /// The mail that took longest on average, and its mean time in microseconds.
    pub slowest: (String, f64),
}

pub fn parse_rate(corpus: &[Mail], at_least: Duration) -> ParseRate {
    let mut spent = vec![Duration::ZERO; corpus.len()];
    let (mut rounds, mut failed, mut bytes) = (0, 0, 0usize);
    let started = Instant::now();
    while rounds < 3 || started.elapsed() < at_least {
        for (mail, spent) in corpus.iter().zip(spent.iter_mut()) {
            let at = Instant::now();
            let parsed = tidings::channel::email::parse_email(std::hint::black_box(&mail.raw));
            *spent += at.elapsed();
            failed += usize::from(std::hint::black_box(parsed).is_err());
            bytes += mail.raw.len();
        }
        rounds += 1;
    }
    let wall = started.elapsed().as_secs_f64();
    let (slowest, time) =
        spent.iter().enumerate().max_by_key(|(_, time)| **time).map(|(i, t)| (i, *t)).unwrap_or_default();
    ParseRate {
        rounds,
        per_second: (rounds * corpus.len()) as f64 / wall,
        mib_per_second: bytes as f64 / 1_048_576.0 / wall,
        failed: failed / rounds.max(1),
        slowest: (corpus[slowest].name.clone(), time.as_secs_f64() * 1e6 / rounds as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_folded_message_id_and_keeps_the_rest() {
        let raw = b"From a@b  Thu May  3 12:04:29 2012\r\nSubject: Hi\r\nmessage-ID:\r\n <old@x>\r\nTo: c@d\r\n\r\n\
            Message-ID: <in-body@x>\r\n";
        let out = String::from_utf8(with_message_id(raw, "new@y")).unwrap();
        assert_eq!(
            out,
            "From a@b  Thu May  3 12:04:29 2012\r\nMessage-ID: <new@y>\r\nSubject: Hi\r\nTo: c@d\r\n\r\n\
             Message-ID: <in-body@x>\r\n"
        );
    }

    #[test]
    fn adds_one_when_missing() {
        let out = with_message_id(b"From: a@b\nSubject: x\n\nbody\n", "n@y");
        assert_eq!(out, b"Message-ID: <n@y>\nFrom: a@b\nSubject: x\n\nbody\n");
    }

    #[test]
    fn every_corpus_mail_parses_with_its_new_id() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/email/zammad");
        let corpus = load_corpus(&dir).unwrap();
        assert!(corpus.len() >= 30);
        for (k, mail) in corpus.iter().enumerate() {
            let id = format!("bench-{k}@channel-load.test");
            let parsed = tidings::channel::email::parse_email(&with_message_id(&mail.raw, &id));
            let parsed = parsed.unwrap_or_else(|err| panic!("{}: {err:?}", mail.name));
            assert_eq!(parsed.message.provider_message_id, id, "{}", mail.name);
        }
    }
}
