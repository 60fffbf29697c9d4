//! Live chat for agents: the queue of waiting chats, taking one within one's limit, handing it to a colleague or a
//! team with a note, ending it, and turning it into a follow-up ticket. A chat is a ticket on channel `chat`, so its
//! transcript is the ticket's thread and every step lands on its timeline.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::ticket_changes::event;
use super::ticket_views::Names;
use super::{now, Actor, NewMessage, ServiceError, Services, TicketUpdate};
use crate::domain::delivery::CHAT_CONVERTED_EVENT;
use crate::domain::live::AgentLoad;
use crate::domain::{authorize, Action, Channel, FieldError, MessageBody, Ticket, TicketStatus};
use crate::store::{ChatClaim, TicketChanges};

/// A chat in the queue and how long its visitor has waited.
#[derive(Clone, Debug, PartialEq)]
pub struct WaitingChat {
    pub ticket: Ticket,
    pub waiting_since: DateTime<Utc>,
}

/// Where a chat goes: to an agent, or back to the queue of a team. The note is left as an internal note.
#[derive(Clone, Debug, Default)]
pub struct ChatTransfer {
    pub agent_id: Option<String>,
    pub team_id: Option<String>,
    pub note: Option<String>,
}

/// The most chats the queue shows at once.
const QUEUE_LIMIT: u32 = 200;

impl Services {
    /// Waiting chats, longest waiting first.
    pub async fn waiting_chats(&self, actor: &Actor) -> Result<Vec<WaitingChat>, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        let records = self.store().list_waiting_chats(QUEUE_LIMIT).await?;
        let tickets = Names::new().tickets(self, records).await?;
        Ok(tickets.into_iter().map(|ticket| WaitingChat { waiting_since: ticket.created_at, ticket }).collect())
    }

    /// The acting agent's unfinished chats.
    pub async fn my_chats(&self, actor: &Actor) -> Result<Vec<Ticket>, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        let records = self.store().list_agent_chats(&actor.user.id).await?;
        Names::new().tickets(self, records).await
    }

    /// Every agent's availability, limit and current chats (for the chat page and transfers).
    pub async fn agent_availability(&self, actor: &Actor) -> Result<Vec<AgentLoad>, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        let records = self.store().list_agent_availability().await?;
        Ok(records
            .into_iter()
            .map(|agent| AgentLoad {
                user_id: agent.user_id,
                name: agent.name,
                availability: agent.availability,
                max_chats: agent.max_chats,
                active_chats: agent.active_chats,
            })
            .collect())
    }

    /// The acting agent takes a waiting chat. Refused when someone was quicker (409 `chat_taken`) or the agent is at
    /// their limit (409 `chat_limit_reached`).
    pub async fn accept_chat(&self, actor: &Actor, ticket_id: &str) -> Result<Ticket, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        let current = self.store().find_ticket(ticket_id).await?.ok_or(ServiceError::NotFound("chat"))?;
        if current.channel != Channel::Chat {
            return Err(ServiceError::NotFound("chat"));
        }
        let events = [event(ticket_id, Some(actor), "chat_accepted", json!({ "agent": actor.user.id }))];
        match self.store().claim_chat(ticket_id, &actor.user.id, &events, now()).await? {
            ChatClaim::Claimed(record) => {
                self.follow_ticket_change(ticket_id).await;
                Names::new().ticket(self, *record).await
            }
            ChatClaim::Taken => Err(ServiceError::Conflict {
                code: "chat_taken",
                field: None,
                message: "Someone else has taken this chat, or it has ended.".into(),
            }),
            ChatClaim::AtCapacity => Err(ServiceError::Conflict {
                code: "chat_limit_reached",
                field: None,
                message: "You already have as many chats as your limit allows.".into(),
            }),
        }
    }

    /// Hands a chat to another agent, or back to the queue of a team, leaving the note as an internal note.
    pub async fn transfer_chat(
        &self,
        actor: &Actor,
        ticket_id: &str,
        transfer: ChatTransfer,
    ) -> Result<Ticket, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        self.chat_ticket(ticket_id).await?;
        let update = match (transfer.agent_id, transfer.team_id) {
            (Some(agent), team) => {
                TicketUpdate { assignee_id: Some(Some(agent)), team_id: team.map(Some), ..TicketUpdate::default() }
            }
            (None, Some(team)) => {
                TicketUpdate { assignee_id: Some(None), team_id: Some(Some(team)), ..TicketUpdate::default() }
            }
            (None, None) => {
                return Err(
                    FieldError::new("agent_id", "required", "Choose an agent or a team to hand the chat to.").into()
                )
            }
        };
        // The note is checked before anything changes, and written once the transfer has been accepted.
        let note =
            transfer.note.filter(|note| !note.trim().is_empty()).map(|note| MessageBody::parse(&note)).transpose()?;
        let ticket = self.update_ticket(actor, ticket_id, update).await?;
        if let Some(note) = note {
            self.add_internal_note(actor, ticket_id, note.into_string()).await?;
        }
        Ok(ticket)
    }

    /// Ends a chat: the conversation is resolved (a new message from the visitor reopens it).
    pub async fn end_chat(&self, actor: &Actor, ticket_id: &str) -> Result<Ticket, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        self.chat_ticket(ticket_id).await?;
        let update = TicketUpdate { status: Some(TicketStatus::Resolved.as_str().into()), ..TicketUpdate::default() };
        self.update_ticket(actor, ticket_id, update).await
    }

    /// Turns a chat the visitor left into a follow-up ticket: pending on the customer, kept by the agent, with a note
    /// on the timeline. Replies then reach the visitor in the widget and, when an email address is known (their
    /// account's, or the one typed into the widget), by email.
    pub async fn convert_chat_to_ticket(&self, actor: &Actor, ticket_id: &str) -> Result<Ticket, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        let current = self.chat_ticket(ticket_id).await?;
        let update = TicketUpdate {
            status: Some(TicketStatus::Pending.as_str().into()),
            assignee_id: current.assignee_id.is_none().then(|| Some(actor.user.id.clone())),
            ..TicketUpdate::default()
        };
        let ticket = self.update_ticket(actor, ticket_id, update).await?;
        // From now on staff replies also go to the visitor by email, when an address is known.
        let converted = event(ticket_id, Some(actor), CHAT_CONVERTED_EVENT, json!({}));
        self.store().update_ticket(ticket_id, &TicketChanges::default(), &[converted], now()).await?;
        Ok(ticket)
    }

    async fn add_internal_note(&self, actor: &Actor, ticket_id: &str, body: String) -> Result<(), ServiceError> {
        self.add_message(actor, ticket_id, NewMessage { body, internal: true, ..NewMessage::default() }).await?;
        Ok(())
    }

    async fn chat_ticket(&self, ticket_id: &str) -> Result<crate::store::TicketRecord, ServiceError> {
        match self.store().find_ticket(ticket_id).await? {
            Some(ticket) if ticket.channel == Channel::Chat => Ok(ticket),
            _ => Err(ServiceError::NotFound("chat")),
        }
    }
}
