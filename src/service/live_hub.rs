//! The realtime hub of one instance: the sockets connected here, what each listens to, and subscribing with
//! catch-up. Events reach it from the log (see `live_dispatch.rs`); every subscription is authorised by the same
//! rules as REST ([`crate::domain::may_see_ticket`]).

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

use super::{Actor, ServiceError, Services};
use crate::domain::live::{ServerFrame, Topic};
use crate::domain::{is_allowed, Action, Role};

/// Limits that keep one client from hurting the others.
#[derive(Clone, Debug)]
pub struct LiveLimits {
    /// Topics one socket may listen to at once.
    pub max_topics_per_socket: usize,
    /// Frames queued for one socket before it counts as a slow consumer and is dropped.
    pub outbound_queue: usize,
    /// Events replayed on subscribe before the client is told to reload instead.
    pub max_replay: u32,
    /// How long the log keeps events for catching up.
    pub retention: chrono::Duration,
}

impl Default for LiveLimits {
    fn default() -> Self {
        LiveLimits {
            max_topics_per_socket: 50,
            outbound_queue: 256,
            max_replay: 1000,
            retention: chrono::Duration::hours(24),
        }
    }
}

/// The close code for a socket dropped because it did not read its frames fast enough.
pub const CLOSE_SLOW_CONSUMER: u16 = 1013;

/// Who is on a socket, as the hub needs to know them for every event.
#[derive(Clone, Debug)]
pub(super) struct Listener {
    pub(super) user_id: String,
    pub(super) role: Role,
}

impl Listener {
    pub(super) fn is_staff(&self) -> bool {
        is_allowed(self.role, Action::WorkTickets)
    }
}

pub(super) struct SocketEntry {
    pub(super) listener: Listener,
    pub(super) topics: HashSet<Topic>,
    pub(super) sender: mpsc::Sender<Arc<str>>,
}

impl SocketEntry {
    /// Queues a frame; false when the queue is full (a slow consumer).
    pub(super) fn offer(&self, text: &Arc<str>) -> bool {
        self.sender.try_send(text.clone()).is_ok()
    }
}

/// A frame as the JSON text a socket sends.
pub(super) fn frame_text(frame: &ServerFrame) -> Arc<str> {
    serde_json::to_string(frame).unwrap_or_else(|_| r#"{"type":"error","code":"internal"}"#.to_string()).into()
}

/// The hub's shared state.
pub(crate) struct Hub {
    pub(super) limits: LiveLimits,
    pub(super) sockets: Mutex<HashMap<u64, SocketEntry>>,
    next_socket: AtomicU64,
    /// Held while events are sent, and while a subscriber catches up, so nothing is sent twice or skipped.
    pub(super) dispatch: tokio::sync::Mutex<DispatchPosition>,
    /// Who has which ticket open, across instances: ticket -> user -> (name, seen at).
    pub(super) viewers: Mutex<HashMap<String, TicketViewers>>,
    /// Set while an "analytics changed" moment waits to go out, so a burst of ticket changes announces once.
    pub(super) analytics_announce_pending: AtomicBool,
}

/// One ticket's viewers: user id -> (name, when last announced).
pub(super) type TicketViewers = HashMap<String, (String, std::time::Instant)>;

/// The last logged event this instance has sent out.
pub(super) struct DispatchPosition {
    pub(super) seq: Option<u64>,
}

impl Hub {
    pub(crate) fn new(limits: LiveLimits) -> Hub {
        Hub {
            limits,
            sockets: Mutex::new(HashMap::new()),
            next_socket: AtomicU64::new(1),
            dispatch: tokio::sync::Mutex::new(DispatchPosition { seq: None }),
            viewers: Mutex::new(HashMap::new()),
            analytics_announce_pending: AtomicBool::new(false),
        }
    }

    pub(super) fn sockets(&self) -> std::sync::MutexGuard<'_, HashMap<u64, SocketEntry>> {
        self.sockets.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// One connected socket: its id for later calls and the JSON text frames to write to it. The hub drops its sender
/// when it gives up on a slow socket, so the receiver ending means "close with [`CLOSE_SLOW_CONSUMER`]".
pub struct LiveConnection {
    pub id: u64,
    pub outgoing: mpsc::Receiver<Arc<str>>,
}

impl Services {
    /// Registers a socket for a signed-in user or widget visitor. Nothing is sent until it subscribes.
    pub fn live_connect(&self, actor: &Actor) -> LiveConnection {
        let hub = self.hub();
        let (sender, outgoing) = mpsc::channel(hub.limits.outbound_queue);
        let id = hub.next_socket.fetch_add(1, Ordering::Relaxed);
        let listener = Listener { user_id: actor.user.id.clone(), role: actor.user.role };
        hub.sockets().insert(id, SocketEntry { listener, topics: HashSet::new(), sender });
        LiveConnection { id, outgoing }
    }

    /// Forgets a socket, and tells the others it no longer views the tickets it had open.
    pub async fn live_disconnect(&self, socket: u64) {
        let removed = self.hub().sockets().remove(&socket);
        if let Some(entry) = removed {
            for topic in entry.topics {
                if let Topic::Ticket(ticket_id) = topic {
                    self.announce_viewing(&entry.listener, &ticket_id, false).await;
                }
            }
        }
    }

    /// Starts sending a topic to a socket. With `since`, first replays the logged events after it that the socket's
    /// user may see, or tells the client to reload when they are no longer all kept (or would not fit its queue).
    /// Everything goes through the socket's queue, under the dispatch lock, so the replay and the live events that
    /// follow arrive once each and in order. Unknown or foreign topics get an error frame and no data.
    pub async fn live_subscribe(&self, socket: u64, topic_name: &str, since: Option<u64>) {
        let refuse =
            |code: &str, message: &str| self.live_reply(socket, &ServerFrame::error(code, message, Some(topic_name)));
        let Some(topic) = Topic::parse(topic_name) else {
            return refuse("unknown_topic", "There is no such topic.");
        };
        let Some(listener) = self.hub().sockets().get(&socket).map(|entry| entry.listener.clone()) else {
            return;
        };
        match self.may_listen(&listener, &topic).await {
            Ok(true) => {}
            Ok(false) => return refuse("not_found", "There is no such topic."),
            Err(err) => return refuse(err.code(), "Subscribing failed; try again."),
        }
        let hub = self.hub();
        let mut position = hub.dispatch.lock().await;
        let current = match position.seq {
            Some(seq) => seq,
            None => match self.store().latest_live_seq().await {
                Ok(seq) => *position.seq.insert(seq),
                Err(_) => return refuse("internal", "Subscribing failed; try again."),
            },
        };
        let replayed = match since {
            Some(since) if since < current => self.replay(&listener, &topic, since, current).await,
            _ => Ok(Some(Vec::new())),
        };
        let queued = self.queue_subscription(socket, &topic, replayed, current);
        drop(position);
        match queued {
            Ok(true) => {}
            Ok(false) => return,
            Err((code, message)) => return refuse(code, message),
        }
        if let (Topic::Ticket(ticket_id), true) = (&topic, listener.is_staff()) {
            if let Some(presence) = self.presence_frame(ticket_id, current) {
                self.live_reply(socket, &presence);
            }
            self.announce_viewing(&listener, ticket_id, true).await;
        }
    }

    /// Adds the topic to the socket and queues the replay (or a resync) and the confirmation. `Ok(false)` when the
    /// socket is gone.
    fn queue_subscription(
        &self,
        socket: u64,
        topic: &Topic,
        replayed: Result<Option<Vec<ServerFrame>>, ServiceError>,
        current: u64,
    ) -> Result<bool, (&'static str, &'static str)> {
        let hub = self.hub();
        let mut sockets = hub.sockets();
        let Some(entry) = sockets.get_mut(&socket) else { return Ok(false) };
        if !entry.topics.contains(topic) && entry.topics.len() >= hub.limits.max_topics_per_socket {
            return Err(("too_many_subscriptions", "This connection listens to as many topics as it may."));
        }
        let name = topic.name();
        let mut frames = match replayed {
            Ok(Some(frames)) if frames.len() < entry.sender.capacity() => frames,
            Ok(_) => vec![ServerFrame::Resync { topic: name.clone(), seq: current }],
            Err(_) => return Err(("internal", "Catching up failed; reload.")),
        };
        frames.push(ServerFrame::Subscribed { topic: name, seq: current });
        for frame in &frames {
            entry.offer(&frame_text(frame));
        }
        entry.topics.insert(topic.clone());
        Ok(true)
    }

    /// Queues one frame for a socket (answers to its own frames: pong, errors).
    pub fn live_reply(&self, socket: u64, frame: &ServerFrame) {
        if let Some(entry) = self.hub().sockets().get(&socket) {
            entry.offer(&frame_text(frame));
        }
    }

    /// Stops sending a topic to a socket.
    pub async fn live_unsubscribe(&self, socket: u64, topic_name: &str) {
        let topic = Topic::parse(topic_name);
        let removed = topic.as_ref().and_then(|topic| {
            let mut sockets = self.hub().sockets();
            let entry = sockets.get_mut(&socket)?;
            entry.topics.remove(topic).then(|| entry.listener.clone())
        });
        if let (Some(listener), Some(Topic::Ticket(ticket_id))) = (removed, topic) {
            if listener.is_staff() {
                self.announce_viewing(&listener, &ticket_id, false).await;
            }
        }
        self.live_reply(socket, &ServerFrame::Unsubscribed { topic: topic_name.to_string() });
    }

    /// Whether a socket's user may listen to a topic: the agents' and analytics topics are for staff; a ticket for
    /// whoever may see it.
    async fn may_listen(&self, listener: &Listener, topic: &Topic) -> Result<bool, ServiceError> {
        Ok(match topic {
            Topic::Inbox => true,
            Topic::Agents | Topic::Analytics => listener.is_staff(),
            Topic::Ticket(id) => match self.store().find_ticket(id).await? {
                Some(ticket) => crate::domain::may_see_ticket(listener.role, &listener.user_id, &ticket.requester_id),
                None => false,
            },
        })
    }

    /// Whether the socket listens to the ticket (typing and read receipts are only accepted from those who do).
    pub(super) fn socket_listener(&self, socket: u64, ticket_id: &str) -> Option<Listener> {
        let sockets = self.hub().sockets();
        let entry = sockets.get(&socket)?;
        entry.topics.contains(&Topic::Ticket(ticket_id.to_string())).then(|| entry.listener.clone())
    }

    /// How many sockets this instance holds (for metrics).
    pub fn live_socket_count(&self) -> usize {
        self.hub().sockets().len()
    }

    /// Whether events from other instances arrive as they happen (false while the notification connection is down).
    pub fn live_notifications_flowing(&self) -> bool {
        self.store().live_listening()
    }
}
