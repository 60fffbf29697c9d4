//! Tickets: filing, listing and reading them. Customers reach only their own tickets (others' are
//! "not found", never "forbidden", so ids leak nothing); staff reach all of them.

use super::secrets::new_id;
use super::ticket_views::Names;
use super::{now, Actor, Listed, PageRequest, ServiceError, Services};
use crate::domain::rules::{Changes, EventActor, EventKind};
use crate::domain::{
    authorize, is_allowed, search_terms, Action, CategoryPath, Channel, CreatedRange, Email, FieldError, MessageBody,
    Priority, Subject, Tag, Ticket, TicketContext, TicketListQuery, TicketStatus, TicketWithMessages,
};
use crate::store::{
    AssigneeFilter, EventRecord, MessageRecord, NewTicketRecord, TextSearch, TicketFilter, TicketRecord, TicketSort,
};

/// A new ticket as submitted.
#[derive(Clone, Debug, Default)]
pub struct NewTicketInput {
    pub subject: String,
    pub body: String,
    pub priority: Option<String>,
    pub ticket_type: Option<String>,
    pub category: Option<String>,
    pub tags: Option<Vec<String>>,
    /// Staff file tickets for a customer, named by email. Customers always file for themselves.
    pub requester_email: Option<String>,
    /// What the customer chose to share about their browser (page, browser, OS, screen, language, time zone).
    pub context: Option<serde_json::Value>,
    /// Files attached to the opening message.
    pub attachments: Vec<super::Upload>,
    /// Where a customer filed it: the portal unless the widget says `widget` (its form) or `chat`.
    pub channel: Option<Channel>,
}

impl Services {
    /// Files in `input.attachments` go on the opening message; all are checked before anything is stored.
    pub async fn create_ticket(&self, actor: &Actor, input: NewTicketInput) -> Result<Ticket, ServiceError> {
        self.create_ticket_from(actor, input, None).await
    }

    /// [`Self::create_ticket`]; a message that arrived on a channel (`origin`) files it on that channel, under the
    /// provider's id.
    pub(super) async fn create_ticket_from(
        &self,
        actor: &Actor,
        input: NewTicketInput,
        origin: Option<&super::InboundOrigin>,
    ) -> Result<Ticket, ServiceError> {
        let staff = is_allowed(actor.user.role, Action::WorkTickets);
        let (requester_id, channel) = if let Some(origin) = origin {
            authorize(actor.user.role, Action::FileOwnTickets)?;
            (actor.user.id.clone(), origin.channel)
        } else if staff {
            let email = input.requester_email.as_deref().ok_or_else(|| {
                FieldError::new("requester_email", "required", "Name the customer this ticket is for.")
            })?;
            let email = Email::parse(email).map_err(|err| FieldError { field: "requester_email", ..err })?;
            let (requester, _) = self.store().find_credentials(email.as_str()).await?.ok_or_else(|| {
                FieldError::new("requester_email", "unknown_requester", "There is no account with this email.")
            })?;
            (requester.id, Channel::Api)
        } else {
            authorize(actor.user.role, Action::FileOwnTickets)?;
            if input.requester_email.is_some() {
                return Err(ServiceError::Forbidden);
            }
            let channel = input.channel.filter(|channel| matches!(channel, Channel::Widget | Channel::Chat));
            (actor.user.id.clone(), channel.unwrap_or(Channel::Portal))
        };
        let subject = Subject::parse(&input.subject)?.into_string();
        let body = MessageBody::parse(&input.body)?.into_string();
        let priority = input.priority.as_deref().map(parse_priority).transpose()?.unwrap_or_default();
        let category = input.category.as_deref().map(CategoryPath::parse).transpose()?.map(|c| c.as_str().to_string());
        let ticket_type = input.ticket_type.as_deref().map(parse_ticket_type).transpose()?;
        let tags = Tag::parse_list(input.tags.unwrap_or_default())?.iter().map(|t| t.as_str().to_string()).collect();
        let uploads = self.check_uploads(input.attachments)?;
        let context = parse_context(input.context.as_ref())?;
        let id = new_id();
        let created_at = now();
        let first_message_id = new_id();
        let record = NewTicketRecord {
            subject,
            status: TicketStatus::New,
            priority,
            ticket_type,
            category,
            channel,
            requester_id: requester_id.clone(),
            team_id: None,
            language: Some(actor.user.locale.as_str().to_string()).filter(|_| !staff),
            tags,
            context,
            created_at,
            first_message: MessageRecord {
                id: first_message_id.clone(),
                ticket_id: id.clone(),
                author_id: requester_id,
                body,
                internal: false,
                channel,
                created_at,
                provider_message_id: origin.map(|origin| origin.provider_message_id.clone()),
                delivery: None,
            },
            created_event: EventRecord {
                id: new_id(),
                ticket_id: id.clone(),
                actor_id: Some(actor.user.id.clone()),
                kind: "created".into(),
                data: serde_json::json!({ "channel": channel.as_str() }).to_string(),
                created_at,
            },
            id,
        };
        let files = self.store_uploads(uploads, &first_message_id, created_at).await?;
        let stored = self.store().insert_ticket_with_attachments(&record, &files).await?;
        // Every ticket, on every channel, is triaged once stored, then routed if its team routes; its SLA clocks
        // start under the priority triage may have raised.
        let triaged = self.triage_new_ticket(stored, &record.first_message.body).await;
        let routed = self.route_waiting_ticket(triaged).await;
        self.refresh_ticket_sla(&routed.id).await;
        // Then the rules, on the ticket as triage and routing left it (an acknowledgement, a tag, an escalation).
        let rule_actor = if staff && origin.is_none() { EventActor::Agent } else { EventActor::Customer };
        let opening = Some(record.first_message.body.as_str());
        self.run_rules(&routed.id, EventKind::TicketCreated, rule_actor, opening, Changes::default()).await;
        self.follow_ticket_change(&routed.id).await;
        let stored = self.store().find_ticket(&routed.id).await?.unwrap_or(routed);
        Names::new().ticket(self, stored).await
    }

    pub async fn list_tickets(
        &self,
        actor: &Actor,
        query: &TicketListQuery,
        page: PageRequest,
    ) -> Result<Listed<Ticket>, ServiceError> {
        let mut filter = TicketFilter {
            statuses: query.status.as_deref().map(parse_statuses).transpose()?.unwrap_or_default(),
            priorities: query.priority.as_deref().map(parse_priority).transpose()?.into_iter().collect(),
            assignee: query.assignee.as_deref().map(|raw| match raw {
                "me" => AssigneeFilter::User(actor.user.id.clone()),
                "none" => AssigneeFilter::Unassigned,
                id => AssigneeFilter::User(id.to_string()),
            }),
            team_id: query.team.clone(),
            tag: query.tag.as_deref().map(Tag::parse).transpose()?.map(|tag| tag.as_str().to_string()),
            channel: query.channel.as_deref().map(parse_channel).transpose()?,
            requester_id: None,
            text: None,
            category: query.category.as_deref().map(CategoryPath::parse).transpose()?.map(CategoryPath::into_string),
            ticket_type: query.ticket_type.as_deref().map(parse_ticket_type).transpose()?,
            created_from: None,
            created_before: None,
            resolved_from: None,
            resolved_before: None,
        };
        let range = CreatedRange::parse(query.created_from.as_deref(), query.created_to.as_deref())?;
        (filter.created_from, filter.created_before) = (range.from, range.before);
        let resolved = CreatedRange::parse_fields(
            query.resolved_from.as_deref(),
            query.resolved_to.as_deref(),
            ("resolved_from", "resolved_to"),
        )?;
        (filter.resolved_from, filter.resolved_before) = (resolved.from, resolved.before);
        let staff = is_allowed(actor.user.role, Action::WorkTickets);
        if let Some(q) = query.q.as_deref().filter(|q| !q.trim().is_empty()) {
            let terms = search_terms(q);
            if terms.is_empty() {
                // Only punctuation: nothing can match it.
                return Ok(Listed { items: Vec::new(), total: 0 });
            }
            filter.text = Some(TextSearch { terms, include_internal: staff });
        }
        if !staff {
            authorize(actor.user.role, Action::FileOwnTickets)?;
            filter.requester_id = Some(actor.user.id.clone());
        }
        let sort = query.sort.as_deref().map(parse_sort).transpose()?.unwrap_or_default();
        let (records, total) = self.store().list_tickets(&filter, sort, page.per_page, page.offset()).await?;
        let items = Names::new().tickets(self, records).await?;
        Ok(Listed { items, total })
    }

    /// A ticket and its thread with each message's files; customers never receive internal notes or their files.
    pub async fn get_ticket(&self, actor: &Actor, id: &str) -> Result<TicketWithMessages, ServiceError> {
        let record = self.visible_ticket(actor, id).await?;
        let staff = is_allowed(actor.user.role, Action::WorkTickets);
        let messages = self.store().list_messages(id, staff).await?;
        let mut names = Names::new();
        let ticket = names.ticket(self, record).await?;
        let mut files = self.thread_attachments(id, staff).await?;
        let mut thread = Vec::with_capacity(messages.len());
        for message in messages {
            let mut message = names.message(self, message).await?;
            message.attachments = files.remove(&message.id).unwrap_or_default();
            thread.push(message);
        }
        Ok(TicketWithMessages { ticket, messages: thread })
    }

    /// The ticket if the actor may see it; "not found" otherwise, whether or not it exists.
    pub(super) async fn visible_ticket(&self, actor: &Actor, id: &str) -> Result<TicketRecord, ServiceError> {
        let record = self.store().find_ticket(id).await?.ok_or(ServiceError::NotFound("ticket"))?;
        if crate::domain::may_see_ticket(actor.user.role, &actor.user.id, &record.requester_id) {
            Ok(record)
        } else {
            Err(ServiceError::NotFound("ticket"))
        }
    }
}

fn one_of(field: &'static str, code: &'static str, options: &[&str]) -> FieldError {
    FieldError::new(field, code, format!("Choose one of: {}.", options.join(", ")))
}

pub(super) fn parse_priority(raw: &str) -> Result<Priority, FieldError> {
    Priority::parse(raw.trim())
        .ok_or_else(|| one_of("priority", "unknown_priority", &Priority::ALL.map(Priority::as_str)))
}

pub(super) fn parse_status(raw: &str) -> Result<TicketStatus, FieldError> {
    TicketStatus::parse(raw.trim())
        .ok_or_else(|| one_of("status", "unknown_status", &TicketStatus::ALL.map(TicketStatus::as_str)))
}

fn parse_statuses(raw: &str) -> Result<Vec<TicketStatus>, FieldError> {
    raw.split(',').filter(|part| !part.trim().is_empty()).map(parse_status).collect()
}

fn parse_channel(raw: &str) -> Result<Channel, FieldError> {
    Channel::parse(raw.trim()).ok_or_else(|| one_of("channel", "unknown_channel", &Channel::ALL.map(Channel::as_str)))
}

fn parse_sort(raw: &str) -> Result<TicketSort, FieldError> {
    TicketSort::parse(raw.trim())
        .ok_or_else(|| one_of("sort", "unknown_sort", &TicketSort::ALL.map(TicketSort::as_str)))
}

/// The context as stored (a JSON object), or `None` when nothing was shared.
fn parse_context(raw: Option<&serde_json::Value>) -> Result<Option<String>, FieldError> {
    let Some(context) = raw.filter(|value| !value.is_null()).map(TicketContext::from_json).transpose()? else {
        return Ok(None);
    };
    if context.is_empty() {
        return Ok(None);
    }
    serde_json::to_string(&context)
        .map(Some)
        .map_err(|_| FieldError::new("context", "invalid_context", "The context could not be stored."))
}

pub(super) fn parse_ticket_type(raw: &str) -> Result<String, FieldError> {
    let value = raw.trim();
    if value.is_empty() || value.chars().count() > 40 || value.chars().any(char::is_control) {
        return Err(FieldError::new("type", "invalid_type", "Give a type of 1 to 40 characters."));
    }
    Ok(value.to_string())
}
