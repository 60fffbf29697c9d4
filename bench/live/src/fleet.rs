//! A fleet of websocket clients, each what an agent's open inbox is: one `/ws` signed in with an API token and
//! subscribed to `inbox`. A client only reads (answering the server's pings, which tungstenite does while reading)
//! and notes when each `message_created` frame arrives. The fleet grows and shrinks between measurements, so one
//! server sees the whole series without reconnecting everyone.

use anyhow::{bail, Context};
use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

type Socket = WebSocketStream<TcpStream>;

const SUBSCRIBE_INBOX: &str = r#"{"type":"subscribe","topic":"inbox","since":null}"#;
/// How long one socket may take to connect, upgrade and be subscribed.
const OPEN_TIMEOUT: Duration = Duration::from_secs(30);
/// The client's read buffer: small, since ten thousand of them share the machine with the server.
const READ_BUFFER: usize = 8 * 1024;

/// One `message_created` frame as a socket received it.
pub struct Arrival {
    pub socket: u32,
    pub message_id: String,
    pub at: Instant,
}

pub struct Fleet {
    url: String,
    addr: String,
    token: String,
    /// Sockets with an index at or above this value close themselves.
    keep: watch::Sender<usize>,
    readers: Vec<(usize, JoinHandle<()>)>,
    arrivals_tx: mpsc::UnboundedSender<Arrival>,
    arrivals: mpsc::UnboundedReceiver<Arrival>,
    /// Sockets the server closed or lost (never those the fleet closed itself).
    dropped: Arc<AtomicUsize>,
    traffic: Arc<Traffic>,
}

/// Text frames and their bytes received by all sockets together.
#[derive(Default)]
pub struct Traffic {
    frames: AtomicU64,
    bytes: AtomicU64,
}

impl Traffic {
    fn count(&self, bytes: usize) {
        self.frames.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
    }
}

impl Fleet {
    pub fn new(base: &str, token: &str) -> anyhow::Result<Fleet> {
        let addr = base
            .trim_end_matches('/')
            .strip_prefix("http://")
            .context("the base URL must be http://host:port (the benchmark runs on this machine)")?
            .to_string();
        let (arrivals_tx, arrivals) = mpsc::unbounded_channel();
        Ok(Fleet {
            url: format!("ws://{addr}/ws"),
            addr,
            token: token.to_string(),
            keep: watch::Sender::new(0),
            readers: Vec::new(),
            arrivals_tx,
            arrivals,
            dropped: Arc::new(AtomicUsize::new(0)),
            traffic: Arc::default(),
        })
    }

    /// How many sockets are open now.
    pub fn len(&self) -> usize {
        self.readers.len()
    }

    /// Sockets the server closed since the fleet started.
    pub fn dropped(&self) -> usize {
        self.dropped.load(Ordering::Relaxed)
    }

    /// Text frames and bytes received by all sockets so far.
    pub fn traffic(&self) -> (u64, u64) {
        (self.traffic.frames.load(Ordering::Relaxed), self.traffic.bytes.load(Ordering::Relaxed))
    }

    /// Opens sockets until `total` are open, `concurrency` handshakes at a time; every one is subscribed when this
    /// returns. Fails on the first socket that cannot be opened.
    pub async fn grow_to(&mut self, total: usize, concurrency: usize) -> anyhow::Result<()> {
        let first = self.readers.len();
        let (url, addr, token) = (self.url.clone(), self.addr.clone(), self.token.clone());
        let mut opening = futures_util::stream::iter(first..total)
            .map(|index| {
                let (url, addr, token) = (url.clone(), addr.clone(), token.clone());
                async move {
                    let opened = tokio::time::timeout(OPEN_TIMEOUT, open_socket(&url, &addr, &token)).await;
                    (index, opened.unwrap_or_else(|_| Err(anyhow::anyhow!("timed out after {OPEN_TIMEOUT:?}"))))
                }
            })
            .buffer_unordered(concurrency.max(1));
        while let Some((index, opened)) = opening.next().await {
            let socket = opened.with_context(|| format!("opening socket {index}"))?;
            let reader = read_frames(
                index,
                socket,
                self.keep.subscribe(),
                self.arrivals_tx.clone(),
                Arc::clone(&self.dropped),
                Arc::clone(&self.traffic),
            );
            self.readers.push((index, tokio::spawn(reader)));
        }
        Ok(())
    }

    /// Closes sockets (with a close frame) until `total` remain.
    pub async fn shrink_to(&mut self, total: usize) {
        self.keep.send_replace(total);
        let (closing, kept): (Vec<_>, Vec<_>) = self.readers.drain(..).partition(|(index, _)| *index >= total);
        self.readers = kept;
        for (_, reader) in closing {
            let _ = reader.await;
        }
    }

    /// Forgets every arrival received so far (late frames of an earlier measurement).
    pub fn clear(&mut self) {
        while self.arrivals.try_recv().is_ok() {}
    }

    /// The arrivals of the given messages: waits until every open socket has each of them, or until `patience` has
    /// passed without a new one. Duplicates are kept (the caller counts them).
    pub async fn collect(&mut self, message_ids: &HashSet<String>, patience: Duration) -> Vec<Arrival> {
        let expected = message_ids.len() * self.readers.len();
        let mut arrivals = Vec::with_capacity(expected);
        while arrivals.len() < expected {
            match tokio::time::timeout(patience, self.arrivals.recv()).await {
                Ok(Some(arrival)) => {
                    if message_ids.contains(&arrival.message_id) {
                        arrivals.push(arrival);
                    }
                }
                Ok(None) | Err(_) => break,
            }
        }
        arrivals
    }
}

/// Connects, upgrades with the bearer token and subscribes to `inbox`; returns once the server confirmed.
async fn open_socket(url: &str, addr: &str, token: &str) -> anyhow::Result<Socket> {
    let mut request = url.into_client_request()?;
    request.headers_mut().insert("authorization", format!("Bearer {token}").parse()?);
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let config = WebSocketConfig::default().read_buffer_size(READ_BUFFER).write_buffer_size(0);
    let (mut socket, _) = match tokio_tungstenite::client_async_with_config(request, stream, Some(config)).await {
        Ok(opened) => opened,
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            bail!("the upgrade was refused with {}", response.status())
        }
        Err(err) => return Err(err.into()),
    };
    socket.send(Message::Text(SUBSCRIBE_INBOX.into())).await?;
    loop {
        match socket.next().await {
            Some(Ok(Message::Text(text))) => {
                let frame: FrameRef = serde_json::from_str(text.as_str()).context("a frame that is not JSON")?;
                match frame.kind {
                    "subscribed" => return Ok(socket),
                    "error" => bail!("subscribing was refused: {}", text.as_str()),
                    _ => {}
                }
            }
            Some(Ok(Message::Close(close))) => bail!("closed before subscribing: {close:?}"),
            Some(Ok(_)) => {}
            Some(Err(err)) => return Err(err.into()),
            None => bail!("closed before subscribing"),
        }
    }
}

/// Reads one socket until the fleet shrinks below it or the server closes it, timing `message_created` frames.
async fn read_frames(
    index: usize,
    mut socket: Socket,
    mut keep: watch::Receiver<usize>,
    arrivals: mpsc::UnboundedSender<Arrival>,
    dropped: Arc<AtomicUsize>,
    traffic: Arc<Traffic>,
) {
    loop {
        tokio::select! {
            frame = socket.next() => match frame {
                Some(Ok(Message::Text(text))) => {
                    let at = Instant::now();
                    traffic.count(text.len());
                    if let Some(message_id) = message_created_id(text.as_str()) {
                        let _ = arrivals.send(Arrival { socket: index as u32, message_id, at });
                    }
                }
                Some(Ok(Message::Close(close))) => {
                    eprintln!("live-load: the server closed socket {index}: {close:?}");
                    dropped.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                Some(Ok(_)) => {}
                Some(Err(err)) => {
                    eprintln!("live-load: socket {index} failed: {err}");
                    dropped.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                None => {
                    dropped.fetch_add(1, Ordering::Relaxed);
                    return;
                }
            },
            changed = keep.changed() => {
                if changed.is_err() || *keep.borrow_and_update() <= index {
                    let _ = socket.close(None).await;
                    return;
                }
            }
        }
    }
}

/// The parts of a server frame the benchmark looks at; everything else is skipped unparsed.
#[derive(Deserialize)]
struct FrameRef<'a> {
    #[serde(rename = "type", borrow)]
    kind: &'a str,
    #[serde(borrow, default)]
    event: Option<EventRef<'a>>,
}

#[derive(Deserialize)]
struct EventRef<'a> {
    #[serde(borrow)]
    kind: &'a str,
    #[serde(borrow, default)]
    message: Option<MessageRef<'a>>,
}

#[derive(Deserialize)]
struct MessageRef<'a> {
    #[serde(borrow)]
    id: &'a str,
}

/// The message id of a `message_created` event frame; `None` for every other frame.
fn message_created_id(text: &str) -> Option<String> {
    let frame: FrameRef = serde_json::from_str(text).ok()?;
    let event = frame.event.filter(|_| frame.kind == "event")?;
    (event.kind == "message_created").then(|| event.message.map(|message| message.id.to_string())).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_message_created_events_name_a_message() {
        let created = r#"{"type":"event","seq":3,"topic":"inbox","event":{"kind":"message_created","ticket_id":"t",
            "message":{"id":"m1","body":"a \"quoted\" body","attachments":[]},"ticket":{"id":"t"}}}"#;
        assert_eq!(message_created_id(created).as_deref(), Some("m1"));
        let updated =
            r#"{"type":"event","seq":4,"topic":"inbox","event":{"kind":"ticket_updated","ticket":{"id":"t"}}}"#;
        assert_eq!(message_created_id(updated), None);
        assert_eq!(message_created_id(r#"{"type":"subscribed","topic":"inbox","seq":0}"#), None);
        assert_eq!(message_created_id(r#"{"type":"pong"}"#), None);
        assert_eq!(message_created_id("not json"), None);
    }
}
