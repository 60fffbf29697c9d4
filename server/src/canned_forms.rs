//! Plain HTML form endpoints for canned responses on `/agent/canned`: create, change, delete. 303 answers like
//! `ticket_forms`; a refused create or edit comes back with the typed values.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Redirect;
use axum::Extension;
use tidings::service::{Actor, CannedResponseChanges, CannedResponseInput};

use crate::state::AppState;
use crate::ticket_forms::{done, refused, signed_in, FormPairs};

const PAGE: &str = "/agent/canned";

/// The form's values: title, body, and the `shared` checkbox (present only when ticked).
fn read(body: &[u8]) -> (String, String, bool) {
    let pairs = FormPairs::parse(body);
    let shared = !pairs.first("shared").is_empty();
    (pairs.first("title"), pairs.first("body"), shared)
}

/// `POST /agent/canned`: title, body, shared.
pub async fn create(
    State(state): State<AppState>,
    Extension(actor): Extension<Option<Actor>>,
    body: Bytes,
) -> Redirect {
    let actor = match signed_in(actor, PAGE) {
        Ok(actor) => actor,
        Err(answer) => return answer,
    };
    let (title, text, shared) = read(&body);
    let input = CannedResponseInput { title: title.clone(), body: text.clone(), shared };
    match state.services.create_canned_response(&actor, input).await {
        Ok(_) => done(PAGE, "canned_created"),
        Err(err) => {
            refused(PAGE, &err, &[("title", &title), ("body", &text), ("shared", if shared { "on" } else { "" })])
        }
    }
}

/// `POST /agent/canned/{id}`: title, body, shared.
pub async fn update(
    State(state): State<AppState>,
    Extension(actor): Extension<Option<Actor>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Redirect {
    let actor = match signed_in(actor, PAGE) {
        Ok(actor) => actor,
        Err(answer) => return answer,
    };
    let (title, text, shared) = read(&body);
    let changes = CannedResponseChanges { title: Some(title.clone()), body: Some(text.clone()), shared: Some(shared) };
    match state.services.update_canned_response(&actor, &id, changes).await {
        Ok(_) => done(PAGE, "canned_updated"),
        Err(err) => refused(
            PAGE,
            &err,
            &[("edit", &id), ("title", &title), ("body", &text), ("shared", if shared { "on" } else { "" })],
        ),
    }
}

/// `POST /agent/canned/{id}/delete`.
pub async fn delete(
    State(state): State<AppState>,
    Extension(actor): Extension<Option<Actor>>,
    Path(id): Path<String>,
) -> Redirect {
    let actor = match signed_in(actor, PAGE) {
        Ok(actor) => actor,
        Err(answer) => return answer,
    };
    match state.services.delete_canned_response(&actor, &id).await {
        Ok(()) => done(PAGE, "canned_deleted"),
        Err(err) => refused(PAGE, &err, &[]),
    }
}
