//! What rules look at: a snapshot of one ticket, its requester and its automation history, put together by
//! the service. A snapshot rather than the store's `Ticket`, so that the engine stays pure and the
//! fields rules may change are exactly the ones listed in [`TicketFacts`].

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::rule::TimeAnchor;
use super::time::FireOnceKey;
use crate::domain::ticket::{CategoryPath, Channel, Priority, Tag, Ticket, TicketStatus};

/// The ticket, its requester, the triggering message and the clock, as rules see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSubject {
    pub ticket_id: String,
    pub ticket: TicketFacts,
    pub requester: RequesterFacts,
    /// The body of the message that triggered this evaluation, if a message did.
    #[serde(default)]
    pub message_text: Option<String>,
    /// Whether the event happened within business hours (the caller owns the calendar).
    pub within_business_hours: bool,
    pub clock: TicketClock,
    #[serde(default)]
    pub automation: AutomationMemory,
}

/// The ticket fields conditions read; the first four are also the ones actions change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketFacts {
    pub status: TicketStatus,
    pub priority: Priority,
    pub team_id: Option<String>,
    pub assignee_id: Option<String>,
    pub tags: Vec<Tag>,
    pub channel: Channel,
    pub subject: String,
    pub category: Option<CategoryPath>,
    pub ticket_type: Option<String>,
    pub brand: Option<String>,
}

impl TicketFacts {
    /// The facts of a ticket as clients see it. Stored tags and categories were validated when written; one
    /// that no longer parses is left out rather than failing the whole evaluation.
    pub fn from_ticket(ticket: &Ticket) -> TicketFacts {
        TicketFacts {
            status: ticket.status,
            priority: ticket.priority,
            team_id: ticket.team.as_ref().map(|team| team.id.clone()),
            assignee_id: ticket.assignee.as_ref().map(|agent| agent.id.clone()),
            tags: ticket.tags.iter().filter_map(|tag| Tag::parse(tag).ok()).collect(),
            channel: ticket.channel,
            subject: ticket.subject.clone(),
            category: ticket.category.as_deref().and_then(|path| CategoryPath::parse(path).ok()),
            ticket_type: ticket.ticket_type.clone(),
            brand: ticket.context.as_ref().and_then(|context| context.brand.clone()),
        }
    }
}

/// Who asked, reduced to what routing and rules decide on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequesterFacts {
    /// Lower-case domain of the requester's email, `example.com`.
    pub email_domain: Option<String>,
    pub is_vip: bool,
    pub segment: Option<String>,
    pub language: Option<String>,
}

impl RequesterFacts {
    /// The domain part of an email address, lower-cased; `None` without an `@`.
    pub fn domain_of(email: &str) -> Option<String> {
        let (_, domain) = email.trim().rsplit_once('@')?;
        (!domain.is_empty()).then(|| domain.to_lowercase())
    }
}

/// The moments time rules and `time_since_*` conditions count from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketClock {
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub status_changed_at: DateTime<Utc>,
    pub last_customer_message_at: Option<DateTime<Utc>>,
    pub last_agent_reply_at: Option<DateTime<Utc>>,
}

impl TicketClock {
    /// A clock for a ticket that was just created: every stamp is `at`, nobody has replied yet.
    pub fn starting_at(at: DateTime<Utc>) -> TicketClock {
        TicketClock {
            created_at: at,
            updated_at: at,
            status_changed_at: at,
            last_customer_message_at: None,
            last_agent_reply_at: None,
        }
    }

    /// The value of an anchor; `None` when that moment has not happened (no agent reply yet).
    pub fn anchor(&self, anchor: TimeAnchor) -> Option<DateTime<Utc>> {
        match anchor {
            TimeAnchor::CreatedAt => Some(self.created_at),
            TimeAnchor::UpdatedAt => Some(self.updated_at),
            TimeAnchor::StatusChangedAt => Some(self.status_changed_at),
            TimeAnchor::LastCustomerMessageAt => self.last_customer_message_at,
            TimeAnchor::LastAgentReplyAt => self.last_agent_reply_at,
        }
    }
}

/// What automation already did on this ticket, loaded from the store so throttles and fire-once rules
/// hold across restarts. The engine returns it updated; the service persists the new entries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutomationMemory {
    /// When each rule last fired on this ticket (for `once_per`).
    #[serde(default)]
    pub last_fired_at: BTreeMap<String, DateTime<Utc>>,
    /// The time-rule firings already done (rule, ticket, anchor value).
    #[serde(default)]
    pub fired_once: BTreeSet<FireOnceKey>,
}
