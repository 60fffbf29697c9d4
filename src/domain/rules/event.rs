//! What happened to a ticket, as the engine is told: the kind of event, who caused it, what changed, and the
//! causation chain that keeps rules from triggering each other forever.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::subject::TicketFacts;
use crate::domain::ticket::{Priority, Tag, TicketStatus};

/// How many rule-caused follow-up passes one originating event may set off. Five is far more than any
/// sensible rule set needs and small enough that a loop ends quickly with a visible record.
pub const MAX_CHAIN_DEPTH: u8 = 5;

/// One event to evaluate rules for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleEvent {
    pub kind: EventKind,
    pub actor: EventActor,
    #[serde(default)]
    pub changes: Changes,
    pub occurred_at: DateTime<Utc>,
    pub run: RuleRunContext,
}

impl RuleEvent {
    /// An event that starts a chain: caused by a person or the system, not by rules.
    pub fn originating(
        kind: EventKind,
        actor: EventActor,
        origin_event_id: impl Into<String>,
        occurred_at: DateTime<Utc>,
    ) -> RuleEvent {
        RuleEvent {
            kind,
            actor,
            changes: Changes::default(),
            occurred_at,
            run: RuleRunContext::origin(origin_event_id),
        }
    }

    pub fn with_changes(mut self, changes: Changes) -> RuleEvent {
        self.changes = changes;
        self
    }

    /// Whether rules caused this event (a follow-up the service fed back in).
    pub fn is_caused_by_rules(&self) -> bool {
        self.run.depth > 0
    }
}

/// The event kinds rules can trigger on; `time_reached` is the scheduler asking which time rules are due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    TicketCreated,
    TicketUpdated,
    MessageReceived,
    SlaWarning,
    SlaBreach,
    TimeReached,
}

/// Who caused an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventActor {
    Customer,
    Agent,
    /// Tidings itself: the scheduler, SLA clocks, merges.
    System,
    /// Rules: every follow-up event of an evaluation.
    Automation,
}

impl EventActor {
    pub const ALL: [EventActor; 4] =
        [EventActor::Customer, EventActor::Agent, EventActor::System, EventActor::Automation];

    pub fn as_str(self) -> &'static str {
        match self {
            EventActor::Customer => "customer",
            EventActor::Agent => "agent",
            EventActor::System => "system",
            EventActor::Automation => "automation",
        }
    }

    pub fn parse(value: &str) -> Option<EventActor> {
        EventActor::ALL.into_iter().find(|actor| actor.as_str() == value)
    }
}

/// The causation chain of an event: which originating event started it, which rules already fired for it,
/// and how many rule-caused passes deep it is. Carried on every follow-up so a rule fires at most once per
/// originating event, however the changes bounce between rules.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleRunContext {
    pub origin_event_id: String,
    #[serde(default)]
    pub fired_rule_ids: Vec<String>,
    #[serde(default)]
    pub depth: u8,
}

impl RuleRunContext {
    pub fn origin(origin_event_id: impl Into<String>) -> RuleRunContext {
        RuleRunContext { origin_event_id: origin_event_id.into(), fired_rule_ids: Vec::new(), depth: 0 }
    }

    pub fn has_fired(&self, rule_id: &str) -> bool {
        self.fired_rule_ids.iter().any(|fired| fired == rule_id)
    }
}

/// One field's change, old and new value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change<T> {
    pub from: T,
    pub to: T,
}

/// What an update changed, for `changed`, `changed_from` and `changed_to`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Change<TicketStatus>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Change<Priority>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<Change<Option<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee_id: Option<Change<Option<String>>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags_added: Vec<Tag>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags_removed: Vec<Tag>,
}

impl Changes {
    /// The difference between two snapshots of the fields rules can change.
    pub fn between(before: &TicketFacts, after: &TicketFacts) -> Changes {
        fn change<T: Clone + PartialEq>(from: &T, to: &T) -> Option<Change<T>> {
            (from != to).then(|| Change { from: from.clone(), to: to.clone() })
        }
        Changes {
            status: change(&before.status, &after.status),
            priority: change(&before.priority, &after.priority),
            team_id: change(&before.team_id, &after.team_id),
            assignee_id: change(&before.assignee_id, &after.assignee_id),
            tags_added: after.tags.iter().filter(|tag| !before.tags.contains(tag)).cloned().collect(),
            tags_removed: before.tags.iter().filter(|tag| !after.tags.contains(tag)).cloned().collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}
