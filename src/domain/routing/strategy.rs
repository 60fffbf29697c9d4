//! Choosing one agent for one piece of work. Three strategies, one set of hard limits: never an offline
//! agent, never one at or over capacity, never outside the work's team. When nobody fits, the work stays in
//! the team queue and the reason says why.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::agent::{compare_fill, AgentSlot};
use super::need::RoutingNeed;

/// How a team hands out work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutingStrategy {
    /// Each eligible agent in turn, by agent id after the last one assigned: fair counts, ignores load.
    RoundRobin,
    /// The agent with the lowest load relative to capacity; ties go round-robin.
    LeastLoaded,
    /// Only agents meeting every required skill level; the highest skill sum first, then the lowest load,
    /// then round-robin. (The other strategies ignore skills.)
    SkillsBased,
}

/// Round-robin state: the agent last assigned in each team. Passed in and handed back so routing stays
/// pure and the service can persist it; the key for work without a team is [`RoutingCursor::NO_TEAM`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingCursor {
    pub last_assigned: BTreeMap<String, String>,
}

impl RoutingCursor {
    pub const NO_TEAM: &'static str = "";

    fn key(need: &RoutingNeed) -> &str {
        need.team_id.as_deref().unwrap_or(Self::NO_TEAM)
    }

    pub fn last_for(&self, need: &RoutingNeed) -> Option<&str> {
        self.last_assigned.get(Self::key(need)).map(String::as_str)
    }

    fn record(&mut self, need: &RoutingNeed, agent_id: &str) {
        self.last_assigned.insert(Self::key(need).to_string(), agent_id.to_string());
    }
}

/// Where one piece of work went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RoutingOutcome {
    Assigned {
        agent_id: String,
    },
    /// Stays in the team queue.
    Queued {
        reason: NoAgentReason,
    },
}

/// Why nobody was chosen: the first limit that left no one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoAgentReason {
    NoAgentInTeam,
    NobodyAvailable,
    NobodyHasTheSkills,
    EveryoneAtCapacity,
}

/// Picks an agent for `need` and returns the updated cursor. The order of `agents` does not matter: they
/// are considered by agent id, so the same situation always gives the same answer.
pub fn route_one(
    strategy: RoutingStrategy,
    need: &RoutingNeed,
    agents: &[AgentSlot],
    cursor: &RoutingCursor,
) -> (RoutingOutcome, RoutingCursor) {
    let mut next_cursor = cursor.clone();
    let outcome = match pick(strategy, need, agents, cursor) {
        Ok(agent) => {
            next_cursor.record(need, &agent.agent_id);
            RoutingOutcome::Assigned { agent_id: agent.agent_id.clone() }
        }
        Err(reason) => RoutingOutcome::Queued { reason },
    };
    (outcome, next_cursor)
}

fn pick<'a>(
    strategy: RoutingStrategy,
    need: &RoutingNeed,
    agents: &'a [AgentSlot],
    cursor: &RoutingCursor,
) -> Result<&'a AgentSlot, NoAgentReason> {
    let mut candidates: Vec<&AgentSlot> =
        agents.iter().filter(|agent| need.team_id.as_ref().is_none_or(|team| agent.team_ids.contains(team))).collect();
    narrow(&mut candidates, NoAgentReason::NoAgentInTeam, |_| true)?;
    narrow(&mut candidates, NoAgentReason::NobodyAvailable, |agent| agent.available)?;
    if strategy == RoutingStrategy::SkillsBased {
        narrow(&mut candidates, NoAgentReason::NobodyHasTheSkills, |agent| agent.meets(&need.required_skills))?;
    }
    narrow(&mut candidates, NoAgentReason::EveryoneAtCapacity, AgentSlot::has_room)?;

    candidates.sort_by(|a, b| a.agent_id.cmp(&b.agent_id));
    candidates.dedup_by(|a, b| a.agent_id == b.agent_id);
    let count = candidates.len();
    let start = cursor
        .last_for(need)
        .and_then(|last| candidates.iter().position(|agent| agent.agent_id.as_str() > last))
        .unwrap_or(0);
    // Turn order: the first agent after the last one assigned comes first, wrapping around.
    let turn = |index: usize| (index + count - start) % count;
    let by_turn = |a: &(usize, &&AgentSlot), b: &(usize, &&AgentSlot)| turn(a.0).cmp(&turn(b.0));
    let best = candidates.iter().enumerate().min_by(|a, b| {
        let preference = match strategy {
            RoutingStrategy::RoundRobin => Ordering::Equal,
            RoutingStrategy::LeastLoaded => compare_fill(a.1, b.1),
            RoutingStrategy::SkillsBased => {
                let skill = b.1.skill_score(&need.required_skills).cmp(&a.1.skill_score(&need.required_skills));
                skill.then_with(|| compare_fill(a.1, b.1))
            }
        };
        preference.then_with(|| by_turn(a, b))
    });
    best.map(|(_, agent)| *agent).ok_or(NoAgentReason::NoAgentInTeam)
}

/// Keeps the candidates passing `keep`; if none are left, the reason is `reason`.
fn narrow(
    candidates: &mut Vec<&AgentSlot>,
    reason: NoAgentReason,
    keep: impl Fn(&AgentSlot) -> bool,
) -> Result<(), NoAgentReason> {
    candidates.retain(|agent| keep(agent));
    if candidates.is_empty() {
        Err(reason)
    } else {
        Ok(())
    }
}
