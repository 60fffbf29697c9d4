//! Canned responses: the agent's saved replies (own and shared), and one filled in for a ticket.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tidings::domain::{CannedResponse, RenderedCanned};

use super::AppError;

/// A canned response as the list shows it, with whether the signed-in agent may change it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CannedRow {
    pub response: CannedResponse,
    pub editable: bool,
}

/// The agent's own and the shared responses, by title; `q` narrows by title or body.
#[server(endpoint = "list_canned")]
pub async fn list_canned(q: Option<String>) -> Result<Vec<CannedRow>, AppError> {
    let actor = super::ssr::require_actor()?;
    let responses = super::ssr::services()?.list_canned_responses(&actor, q.as_deref()).await?;
    Ok(responses.into_iter().map(|response| ssr::row(&actor, response)).collect())
}

/// A response with its placeholders filled in for a ticket.
#[server(endpoint = "render_canned")]
pub async fn render_canned(id: String, ticket_id: String) -> Result<RenderedCanned, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.render_canned_response(&actor, &id, &ticket_id).await?)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::CannedRow;
    use tidings::domain::{is_allowed, Action, CannedResponse};
    use tidings::service::Actor;

    /// Own responses are editable; shared ones of others only for those the policy lets change them.
    pub fn row(actor: &Actor, response: CannedResponse) -> CannedRow {
        let own = response.owner.id == actor.user.id;
        let editable =
            own || (response.shared && is_allowed(actor.user.role, Action::ManageOthersSharedCannedResponses));
        CannedRow { response, editable }
    }
}
