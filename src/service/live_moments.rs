//! Moments: what matters only while it happens and is not logged. Typing, who is viewing a ticket, read receipts,
//! agents' availability, and that the report numbers changed. Published through the store (on PostgreSQL a NOTIFY
//! with ids only, so every instance hears it), then named and sent by each instance's hub to the sockets it holds.

use serde::{Deserialize, Serialize};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::live_hub::{frame_text, Listener};
use super::{ServiceError, Services};
use crate::domain::live::{Availability, LiveEvent, LivePerson, ServerFrame, Topic};
use crate::domain::NamedRef;

/// How often a viewer is re-announced; one not heard of for three times as long has left (e.g. its instance died).
pub(super) const VIEWING_REFRESH: Duration = Duration::from_secs(20);
const VIEWING_EXPIRY: Duration = Duration::from_secs(60);

/// A moment as published: ids only (PostgreSQL caps a notification at 8000 bytes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "k", rename_all = "snake_case")]
enum Moment {
    Typing { t: String, u: String },
    Viewing { t: String, u: String, on: bool },
    Read { t: String, u: String, m: String },
    Availability { u: String },
    Analytics,
}

/// How long the analytics announcement waits after a ticket change, gathering the changes after it into one.
const ANALYTICS_ANNOUNCE_DELAY: Duration = Duration::from_millis(500);

impl Services {
    /// A socket's user is typing in a ticket they listen to.
    pub async fn live_typing(&self, socket: u64, ticket_id: &str) {
        match self.socket_listener(socket, ticket_id) {
            Some(listener) => self.publish(&Moment::Typing { t: ticket_id.to_string(), u: listener.user_id }).await,
            None => self.refuse_unsubscribed(socket, ticket_id),
        }
    }

    /// A socket's user has read a ticket's thread up to a message.
    pub async fn live_read(&self, socket: u64, ticket_id: &str, message_id: &str) {
        match self.socket_listener(socket, ticket_id) {
            Some(listener) => {
                let moment = Moment::Read { t: ticket_id.to_string(), u: listener.user_id, m: message_id.to_string() };
                self.publish(&moment).await;
            }
            None => self.refuse_unsubscribed(socket, ticket_id),
        }
    }

    fn refuse_unsubscribed(&self, socket: u64, ticket_id: &str) {
        let topic = Topic::Ticket(ticket_id.to_string()).name();
        self.live_reply(socket, &ServerFrame::error("not_subscribed", "Subscribe to the ticket first.", Some(&topic)));
    }

    /// Tells every instance that a staff member opened or left a ticket.
    pub(super) async fn announce_viewing(&self, listener: &Listener, ticket_id: &str, on: bool) {
        self.publish(&Moment::Viewing { t: ticket_id.to_string(), u: listener.user_id.clone(), on }).await;
    }

    /// Tells the agents' topic that someone's availability changed.
    pub(super) async fn announce_availability(&self, user_id: &str) {
        self.publish(&Moment::Availability { u: user_id.to_string() }).await;
    }

    /// Tells the staff watching reports that a ticket change reached the rollups: once for all the changes of the
    /// next moment (a burst of changes is one announcement, sent after the last of them was rolled up).
    pub(super) fn announce_analytics_changed(&self) {
        if self.hub().analytics_announce_pending.swap(true, Ordering::AcqRel) {
            return;
        }
        let services = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(ANALYTICS_ANNOUNCE_DELAY).await;
            services.hub().analytics_announce_pending.store(false, Ordering::Release);
            services.publish(&Moment::Analytics).await;
        });
    }

    async fn publish(&self, moment: &Moment) {
        let payload = serde_json::to_string(moment).unwrap_or_default();
        if let Err(err) = self.store().publish_moment(&payload).await {
            tracing::warn!(error = %err, "publishing a live moment failed");
        }
    }

    /// The current viewers of a ticket as a frame for its staff listeners.
    pub(super) fn presence_frame(&self, ticket_id: &str, seq: u64) -> Option<ServerFrame> {
        let viewers = self.hub().viewers.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut named: Vec<NamedRef> = viewers
            .get(ticket_id)?
            .iter()
            .map(|(id, (name, _))| NamedRef { id: id.clone(), name: name.clone() })
            .collect();
        named.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        let event = LiveEvent::Presence { ticket_id: ticket_id.to_string(), viewers: named };
        Some(ServerFrame::Event { seq, topic: Topic::Ticket(ticket_id.to_string()).name(), event })
    }

    /// Names a published moment and queues it on the sockets here that should see it.
    pub(super) async fn dispatch_moment(&self, payload: &str) {
        let Ok(moment) = serde_json::from_str::<Moment>(payload) else {
            return tracing::warn!("ignoring a malformed live moment");
        };
        if let Err(err) = self.deliver_moment(moment).await {
            tracing::warn!(error = %err, "delivering a live moment failed");
        }
    }

    async fn deliver_moment(&self, moment: Moment) -> Result<(), ServiceError> {
        let seq = self.hub().dispatch.lock().await.seq.unwrap_or(0);
        let user_id = match &moment {
            Moment::Typing { u, .. }
            | Moment::Viewing { u, .. }
            | Moment::Read { u, .. }
            | Moment::Availability { u } => u,
            Moment::Analytics => {
                self.offer_to_staff(&Topic::Analytics, LiveEvent::AnalyticsChanged, seq);
                return Ok(());
            }
        };
        let Some(user) = self.store().find_user(user_id).await? else { return Ok(()) };
        let person = LivePerson { id: user.id.clone(), name: user.name.clone(), role: user.role };
        let (topic, staff_only, event) = match moment {
            Moment::Typing { t, .. } => {
                (Topic::Ticket(t.clone()), false, LiveEvent::Typing { ticket_id: t, user: person })
            }
            Moment::Read { t, m, .. } => {
                (Topic::Ticket(t.clone()), false, LiveEvent::Read { ticket_id: t, user: person, message_id: m })
            }
            Moment::Viewing { t, on, .. } => {
                self.note_viewer(&t, &user.id, &user.name, on);
                let Some(ServerFrame::Event { event, .. }) = self.presence_frame(&t, seq) else { return Ok(()) };
                (Topic::Ticket(t), true, event)
            }
            Moment::Availability { .. } => {
                let Some(agent) =
                    self.store().list_agent_availability().await?.into_iter().find(|agent| agent.user_id == user.id)
                else {
                    return Ok(());
                };
                let user = NamedRef { id: agent.user_id, name: agent.name };
                let event =
                    LiveEvent::Availability { user, availability: agent.availability, max_chats: agent.max_chats };
                (Topic::Agents, true, event)
            }
            Moment::Analytics => return Ok(()),
        };
        let text = frame_text(&ServerFrame::Event { seq, topic: topic.name(), event });
        let sender_id = user.id;
        let hub = self.hub();
        let sockets = hub.sockets();
        for entry in sockets.values() {
            let own_typing = sender_id == entry.listener.user_id && topic != Topic::Agents;
            if entry.topics.contains(&topic) && (!staff_only || entry.listener.is_staff()) && !own_typing {
                entry.offer(&text);
            }
        }
        Ok(())
    }

    /// Queues an event on the staff sockets here that listen to `topic`.
    fn offer_to_staff(&self, topic: &Topic, event: LiveEvent, seq: u64) {
        let text = frame_text(&ServerFrame::Event { seq, topic: topic.name(), event });
        for entry in self.hub().sockets().values() {
            if entry.topics.contains(topic) && entry.listener.is_staff() {
                entry.offer(&text);
            }
        }
    }

    fn note_viewer(&self, ticket_id: &str, user_id: &str, name: &str, on: bool) {
        let mut viewers = self.hub().viewers.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let ticket = viewers.entry(ticket_id.to_string()).or_default();
        if on {
            ticket.insert(user_id.to_string(), (name.to_string(), Instant::now()));
        } else {
            ticket.remove(user_id);
        }
        if ticket.is_empty() {
            viewers.remove(ticket_id);
        }
    }

    /// Re-announces the tickets staff have open here, and forgets viewers no instance has announced for a while.
    pub(super) async fn refresh_viewing(&self) {
        let open: Vec<(Listener, String)> = self
            .hub()
            .sockets()
            .values()
            .filter(|entry| entry.listener.is_staff())
            .flat_map(|entry| {
                entry.topics.iter().filter_map(move |topic| match topic {
                    Topic::Ticket(id) => Some((entry.listener.clone(), id.clone())),
                    _ => None,
                })
            })
            .collect();
        for (listener, ticket_id) in open {
            self.announce_viewing(&listener, &ticket_id, true).await;
        }
        let mut viewers = self.hub().viewers.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for ticket in viewers.values_mut() {
            ticket.retain(|_, (_, seen)| seen.elapsed() < VIEWING_EXPIRY);
        }
        viewers.retain(|_, ticket| !ticket.is_empty());
    }

    /// Sets the acting agent's chat availability (and limit), and tells the agents' topic.
    pub async fn set_availability(
        &self,
        actor: &super::Actor,
        availability: Availability,
        max_chats: Option<u32>,
    ) -> Result<(), ServiceError> {
        crate::domain::authorize(actor.user.role, crate::domain::Action::WorkTickets)?;
        if let Some(max) = max_chats.filter(|max| *max > 50) {
            return Err(ServiceError::Invalid(crate::domain::FieldError::new(
                "max_chats",
                "invalid_max_chats",
                format!("Give a limit from 0 to 50 (not {max})."),
            )));
        }
        self.store().set_availability(&actor.user.id, availability, max_chats, super::now()).await?;
        self.announce_availability(&actor.user.id).await;
        if availability == Availability::Online {
            // Tickets that waited for someone with room may go to this agent now.
            self.drain_queues_of(&actor.user.id).await;
        }
        Ok(())
    }
}
