//! Rules as clients see them: the rule itself, when it was saved, and the warnings that made Tidings disable it
//! (a deleted team, a deactivated agent, a removed canned reply), so nothing is skipped without a trace.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::action::Action;
use super::condition::ConditionGroup;
use super::duration::RuleDuration;
use super::rule::{Rule, Trigger};
use crate::domain::ticket::TicketStatus;

/// One rule with its state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RuleView {
    pub id: String,
    pub name: String,
    pub enabled: bool,
    pub position: i32,
    /// `{"type": "ticket_created"}`, …, or `{"type": "elapsed", "since": "status_changed_at", "at_least": {"days": 3}}`.
    #[cfg_attr(feature = "server", schema(value_type = Object))]
    pub trigger: Trigger,
    /// `{"all": [{"field": "priority", "op": "is", "value": "high"}, …]}` or `{"any": […]}`.
    #[cfg_attr(feature = "server", schema(value_type = Object))]
    pub conditions: ConditionGroup,
    /// `[{"type": "add_tag", "tag": "vip"}, {"type": "webhook", "url": "https://…"}, …]`.
    #[cfg_attr(feature = "server", schema(value_type = Vec<Object>))]
    pub actions: Vec<Action>,
    /// `{"days": 1}`: fire at most once per ticket within this span.
    #[cfg_attr(feature = "server", schema(value_type = Option<Object>))]
    pub once_per: Option<RuleDuration>,
    /// Why Tidings disabled the rule; empty for a healthy rule. Saving the rule again re-checks it.
    pub warnings: Vec<RuleWarningView>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl RuleView {
    /// The rule part, as it is validated and run.
    pub fn rule(&self) -> Rule {
        Rule {
            id: self.id.clone(),
            name: self.name.clone(),
            enabled: self.enabled,
            trigger: self.trigger.clone(),
            conditions: self.conditions.clone(),
            actions: self.actions.clone(),
            position: self.position,
            once_per: self.once_per,
        }
    }
}

/// A broken reference in a stored rule, e.g. `actions[0].agent_id`: there is no active agent "u-7" any more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RuleWarningView {
    /// Where in the rule.
    pub path: String,
    /// `team`, `agent`, `canned_reply`, `category` or `brand`.
    pub kind: String,
    /// The id that no longer resolves.
    pub id: String,
    /// The warning in English.
    pub message: String,
}

/// An open ticket a rule would match now (the admin preview).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RulePreviewTicket {
    pub id: String,
    pub number: u64,
    pub subject: String,
    pub status: TicketStatus,
}

/// The answer of a preview: the matching unfinished tickets, newest first, and how many unfinished tickets were
/// looked at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RulePreview {
    pub matches: Vec<RulePreviewTicket>,
    pub checked: u64,
}
