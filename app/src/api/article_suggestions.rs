//! The help-center articles suggested beside a ticket.

use leptos::prelude::*;
use tidings::domain::kb::ArticleSummary;

use super::AppError;

/// How many suggestions the side panel shows.
pub const SUGGESTIONS_SHOWN: u32 = 5;

/// Published articles that match the ticket's subject and first message, best first.
#[server(endpoint = "load_article_suggestions")]
pub async fn load_article_suggestions(ticket_id: String) -> Result<Vec<ArticleSummary>, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.suggest_articles_for_ticket(&actor, &ticket_id, SUGGESTIONS_SHOWN).await?)
}
