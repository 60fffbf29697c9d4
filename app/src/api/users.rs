//! User management (admin area).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tidings::domain::User;

use super::AppError;

/// One page of users, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserPage {
    pub items: Vec<User>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

#[server(endpoint = "list_users")]
pub async fn list_users(page: u32, per_page: u32) -> Result<UserPage, AppError> {
    let actor = super::ssr::require_actor()?;
    let page = tidings::service::PageRequest::new(page, per_page);
    let listed = super::ssr::services()?.list_users(&actor, page).await?;
    Ok(UserPage { items: listed.items, total: listed.total, page: page.page, per_page: page.per_page })
}

#[server(endpoint = "create_user")]
pub async fn create_user(name: String, email: String, role: String, password: String) -> Result<User, AppError> {
    let actor = super::ssr::require_actor()?;
    let input = tidings::service::NewUserInput { name, email, role, password, locale: None };
    Ok(super::ssr::services()?.create_user(&actor, input).await?)
}

/// Changes what is given and leaves the rest. `role` is a wire name (`agent`, ...).
#[server(endpoint = "update_user")]
pub async fn update_user(
    id: String,
    name: Option<String>,
    role: Option<String>,
    active: Option<bool>,
    team_ids: Option<Vec<String>>,
) -> Result<User, AppError> {
    let actor = super::ssr::require_actor()?;
    let patch = tidings::service::UserChanges {
        name,
        role,
        active,
        team_ids,
        locale: None,
        password: None,
        max_tickets: None,
        segment: None,
    };
    Ok(super::ssr::services()?.update_user(&actor, &id, patch).await?)
}
