//! The supervisor's routing page: each team's waiting queue and each agent's load. Calls the same services as
//! `GET /api/v1/routing/queues` and `/routing/agents`, which authorise (supervisors and admins).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tidings::domain::routing::{RoutingAgent, TeamQueue};

use super::AppError;

/// What `/supervisor/routing` shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoutingOverview {
    pub queues: Vec<TeamQueue>,
    pub agents: Vec<RoutingAgent>,
}

#[server(endpoint = "load_routing_overview")]
pub async fn load_routing_overview() -> Result<RoutingOverview, AppError> {
    let actor = super::ssr::require_actor()?;
    let services = super::ssr::services()?;
    let queues = services.routing_queues(&actor).await?;
    let agents = services.routing_agents(&actor).await?;
    Ok(RoutingOverview { queues, agents })
}
