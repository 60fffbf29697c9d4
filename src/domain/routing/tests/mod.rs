//! Routing tests: strategies one by one, queue order and batches, and properties over random situations.

mod batch;
mod properties;
mod strategies;

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};

use super::*;

pub(super) fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 10, 8, 0, 0).single().expect("a valid fixed date")
}

/// An available agent in team "support" with the given load and capacity and no skills.
pub(super) fn agent(id: &str, load: u32, capacity: u32) -> AgentSlot {
    AgentSlot {
        agent_id: id.into(),
        available: true,
        open_tickets: load,
        open_chats: 0,
        capacity,
        skills: BTreeMap::new(),
        team_ids: ["support".to_string()].into_iter().collect(),
    }
}

pub(super) fn skilled(id: &str, load: u32, capacity: u32, skills: &[(&str, u8)]) -> AgentSlot {
    AgentSlot {
        skills: skills.iter().map(|(skill, level)| (skill.to_string(), *level)).collect(),
        ..agent(id, load, capacity)
    }
}

/// A normal ticket for team "support", created `minutes` after [`start`].
pub(super) fn need(ticket_id: &str, minutes: i64) -> RoutingNeed {
    RoutingNeed {
        ticket_id: ticket_id.into(),
        team_id: Some("support".into()),
        required_skills: Vec::new(),
        is_vip: false,
        created_at: start() + TimeDelta::minutes(minutes),
        due_at: None,
        kind: WorkKind::Ticket,
    }
}

pub(super) fn assigned_to(outcome: &RoutingOutcome) -> Option<&str> {
    match outcome {
        RoutingOutcome::Assigned { agent_id } => Some(agent_id),
        RoutingOutcome::Queued { .. } => None,
    }
}

pub(super) fn requirement(skill: &str, min_level: u8) -> SkillRequirement {
    SkillRequirement { skill: skill.into(), min_level }
}
