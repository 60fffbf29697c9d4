//! The dashboard's filters (team, channel, agent) and the dimensions reports break numbers down by. Filter values are
//! checked against what exists, so a typo is a 422 instead of an empty dashboard that looks like a quiet month.

use serde::{Deserialize, Serialize};

use super::period::present;
use crate::domain::input::FieldError;
use crate::domain::ticket::{Channel, Priority};

/// What a ticket is counted under: its team, channel, assignee, priority and category.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TicketDimensions {
    pub team_id: Option<String>,
    pub channel: Channel,
    pub agent_id: Option<String>,
    pub priority: Priority,
    pub category: Option<String>,
}

/// The ids a filter value may name.
#[derive(Clone, Copy, Debug)]
pub struct KnownFilterValues<'a> {
    pub team_ids: &'a [String],
    pub agent_ids: &'a [String],
}

/// Tickets of one team, channel and/or agent; an empty filter takes every ticket.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AnalyticsFilter {
    pub team_id: Option<String>,
    pub channel: Option<Channel>,
    pub agent_id: Option<String>,
}

impl AnalyticsFilter {
    /// Reads the `team`, `channel` and `agent` query values (blank counts as absent); a value naming nothing known is
    /// refused on its field.
    pub fn parse(
        team: Option<&str>,
        channel: Option<&str>,
        agent: Option<&str>,
        known: KnownFilterValues<'_>,
    ) -> Result<AnalyticsFilter, FieldError> {
        let team_id =
            present(team).map(|id| known_id(id, known.team_ids, "team", "There is no such team.")).transpose()?;
        let agent_id =
            present(agent).map(|id| known_id(id, known.agent_ids, "agent", "There is no such agent.")).transpose()?;
        let channel = present(channel)
            .map(|raw| {
                Channel::parse(raw).ok_or_else(|| {
                    let names: Vec<_> = Channel::ALL.iter().map(|channel| channel.as_str()).collect();
                    FieldError::new("channel", "unknown_value", format!("Choose one of {}.", names.join(", ")))
                })
            })
            .transpose()?;
        Ok(AnalyticsFilter { team_id, channel, agent_id })
    }

    /// Only this agent's tickets: what an agent's own page (`/agent/me`) is limited to.
    pub fn for_agent(agent_id: &str) -> AnalyticsFilter {
        AnalyticsFilter { agent_id: Some(agent_id.to_owned()), ..AnalyticsFilter::default() }
    }

    pub fn matches(&self, ticket: &TicketDimensions) -> bool {
        self.team_id.as_ref().is_none_or(|team| ticket.team_id.as_ref() == Some(team))
            && self.channel.is_none_or(|channel| ticket.channel == channel)
            && self.agent_id.as_ref().is_none_or(|agent| ticket.agent_id.as_ref() == Some(agent))
    }

    pub fn is_empty(&self) -> bool {
        self.team_id.is_none() && self.channel.is_none() && self.agent_id.is_none()
    }
}

fn known_id(id: &str, known: &[String], field: &'static str, message: &str) -> Result<String, FieldError> {
    if known.iter().any(|candidate| candidate == id) {
        Ok(id.to_owned())
    } else {
        Err(FieldError::new(field, "unknown_value", message))
    }
}

/// What a breakdown table groups tickets by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Channel,
    Team,
    Agent,
    Category,
    Priority,
}

impl Dimension {
    pub const ALL: [Dimension; 5] =
        [Dimension::Channel, Dimension::Team, Dimension::Agent, Dimension::Category, Dimension::Priority];

    /// The group a ticket falls in: an id or wire name; `None` for no team, no assignee or no category.
    pub fn key_of(self, ticket: &TicketDimensions) -> Option<String> {
        match self {
            Dimension::Channel => Some(ticket.channel.as_str().to_owned()),
            Dimension::Team => ticket.team_id.clone(),
            Dimension::Agent => ticket.agent_id.clone(),
            Dimension::Category => ticket.category.clone(),
            Dimension::Priority => Some(ticket.priority.as_str().to_owned()),
        }
    }
}
