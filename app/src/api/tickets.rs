//! Tickets for the portal and the agent workspace. Customers reach only their own tickets and never internal
//! notes: the services decide that, these functions only pass the signed-in user along.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tidings::domain::{CannedResponse, CustomerProfile, Ticket, TicketEvent, TicketStatus, TicketWithMessages};

use super::directory::Directory;
use super::AppError;
use crate::ticket_query::TicketListQuery;

/// How many help-center articles the ticket page suggests.
pub const SUGGESTIONS_SHOWN: u32 = 5;

/// Rows per page in the queue and the portal list.
pub const PER_PAGE: u32 = 25;

/// One page of a ticket list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketPage {
    pub items: Vec<Ticket>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl TicketPage {
    pub fn pages(&self) -> u32 {
        self.total.div_ceil(u64::from(self.per_page.max(1))).max(1) as u32
    }
}

/// Everything the agent's ticket page shows besides the canned responses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketWorkspace {
    pub ticket: TicketWithMessages,
    pub events: Vec<TicketEvent>,
    /// Active staff and teams, for the pickers and for naming people in the timeline.
    pub directory: Directory,
    /// The statuses the signed-in user may move this ticket to.
    pub allowed_statuses: Vec<TicketStatus>,
    /// The requester's profile with their other tickets (`None` when the requester is not a customer).
    pub profile: Option<CustomerProfile>,
    /// The canned responses the agent may insert.
    pub canned: Vec<CannedResponse>,
    /// A canned response filled in for this ticket, when the page was asked to insert one (`?canned_id=`).
    pub inserted: Option<String>,
    /// On a WhatsApp conversation: whether free-form replies are allowed now, and the templates for afterwards.
    pub reply_window: Option<tidings::domain::whatsapp_template::ReplyWindow>,
    /// What triage found in the opening message (`None` for tickets filed before triage).
    pub triage: Option<tidings::domain::triage::TicketTriage>,
    /// Published help-center articles that match the ticket's subject and first message, best first.
    pub suggested_articles: Vec<tidings::domain::kb::ArticleSummary>,
}

/// The properties form as submitted: every value a string, empty meaning "none".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketProperties {
    pub status: String,
    pub priority: String,
    #[serde(rename = "type")]
    pub ticket_type: String,
    pub category: String,
    /// Comma-separated.
    pub tags: String,
    pub team_id: String,
    pub assignee_id: String,
}

/// A page of tickets the signed-in user may see, filtered and sorted as asked. `filters` defaults: with no filter
/// set the form encoding writes nothing for it, and the client's refresh of an unfiltered queue (after a live
/// update) failed with "missing field `filters`".
#[server(endpoint = "list_tickets")]
pub async fn list_tickets(#[server(default)] filters: TicketListQuery, page: u32) -> Result<TicketPage, AppError> {
    let actor = super::ssr::require_actor()?;
    let request = tidings::service::PageRequest::new(page, PER_PAGE);
    let listed = super::ssr::services()?.list_tickets(&actor, &filters, request).await?;
    Ok(TicketPage { items: listed.items, total: listed.total, page: request.page, per_page: request.per_page })
}

/// How many tickets each list holds (one number per filter set), for the inbox's saved views.
#[server(endpoint = "count_tickets")]
pub async fn count_tickets(views: Vec<TicketListQuery>) -> Result<Vec<u64>, AppError> {
    let actor = super::ssr::require_actor()?;
    let services = super::ssr::services()?;
    let mut counts = Vec::with_capacity(views.len());
    for filters in views {
        let one = tidings::service::PageRequest::new(1, 1);
        counts.push(services.list_tickets(&actor, &filters, one).await?.total);
    }
    Ok(counts)
}

/// A ticket with its thread (internal notes only for staff).
#[server(endpoint = "get_ticket")]
pub async fn get_ticket(id: String) -> Result<TicketWithMessages, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.get_ticket(&actor, &id).await?)
}

/// The agent's view of a ticket: thread, timeline, the people and teams it can be given to, the requester's other
/// tickets and the canned responses; `insert` names a canned response to fill in for the reply box.
#[server(endpoint = "load_ticket_workspace")]
pub async fn load_ticket_workspace(id: String, insert: Option<String>) -> Result<TicketWorkspace, AppError> {
    let actor = super::ssr::require_actor()?;
    let services = super::ssr::services()?;
    let ticket = services.get_ticket(&actor, &id).await?;
    let events = services.ticket_events(&actor, &id).await?;
    let directory = super::directory::ssr::directory(&services, &actor).await?;
    let by = tidings::domain::TransitionActor::from_role(actor.user.role);
    let allowed_statuses = ticket.ticket.status.allowed_targets(by);
    let profile = match services.customer_profile(&actor, &ticket.ticket.requester.id).await {
        Ok(profile) => Some(profile),
        Err(tidings::service::ServiceError::NotFound(_)) => None,
        Err(err) => return Err(err.into()),
    };
    let canned = services.list_canned_responses(&actor, None).await?;
    let inserted = match insert.filter(|canned_id| !canned_id.is_empty()) {
        Some(canned_id) => Some(services.render_canned_response(&actor, &canned_id, &id).await?.body),
        None => None,
    };
    let reply_window = services.reply_window(&actor, &id).await?;
    let triage = services.ticket_triage(&actor, &id).await?;
    let suggested_articles = services.suggest_articles_for_ticket(&actor, &id, SUGGESTIONS_SHOWN).await?;
    Ok(TicketWorkspace {
        ticket,
        events,
        directory,
        allowed_statuses,
        profile,
        canned,
        inserted,
        reply_window,
        triage,
        suggested_articles,
    })
}

/// The activity timeline of a ticket (staff only).
#[server(endpoint = "ticket_events")]
pub async fn ticket_events(id: String) -> Result<Vec<TicketEvent>, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.ticket_events(&actor, &id).await?)
}

/// Saves the properties form (the workspace calls it on every change when JavaScript runs).
#[server(endpoint = "save_ticket_properties")]
pub async fn save_ticket_properties(id: String, properties: TicketProperties) -> Result<Ticket, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(ssr::save_properties(&super::ssr::services()?, &actor, &id, &properties).await?)
}

/// Server-side pieces shared with the plain HTML form handlers in the server crate.
#[cfg(feature = "ssr")]
pub mod ssr {
    use super::TicketProperties;
    use tidings::domain::Ticket;
    use tidings::service::{Actor, ServiceError, Services, TicketUpdate};

    /// Applies the properties form: only what differs from the stored ticket is sent, so an untouched status is
    /// not mistaken for a transition to itself.
    pub async fn save_properties(
        services: &Services,
        actor: &Actor,
        id: &str,
        properties: &TicketProperties,
    ) -> Result<Ticket, ServiceError> {
        let current = services.get_ticket(actor, id).await?.ticket;
        let update = properties_update(&current, properties);
        services.update_ticket(actor, id, update).await
    }

    /// The changes the form asks for compared with `current`.
    pub fn properties_update(current: &Ticket, form: &TicketProperties) -> TicketUpdate {
        let optional = |value: &str| Some(value.trim().to_string()).filter(|v| !v.is_empty());
        let status = optional(&form.status).filter(|status| status != current.status.as_str());
        let priority = optional(&form.priority).filter(|priority| priority != current.priority.as_str());
        let category = optional(&form.category);
        let ticket_type = optional(&form.ticket_type);
        let tags: Vec<String> =
            form.tags.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect();
        // The service keeps tags in its own order; the same set typed in another order is no change.
        let same_tags = {
            let (mut typed, mut stored) = (tags.clone(), current.tags.clone());
            typed.sort();
            stored.sort();
            typed == stored
        };
        let team = optional(&form.team_id);
        let assignee = optional(&form.assignee_id);
        TicketUpdate {
            status,
            priority,
            category: (category != current.category).then_some(category),
            ticket_type: (ticket_type != current.ticket_type).then_some(ticket_type),
            tags: (!same_tags).then_some(tags),
            team_id: (team.as_deref() != current.team.as_ref().map(|t| t.id.as_str())).then_some(team),
            assignee_id: (assignee.as_deref() != current.assignee.as_ref().map(|a| a.id.as_str())).then_some(assignee),
            subject: None,
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::ssr::properties_update;
    use super::TicketProperties;
    use tidings::domain::{Channel, NamedRef, Priority, Requester, Ticket, TicketStatus};

    fn ticket() -> Ticket {
        let now = chrono::Utc::now();
        Ticket {
            id: "t1".into(),
            number: 1001,
            subject: "Printer".into(),
            status: TicketStatus::Open,
            priority: Priority::Normal,
            ticket_type: None,
            category: Some("Technical".into()),
            tags: vec!["slow".into(), "video".into()],
            channel: Channel::Portal,
            requester: Requester { id: "c1".into(), name: "Carla".into(), email: "c@example.com".into() },
            assignee: Some(NamedRef { id: "a1".into(), name: "Ada".into() }),
            team: None,
            created_at: now,
            updated_at: now,
            first_response_at: None,
            resolved_at: None,
            sla: None,
            language: None,
            sentiment: None,
            csat: None,
            context: None,
            merged_into: None,
            split_from: None,
        }
    }

    fn form() -> TicketProperties {
        TicketProperties {
            status: "open".into(),
            priority: "normal".into(),
            ticket_type: String::new(),
            category: "Technical".into(),
            tags: "video, slow".into(),
            team_id: String::new(),
            assignee_id: "a1".into(),
        }
    }

    #[test]
    fn an_untouched_form_changes_nothing() {
        let update = properties_update(&ticket(), &form());
        assert_eq!(update.status, None, "the current status is no transition");
        assert_eq!((update.priority, update.tags, update.category), (None, None, None));
        assert_eq!((update.team_id, update.assignee_id, update.ticket_type), (None, None, None));
    }

    #[test]
    fn only_what_differs_is_sent_and_empty_clears() {
        let changed = TicketProperties {
            status: "pending".into(),
            category: String::new(),
            assignee_id: String::new(),
            tags: "video".into(),
            ticket_type: "problem".into(),
            ..form()
        };
        let update = properties_update(&ticket(), &changed);
        assert_eq!(update.status.as_deref(), Some("pending"));
        assert_eq!(update.ticket_type, Some(Some("problem".to_string())));
        assert_eq!(update.category, Some(None));
        assert_eq!(update.assignee_id, Some(None));
        assert_eq!(update.tags, Some(vec!["video".to_string()]));
        assert_eq!(update.priority, None);
    }
}
