//! Form posts of the agent's customer pages (work without JavaScript; errors come back in the address).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Redirect;
use axum::Extension;
use tidings::domain::FieldError;
use tidings::service::{Actor, PageRequest, ServiceError};

use crate::state::AppState;
use crate::ticket_forms::{done, refused, segment, signed_in, FormPairs};

/// `POST /agent/customers/{id}/merge` (urlencoded): `into`, the email (or id) of the customer to keep. Success goes
/// to the kept customer's page.
pub async fn merge(
    State(state): State<AppState>,
    Extension(actor): Extension<Option<Actor>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Redirect {
    let back = format!("/agent/customers/{}", segment(&id));
    let actor = match signed_in(actor, &back) {
        Ok(actor) => actor,
        Err(redirect) => return redirect,
    };
    let into = FormPairs::parse(&body).first("into");
    let target = match customer_by_email_or_id(&state, &actor, &into).await {
        Ok(target) => target,
        Err(err) => return refused(&back, &err, &[("into", &into)]),
    };
    match state.services.merge_contacts(&actor, &id, &target).await {
        Ok(kept) => done(&format!("/agent/customers/{}", segment(&kept.customer.id)), "contacts_merged"),
        Err(err) => refused(&back, &err, &[("into", &into)]),
    }
}

/// The id of the customer with exactly this email (ignoring case); anything without `@` is taken as an id.
async fn customer_by_email_or_id(state: &AppState, actor: &Actor, raw: &str) -> Result<String, ServiceError> {
    let raw = raw.trim();
    if !raw.contains('@') {
        return Ok(raw.to_string());
    }
    let found = state.services.search_customers(actor, Some(raw), PageRequest::new(1, 10)).await?;
    found
        .items
        .into_iter()
        .find(|customer| customer.email.eq_ignore_ascii_case(raw))
        .map(|customer| customer.id)
        .ok_or_else(|| FieldError::new("into", "unknown_contact", "There is no customer with this email.").into())
}
