//! Working a ticket: changing its properties, replying, internal notes, and the timeline that records
//! who changed what. Each change and its timeline entries are stored in one transaction.

use serde_json::json;

use super::attachments::attachment_view;
use super::routing::waits;
use super::rule_runs::ticket_facts;
use super::secrets::new_id;
use super::ticket_views::Names;
use super::tickets::{parse_priority, parse_status, parse_ticket_type};
use super::{now, Actor, ServiceError, Services};
use crate::domain::rules::{Changes as RuleChanges, EventActor, EventKind};
use crate::domain::{
    authorize, is_allowed, Action, CategoryPath, Channel, FieldError, Message, MessageBody, Role, Stamps, Subject, Tag,
    Ticket, TicketEvent, TicketStatus, TransitionActor,
};
use crate::store::{EventRecord, MessageRecord, TicketChanges, TicketRecord};

/// Changes to a ticket as submitted; `None` leaves a property alone, `Some(None)` clears it.
#[derive(Clone, Debug, Default)]
pub struct TicketUpdate {
    pub subject: Option<String>,
    pub status: Option<String>,
    pub priority: Option<String>,
    pub assignee_id: Option<Option<String>>,
    pub team_id: Option<Option<String>>,
    pub tags: Option<Vec<String>>,
    pub category: Option<Option<String>>,
    /// A type (1 to 40 characters), or `None` to clear it.
    pub ticket_type: Option<Option<String>>,
}

/// A reply or internal note as submitted, with its files.
#[derive(Clone, Debug, Default)]
pub struct NewMessage {
    pub body: String,
    pub internal: bool,
    pub attachments: Vec<Upload>,
    /// A WhatsApp reply outside the 24-hour window: the approved template (`name:language`) to send; the body is
    /// then the template's text.
    pub template: Option<String>,
}

/// Where a message came from when a channel delivered it (email, WhatsApp, Telegram).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboundOrigin {
    pub channel: Channel,
    pub provider_message_id: String,
}

/// A file as uploaded: the name and media type the client claimed, and the bytes.
#[derive(Clone, Debug, Default)]
pub struct Upload {
    pub name: String,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl Services {
    /// Applies a staff member's changes; a status change must be allowed by the lifecycle (422 names the
    /// allowed targets otherwise).
    pub async fn update_ticket(&self, actor: &Actor, id: &str, update: TicketUpdate) -> Result<Ticket, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        let current = self.store().find_ticket(id).await?.ok_or(ServiceError::NotFound("ticket"))?;
        let at = now();
        let mut changes = TicketChanges::default();
        let mut events = Vec::new();
        let mut record = |kind: &str, data: serde_json::Value| events.push(event(&current.id, Some(actor), kind, data));

        if let Some(raw) = update.status.as_deref() {
            let to = parse_status(raw)?;
            let to =
                current.status.transition(to, TransitionActor::from_role(actor.user.role)).map_err(FieldError::from)?;
            let stamps = Stamps { first_response_at: current.first_response_at, resolved_at: current.resolved_at }
                .after(current.status, to, false, at);
            changes.status = Some(to);
            changes.resolved_at = Some(stamps.resolved_at).filter(|stamp| *stamp != current.resolved_at);
            record("status_changed", json!({ "from": current.status.as_str(), "to": to.as_str() }));
        }
        if let Some(priority) = update.priority.as_deref().map(parse_priority).transpose()? {
            if priority != current.priority {
                changes.priority = Some(priority);
                record("priority_changed", json!({ "from": current.priority.as_str(), "to": priority.as_str() }));
            }
        }
        if let Some(assignee) = update.assignee_id {
            if let Some(id) = &assignee {
                self.check_assignee(id).await?;
            }
            if assignee != current.assignee_id {
                record("assigned", json!({ "from": current.assignee_id, "to": assignee }));
                changes.assignee_id = Some(assignee);
            }
        }
        if let Some(team) = update.team_id {
            if let Some(id) = &team {
                if !self.store().list_teams().await?.iter().any(|t| &t.id == id) {
                    return Err(FieldError::new("team_id", "unknown_team", "There is no such team.").into());
                }
            }
            if team != current.team_id {
                record("team_changed", json!({ "from": current.team_id, "to": team }));
                changes.team_id = Some(team);
            }
        }
        if let Some(tags) = update.tags {
            let tags: Vec<String> = Tag::parse_list(tags)?.iter().map(|t| t.as_str().to_string()).collect();
            if tags != current.tags {
                record("tags_changed", json!({ "from": current.tags, "to": tags }));
                changes.tags = Some(tags);
            }
        }
        if let Some(category) = update.category {
            let category = category.as_deref().map(CategoryPath::parse).transpose()?.map(|c| c.as_str().to_string());
            if category != current.category {
                record("category_changed", json!({ "from": current.category, "to": category }));
                changes.category = Some(category);
            }
        }
        if let Some(ticket_type) = update.ticket_type {
            let ticket_type = ticket_type.as_deref().map(parse_ticket_type).transpose()?;
            if ticket_type != current.ticket_type {
                record("type_changed", json!({ "from": current.ticket_type, "to": ticket_type }));
                changes.ticket_type = Some(ticket_type);
            }
        }
        if let Some(subject) = update.subject.as_deref().map(Subject::parse).transpose()? {
            let subject = subject.into_string();
            if subject != current.subject {
                record("subject_changed", json!({ "from": current.subject, "to": subject }));
                changes.subject = Some(subject);
            }
        }
        if events.is_empty() {
            return Names::new().ticket(self, current).await;
        }
        let mut updated =
            self.store().update_ticket(id, &changes, &events, at).await?.ok_or(ServiceError::NotFound("ticket"))?;
        if let Some(Some(team)) = &changes.team_id {
            // Staff know better than triage: the classifier learns the team they chose.
            self.learn_team_correction(&updated, team).await;
        }
        if let (Some(to), Some(assignee)) = (changes.status, current.assignee_id.as_deref()) {
            if waits(current.status) && !waits(to) {
                // The assignee has room for one more: their teams' queues move on.
                self.drain_queues_of(assignee).await;
            }
        }
        if changes.team_id.is_some() {
            updated = self.route_waiting_ticket(updated).await;
        }
        if changes.status.is_some() || changes.priority.is_some() || changes.team_id.is_some() {
            self.refresh_ticket_sla(id).await;
        }
        let rule_changes = RuleChanges::between(&ticket_facts(&current), &ticket_facts(&updated));
        self.run_rules(id, EventKind::TicketUpdated, EventActor::Agent, None, rule_changes).await;
        self.follow_ticket_change(id).await;
        let updated = self.store().find_ticket(id).await?.unwrap_or(updated);
        Names::new().ticket(self, updated).await
    }

    /// Adds a reply or (staff only) an internal note, with its files. A customer's reply reopens a pending or
    /// resolved ticket; a staff member's first public reply stamps the first response and opens a new ticket.
    /// Every file is checked before anything is stored; the message and its files are stored together.
    pub async fn add_message(
        &self,
        actor: &Actor,
        ticket_id: &str,
        input: NewMessage,
    ) -> Result<Message, ServiceError> {
        self.add_message_from(actor, ticket_id, input, None).await
    }

    /// [`Self::add_message`]; a message that arrived on a channel (`origin`) is stored on that channel, under the
    /// provider's id (which makes a second delivery of it a `Conflict`).
    pub(super) async fn add_message_from(
        &self,
        actor: &Actor,
        ticket_id: &str,
        input: NewMessage,
        origin: Option<&InboundOrigin>,
    ) -> Result<Message, ServiceError> {
        let NewMessage { body, internal, attachments, template } = input;
        let ticket = self.visible_ticket(actor, ticket_id).await?;
        let staff = is_allowed(actor.user.role, Action::WorkTickets);
        if internal && !staff {
            return Err(ServiceError::Forbidden);
        }
        if !internal && ticket.status == TicketStatus::Closed {
            return Err(ServiceError::Conflict {
                code: "ticket_closed",
                field: Some("body"),
                message: "This ticket is closed. Please open a new one.".into(),
            });
        }
        let body = match template.as_deref() {
            Some(key) => self.whatsapp_template(key)?.text,
            None => body,
        };
        let body = MessageBody::parse(&body)?.into_string();
        let uploads = self.check_uploads(attachments)?;
        let at = now();
        let id = new_id();
        // A staff member's public reply goes back on the conversation's channel, queued with the message.
        let planned =
            if staff && !internal { self.plan_reply_delivery(&ticket, &id, template.as_deref()).await? } else { None };
        if template.is_some() && planned.as_ref().is_none_or(|planned| planned.channel != Channel::Whatsapp) {
            return Err(
                FieldError::new("template", "template_not_allowed", "Templates are for WhatsApp replies.").into()
            );
        }
        let queued = planned.is_some();
        let message = MessageRecord {
            id,
            ticket_id: ticket.id.clone(),
            author_id: actor.user.id.clone(),
            body,
            internal,
            channel: origin
                .map(|origin| origin.channel)
                .or(planned.as_ref().map(|planned| planned.channel))
                .unwrap_or(ticket.channel),
            created_at: at,
            provider_message_id: origin
                .map(|origin| origin.provider_message_id.clone())
                .or(planned.as_ref().and_then(|planned| planned.provider_message_id.clone())),
            delivery: planned.map(|planned| planned.delivery),
        };
        let (changes, events) = reply_effects(&ticket, actor, staff, internal, at);
        let files = self.store_uploads(uploads, &message.id, at).await?;
        self.store().insert_message_with_attachments(&message, &files, &changes, &events).await?;
        if !internal {
            // A public staff reply stops the first-response clock; a customer's message may reopen the ticket.
            self.refresh_ticket_sla(&ticket.id).await;
        }
        if !staff && !internal {
            let text = Some(message.body.as_str());
            self.run_rules(&ticket.id, EventKind::MessageReceived, EventActor::Customer, text, RuleChanges::default())
                .await;
        }
        if !internal {
            self.follow_ticket_change(&ticket.id).await;
        }
        if queued {
            self.wake_outbox();
        }
        let mut message = Names::new().message(self, message).await?;
        message.attachments = files.into_iter().map(attachment_view).collect();
        Ok(message)
    }

    /// The activity timeline, oldest first (staff only).
    pub async fn ticket_events(&self, actor: &Actor, ticket_id: &str) -> Result<Vec<TicketEvent>, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        self.store().find_ticket(ticket_id).await?.ok_or(ServiceError::NotFound("ticket"))?;
        let mut names = Names::new();
        let mut timeline = Vec::new();
        for record in self.store().list_events(ticket_id).await? {
            timeline.push(names.event(self, record).await?);
        }
        Ok(timeline)
    }

    pub(super) async fn check_assignee(&self, id: &str) -> Result<(), ServiceError> {
        match self.store().find_user(id).await? {
            Some(user) if user.active && user.role >= Role::Agent => Ok(()),
            _ => {
                Err(FieldError::new("assignee_id", "unknown_assignee", "Assign the ticket to an active agent.").into())
            }
        }
    }
}

/// What a new message does to its ticket: status, stamps and the timeline entries that record them.
fn reply_effects(
    ticket: &TicketRecord,
    actor: &Actor,
    staff: bool,
    internal: bool,
    at: chrono::DateTime<chrono::Utc>,
) -> (TicketChanges, Vec<EventRecord>) {
    let mut changes = TicketChanges::default();
    let mut events = Vec::new();
    if internal {
        return (changes, events);
    }
    let to = if staff {
        match ticket.status {
            TicketStatus::New => TicketStatus::Open,
            other => other,
        }
    } else {
        ticket.status.on_customer_reply()
    };
    let stamps = Stamps { first_response_at: ticket.first_response_at, resolved_at: ticket.resolved_at }.after(
        ticket.status,
        to,
        staff,
        at,
    );
    if stamps.first_response_at != ticket.first_response_at {
        changes.first_response_at = Some(stamps.first_response_at);
    }
    if to != ticket.status {
        changes.status = Some(to);
        changes.resolved_at = Some(stamps.resolved_at).filter(|stamp| *stamp != ticket.resolved_at);
        events.push(event(
            &ticket.id,
            Some(actor),
            "status_changed",
            json!({ "from": ticket.status.as_str(), "to": to.as_str() }),
        ));
    }
    (changes, events)
}

pub(super) fn event(ticket_id: &str, actor: Option<&Actor>, kind: &str, data: serde_json::Value) -> EventRecord {
    EventRecord {
        id: new_id(),
        ticket_id: ticket_id.to_string(),
        actor_id: actor.map(|actor| actor.user.id.clone()),
        kind: kind.to_string(),
        data: data.to_string(),
        created_at: now(),
    }
}
