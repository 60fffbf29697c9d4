//! The signed-in user, loaded once per page view and shared through context.
//!
//! The resource is blocking so that on the server the guard can redirect or answer 403 before the response head
//! is sent; its value travels to the browser with the page, so hydration does not ask again.

use leptos::prelude::*;
use tidings::domain::User;

use crate::api::{session::current_user, AppError};

/// What every component reads to learn who is signed in (`Ok(None)`: a visitor).
pub type CurrentUserResource = Resource<Result<Option<User>, AppError>>;

#[derive(Clone, Copy)]
struct CurrentUser(CurrentUserResource);

/// Starts loading the current user; called once by `App`.
pub fn provide_current_user() {
    let resource = Resource::new_blocking(|| (), |_| current_user());
    provide_context(CurrentUser(resource));
}

/// The current-user resource provided by `App`.
pub fn use_current_user() -> CurrentUserResource {
    expect_context::<CurrentUser>().0
}
