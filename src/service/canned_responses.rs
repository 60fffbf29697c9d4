//! Canned responses: saved replies for agents. A personal response exists only for its owner (others are
//! told "not found"); a shared one is offered to every agent, and only its owner or a supervisor or admin
//! may change or delete it (others are told "forbidden").

use super::secrets::new_id;
use super::{now, Actor, ServiceError, Services};
use crate::domain::{
    authorize, is_allowed, render_placeholders, Action, CannedBody, CannedResponse, CannedTitle, FieldError, NamedRef,
    PlaceholderValues, RenderedCanned,
};
use crate::store::{CannedResponseRecord, CannedResponseUpdate, NewCannedResponseRecord};

/// A new canned response as submitted.
#[derive(Clone, Debug, Default)]
pub struct CannedResponseInput {
    pub title: String,
    pub body: String,
    pub shared: bool,
}

/// Changes to a canned response; `None` leaves a value as it is.
#[derive(Clone, Debug, Default)]
pub struct CannedResponseChanges {
    pub title: Option<String>,
    pub body: Option<String>,
    pub shared: Option<bool>,
}

/// The longest search text accepted; longer ones are a mistake, not a search.
const MAX_SEARCH_CHARS: usize = 200;

impl Services {
    /// The actor's own responses and the shared ones, by title; with `q`, only those whose title or body
    /// contains it (ignoring case).
    pub async fn list_canned_responses(
        &self,
        actor: &Actor,
        q: Option<&str>,
    ) -> Result<Vec<CannedResponse>, ServiceError> {
        authorize(actor.user.role, Action::ManageCannedResponses)?;
        let search = search_text(q)?;
        let records = self.store().list_canned_responses(&actor.user.id, search).await?;
        Ok(records.into_iter().map(canned_view).collect())
    }

    pub async fn create_canned_response(
        &self,
        actor: &Actor,
        input: CannedResponseInput,
    ) -> Result<CannedResponse, ServiceError> {
        authorize(actor.user.role, Action::ManageCannedResponses)?;
        let record = NewCannedResponseRecord {
            id: new_id(),
            owner_id: actor.user.id.clone(),
            title: CannedTitle::parse(&input.title)?.into_string(),
            body: CannedBody::parse(&input.body)?.into_string(),
            shared: input.shared,
            created_at: now(),
        };
        Ok(canned_view(self.store().insert_canned_response(&record).await?))
    }

    pub async fn update_canned_response(
        &self,
        actor: &Actor,
        id: &str,
        changes: CannedResponseChanges,
    ) -> Result<CannedResponse, ServiceError> {
        self.editable_canned_response(actor, id).await?;
        let update = CannedResponseUpdate {
            title: changes.title.as_deref().map(CannedTitle::parse).transpose()?.map(CannedTitle::into_string),
            body: changes.body.as_deref().map(CannedBody::parse).transpose()?.map(CannedBody::into_string),
            shared: changes.shared,
            updated_at: now(),
        };
        let updated = self.store().update_canned_response(id, &update).await?;
        updated.map(canned_view).ok_or(ServiceError::NotFound("canned response"))
    }

    pub async fn delete_canned_response(&self, actor: &Actor, id: &str) -> Result<(), ServiceError> {
        self.editable_canned_response(actor, id).await?;
        if self.store().delete_canned_response(id).await? {
            // Rules that send it are disabled with a warning.
            self.check_rules_health().await?;
            Ok(())
        } else {
            Err(ServiceError::NotFound("canned response"))
        }
    }

    /// The response filled in for a ticket: the requester's name and email, the ticket's number and
    /// subject, and the acting agent's name. The title is returned as written.
    pub async fn render_canned_response(
        &self,
        actor: &Actor,
        id: &str,
        ticket_id: &str,
    ) -> Result<RenderedCanned, ServiceError> {
        let canned = self.visible_canned_response(actor, id).await?;
        let ticket = self.visible_ticket(actor, ticket_id).await?;
        let requester = self.store().find_user(&ticket.requester_id).await?;
        let values = PlaceholderValues {
            customer_name: requester.as_ref().map(|user| user.name.clone()),
            customer_email: requester.map(|user| user.email),
            ticket_number: Some(ticket.number),
            ticket_subject: Some(ticket.subject),
            agent_name: Some(actor.user.name.clone()),
        };
        Ok(RenderedCanned { body: render_placeholders(&canned.body, &values), title: canned.title })
    }

    /// The response if the actor may use it: shared ones and their own; "not found" otherwise.
    async fn visible_canned_response(&self, actor: &Actor, id: &str) -> Result<CannedResponseRecord, ServiceError> {
        authorize(actor.user.role, Action::ManageCannedResponses)?;
        let record = self.store().find_canned_response(id).await?;
        record
            .filter(|record| record.shared || record.owner_id == actor.user.id)
            .ok_or(ServiceError::NotFound("canned response"))
    }

    /// The response if the actor may change it: their own, or a shared one when they are supervisor+.
    async fn editable_canned_response(&self, actor: &Actor, id: &str) -> Result<CannedResponseRecord, ServiceError> {
        let record = self.visible_canned_response(actor, id).await?;
        let own = record.owner_id == actor.user.id;
        if own || is_allowed(actor.user.role, Action::ManageOthersSharedCannedResponses) {
            Ok(record)
        } else {
            Err(ServiceError::Forbidden)
        }
    }
}

/// A search text as typed: blank means no search; overly long text is refused.
pub(super) fn search_text(q: Option<&str>) -> Result<Option<&str>, FieldError> {
    let Some(text) = q.map(str::trim).filter(|text| !text.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_SEARCH_CHARS {
        return Err(FieldError::new("q", "too_long", format!("Search for at most {MAX_SEARCH_CHARS} characters.")));
    }
    Ok(Some(text))
}

fn canned_view(record: CannedResponseRecord) -> CannedResponse {
    CannedResponse {
        id: record.id,
        title: record.title,
        body: record.body,
        shared: record.shared,
        owner: NamedRef { id: record.owner_id, name: record.owner_name },
        updated_at: record.updated_at,
    }
}
