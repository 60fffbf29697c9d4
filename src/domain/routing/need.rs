//! What a waiting ticket or chat needs from an agent, and the order the queue hands them out in.

use std::cmp::Reverse;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One piece of work waiting for an agent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingNeed {
    pub ticket_id: String,
    /// Only members of this team may take it; `None` means any agent.
    pub team_id: Option<String>,
    #[serde(default)]
    pub required_skills: Vec<SkillRequirement>,
    #[serde(default)]
    pub is_vip: bool,
    pub created_at: DateTime<Utc>,
    /// When the SLA target runs out, if the service computed one: sooner goes first.
    #[serde(default)]
    pub due_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub kind: WorkKind,
}

/// A skill the work needs, at least at `min_level` (1 to 5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillRequirement {
    pub skill: String,
    pub min_level: u8,
}

/// Whether the work adds to an agent's open tickets or open chats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkKind {
    #[default]
    Ticket,
    Chat,
}

/// The positions of `needs` in the order they should be routed: VIP first, then the soonest SLA due time
/// (work with a due time before work without), then the oldest, then by ticket id so equal cases are
/// ordered the same on every run.
pub fn order_queue(needs: &[RoutingNeed]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..needs.len()).collect();
    order.sort_by_key(|&index| {
        let need = &needs[index];
        (Reverse(need.is_vip), need.due_at.is_none(), need.due_at, need.created_at, need.ticket_id.as_str())
    });
    order
}
