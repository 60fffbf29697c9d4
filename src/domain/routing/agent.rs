//! An agent as routing sees them: online or not, how busy, how much they may take, what they are good at.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::need::{SkillRequirement, WorkKind};

/// One agent's routing state, loaded by the service just before routing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentSlot {
    pub agent_id: String,
    /// Online and accepting work. Offline agents never get anything.
    pub available: bool,
    pub open_tickets: u32,
    pub open_chats: u32,
    /// The most tickets plus chats the agent handles at once; 0 means "route nothing to me".
    pub capacity: u32,
    /// Skill name to level, 1 (basic) to 5 (expert). Names are compared exactly; the service keeps them
    /// normalised (lower case).
    #[serde(default)]
    pub skills: BTreeMap<String, u8>,
    #[serde(default)]
    pub team_ids: BTreeSet<String>,
}

impl AgentSlot {
    /// Open tickets and chats together: a chat occupies an agent as much as a ticket for capacity purposes.
    pub fn load(&self) -> u32 {
        self.open_tickets.saturating_add(self.open_chats)
    }

    /// Whether one more piece of work fits.
    pub fn has_room(&self) -> bool {
        self.load() < self.capacity
    }

    pub fn skill_level(&self, skill: &str) -> u8 {
        self.skills.get(skill).copied().unwrap_or(0)
    }

    /// Meets every requirement's minimum level.
    pub fn meets(&self, requirements: &[SkillRequirement]) -> bool {
        requirements.iter().all(|requirement| self.skill_level(&requirement.skill) >= requirement.min_level)
    }

    /// The sum of the agent's levels in the required skills: higher means a better match.
    pub(crate) fn skill_score(&self, requirements: &[SkillRequirement]) -> u32 {
        requirements.iter().map(|requirement| u32::from(self.skill_level(&requirement.skill))).sum()
    }

    pub(crate) fn take(&mut self, kind: WorkKind) {
        match kind {
            WorkKind::Ticket => self.open_tickets = self.open_tickets.saturating_add(1),
            WorkKind::Chat => self.open_chats = self.open_chats.saturating_add(1),
        }
    }
}

/// Compares how full two agents are (load / capacity) exactly, without floating point, so ties are real
/// ties and results never depend on rounding. Only for agents with capacity above zero.
pub(crate) fn compare_fill(a: &AgentSlot, b: &AgentSlot) -> Ordering {
    let left = u64::from(a.load()) * u64::from(b.capacity);
    let right = u64::from(b.load()) * u64::from(a.capacity);
    left.cmp(&right)
}
