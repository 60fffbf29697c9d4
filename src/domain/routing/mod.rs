//! Ticket routing: which agent gets the next waiting ticket or chat. Pure functions over a snapshot of the
//! agents (online, load, capacity, skills, teams) and the round-robin cursor, which is passed in and handed
//! back; the service loads them, calls [`route_batch`] or [`route_one`], and writes the assignments.

mod agent;
mod batch;
mod need;
mod strategy;

pub use agent::AgentSlot;
pub use batch::{route_batch, Assignment, BatchRouting};
pub use need::{order_queue, RoutingNeed, SkillRequirement, WorkKind};
pub use strategy::{route_one, NoAgentReason, RoutingCursor, RoutingOutcome, RoutingStrategy};

#[cfg(test)]
mod tests;
