//! Plain HTML form endpoints for working several tickets at once: the queue's bulk action, merging a ticket into
//! another and splitting messages off into a new one. Same services as the REST API; 303 answers like
//! `ticket_forms`.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Redirect;
use axum::Extension;
use tidings::domain::FieldError;
use tidings::service::{Actor, BulkUpdate, ServiceError, SplitInput};

use crate::forms::{error_query, is_local_path, push_param};
use crate::state::AppState;
use crate::ticket_forms::{done, refused, segment, signed_in, FormPairs, TicketFormPost};

/// Where the queue's bulk form returns: the queue address it was sent from, or the plain queue.
fn queue_address(return_to: &str) -> &str {
    let queue = return_to == "/agent/tickets" || return_to.starts_with("/agent/tickets?");
    if queue && is_local_path(return_to) {
        return_to
    } else {
        "/agent/tickets"
    }
}

/// `address` with one more query part.
fn with_query(address: &str, query: &str) -> String {
    let separator = if address.contains('?') { '&' } else { '?' };
    format!("{address}{separator}{query}")
}

/// `POST /agent/tickets/bulk` (urlencoded): ids (repeated), assignee and team (empty: no change, `none`, or an
/// id), status (empty: no change), return_to.
pub async fn bulk(State(state): State<AppState>, Extension(actor): Extension<Option<Actor>>, body: Bytes) -> Redirect {
    let pairs = FormPairs::parse(&body);
    let back = queue_address(&pairs.first("return_to")).to_string();
    let actor = match signed_in(actor, &back) {
        Ok(actor) => actor,
        Err(answer) => return answer,
    };
    let assignee = pairs.first("assignee");
    let status = pairs.first("status");
    let team = pairs.first("team");
    let update = BulkUpdate {
        ids: pairs.all("ids"),
        status: Some(status).filter(|s| !s.is_empty()),
        assignee_id: match assignee.as_str() {
            "" => None,
            "none" => Some(None),
            id => Some(Some(id.to_string())),
        },
        team_id: match team.as_str() {
            "" => None,
            "none" => Some(None),
            id => Some(Some(id.to_string())),
        },
    };
    match state.services.bulk_update(&actor, update).await {
        Ok(outcome) => {
            let notice = if outcome.failed.is_empty() { "bulk_updated" } else { "bulk_partial" };
            let mut query = String::new();
            push_param(&mut query, "notice", notice);
            Redirect::to(&with_query(&back, &query))
        }
        Err(err) => Redirect::to(&with_query(&back, &error_query(&err))),
    }
}

/// `POST /agent/tickets/{id}/merge` (urlencoded): into_id, a ticket id or its number (`#1042` / `1042`) among
/// the same customer's tickets. Success goes to the ticket that carries on.
pub async fn merge(
    State(state): State<AppState>,
    TicketFormPost { actor, id, back }: TicketFormPost,
    body: Bytes,
) -> Redirect {
    let into = FormPairs::parse(&body).first("into_id");
    let target = match resolve_ticket(&state, &actor, &id, &into).await {
        Ok(target) => target,
        Err(err) => return refused(&back, &err, &[("into_id", &into)]),
    };
    match state.services.merge_ticket(&actor, &id, &target).await {
        Ok(merged) => done(&format!("/agent/tickets/{}", segment(&merged.id)), "merged"),
        Err(err) => refused(&back, &err, &[("into_id", &into)]),
    }
}

/// A ticket named by number is looked up among the same customer's tickets (a merge needs the same customer);
/// anything else is taken as an id.
async fn resolve_ticket(state: &AppState, actor: &Actor, source_id: &str, raw: &str) -> Result<String, ServiceError> {
    let raw = raw.trim();
    let digits = raw.strip_prefix('#').unwrap_or(raw);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Ok(raw.to_string());
    }
    let number: u64 = digits.parse().map_err(|_| unknown_number())?;
    let source = state.services.get_ticket(actor, source_id).await?.ticket;
    let profile = state.services.customer_profile(actor, &source.requester.id).await?;
    profile
        .tickets
        .into_iter()
        .find(|ticket| ticket.number == number)
        .map(|ticket| ticket.id)
        .ok_or_else(unknown_number)
}

fn unknown_number() -> ServiceError {
    FieldError::new("into_id", "unknown_ticket", "This customer has no ticket with that number.").into()
}

/// `POST /agent/tickets/{id}/split` (urlencoded): message_ids (repeated), subject (optional). Success goes to the
/// new ticket.
pub async fn split(
    State(state): State<AppState>,
    TicketFormPost { actor, id, back }: TicketFormPost,
    body: Bytes,
) -> Redirect {
    let pairs = FormPairs::parse(&body);
    let subject = pairs.first("subject");
    let input = SplitInput {
        message_ids: pairs.all("message_ids"),
        subject: Some(subject.trim().to_string()).filter(|s| !s.is_empty()),
    };
    match state.services.split_ticket(&actor, &id, input).await {
        Ok(created) => done(&format!("/agent/tickets/{}", segment(&created.id)), "split"),
        Err(err) => refused(&back, &err, &[("subject", &subject)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_returns_only_to_the_queue() {
        assert_eq!(queue_address("/agent/tickets?q=printer&page=2"), "/agent/tickets?q=printer&page=2");
        assert_eq!(queue_address("/agent/tickets"), "/agent/tickets");
        assert_eq!(queue_address("//evil.example/agent/tickets"), "/agent/tickets");
        assert_eq!(queue_address("/admin"), "/agent/tickets");
        assert_eq!(with_query("/agent/tickets", "notice=x"), "/agent/tickets?notice=x");
        assert_eq!(with_query("/agent/tickets?q=a", "notice=x"), "/agent/tickets?q=a&notice=x");
    }
}
