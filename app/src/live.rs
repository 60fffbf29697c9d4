//! Live updates in the agent's pages: one websocket per tab (`/ws`, opened only in the browser and only once a page
//! asks for a topic), and what it has heard, kept as a [`LiveModel`] in one signal. Pages read narrow memos of it
//! (a topic's version, who is typing), so a typing event does not refetch the queue.

use std::collections::HashMap;

use leptos::prelude::*;
use tidings::domain::live::{LiveEvent, LivePerson, ServerFrame, Topic};
use tidings::domain::NamedRef;

/// How long a "typing" notice stays after the last typing frame.
pub const TYPING_SHOWN_MS: f64 = 6_000.0;

/// Everything the socket has told this tab, as plain data (applied by a pure function, tested without a browser).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LiveModel {
    /// Bumped whenever a listed ticket changes: pages holding a list refetch it.
    pub inbox_version: u64,
    /// Per ticket id: bumped when that ticket or its thread changes.
    pub ticket_versions: HashMap<String, u64>,
    /// Per ticket id: who is typing, and until when (milliseconds since the epoch).
    pub typing: HashMap<String, Vec<(LivePerson, f64)>>,
    /// Per ticket id: who has it open (staff only).
    pub viewers: HashMap<String, Vec<NamedRef>>,
    /// Per ticket id: each reader's last read message.
    pub reads: HashMap<String, Vec<(LivePerson, String)>>,
    /// Bumped when an agent's availability changes.
    pub agents_version: u64,
    /// Bumped when the report numbers changed (topic `analytics`).
    pub analytics_version: u64,
    /// The last sequence number seen per topic, sent as `since` after a reconnect.
    pub seqs: HashMap<String, u64>,
    /// Whether the socket is open.
    pub connected: bool,
    /// How often an open socket was lost (the page says "reconnecting" only after a loss).
    pub drops: u32,
}

impl LiveModel {
    /// Takes in one server frame at time `now_ms`.
    pub fn apply(&mut self, frame: ServerFrame, now_ms: f64) {
        match frame {
            ServerFrame::Event { seq, topic, event } => {
                self.note_seq(&topic, seq);
                self.apply_event(&topic, event, now_ms);
            }
            ServerFrame::Subscribed { topic, seq } => {
                self.seqs.entry(topic).or_insert(seq);
            }
            // Too much was missed to replay: start from `seq` and reload what the topic shows.
            ServerFrame::Resync { topic, seq } => {
                self.seqs.insert(topic.clone(), seq);
                self.changed(&topic);
            }
            ServerFrame::Unsubscribed { .. } | ServerFrame::Pong | ServerFrame::Error { .. } => {}
        }
    }

    fn note_seq(&mut self, topic: &str, seq: u64) {
        let last = self.seqs.entry(topic.to_string()).or_insert(seq);
        *last = (*last).max(seq);
    }

    fn apply_event(&mut self, topic: &str, event: LiveEvent, now_ms: f64) {
        match event {
            LiveEvent::TicketCreated { .. } | LiveEvent::TicketUpdated { .. } => self.changed(topic),
            LiveEvent::MessageCreated { ticket_id, message, .. } => {
                // Whoever wrote it has stopped typing.
                if let Some(typists) = self.typing.get_mut(&ticket_id) {
                    typists.retain(|(person, _)| person.id != message.author.id);
                }
                self.changed(topic);
            }
            LiveEvent::Typing { ticket_id, user } => {
                let typists = self.typing.entry(ticket_id).or_default();
                typists.retain(|(person, _)| person.id != user.id);
                typists.push((user, now_ms + TYPING_SHOWN_MS));
            }
            LiveEvent::Presence { ticket_id, viewers } => {
                self.viewers.insert(ticket_id, viewers);
            }
            LiveEvent::Read { ticket_id, user, message_id } => {
                let reads = self.reads.entry(ticket_id).or_default();
                reads.retain(|(person, _)| person.id != user.id);
                reads.push((user, message_id));
            }
            LiveEvent::Availability { .. } => self.agents_version += 1,
            LiveEvent::AnalyticsChanged => self.analytics_version += 1,
        }
    }

    /// Marks what `topic` shows as changed.
    fn changed(&mut self, topic: &str) {
        match Topic::parse(topic) {
            Some(Topic::Inbox) => self.inbox_version += 1,
            Some(Topic::Ticket(id)) => *self.ticket_versions.entry(id).or_default() += 1,
            Some(Topic::Agents) => self.agents_version += 1,
            Some(Topic::Analytics) => self.analytics_version += 1,
            None => {}
        }
    }

    /// The socket opened or closed.
    pub fn set_connected(&mut self, open: bool) {
        if self.connected && !open {
            self.drops += 1;
        }
        self.connected = open;
    }

    /// Forgets typing notices that ran out; true when something was forgotten.
    pub fn expire_typing(&mut self, now_ms: f64) -> bool {
        let before: usize = self.typing.values().map(Vec::len).sum();
        for typists in self.typing.values_mut() {
            typists.retain(|(_, until)| *until > now_ms);
        }
        self.typing.retain(|_, typists| !typists.is_empty());
        before != self.typing.values().map(Vec::len).sum::<usize>()
    }

    /// Who is typing in `ticket_id` now, other than `me`.
    pub fn typists(&self, ticket_id: &str, me: &str) -> Vec<String> {
        let typists = self.typing.get(ticket_id).into_iter().flatten();
        typists.filter(|(person, _)| person.id != me).map(|(person, _)| person.name.clone()).collect()
    }

    /// Who else has `ticket_id` open.
    pub fn other_viewers(&self, ticket_id: &str, me: &str) -> Vec<String> {
        let viewers = self.viewers.get(ticket_id).into_iter().flatten();
        viewers.filter(|viewer| viewer.id != me).map(|viewer| viewer.name.clone()).collect()
    }

    /// Who other than `me` has read `ticket_id` up to `message_id`.
    pub fn readers_of(&self, ticket_id: &str, message_id: &str, me: &str) -> Vec<String> {
        let reads = self.reads.get(ticket_id).into_iter().flatten();
        reads.filter(|(person, read)| person.id != me && read == message_id).map(|(p, _)| p.name.clone()).collect()
    }
}

/// The live state of this tab, shared through context.
#[derive(Clone, Copy)]
pub struct Live {
    pub model: RwSignal<LiveModel>,
}

/// Puts the live state in context; called once by `App`. Nothing connects until a page watches a topic.
pub fn provide_live() {
    provide_context(Live { model: RwSignal::new(LiveModel::default()) });
}

pub fn use_live() -> Live {
    expect_context::<Live>()
}

impl Live {
    /// Listens to the topic `topic()` names while the calling component lives (and follows it when it changes).
    /// Only the browser connects; on the server this does nothing.
    pub fn watch(self, topic: impl Fn() -> Option<Topic> + Send + Sync + 'static) {
        Effect::new(move |_| {
            if let Some(topic) = topic() {
                self.listen(topic);
            }
        });
    }

    #[cfg(feature = "hydrate")]
    fn listen(self, topic: Topic) {
        let name = topic.name();
        crate::live_socket::want(self.model, &name);
        on_cleanup(move || crate::live_socket::unwant(&name));
    }

    #[cfg(not(feature = "hydrate"))]
    fn listen(self, _topic: Topic) {}

    /// Changes whenever the ticket lists may have changed.
    pub fn inbox_version(self) -> Memo<u64> {
        Memo::new(move |_| self.model.with(|model| model.inbox_version))
    }

    /// Changes whenever the ticket `id()` or its thread changed.
    pub fn ticket_version(self, id: impl Fn() -> String + Send + Sync + 'static) -> Memo<u64> {
        Memo::new(move |_| {
            let id = id();
            self.model.with(|model| model.ticket_versions.get(&id).copied().unwrap_or(0))
        })
    }

    pub fn agents_version(self) -> Memo<u64> {
        Memo::new(move |_| self.model.with(|model| model.agents_version))
    }

    /// Changes when the report numbers changed, at most once per `pause` (the last change of a burst is never
    /// dropped: it shows when the pause ends), so a busy team's dashboards reload their numbers calmly.
    pub fn analytics_version(self, pause: std::time::Duration) -> ReadSignal<u64> {
        let heard = Memo::new(move |_| self.model.with(|model| model.analytics_version));
        let (shown, set_shown) = signal(0u64);
        let waiting = StoredValue::new(false);
        Effect::new(move |_| {
            if heard.get() == 0 || waiting.get_value() {
                return;
            }
            waiting.set_value(true);
            set_timeout(
                move || {
                    waiting.set_value(false);
                    set_shown.set(heard.get_untracked());
                },
                pause,
            );
        });
        shown
    }

    /// Tells the others in the ticket that I am typing (the caller throttles).
    pub fn send_typing(self, ticket_id: &str) {
        #[cfg(feature = "hydrate")]
        crate::live_socket::send(&tidings::domain::live::ClientFrame::Typing { ticket_id: ticket_id.to_string() });
        let _ = ticket_id;
    }

    /// Tells the others in the ticket that I have read it up to `message_id`.
    pub fn send_read(self, ticket_id: &str, message_id: &str) {
        #[cfg(feature = "hydrate")]
        crate::live_socket::send(&tidings::domain::live::ClientFrame::Read {
            ticket_id: ticket_id.to_string(),
            message_id: message_id.to_string(),
        });
        let _ = (ticket_id, message_id);
    }
}

/// Milliseconds since the epoch, in the browser and on the server.
pub fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        chrono::Utc::now().timestamp_millis() as f64
    }
}

#[cfg(test)]
mod tests;
