//! Routing and triage as the store reads and writes them.

use chrono::{DateTime, Utc};

use crate::domain::live::Availability;
use crate::domain::routing::TeamRouting;
use crate::domain::{Channel, Role};

/// An active staff member with what routing needs to know about them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoutingAgentRecord {
    pub user_id: String,
    pub name: String,
    pub role: Role,
    pub availability: Availability,
    pub max_tickets: u32,
    /// Unfinished (new, open, pending) tickets assigned to them that are not chats.
    pub open_tickets: u32,
    /// Chats assigned to them that are still going (new, open).
    pub open_chats: u32,
    /// In id order.
    pub team_ids: Vec<String>,
    /// `(skill, level)` in skill order.
    pub skills: Vec<(String, u8)>,
}

/// A team's routing setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamRoutingRecord {
    pub team_id: String,
    pub name: String,
    pub routing: TeamRouting,
    /// The agent round robin assigned last.
    pub cursor: Option<String>,
}

/// A ticket waiting in a team queue: unassigned and unfinished.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaitingTicketRecord {
    pub ticket_id: String,
    pub team_id: String,
    pub category: Option<String>,
    pub language: Option<String>,
    pub channel: Channel,
    pub created_at: DateTime<Utc>,
    /// The requester's segment (`vip` goes first).
    pub requester_segment: Option<String>,
}

/// The size of a team's queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamQueueRecord {
    pub team_id: String,
    pub waiting: u32,
    pub oldest_created_at: Option<DateTime<Utc>>,
    pub vip_waiting: u32,
}

/// A routing decision to store: the ticket goes to the agent if it still waits in the team queue and the agent
/// is still active, online, in the team and under capacity.
#[derive(Clone, Debug)]
pub struct RoutedAssignment {
    pub ticket_id: String,
    pub team_id: String,
    pub agent_id: String,
    pub events: Vec<super::EventRecord>,
    pub at: DateTime<Utc>,
}

/// How storing a routing decision ended.
#[derive(Clone, Debug, PartialEq)]
pub enum RoutedClaim {
    Assigned(Box<super::TicketRecord>),
    /// The ticket is no longer waiting in that team's queue (someone took it, or it moved on).
    NotWaiting,
    /// The agent went offline, left the team or was deactivated since the snapshot.
    AgentUnavailable,
    /// The agent reached their capacity since the snapshot.
    AtCapacity,
}

/// What triage found for a ticket, as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct TicketTriageRecord {
    pub ticket_id: String,
    pub language: Option<String>,
    pub language_confidence: Option<f32>,
    pub sentiment: String,
    pub sentiment_score: f32,
    pub suggested_team_id: Option<String>,
    pub team_confidence: Option<f32>,
    pub urgency_keyword: Option<String>,
    pub reasons: Vec<String>,
    /// The team the classifier has learned this ticket as, after an agent's correction.
    pub learned_team_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The stored team classifier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TriageModelRecord {
    /// [`crate::domain::triage::TeamClassifier`] as JSON.
    pub model: String,
    pub trained_at: DateTime<Utc>,
    pub example_count: u32,
    /// Grows with every save.
    pub revision: i64,
}

/// A resolved or closed ticket to learn from: its team, subject and opening message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainingExampleRecord {
    pub ticket_id: String,
    pub team_id: String,
    pub subject: String,
    pub body: String,
}
