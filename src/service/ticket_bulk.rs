//! Bulk actions from the agent queue: one status, assignee or team applied to many tickets. Each ticket
//! goes through the same [`Services::update_ticket`] as a single change (own transaction, own timeline
//! entries, same lifecycle rules), and the ones that fail are reported by id instead of failing the rest.

use super::ticket_changes::TicketUpdate;
use super::tickets::parse_status;
use super::{Actor, ServiceError, Services};
use crate::domain::{authorize, Action, FieldError, Ticket};

/// The same change for many tickets. `assignee_id` / `team_id`: `None` leaves them, `Some(None)` clears.
#[derive(Clone, Debug, Default)]
pub struct BulkUpdate {
    pub ids: Vec<String>,
    pub status: Option<String>,
    pub assignee_id: Option<Option<String>>,
    pub team_id: Option<Option<String>>,
}

impl BulkUpdate {
    /// One queue page at most.
    pub const MAX_IDS: usize = 100;
}

/// Which tickets changed (as they are now) and which did not, with why.
#[derive(Debug)]
pub struct BulkOutcome {
    pub updated: Vec<Ticket>,
    pub failed: Vec<BulkFailure>,
}

#[derive(Debug)]
pub struct BulkFailure {
    pub id: String,
    pub error: ServiceError,
}

impl Services {
    /// Applies the change to each ticket in turn. The request as a whole is refused (422) when it names no
    /// ticket, too many, nothing to change, or a status, assignee or team that does not exist; a ticket
    /// that is unknown or may not make the move (e.g. a status the lifecycle forbids) lands in `failed`.
    /// A ticket already in the requested status is not moved, so selecting a mixed page works.
    pub async fn bulk_update(&self, actor: &Actor, update: BulkUpdate) -> Result<BulkOutcome, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        let mut ids: Vec<String> = Vec::with_capacity(update.ids.len());
        for id in &update.ids {
            let id = id.trim();
            if !ids.iter().any(|seen| seen == id) {
                ids.push(id.to_string());
            }
        }
        if ids.is_empty() {
            return Err(FieldError::new("ids", "required", "Choose at least one ticket.").into());
        }
        if ids.len() > BulkUpdate::MAX_IDS {
            return Err(FieldError::new(
                "ids",
                "too_many",
                format!("Change at most {} tickets at once.", BulkUpdate::MAX_IDS),
            )
            .into());
        }
        if update.status.is_none() && update.assignee_id.is_none() && update.team_id.is_none() {
            return Err(FieldError::new(
                "changes",
                "nothing_to_change",
                "Choose a status, an assignee or a team to apply.",
            )
            .into());
        }
        let status = update.status.as_deref().map(parse_status).transpose()?;
        if let Some(Some(assignee)) = &update.assignee_id {
            self.check_assignee(assignee).await?;
        }
        if let Some(Some(team)) = &update.team_id {
            if !self.store().list_teams().await?.iter().any(|t| &t.id == team) {
                return Err(FieldError::new("team_id", "unknown_team", "There is no such team.").into());
            }
        }
        let mut outcome = BulkOutcome { updated: Vec::new(), failed: Vec::new() };
        for id in ids {
            let current = match self.store().find_ticket(&id).await {
                Ok(Some(current)) => current,
                Ok(None) => {
                    outcome.failed.push(BulkFailure { id, error: ServiceError::NotFound("ticket") });
                    continue;
                }
                Err(err) => {
                    outcome.failed.push(BulkFailure { id, error: err.into() });
                    continue;
                }
            };
            let change = TicketUpdate {
                status: status.filter(|to| *to != current.status).map(|to| to.as_str().to_string()),
                assignee_id: update.assignee_id.clone(),
                team_id: update.team_id.clone(),
                ..TicketUpdate::default()
            };
            match self.update_ticket(actor, &id, change).await {
                Ok(ticket) => outcome.updated.push(ticket),
                Err(error) => outcome.failed.push(BulkFailure { id, error }),
            }
        }
        Ok(outcome)
    }
}
