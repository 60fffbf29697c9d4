//! Ticket routing: which agent gets the next waiting ticket or chat. Pure functions over a snapshot of the
//! agents (online, load, capacity, skills, teams) and the round-robin cursor, which is passed in and handed
//! back; the service loads them, calls [`route_batch`] or [`route_one`], and writes the assignments.

mod agent;
mod batch;
mod need;
mod requirements;
mod strategy;
mod team;
mod views;

pub use agent::AgentSlot;
pub use batch::{route_batch, Assignment, BatchRouting};
pub use need::{order_queue, RoutingNeed, SkillRequirement, WorkKind};
pub use requirements::{parse_level, parse_skill_name, required_skills, SkillRule, MAX_SKILL_CHARS, SKILL_LEVELS};
pub use strategy::{route_one, NoAgentReason, RoutingCursor, RoutingOutcome, RoutingStrategy};
pub use team::TeamRouting;
pub use views::{AgentSkill, RoutingAgent, TeamQueue};

/// The customer segment whose tickets are routed first.
pub const VIP_SEGMENT: &str = "vip";

#[cfg(test)]
mod tests;
