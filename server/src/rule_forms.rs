//! Plain HTML form endpoints for automation rules on `/admin/rules`: create, change, delete. 303 answers like
//! `canned_forms`; a refused create or edit comes back with the typed values and the field path at fault
//! (`?error=unknown_value&field=conditions.all[0].value&…`), which the page shows next to the control.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Redirect;
use axum::Extension;
use tidings::domain::rules::RuleDraft;
use tidings::service::{Actor, ServiceError};

use crate::state::AppState;
use crate::ticket_forms::{done, refused, segment, signed_in, FormPairs};

const PAGE: &str = "/admin/rules";

/// The form's values; the `enabled` box is present only when ticked.
fn read(body: &[u8]) -> RuleDraft {
    let pairs = FormPairs::parse(body);
    RuleDraft {
        name: pairs.first("name"),
        trigger: pairs.first("trigger"),
        since: pairs.first("since"),
        after: pairs.first("after"),
        after_unit: pairs.first("after_unit"),
        enabled: !pairs.first("enabled").is_empty(),
        position: pairs.first("position"),
        conditions: pairs.first("conditions"),
        actions: pairs.first("actions"),
    }
}

/// Back to the form with the refusal and everything typed (`edit` keeps an edit an edit).
fn refused_draft(err: &ServiceError, draft: &RuleDraft, editing: Option<&str>) -> Redirect {
    let enabled = if draft.enabled { "on" } else { "off" };
    let mut refill = vec![
        ("name", draft.name.as_str()),
        ("trigger", draft.trigger.as_str()),
        ("since", draft.since.as_str()),
        ("after", draft.after.as_str()),
        ("after_unit", draft.after_unit.as_str()),
        ("enabled", enabled),
        ("position", draft.position.as_str()),
        ("conditions", draft.conditions.as_str()),
        ("actions", draft.actions.as_str()),
    ];
    if let Some(id) = editing {
        refill.insert(0, ("edit", id));
    }
    refused(PAGE, err, &refill)
}

/// `POST /admin/rules`: a new rule from the form.
pub async fn create(
    State(state): State<AppState>,
    Extension(actor): Extension<Option<Actor>>,
    body: Bytes,
) -> Redirect {
    let actor = match signed_in(actor, PAGE) {
        Ok(actor) => actor,
        Err(answer) => return answer,
    };
    let draft = read(&body);
    let saved = match draft.to_json() {
        Ok(input) => state.services.create_rule(&actor, input).await.map(|_| ()),
        Err(err) => Err(err.into()),
    };
    match saved {
        Ok(()) => done(PAGE, "rule_created"),
        Err(err) => refused_draft(&err, &draft, None),
    }
}

/// `POST /admin/rules/{id}`: the rule's name, trigger, active state, position, conditions and actions.
pub async fn update(
    State(state): State<AppState>,
    Extension(actor): Extension<Option<Actor>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Redirect {
    let actor = match signed_in(actor, &format!("{PAGE}?edit={}", segment(&id))) {
        Ok(actor) => actor,
        Err(answer) => return answer,
    };
    let draft = read(&body);
    let saved = match draft.to_json() {
        Ok(changes) => state.services.update_rule(&actor, &id, changes).await.map(|_| ()),
        Err(err) => Err(err.into()),
    };
    match saved {
        Ok(()) => done(PAGE, "rule_saved"),
        Err(err) => refused_draft(&err, &draft, Some(&id)),
    }
}

/// `POST /admin/rules/{id}/delete`, sent from the confirmation (`/admin/rules?delete={id}`).
pub async fn delete(
    State(state): State<AppState>,
    Extension(actor): Extension<Option<Actor>>,
    Path(id): Path<String>,
) -> Redirect {
    let actor = match signed_in(actor, PAGE) {
        Ok(actor) => actor,
        Err(answer) => return answer,
    };
    match state.services.delete_rule(&actor, &id).await {
        Ok(()) => done(PAGE, "rule_deleted"),
        Err(err) => refused(PAGE, &err, &[]),
    }
}
