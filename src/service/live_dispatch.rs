//! Sending logged events out: the hub's loop reads everything after the last sequence number it sent, renders each
//! event once per audience (staff, or the customer who asked), and queues it on every socket that listens to the
//! topic and may see it. A socket whose queue is full is dropped, so one slow reader never holds up the rest.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

use super::live_hub::{frame_text, Listener};
use super::ticket_views::Names;
use super::{ServiceError, Services};
use crate::domain::live::{LiveEvent, ServerFrame, Topic};
use crate::domain::{may_see_message, may_see_ticket};
use crate::store::{LiveChange, LiveEventRecord, LiveSignal};

/// A logged event rendered for its two possible audiences.
pub(super) struct RenderedEvent {
    pub(super) seq: u64,
    pub(super) ticket_id: String,
    pub(super) requester_id: String,
    pub(super) staff: LiveEvent,
    /// What a customer may see; `None` for an internal note.
    pub(super) customer: Option<LiveEvent>,
}

impl RenderedEvent {
    /// The event as `listener` may see it, if at all.
    pub(super) fn for_listener(&self, listener: &Listener) -> Option<&LiveEvent> {
        if !may_see_ticket(listener.role, &listener.user_id, &self.requester_id) {
            return None;
        }
        if listener.is_staff() {
            Some(&self.staff)
        } else {
            self.customer.as_ref()
        }
    }
}

impl Services {
    /// This instance's hub until the store's signals end: sends new events, passes moments on, refreshes who is
    /// viewing what, and prunes the log. Polls every two seconds as well, so a lost wake-up costs at most that.
    /// Starts listening for events (on PostgreSQL, the LISTEN connection is open when this returns) and runs the hub
    /// in a task of its own.
    pub async fn start_live_hub(&self) -> Result<tokio::task::JoinHandle<()>, ServiceError> {
        let signals = self.store().live_signals().await?;
        let services = self.clone();
        Ok(tokio::spawn(async move { services.run_live_hub(signals).await }))
    }

    async fn run_live_hub(self, mut signals: tokio::sync::broadcast::Receiver<LiveSignal>) {
        let mut poll = tokio::time::interval(Duration::from_secs(2));
        let mut viewing = tokio::time::interval(super::live_moments::VIEWING_REFRESH);
        let mut prune = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tokio::select! {
                signal = signals.recv() => match signal {
                    Ok(LiveSignal::Committed | LiveSignal::ListenerRestored) | Err(RecvError::Lagged(_)) => {
                        self.dispatch_logged_events().await;
                    }
                    Ok(LiveSignal::Moment(payload)) => self.dispatch_moment(&payload).await,
                    Ok(LiveSignal::ListenerLost) => {}
                    Err(RecvError::Closed) => return,
                },
                _ = poll.tick() => self.dispatch_logged_events().await,
                _ = viewing.tick() => self.refresh_viewing().await,
                _ = prune.tick() => {
                    let before = super::now() - self.hub().limits.retention;
                    if let Err(err) = self.store().prune_live_events(before).await {
                        tracing::warn!(error = %err, "pruning the live event log failed");
                    }
                }
            }
        }
    }

    /// Sends every logged event after the last one sent. Errors are logged and retried on the next wake-up.
    pub(super) async fn dispatch_logged_events(&self) {
        let hub = self.hub();
        let mut position = hub.dispatch.lock().await;
        loop {
            let after = match position.seq {
                Some(seq) => seq,
                None => match self.store().latest_live_seq().await {
                    Ok(seq) => *position.seq.insert(seq),
                    Err(err) => return tracing::warn!(error = %err, "reading the live event log failed"),
                },
            };
            let records = match self.store().live_events_after(after, 200).await {
                Ok(records) => records,
                Err(err) => return tracing::warn!(error = %err, "reading the live event log failed"),
            };
            if records.is_empty() {
                return;
            }
            let mut names = Names::new();
            for record in records {
                let seq = record.seq;
                match self.render_event(&mut names, record).await {
                    Ok(Some(rendered)) => self.fan_out(&rendered),
                    Ok(None) => {}
                    Err(err) => tracing::warn!(error = %err, seq, "rendering a live event failed; skipped"),
                }
                position.seq = Some(seq);
            }
        }
    }

    /// Loads what a logged event is about. `None` when the ticket or message is gone.
    pub(super) async fn render_event(
        &self,
        names: &mut Names,
        record: LiveEventRecord,
    ) -> Result<Option<RenderedEvent>, ServiceError> {
        let Some(ticket_record) = self.store().find_ticket(&record.ticket_id).await? else {
            return Ok(None);
        };
        let requester_id = ticket_record.requester_id.clone();
        let ticket = Box::new(names.ticket(self, ticket_record).await?);
        let (staff, customer) = match record.change {
            LiveChange::TicketCreated => {
                let event = LiveEvent::TicketCreated { ticket };
                (event.clone(), Some(event))
            }
            LiveChange::TicketUpdated => {
                let event = LiveEvent::TicketUpdated { ticket };
                (event.clone(), Some(event))
            }
            LiveChange::MessageCreated => {
                let Some(message_id) = record.message_id.as_deref() else { return Ok(None) };
                let Some(message) = self.store().find_message(message_id).await? else { return Ok(None) };
                let internal = message.internal;
                let mut message = names.message(self, message).await?;
                message.attachments =
                    self.thread_attachments(&record.ticket_id, true).await?.remove(message_id).unwrap_or_default();
                let event = LiveEvent::MessageCreated {
                    ticket_id: record.ticket_id.clone(),
                    message: Box::new(message),
                    ticket,
                };
                let customer = may_see_message(crate::domain::Role::Customer, internal).then(|| event.clone());
                (event, customer)
            }
        };
        Ok(Some(RenderedEvent { seq: record.seq, ticket_id: record.ticket_id, requester_id, staff, customer }))
    }

    /// Queues a rendered event on every socket listening to its inbox or ticket topic that may see it; drops the
    /// sockets that cannot take it.
    fn fan_out(&self, rendered: &RenderedEvent) {
        let ticket_topic = Topic::Ticket(rendered.ticket_id.clone());
        let mut texts: HashMap<(bool, bool), Arc<str>> = HashMap::new();
        let mut slow = Vec::new();
        let hub = self.hub();
        let mut sockets = hub.sockets();
        for (id, entry) in sockets.iter() {
            let Some(event) = rendered.for_listener(&entry.listener) else { continue };
            for (topic, is_ticket) in [(&Topic::Inbox, false), (&ticket_topic, true)] {
                if !entry.topics.contains(topic) {
                    continue;
                }
                let text = texts.entry((entry.listener.is_staff(), is_ticket)).or_insert_with(|| {
                    frame_text(&ServerFrame::Event { seq: rendered.seq, topic: topic.name(), event: event.clone() })
                });
                if !entry.offer(text) {
                    slow.push(*id);
                    break;
                }
            }
        }
        for id in slow {
            tracing::info!(socket = id, "dropping a live socket that does not keep up");
            sockets.remove(&id);
        }
    }

    /// Replays one topic's logged events in `(since, until]` as `listener` may see them; `None` when the log no
    /// longer holds all of them or there are more than a replay may carry.
    pub(super) async fn replay(
        &self,
        listener: &Listener,
        topic: &Topic,
        since: u64,
        until: u64,
    ) -> Result<Option<Vec<ServerFrame>>, ServiceError> {
        let oldest = self.store().oldest_live_seq().await?.unwrap_or(until + 1);
        if since + 1 < oldest {
            return Ok(None);
        }
        let limit = self.hub().limits.max_replay;
        let records = match topic {
            Topic::Ticket(id) => self.store().ticket_live_events(id, since, until, limit + 1).await?,
            Topic::Inbox => {
                let mut records = self.store().live_events_after(since, limit + 1).await?;
                records.retain(|record| record.seq <= until);
                records
            }
            Topic::Agents | Topic::Analytics => Vec::new(),
        };
        if records.len() > limit as usize {
            return Ok(None);
        }
        let mut names = Names::new();
        let mut frames = Vec::with_capacity(records.len());
        for record in records {
            if let Some(rendered) = self.render_event(&mut names, record).await? {
                if let Some(event) = rendered.for_listener(listener) {
                    frames.push(ServerFrame::Event { seq: rendered.seq, topic: topic.name(), event: event.clone() });
                }
            }
        }
        Ok(Some(frames))
    }
}
