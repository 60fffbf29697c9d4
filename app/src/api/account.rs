//! The signed-in user's own account.

use leptos::prelude::*;

use super::AppError;

/// Changes the password; every other session of this user is signed out.
#[server(endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    let actor = super::ssr::require_actor()?;
    super::ssr::services()?.change_password(&actor, &current_password, &new_password).await.map_err(AppError::from)
}
