//! The people and teams the workspace's pickers offer (assignee, team).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tidings::domain::{NamedRef, Team};

use super::AppError;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    /// Active staff by name.
    pub agents: Vec<NamedRef>,
    pub teams: Vec<Team>,
}

impl Directory {
    /// Ids with names, for timeline sentences.
    pub fn names(&self) -> Vec<(String, String)> {
        self.agents
            .iter()
            .map(|agent| (agent.id.clone(), agent.name.clone()))
            .chain(self.teams.iter().map(|team| (team.id.clone(), team.name.clone())))
            .collect()
    }
}

#[server(endpoint = "ticket_directory")]
pub async fn ticket_directory() -> Result<Directory, AppError> {
    let actor = super::ssr::require_actor()?;
    let services = super::ssr::services()?;
    Ok(ssr::directory(&services, &actor).await?)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::Directory;
    use tidings::domain::NamedRef;
    use tidings::service::{Actor, ServiceError, Services};

    pub async fn directory(services: &Services, actor: &Actor) -> Result<Directory, ServiceError> {
        let agents = services
            .list_assignees(actor)
            .await?
            .into_iter()
            .map(|user| NamedRef { id: user.id, name: user.name })
            .collect();
        let teams = services.list_teams(actor).await?;
        Ok(Directory { agents, teams })
    }
}
