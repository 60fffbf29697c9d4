//! Routing as supervisors and the REST API see it: each agent's availability, load against capacity, skills and
//! teams, and each team's waiting queue.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::team::TeamRouting;
use crate::domain::live::Availability;
use crate::domain::{NamedRef, Role};

/// A skill an agent has, at a level from 1 (basic) to 5 (expert).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AgentSkill {
    pub skill: String,
    pub level: u8,
}

/// One agent as routing sees them (`GET /routing/agents`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RoutingAgent {
    pub id: String,
    pub name: String,
    pub role: Role,
    /// Only `online` agents are routed to.
    pub availability: Availability,
    /// Unfinished tickets (new, open, pending) assigned to them, chats not counted.
    pub open_tickets: u32,
    /// Chats assigned to them that are still going.
    pub open_chats: u32,
    /// `open_tickets + open_chats`, what counts against the capacity.
    pub load: u32,
    /// The most tickets plus chats routing gives them at once (`max_tickets`).
    pub capacity: u32,
    pub skills: Vec<AgentSkill>,
    pub teams: Vec<NamedRef>,
}

/// A team's routing setting and its waiting queue (`GET /routing/queues`, the supervisor page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TeamQueue {
    pub team: NamedRef,
    pub routing_strategy: TeamRouting,
    /// Unassigned, unfinished tickets of the team.
    pub waiting: u32,
    /// When the longest-waiting of them was filed.
    pub oldest_waiting_since: Option<DateTime<Utc>>,
    /// How many of them come from VIP customers (routed first).
    pub vip_waiting: u32,
}
