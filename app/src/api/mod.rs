//! Server functions: the UI's only way to the server. Each one is a public endpoint, so each one does the
//! same three things: find the signed-in user, call one service function (which authorises), map the error.

pub mod account;
pub mod analytics;
pub mod canned;
pub mod channels;
pub mod chats;
pub mod csat;
pub mod customers;
pub mod directory;
pub mod error;
pub mod help_center;
pub mod kb_admin;
pub mod routing;
pub mod rules;
pub mod session;
pub mod sla;
pub mod teams;
pub mod tickets;
pub mod users;

pub use error::AppError;

/// Server-side helpers shared by every server function.
#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::AppError;
    use tidings::service::{Actor, Services};

    pub fn services() -> Result<Services, AppError> {
        leptos::prelude::use_context::<Services>().ok_or_else(|| AppError::internal("services missing from context"))
    }

    /// The signed-in user, as resolved by the server's identity middleware, if any.
    pub fn actor() -> Option<Actor> {
        let parts = leptos::prelude::use_context::<http::request::Parts>()?;
        parts.extensions.get::<Option<Actor>>().cloned().flatten()
    }

    pub fn require_actor() -> Result<Actor, AppError> {
        actor().ok_or_else(AppError::unauthenticated)
    }
}
