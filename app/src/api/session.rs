//! Who is signed in.

use leptos::prelude::*;
use tidings::domain::User;

use super::AppError;

/// The signed-in user, or `None` for a visitor. Never an error for visitors: pages decide what to show.
#[server(endpoint = "current_user")]
pub async fn current_user() -> Result<Option<User>, AppError> {
    Ok(super::ssr::actor().map(|actor| actor.user))
}
