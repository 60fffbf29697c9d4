//! Automatic routing: a new (or newly filed) ticket of a routed team goes to one of the team's online agents with
//! room, and when an agent comes online or finishes a ticket the team's waiting queue is handed out (VIP customers
//! first, then the oldest). The choice is `domain::routing`'s; here the snapshot is loaded, and each decision is
//! stored by the store only if it still holds, so an agent never ends up offline-assigned or over capacity even
//! when several tickets are routed at once.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;

use super::ticket_changes::event;
use super::{now, ServiceError, Services};
use crate::domain::live::Availability;
use crate::domain::routing::{
    required_skills, route_batch, route_one, AgentSlot, RoutingCursor, RoutingNeed, RoutingOutcome, RoutingStrategy,
    SkillRule, WorkKind, VIP_SEGMENT,
};
use crate::domain::{Channel, TicketStatus};
use crate::store::{RoutedAssignment, RoutedClaim, RoutingAgentRecord, TicketChanges, TicketRecord};

/// How often one ticket is routed again when the chosen agent filled up or went away meanwhile.
const ROUTING_ATTEMPTS: usize = 3;
/// The most waiting tickets one drain of a team queue looks at.
const DRAIN_LIMIT: u32 = 500;

impl Services {
    /// Routes a ticket that waits in a routed team's queue and returns it as it is afterwards. Failures are logged:
    /// the ticket then simply stays in the queue.
    pub(super) async fn route_waiting_ticket(&self, ticket: TicketRecord) -> TicketRecord {
        match self.try_route(&ticket).await {
            Ok(Some(routed)) => routed,
            Ok(None) => ticket,
            Err(err) => {
                tracing::warn!(ticket = %ticket.id, error = %err, "routing a ticket failed");
                ticket
            }
        }
    }

    async fn try_route(&self, ticket: &TicketRecord) -> Result<Option<TicketRecord>, ServiceError> {
        if ticket.assignee_id.is_some() || !waits(ticket.status) {
            return Ok(None);
        }
        let Some(team_id) = ticket.team_id.as_deref() else { return Ok(None) };
        let Some(team) = self.store().find_team_routing(team_id).await? else { return Ok(None) };
        let Some(strategy) = team.routing.strategy() else { return Ok(None) };
        let rules = self.skill_rules_for(strategy).await?;
        let need = RoutingNeed {
            ticket_id: ticket.id.clone(),
            team_id: Some(team_id.to_string()),
            required_skills: required_skills(&rules, ticket.category.as_deref(), ticket.language.as_deref()),
            is_vip: false,
            created_at: ticket.created_at,
            due_at: None,
            kind: work_kind(ticket.channel),
        };
        let mut cursor = cursor_of(team_id, team.cursor);
        for _ in 0..ROUTING_ATTEMPTS {
            let agents = self.routing_slots(team_id).await?;
            let (outcome, _) = route_one(strategy, &need, &agents, &cursor);
            match outcome {
                RoutingOutcome::Assigned { agent_id } => {
                    match self.store_assignment(&ticket.id, team_id, &agent_id, strategy).await? {
                        RoutedClaim::Assigned(routed) => return Ok(Some(*routed)),
                        RoutedClaim::NotWaiting => return Ok(None),
                        // The snapshot was stale: look again with the agent's turn counted as taken.
                        RoutedClaim::AgentUnavailable | RoutedClaim::AtCapacity => {
                            cursor.last_assigned.insert(team_id.to_string(), agent_id);
                        }
                    }
                }
                RoutingOutcome::Queued { reason } => {
                    let queued = event(
                        &ticket.id,
                        None,
                        "routing_queued",
                        json!({ "team": team_id, "reason": wire_name(&reason) }),
                    );
                    let unchanged = TicketChanges::default();
                    return Ok(self.store().update_ticket(&ticket.id, &unchanged, &[queued], now()).await?);
                }
            }
        }
        Ok(None)
    }

    /// Hands out the waiting queues of every team `agent_id` belongs to (after they came online or finished a
    /// ticket). Logged, never failing the action that caused it.
    pub(super) async fn drain_queues_of(&self, agent_id: &str) {
        let teams = match self.store().find_user(agent_id).await {
            Ok(Some(user)) => user.team_ids,
            Ok(None) => return,
            Err(err) => return tracing::warn!(agent = %agent_id, error = %err, "loading an agent's teams failed"),
        };
        for team_id in teams {
            self.drain_queue(&team_id).await;
        }
    }

    /// Hands out one team's waiting queue; logged on failure.
    pub(super) async fn drain_queue(&self, team_id: &str) {
        if let Err(err) = self.try_drain_queue(team_id).await {
            tracing::warn!(team = %team_id, error = %err, "routing a team queue failed");
        }
    }

    async fn try_drain_queue(&self, team_id: &str) -> Result<(), ServiceError> {
        let Some(team) = self.store().find_team_routing(team_id).await? else { return Ok(()) };
        let Some(strategy) = team.routing.strategy() else { return Ok(()) };
        let agents = self.routing_slots(team_id).await?;
        if !agents.iter().any(|agent| agent.available && agent.has_room()) {
            return Ok(());
        }
        let waiting = self.store().list_waiting_tickets(team_id, DRAIN_LIMIT).await?;
        if waiting.is_empty() {
            return Ok(());
        }
        let rules = self.skill_rules_for(strategy).await?;
        let needs: Vec<RoutingNeed> = waiting
            .into_iter()
            .map(|ticket| RoutingNeed {
                required_skills: required_skills(&rules, ticket.category.as_deref(), ticket.language.as_deref()),
                is_vip: ticket.requester_segment.as_deref() == Some(VIP_SEGMENT),
                team_id: Some(ticket.team_id),
                created_at: ticket.created_at,
                due_at: None,
                kind: work_kind(ticket.channel),
                ticket_id: ticket.ticket_id,
            })
            .collect();
        let batch = route_batch(strategy, &needs, &agents, &cursor_of(team_id, team.cursor));
        for assignment in batch.assignments {
            if let RoutingOutcome::Assigned { agent_id } = assignment.outcome {
                // A decision that no longer holds leaves the ticket waiting for the next drain.
                self.store_assignment(&assignment.ticket_id, team_id, &agent_id, strategy).await?;
                self.follow_ticket_change(&assignment.ticket_id).await;
            }
        }
        Ok(())
    }

    /// The skill requirements, when the strategy looks at skills (the others ignore them).
    async fn skill_rules_for(&self, strategy: RoutingStrategy) -> Result<Vec<SkillRule>, ServiceError> {
        if strategy == RoutingStrategy::SkillsBased {
            Ok(self.store().list_skill_requirements().await?)
        } else {
            Ok(Vec::new())
        }
    }

    /// The team's active agents as routing sees them.
    async fn routing_slots(&self, team_id: &str) -> Result<Vec<AgentSlot>, ServiceError> {
        let agents = self.store().list_routing_agents(Some(team_id)).await?;
        Ok(agents.into_iter().map(slot).collect())
    }

    async fn store_assignment(
        &self,
        ticket_id: &str,
        team_id: &str,
        agent_id: &str,
        strategy: RoutingStrategy,
    ) -> Result<RoutedClaim, ServiceError> {
        let assigned =
            event(ticket_id, None, "assigned", json!({ "from": null, "to": agent_id, "by": wire_name(&strategy) }));
        let assignment = RoutedAssignment {
            ticket_id: ticket_id.to_string(),
            team_id: team_id.to_string(),
            agent_id: agent_id.to_string(),
            events: vec![assigned],
            at: now(),
        };
        Ok(self.store().assign_routed(&assignment).await?)
    }
}

/// Unfinished tickets wait for an agent; resolved and closed ones are done.
pub(super) fn waits(status: TicketStatus) -> bool {
    matches!(status, TicketStatus::New | TicketStatus::Open | TicketStatus::Pending)
}

fn work_kind(channel: Channel) -> WorkKind {
    if channel == Channel::Chat {
        WorkKind::Chat
    } else {
        WorkKind::Ticket
    }
}

fn cursor_of(team_id: &str, last: Option<String>) -> RoutingCursor {
    RoutingCursor {
        last_assigned: last.map(|agent| BTreeMap::from([(team_id.to_string(), agent)])).unwrap_or_default(),
    }
}

pub(super) fn slot(agent: RoutingAgentRecord) -> AgentSlot {
    AgentSlot {
        available: agent.availability == Availability::Online,
        open_tickets: agent.open_tickets,
        open_chats: agent.open_chats,
        capacity: agent.max_tickets,
        skills: agent.skills.into_iter().collect(),
        team_ids: agent.team_ids.into_iter().collect::<BTreeSet<_>>(),
        agent_id: agent.user_id,
    }
}

/// The snake_case name a routing enum has on the wire (`round_robin`, `everyone_at_capacity`).
fn wire_name(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|value| value.as_str().map(str::to_string)).unwrap_or_default()
}
