//! Teams (admin area; agents may list them).

use leptos::prelude::*;
use tidings::domain::Team;

use super::AppError;

#[server(endpoint = "list_teams")]
pub async fn list_teams() -> Result<Vec<Team>, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.list_teams(&actor).await?)
}

#[server(endpoint = "create_team")]
pub async fn create_team(name: String) -> Result<Team, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.create_team(&actor, &name).await?)
}
