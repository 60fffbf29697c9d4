//! Teams of agents (routing and reporting build on them later).

use super::secrets::new_id;
use super::{now, Actor, ServiceError, Services};
use crate::domain::{authorize, Action, Team, TeamName};
use crate::store::DbError;

impl Services {
    pub async fn list_teams(&self, actor: &Actor) -> Result<Vec<Team>, ServiceError> {
        authorize(actor.user.role, Action::ListTeams)?;
        Ok(self.inner.store.list_teams().await?)
    }

    /// Creates a team; names are unique regardless of case.
    pub async fn create_team(&self, actor: &Actor, name: &str) -> Result<Team, ServiceError> {
        authorize(actor.user.role, Action::ManageTeams)?;
        let team = Team { id: new_id(), name: TeamName::parse(name)?.into_string() };
        match self.inner.store.insert_team(&team, now()).await {
            Ok(()) => Ok(team),
            Err(DbError::Conflict(_)) => Err(ServiceError::Conflict {
                code: "team_name_taken",
                field: Some("name"),
                message: "A team with this name already exists.".into(),
            }),
            Err(err) => Err(err.into()),
        }
    }
}
