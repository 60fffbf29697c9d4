//! Routing a whole queue at once (after an agent comes online, or on a timer): in queue order, each
//! assignment counted against the agent's capacity before the next piece of work is considered.

use serde::{Deserialize, Serialize};

use super::agent::AgentSlot;
use super::need::{order_queue, RoutingNeed};
use super::strategy::{route_one, RoutingCursor, RoutingOutcome, RoutingStrategy};

/// What happened to one waiting ticket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub ticket_id: String,
    pub outcome: RoutingOutcome,
}

/// The result of routing a queue: one entry per need in the order they were routed, the agents with their
/// loads updated, and the cursor to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchRouting {
    pub assignments: Vec<Assignment>,
    pub agents: Vec<AgentSlot>,
    pub cursor: RoutingCursor,
}

/// Routes every need with one strategy. Work that finds nobody stays queued with its reason; the rest of
/// the queue is still routed, since a later item may need a different team or fewer skills.
pub fn route_batch(
    strategy: RoutingStrategy,
    needs: &[RoutingNeed],
    agents: &[AgentSlot],
    cursor: &RoutingCursor,
) -> BatchRouting {
    let mut agents = agents.to_vec();
    let mut cursor = cursor.clone();
    let mut assignments = Vec::with_capacity(needs.len());
    for need in order_queue(needs).into_iter().filter_map(|index| needs.get(index)) {
        let (outcome, next_cursor) = route_one(strategy, need, &agents, &cursor);
        cursor = next_cursor;
        if let RoutingOutcome::Assigned { agent_id } = &outcome {
            if let Some(agent) = agents.iter_mut().find(|agent| &agent.agent_id == agent_id) {
                agent.take(need.kind);
            }
        }
        assignments.push(Assignment { ticket_id: need.ticket_id.clone(), outcome });
    }
    BatchRouting { assignments, agents, cursor }
}
