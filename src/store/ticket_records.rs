//! Tickets, messages and timeline events as the store reads and writes them.

use chrono::{DateTime, Utc};

use crate::domain::delivery::DeliveryStatus;
use crate::domain::sla::SlaState;
use crate::domain::{Channel, Priority, TicketNumber, TicketRef, TicketStatus};

use super::DbError;

#[derive(Clone, Debug)]
pub struct NewTicketRecord {
    pub id: String,
    pub subject: String,
    pub status: TicketStatus,
    pub priority: Priority,
    pub ticket_type: Option<String>,
    pub category: Option<String>,
    pub channel: Channel,
    pub requester_id: String,
    pub team_id: Option<String>,
    pub language: Option<String>,
    pub tags: Vec<String>,
    /// What the customer's browser shared, as a JSON object ([`crate::domain::TicketContext`]).
    pub context: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The customer's opening message, stored in the same transaction.
    pub first_message: MessageRecord,
    /// The "created" timeline entry, stored in the same transaction.
    pub created_event: EventRecord,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketRecord {
    pub id: String,
    pub number: TicketNumber,
    pub subject: String,
    pub status: TicketStatus,
    pub priority: Priority,
    pub ticket_type: Option<String>,
    pub category: Option<String>,
    pub channel: Channel,
    pub requester_id: String,
    pub assignee_id: Option<String>,
    pub team_id: Option<String>,
    pub language: Option<String>,
    /// Set when the ticket was merged into another (it is closed then).
    pub merged_into: Option<TicketRef>,
    pub split_from: Option<TicketRef>,
    /// JSON object ([`crate::domain::TicketContext`]).
    pub context: Option<String>,
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// The SLA as last computed (see `sla_records.rs`); all empty until a policy applies.
    pub sla: super::sla_records::TicketSlaRecord,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageRecord {
    pub id: String,
    pub ticket_id: String,
    pub author_id: String,
    pub body: String,
    pub internal: bool,
    pub channel: Channel,
    pub created_at: DateTime<Utc>,
    /// The provider's id (inbound) or the id it travelled under (outbound); see `channel::InboundMessage`.
    pub provider_message_id: Option<String>,
    /// Set on a message that is sent out on its channel (an agent's reply by email, WhatsApp or Telegram).
    pub delivery: Option<MessageDelivery>,
}

/// Where an outgoing message goes and how far it got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageDelivery {
    pub status: DeliveryStatus,
    /// The address on the message's channel: an email address, a WhatsApp number, a Telegram chat id.
    pub to: String,
    pub error: Option<String>,
    /// A WhatsApp template's `name:language` when the reply goes out as that template.
    pub template: Option<String>,
}

/// One timeline entry: what changed (`kind`, e.g. `status_changed`), by whom, with details as a JSON object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRecord {
    pub id: String,
    pub ticket_id: String,
    pub actor_id: Option<String>,
    pub kind: String,
    pub data: String,
    pub created_at: DateTime<Utc>,
}

/// A change to a ticket. The outer `None` leaves a column alone; `Some(None)` clears a nullable one.
#[derive(Clone, Debug, Default)]
pub struct TicketChanges {
    pub subject: Option<String>,
    pub status: Option<TicketStatus>,
    pub priority: Option<Priority>,
    pub category: Option<Option<String>>,
    pub ticket_type: Option<Option<String>>,
    pub assignee_id: Option<Option<String>>,
    pub team_id: Option<Option<String>>,
    pub first_response_at: Option<Option<DateTime<Utc>>>,
    pub resolved_at: Option<Option<DateTime<Utc>>>,
    /// Replaces the tags.
    pub tags: Option<Vec<String>>,
}

/// Which tickets a list shows. Every value is bound as a parameter; no filter text reaches the SQL.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TicketFilter {
    /// Customers see their own tickets only.
    pub requester_id: Option<String>,
    pub statuses: Vec<TicketStatus>,
    pub priorities: Vec<Priority>,
    pub assignee: Option<AssigneeFilter>,
    pub team_id: Option<String>,
    pub tag: Option<String>,
    pub channel: Option<Channel>,
    /// Full text over subjects and messages.
    pub text: Option<TextSearch>,
    /// A category path: tickets in it or in any category below it (`Billing` finds `Billing/Refunds`).
    pub category: Option<String>,
    pub ticket_type: Option<String>,
    /// Created at or after.
    pub created_from: Option<DateTime<Utc>>,
    /// Created strictly before.
    pub created_before: Option<DateTime<Utc>>,
    /// Finally resolved (`resolved_at`) at or after.
    pub resolved_from: Option<DateTime<Utc>>,
    /// Finally resolved strictly before.
    pub resolved_before: Option<DateTime<Utc>>,
}

/// Words to find (every one must occur somewhere in the ticket: subject or messages), already reduced to letters
/// and digits by [`crate::domain::search_terms`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextSearch {
    pub terms: Vec<String>,
    /// Staff search internal notes too; customers never do.
    pub include_internal: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssigneeFilter {
    Unassigned,
    User(String),
}

/// The order of a ticket list. Every order ends on the id, so pages never overlap or skip.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TicketSort {
    /// Most recently updated first (the queue's default).
    #[default]
    UpdatedDesc,
    /// Least recently updated first (what has waited longest).
    UpdatedAsc,
    /// Oldest first.
    CreatedAsc,
    /// Newest first (a customer's history).
    CreatedDesc,
    /// Most urgent first, then most recently updated.
    PriorityDesc,
    /// Least urgent first, then most recently updated.
    PriorityAsc,
    NumberAsc,
    NumberDesc,
    /// Along the lifecycle (new, open, pending, resolved, closed), then most recently updated.
    Status,
    /// The soonest SLA due time first (`sla_next_due_at`); tickets with nothing due come last.
    Due,
}

impl TicketSort {
    pub const ALL: [TicketSort; 10] = [
        TicketSort::UpdatedDesc,
        TicketSort::UpdatedAsc,
        TicketSort::CreatedAsc,
        TicketSort::CreatedDesc,
        TicketSort::PriorityDesc,
        TicketSort::PriorityAsc,
        TicketSort::NumberAsc,
        TicketSort::NumberDesc,
        TicketSort::Status,
        TicketSort::Due,
    ];

    /// The wire name (`sort=` value): a leading `-` means descending. `priority` means most urgent first.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketSort::UpdatedDesc => "-updated_at",
            TicketSort::UpdatedAsc => "updated_at",
            TicketSort::CreatedAsc => "created_at",
            TicketSort::CreatedDesc => "-created_at",
            TicketSort::PriorityDesc => "priority",
            TicketSort::PriorityAsc => "-priority",
            TicketSort::NumberAsc => "number",
            TicketSort::NumberDesc => "-number",
            TicketSort::Status => "status",
            TicketSort::Due => "due",
        }
    }

    pub fn parse(raw: &str) -> Option<TicketSort> {
        TicketSort::ALL.into_iter().find(|sort| sort.as_str() == raw)
    }

    pub(crate) fn order_by(self) -> &'static str {
        match self {
            TicketSort::UpdatedDesc => "t.updated_at DESC, t.id DESC",
            TicketSort::UpdatedAsc => "t.updated_at ASC, t.id ASC",
            TicketSort::CreatedAsc => "t.created_at ASC, t.id ASC",
            TicketSort::CreatedDesc => "t.created_at DESC, t.id DESC",
            TicketSort::PriorityDesc => {
                "CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END ASC, \
                 t.updated_at DESC, t.id DESC"
            }
            TicketSort::PriorityAsc => {
                "CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END DESC, \
                 t.updated_at DESC, t.id DESC"
            }
            TicketSort::NumberAsc => "t.number ASC",
            TicketSort::NumberDesc => "t.number DESC",
            TicketSort::Status => {
                "CASE t.status WHEN 'new' THEN 0 WHEN 'open' THEN 1 WHEN 'pending' THEN 2 WHEN 'resolved' THEN 3 \
                 ELSE 4 END, t.updated_at DESC, t.id DESC"
            }
            // Matches the partial index `tickets_unfinished_due` (PostgreSQL sorts NULLs last ascending by default,
            // SQLite reads its index's NULLs after the rest).
            TicketSort::Due => "t.sla_next_due_at ASC NULLS LAST, t.id ASC",
        }
    }
}

/// A `tickets` row as both backends return it.
#[derive(sqlx::FromRow)]
pub(crate) struct TicketRow {
    pub id: String,
    pub number: i64,
    pub subject: String,
    pub status: String,
    pub priority: String,
    pub ticket_type: Option<String>,
    pub category: Option<String>,
    pub channel: String,
    pub requester_id: String,
    pub assignee_id: Option<String>,
    pub team_id: Option<String>,
    pub language: Option<String>,
    pub merged_into_id: Option<String>,
    pub merged_into_number: Option<i64>,
    pub split_from_id: Option<String>,
    pub split_from_number: Option<i64>,
    pub context: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub sla_policy_id: Option<String>,
    pub sla_calendar_id: Option<String>,
    pub sla_first_response_due_at: Option<DateTime<Utc>>,
    pub sla_resolution_due_at: Option<DateTime<Utc>>,
    pub sla_next_due_at: Option<DateTime<Utc>>,
    pub sla_next_change_at: Option<DateTime<Utc>>,
    pub sla_state: Option<String>,
}

/// The columns of a [`TicketRow`]; the linked tickets' numbers are looked up by primary key.
pub(crate) const TICKET_COLUMNS: &str = "t.id, t.number, t.subject, t.status, t.priority, t.ticket_type, \
     t.category, t.channel, t.requester_id, t.assignee_id, t.team_id, t.language, t.merged_into_id, \
     (SELECT m.number FROM tickets m WHERE m.id = t.merged_into_id) AS merged_into_number, t.split_from_id, \
     (SELECT s.number FROM tickets s WHERE s.id = t.split_from_id) AS split_from_number, t.context, t.created_at, \
     t.updated_at, t.first_response_at, t.resolved_at, t.sla_policy_id, t.sla_calendar_id, \
     t.sla_first_response_due_at, t.sla_resolution_due_at, t.sla_next_due_at, t.sla_next_change_at, t.sla_state";

impl TicketRow {
    pub(crate) fn into_record(self, tags: Vec<String>) -> Result<TicketRecord, DbError> {
        let corrupt = |what: &str, value: &str| DbError::Corrupt(format!("ticket {} {what} {value:?}", self.id));
        let link = |id: Option<String>, number: Option<i64>, what: &str| match (id, number) {
            (Some(id), Some(number)) => u64::try_from(number)
                .map(|number| Some(TicketRef { id, number }))
                .map_err(|_| corrupt(what, &number.to_string())),
            (Some(id), None) => Err(corrupt(what, &id)),
            (None, _) => Ok(None),
        };
        let merged_into = link(self.merged_into_id, self.merged_into_number, "merged_into")?;
        let sla_state = match self.sla_state.as_deref() {
            Some(raw) => Some(SlaState::parse(raw).ok_or_else(|| corrupt("sla_state", raw))?),
            None => None,
        };
        let split_from = link(self.split_from_id, self.split_from_number, "split_from")?;
        Ok(TicketRecord {
            number: TicketNumber(u64::try_from(self.number).map_err(|_| corrupt("number", &self.number.to_string()))?),
            status: TicketStatus::parse(&self.status).ok_or_else(|| corrupt("status", &self.status))?,
            priority: Priority::parse(&self.priority).ok_or_else(|| corrupt("priority", &self.priority))?,
            channel: Channel::parse(&self.channel).ok_or_else(|| corrupt("channel", &self.channel))?,
            id: self.id,
            subject: self.subject,
            ticket_type: self.ticket_type,
            category: self.category,
            requester_id: self.requester_id,
            assignee_id: self.assignee_id,
            team_id: self.team_id,
            language: self.language,
            merged_into,
            split_from,
            context: self.context,
            tags,
            created_at: self.created_at,
            updated_at: self.updated_at,
            first_response_at: self.first_response_at,
            resolved_at: self.resolved_at,
            sla: super::sla_records::TicketSlaRecord {
                policy_id: self.sla_policy_id,
                calendar_id: self.sla_calendar_id,
                first_response_due_at: self.sla_first_response_due_at,
                resolution_due_at: self.sla_resolution_due_at,
                next_due_at: self.sla_next_due_at,
                next_change_at: self.sla_next_change_at,
                state: sla_state,
            },
        })
    }
}

/// A `messages` row.
#[derive(sqlx::FromRow)]
pub(crate) struct MessageRow {
    pub id: String,
    pub ticket_id: String,
    pub author_id: String,
    pub body: String,
    pub internal: bool,
    pub channel: String,
    pub created_at: DateTime<Utc>,
    pub provider_message_id: Option<String>,
    pub delivery_status: Option<String>,
    pub delivery_to: Option<String>,
    pub delivery_error: Option<String>,
    pub delivery_template: Option<String>,
}

/// The columns a [`MessageRow`] is read from.
pub(crate) const MESSAGE_COLUMNS: &str = "id, ticket_id, author_id, body, internal, channel, created_at, \
     provider_message_id, delivery_status, delivery_to, delivery_error, delivery_template";

impl MessageRow {
    pub(crate) fn into_record(self) -> Result<MessageRecord, DbError> {
        let channel = Channel::parse(&self.channel)
            .ok_or_else(|| DbError::Corrupt(format!("message {} channel {:?}", self.id, self.channel)))?;
        Ok(MessageRecord {
            id: self.id,
            ticket_id: self.ticket_id,
            author_id: self.author_id,
            body: self.body,
            internal: self.internal,
            channel,
            created_at: self.created_at,
            provider_message_id: self.provider_message_id,
            delivery: match self.delivery_status {
                None => None,
                Some(status) => Some(MessageDelivery {
                    status: DeliveryStatus::parse(&status)
                        .ok_or_else(|| DbError::Corrupt(format!("message delivery {status:?}")))?,
                    to: self.delivery_to.unwrap_or_default(),
                    error: self.delivery_error,
                    template: self.delivery_template,
                }),
            },
        })
    }
}
