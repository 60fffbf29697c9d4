//! Plain HTML form endpoints for tickets: filing a request and replying in the portal, replying and saving
//! properties in the agent workspace. Each calls the same services as the REST API and the server functions and
//! answers with a 303: to the page with `?notice=<code>` on success, or back to the form with
//! `?error=<code>&field=<field>` plus what was typed, which the page shows next to the field.

use axum::body::Bytes;
use axum::extract::{FromRequestParts, Multipart, Path, State};
use axum::http::request::Parts;
use axum::response::Redirect;
use axum::Extension;
use tidings::domain::{FieldError, TicketStatus};
use tidings::service::{Actor, NewMessage, NewTicketInput, ServiceError, TicketUpdate};

use crate::forms::{error_query, push_param};
use crate::state::AppState;
use crate::uploads::{read_multipart, MultipartForm};

/// How much of a typed text travels back in the address after a refusal (the rest would make it too long).
const MAX_REFILL_CHARS: usize = 2_000;

/// The signed-in user, or the answer that sends a visitor to sign in first.
pub(crate) fn signed_in(actor: Option<Actor>, back_to: &str) -> Result<Actor, Redirect> {
    actor.ok_or_else(|| {
        let mut query = String::new();
        push_param(&mut query, "next", back_to);
        Redirect::to(&format!("/login?{query}"))
    })
}

/// A form post about one ticket (`/{portal|agent}/tickets/{id}/…`) by a signed-in user: the ticket id from the path
/// and the ticket page the answer returns to. A visitor is sent to sign in first, back to that page afterwards.
pub struct TicketFormPost {
    pub actor: Actor,
    pub id: String,
    pub back: String,
}

impl<S: Send + Sync> FromRequestParts<S> for TicketFormPost {
    type Rejection = Redirect;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let area = if parts.uri.path().starts_with("/portal/") { "portal" } else { "agent" };
        let Path(id) =
            Path::<String>::from_request_parts(parts, state).await.map_err(|_| Redirect::to(&format!("/{area}")))?;
        let back = format!("/{area}/tickets/{}", segment(&id));
        let actor = signed_in(parts.extensions.get::<Option<Actor>>().cloned().flatten(), &back)?;
        Ok(TicketFormPost { actor, id, back })
    }
}

/// A path segment for an id taken from the request (encoded, so it cannot break out of the path).
pub(crate) fn segment(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

/// 303 to `path` with `?notice=<code>`.
pub(crate) fn done(path: &str, notice: &str) -> Redirect {
    let mut query = String::new();
    push_param(&mut query, "notice", notice);
    Redirect::to(&format!("{path}?{query}"))
}

/// 303 back to `path` with the error and the values to refill.
pub(crate) fn refused(path: &str, err: &ServiceError, refill: &[(&str, &str)]) -> Redirect {
    let mut query = error_query(err);
    for (key, value) in refill {
        if !value.is_empty() {
            push_param(&mut query, key, &cut(value));
        }
    }
    Redirect::to(&format!("{path}?{query}"))
}

fn cut(value: &str) -> String {
    value.chars().take(MAX_REFILL_CHARS).collect()
}

/// Reads a multipart body, or answers with the refusal.
async fn multipart_form(multipart: Multipart, back: &str) -> Result<MultipartForm, Redirect> {
    read_multipart(multipart).await.map_err(|err| refused(back, &err, &[]))
}

/// The technical details a customer chose to share: a JSON object, or nothing.
fn read_context(raw: Option<&str>) -> Result<Option<serde_json::Value>, ServiceError> {
    let Some(raw) = raw.map(str::trim).filter(|raw| !raw.is_empty()) else { return Ok(None) };
    match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(value @ serde_json::Value::Object(_)) => Ok(Some(value)),
        _ => Err(FieldError::new("context", "invalid_context", "The technical details could not be read.").into()),
    }
}

/// `POST /portal/tickets` (multipart): type, category, subject, body, files, context.
pub async fn portal_create(
    State(state): State<AppState>,
    Extension(actor): Extension<Option<Actor>>,
    multipart: Multipart,
) -> Redirect {
    const BACK: &str = "/portal/new";
    let actor = match signed_in(actor, BACK) {
        Ok(actor) => actor,
        Err(answer) => return answer,
    };
    let form = match multipart_form(multipart, BACK).await {
        Ok(form) => form,
        Err(answer) => return answer,
    };
    let text = |name: &str| form.text(name).unwrap_or_default().to_string();
    let (ticket_type, category, subject, body) = (text("type"), text("category"), text("subject"), text("body"));
    let refill = [("type", ticket_type.as_str()), ("category", &category), ("subject", &subject), ("body", &body)];
    let context = match read_context(form.text("context")) {
        Ok(context) => context,
        Err(err) => return refused(BACK, &err, &refill),
    };
    let optional = |value: &str| Some(value.trim().to_string()).filter(|v| !v.is_empty());
    let input = NewTicketInput {
        subject: subject.clone(),
        body: body.clone(),
        ticket_type: optional(&ticket_type),
        category: optional(&category),
        context,
        attachments: form.files.clone(),
        ..NewTicketInput::default()
    };
    match state.services.create_ticket(&actor, input).await {
        Ok(ticket) => done(&format!("/portal/tickets/{}", segment(&ticket.id)), "created"),
        Err(err) => refused(BACK, &err, &refill),
    }
}

/// `POST /portal/tickets/{id}/messages` (multipart): body, files.
pub async fn portal_reply(
    State(state): State<AppState>,
    TicketFormPost { actor, id, back }: TicketFormPost,
    multipart: Multipart,
) -> Redirect {
    let form = match multipart_form(multipart, &back).await {
        Ok(form) => form,
        Err(answer) => return answer,
    };
    let body = form.text("body").unwrap_or_default().to_string();
    let message = NewMessage { body: body.clone(), attachments: form.files.clone(), ..NewMessage::default() };
    match state.services.add_message(&actor, &id, message).await {
        Ok(_) => done(&back, "reply_sent"),
        Err(err) => refused(&back, &err, &[("body", &body)]),
    }
}

/// `POST /agent/tickets/{id}/messages` (multipart): body, mode (`reply` | `note`), intent (`send` | `resolve`),
/// files. "Send and resolve" adds the message, then resolves the ticket unless it already is.
pub async fn agent_reply(
    State(state): State<AppState>,
    TicketFormPost { actor, id, back }: TicketFormPost,
    multipart: Multipart,
) -> Redirect {
    let form = match multipart_form(multipart, &back).await {
        Ok(form) => form,
        Err(answer) => return answer,
    };
    let body = form.text("body").unwrap_or_default().to_string();
    let internal = form.text("mode") == Some("note");
    let resolve = form.text("intent") == Some("resolve");
    let mode = if internal { "note" } else { "reply" };
    let template = form.text("template").filter(|key| !key.is_empty() && !internal).map(str::to_string);
    let message = NewMessage { body: body.clone(), internal, attachments: form.files.clone(), template };
    if let Err(err) = state.services.add_message(&actor, &id, message).await {
        return refused(&back, &err, &[("body", &body), ("mode", mode)]);
    }
    if resolve {
        let current = match state.services.get_ticket(&actor, &id).await {
            Ok(ticket) => ticket.ticket.status,
            Err(err) => return refused(&back, &err, &[]),
        };
        if !matches!(current, TicketStatus::Resolved | TicketStatus::Closed) {
            let update =
                TicketUpdate { status: Some(TicketStatus::Resolved.as_str().into()), ..TicketUpdate::default() };
            if let Err(err) = state.services.update_ticket(&actor, &id, update).await {
                return refused(&back, &err, &[]);
            }
        }
        return done(&back, "resolved");
    }
    done(&back, if internal { "note_added" } else { "reply_sent" })
}

/// `POST /agent/tickets/{id}/properties` (urlencoded): status, priority, type, category, tags, team_id, assignee_id.
/// Only what differs from the stored ticket is changed.
pub async fn agent_properties(
    State(state): State<AppState>,
    TicketFormPost { actor, id, back }: TicketFormPost,
    body: Bytes,
) -> Redirect {
    let pairs = FormPairs::parse(&body);
    let properties = app::api::tickets::TicketProperties {
        status: pairs.first("status"),
        priority: pairs.first("priority"),
        ticket_type: pairs.first("type"),
        category: pairs.first("category"),
        tags: pairs.first("tags"),
        team_id: pairs.first("team_id"),
        assignee_id: pairs.first("assignee_id"),
    };
    match app::api::tickets::ssr::save_properties(&state.services, &actor, &id, &properties).await {
        Ok(_) => done(&back, "saved"),
        Err(err) => refused(&back, &err, &[]),
    }
}

/// An `application/x-www-form-urlencoded` body where a name may repeat (checkboxes).
pub(crate) struct FormPairs(Vec<(String, String)>);

impl FormPairs {
    pub(crate) fn parse(body: &[u8]) -> FormPairs {
        FormPairs(url::form_urlencoded::parse(body).into_owned().collect())
    }

    /// The first value of `name`, or empty.
    pub(crate) fn first(&self, name: &str) -> String {
        self.0.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone()).unwrap_or_default()
    }

    /// Every value of `name`, in order.
    pub(crate) fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(key, _)| key == name).map(|(_, value)| value.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_names_are_all_kept() {
        let pairs = FormPairs::parse(b"ids=a&ids=b&status=open&q=a+b%26c");
        assert_eq!(pairs.all("ids"), ["a", "b"]);
        assert_eq!(pairs.first("status"), "open");
        assert_eq!(pairs.first("q"), "a b&c");
        assert_eq!(pairs.first("missing"), "");
    }

    #[test]
    fn context_must_be_an_object() {
        assert_eq!(read_context(None).ok(), Some(None));
        assert_eq!(read_context(Some("  ")).ok(), Some(None));
        assert!(read_context(Some(r#"{"browser":"Firefox 127"}"#)).is_ok_and(|c| c.is_some()));
        assert!(read_context(Some("[1]")).is_err());
        assert!(read_context(Some("{nope")).is_err());
    }

    #[test]
    fn refills_are_cut_and_encoded() {
        let long = "ä".repeat(MAX_REFILL_CHARS + 10);
        assert_eq!(cut(&long).chars().count(), MAX_REFILL_CHARS);
        assert_eq!(segment("a/b?c"), "a%2Fb%3Fc");
    }
}
