//! Automation rules as the store reads and writes them. A rule's definition stays the JSON the service validated
//! (the domain's `Rule` without id, name, position and enabled, which have columns), so the store never judges it.

use chrono::{DateTime, Utc};

/// One stored rule. `warnings` is set (a JSON list) when the service disabled the rule because something it names
/// went away; saving the rule again clears it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct RuleRecord {
    pub id: String,
    pub name: String,
    pub position: i64,
    pub enabled: bool,
    /// `{"trigger", "conditions", "actions", "once_per"?}`.
    pub definition: String,
    pub warnings: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Where a time rule's job stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleJobState {
    Scheduled,
    Fired,
    /// Due, but the rule's conditions did not hold; a later change of the ticket schedules it again.
    Skipped,
}

impl RuleJobState {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleJobState::Scheduled => "scheduled",
            RuleJobState::Fired => "fired",
            RuleJobState::Skipped => "skipped",
        }
    }
}

/// One durable job of a time rule: fire `rule_id` on `ticket_id` at `due_at`, once per `fire_key` (the domain's
/// `FireOnceKey` in its display form).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct RuleJobRecord {
    pub fire_key: String,
    pub rule_id: String,
    pub ticket_id: String,
    /// The `TimeAnchor` as its snake_case name.
    pub anchor: String,
    pub anchor_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
}

/// What rules already did on one ticket: when each rule last fired, and the time-rule jobs that fired.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TicketRuleMemory {
    pub last_fired: Vec<(String, DateTime<Utc>)>,
    pub fired_jobs: Vec<RuleJobRecord>,
}

/// The moments of a ticket that time rules count from and the ticket row does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketRuleClock {
    /// The last status change, or the creation when the status never changed.
    pub status_changed_at: DateTime<Utc>,
    pub last_customer_message_at: Option<DateTime<Utc>>,
    pub last_agent_reply_at: Option<DateTime<Utc>>,
}
