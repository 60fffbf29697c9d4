//! How a team hands out its tickets: by hand (the default, nothing is assigned automatically) or by one of the
//! routing strategies. Kept apart from [`RoutingStrategy`] because "manual" is a team setting, not a way to pick
//! an agent: a manual team is simply never routed.

use serde::{Deserialize, Serialize};

use super::strategy::RoutingStrategy;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TeamRouting {
    /// Agents take tickets from the team queue themselves.
    #[default]
    Manual,
    RoundRobin,
    LeastLoaded,
    /// Only agents with the skills the ticket needs (see skill requirements), the best match first.
    Skills,
}

impl TeamRouting {
    pub const ALL: [TeamRouting; 4] =
        [TeamRouting::Manual, TeamRouting::RoundRobin, TeamRouting::LeastLoaded, TeamRouting::Skills];

    pub fn as_str(self) -> &'static str {
        match self {
            TeamRouting::Manual => "manual",
            TeamRouting::RoundRobin => "round_robin",
            TeamRouting::LeastLoaded => "least_loaded",
            TeamRouting::Skills => "skills",
        }
    }

    pub fn parse(value: &str) -> Option<TeamRouting> {
        TeamRouting::ALL.into_iter().find(|routing| routing.as_str() == value.trim())
    }

    /// The strategy that picks agents, `None` for a manual team.
    pub fn strategy(self) -> Option<RoutingStrategy> {
        match self {
            TeamRouting::Manual => None,
            TeamRouting::RoundRobin => Some(RoutingStrategy::RoundRobin),
            TeamRouting::LeastLoaded => Some(RoutingStrategy::LeastLoaded),
            TeamRouting::Skills => Some(RoutingStrategy::SkillsBased),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_manual_routes_nothing() {
        for routing in TeamRouting::ALL {
            assert_eq!(TeamRouting::parse(routing.as_str()), Some(routing));
        }
        assert_eq!(TeamRouting::parse("random"), None);
        assert_eq!(TeamRouting::Manual.strategy(), None);
        assert_eq!(TeamRouting::Skills.strategy(), Some(RoutingStrategy::SkillsBased));
    }
}
