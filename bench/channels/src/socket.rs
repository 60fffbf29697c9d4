//! An agent's open inbox: one `/ws` signed in with the API token and subscribed to `inbox`, noting when each
//! benchmark message shows up in it: as a `ticket_created` event (the ticket's subject starts with the message's
//! text) when it opened a conversation, or as a `message_created` event (the message's body) when it continued one.

use anyhow::{bail, Context};
use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use std::collections::HashSet;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use crate::whatsapp::marker_of;

const SUBSCRIBE_INBOX: &str = r#"{"type":"subscribe","topic":"inbox","since":null}"#;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    TicketCreated,
    MessageCreated,
}

/// A frame about benchmark message `n`, and when it arrived.
pub struct Arrival {
    pub n: u32,
    pub kind: Kind,
    pub at: Instant,
}

pub struct Inbox {
    arrivals: mpsc::UnboundedReceiver<Arrival>,
    stop: Option<oneshot::Sender<()>>,
    reader: JoinHandle<()>,
}

impl Inbox {
    /// Connects, upgrades with the bearer token and subscribes to `inbox`; returns once the server confirmed.
    pub async fn open(base: &str, token: &str) -> anyhow::Result<Inbox> {
        let addr = base
            .trim_end_matches('/')
            .strip_prefix("http://")
            .context("the base URL must be http://host:port (the benchmark runs on this machine)")?;
        let mut request = format!("ws://{addr}/ws").into_client_request()?;
        request.headers_mut().insert("authorization", format!("Bearer {token}").parse()?);
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        let (mut socket, _) = match tokio_tungstenite::client_async(request, stream).await {
            Ok(opened) => opened,
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                bail!("the websocket upgrade was refused with {}", response.status())
            }
            Err(err) => return Err(err.into()),
        };
        socket.send(Message::Text(SUBSCRIBE_INBOX.into())).await?;
        let subscribed = async {
            loop {
                match socket.next().await {
                    Some(Ok(Message::Text(text))) => {
                        let frame: Value = serde_json::from_str(text.as_str()).context("a frame that is not JSON")?;
                        match frame["type"].as_str() {
                            Some("subscribed") => return Ok(()),
                            Some("error") => bail!("subscribing was refused: {}", text.as_str()),
                            _ => {}
                        }
                    }
                    Some(Ok(Message::Close(close))) => bail!("closed before subscribing: {close:?}"),
                    Some(Ok(_)) => {}
                    Some(Err(err)) => return Err(err.into()),
                    None => bail!("closed before subscribing"),
                }
            }
        };
        tokio::time::timeout(Duration::from_secs(30), subscribed).await.context("subscribing timed out")??;
        let (tx, arrivals) = mpsc::unbounded_channel();
        let (stop, stopped) = oneshot::channel();
        let reader = tokio::spawn(read_frames(socket, tx, stopped));
        Ok(Inbox { arrivals, stop: Some(stop), reader })
    }

    /// Forgets every arrival so far.
    pub fn clear(&mut self) {
        while self.arrivals.try_recv().is_ok() {}
    }

    /// The first arrival of each of the given messages: waits until each has come, or until `patience` has passed
    /// without a new one.
    pub async fn collect(&mut self, wanted: &HashSet<u32>, patience: Duration) -> Vec<Arrival> {
        let mut seen = HashSet::new();
        let mut arrivals = Vec::with_capacity(wanted.len());
        while seen.len() < wanted.len() {
            match tokio::time::timeout(patience, self.arrivals.recv()).await {
                Ok(Some(arrival)) => {
                    if wanted.contains(&arrival.n) && seen.insert(arrival.n) {
                        arrivals.push(arrival);
                    }
                }
                Ok(None) | Err(_) => break,
            }
        }
        arrivals
    }

    /// Closes the socket with a close frame.
    pub async fn close(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.reader).await;
    }
}

async fn read_frames(
    mut socket: WebSocketStream<TcpStream>,
    arrivals: mpsc::UnboundedSender<Arrival>,
    mut stop: oneshot::Receiver<()>,
) {
    loop {
        tokio::select! {
            frame = socket.next() => match frame {
                Some(Ok(Message::Text(text))) => {
                    let at = Instant::now();
                    if let Some((n, kind)) = benchmark_event(text.as_str()) {
                        let _ = arrivals.send(Arrival { n, kind, at });
                    }
                }
                Some(Ok(Message::Close(close))) => {
                    eprintln!("channel-load: the server closed the agent's socket: {close:?}");
                    return;
                }
                Some(Ok(_)) => {}
                Some(Err(err)) => {
                    eprintln!("channel-load: the agent's socket failed: {err}");
                    return;
                }
                None => return,
            },
            _ = &mut stop => {
                let _ = socket.close(None).await;
                return;
            }
        }
    }
}

/// The benchmark message an event frame is about: a `ticket_created` names it in the ticket's subject, a
/// `message_created` in the message's body. `None` for every other frame.
fn benchmark_event(text: &str) -> Option<(u32, Kind)> {
    let frame: Value = serde_json::from_str(text).ok()?;
    if frame["type"] != "event" {
        return None;
    }
    let event = &frame["event"];
    match event["kind"].as_str()? {
        "ticket_created" => Some((marker_of(event["ticket"]["subject"].as_str()?)?, Kind::TicketCreated)),
        "message_created" => Some((marker_of(event["message"]["body"].as_str()?)?, Kind::MessageCreated)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_new_tickets_by_subject_and_replies_by_body() {
        let created = r#"{"type":"event","seq":1,"topic":"inbox","event":{"kind":"ticket_created",
            "ticket":{"id":"t","subject":"WhatsApp: wa-bench-12 hello"}}}"#;
        assert_eq!(benchmark_event(created), Some((12, Kind::TicketCreated)));
        let reply = r#"{"type":"event","seq":2,"topic":"inbox","event":{"kind":"message_created","ticket_id":"t",
            "message":{"id":"m","body":"wa-bench-13 hello"},"ticket":{"id":"t","subject":"WhatsApp: wa-bench-12"}}}"#;
        assert_eq!(benchmark_event(reply), Some((13, Kind::MessageCreated)));
        let updated = r#"{"type":"event","seq":3,"topic":"inbox","event":{"kind":"ticket_updated",
            "ticket":{"id":"t","subject":"WhatsApp: wa-bench-12"}}}"#;
        assert_eq!(benchmark_event(updated), None);
        assert_eq!(benchmark_event(r#"{"type":"pong"}"#), None);
    }
}
