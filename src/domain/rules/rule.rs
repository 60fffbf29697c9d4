//! A rule as it is stored and sent over REST: when it runs (trigger), on which tickets (conditions) and what
//! it does (actions). This is the unchecked shape; [`super::validate_rule`] turns it into a
//! [`super::ValidRule`], the only kind the engine runs.

use serde::{Deserialize, Serialize};

use super::action::Action;
use super::condition::ConditionGroup;
use super::duration::RuleDuration;

/// One automation rule. Rules run in `position` order (ties by `id`), so an admin can reason about which
/// rule sees the ticket first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub id: String,
    pub name: String,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    pub trigger: Trigger,
    #[serde(default)]
    pub conditions: ConditionGroup,
    pub actions: Vec<Action>,
    #[serde(default)]
    pub position: i32,
    /// Fire at most once per ticket within this span (an auto-reply once a day, not on every message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub once_per: Option<RuleDuration>,
}

fn enabled_by_default() -> bool {
    true
}

/// When a rule is considered: on an event, or once a ticket has waited long enough.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Trigger {
    TicketCreated,
    /// Any change to a ticket, including the ones rules make (those arrive tagged as caused by rules).
    TicketUpdated,
    /// A customer wrote on an existing ticket. The message that opens a ticket is `ticket_created`, so a new
    /// ticket never gets both an acknowledgement and a reply rule's answer for the same message.
    MessageReceived,
    SlaWarning,
    SlaBreach,
    /// Time-based: due once `since` lies `at_least` in the past, e.g. pending for 3 days. Fires once per
    /// value of the anchor, so a ticket that goes pending again later is reminded again.
    Elapsed {
        since: TimeAnchor,
        at_least: RuleDuration,
    },
}

impl Trigger {
    pub fn is_time_based(&self) -> bool {
        matches!(self, Trigger::Elapsed { .. })
    }

    /// The `type` it has in JSON, e.g. `ticket_created` or `elapsed`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Trigger::TicketCreated => "ticket_created",
            Trigger::TicketUpdated => "ticket_updated",
            Trigger::MessageReceived => "message_received",
            Trigger::SlaWarning => "sla_warning",
            Trigger::SlaBreach => "sla_breach",
            Trigger::Elapsed { .. } => "elapsed",
        }
    }
}

/// The ticket moment a time rule counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeAnchor {
    CreatedAt,
    UpdatedAt,
    StatusChangedAt,
    LastCustomerMessageAt,
    LastAgentReplyAt,
}

impl TimeAnchor {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeAnchor::CreatedAt => "created_at",
            TimeAnchor::UpdatedAt => "updated_at",
            TimeAnchor::StatusChangedAt => "status_changed_at",
            TimeAnchor::LastCustomerMessageAt => "last_customer_message_at",
            TimeAnchor::LastAgentReplyAt => "last_agent_reply_at",
        }
    }
}
