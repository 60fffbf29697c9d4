//! Customer lookup for agents: find a customer by part of their name or email, and see their tickets.

use super::canned_responses::search_text;
use super::ticket_views::Names;
use super::{now, Actor, Listed, PageRequest, ServiceError, Services};
use crate::domain::delivery::{Identity, IdentityKind};
use crate::domain::{authorize, Action, CustomerProfile, CustomerSummary, FieldError};
use crate::store::{CustomerRecord, TicketFilter, TicketSort};

impl Services {
    /// Customers (never staff) newest first; with `q`, those whose name or email contains it, ignoring case.
    pub async fn search_customers(
        &self,
        actor: &Actor,
        q: Option<&str>,
        page: PageRequest,
    ) -> Result<Listed<CustomerSummary>, ServiceError> {
        authorize(actor.user.role, Action::LookUpCustomers)?;
        let search = search_text(q)?;
        let (records, total) = self.store().search_customers(search, page.per_page, page.offset()).await?;
        Ok(Listed { items: records.into_iter().map(customer_summary).collect(), total })
    }

    /// A customer and their most recent tickets, newest first. Staff accounts and unknown ids are "not found".
    pub async fn customer_profile(&self, actor: &Actor, id: &str) -> Result<CustomerProfile, ServiceError> {
        authorize(actor.user.role, Action::LookUpCustomers)?;
        let record = self.store().find_customer(id).await?.ok_or(ServiceError::NotFound("customer"))?;
        let filter = TicketFilter { requester_id: Some(record.id.clone()), ..TicketFilter::default() };
        let (tickets, _) =
            self.store().list_tickets(&filter, TicketSort::CreatedDesc, CustomerProfile::MAX_TICKETS, 0).await?;
        let shown = Names::new().tickets(self, tickets).await?;
        let mut identities = self.store().list_identities(&record.id).await?;
        let account_email = Identity::new(IdentityKind::Email, &record.email);
        if !record.email.ends_with(".invalid") && !identities.contains(&account_email) {
            identities.insert(0, account_email);
        }
        Ok(CustomerProfile { customer: customer_summary(record), identities, tickets: shown })
    }

    /// Merges contact `source_id` into `into_id` (staff): one person who wrote from two addresses becomes one
    /// contact with both identities and all tickets; `source` is deactivated. The merged contact's profile.
    pub async fn merge_contacts(
        &self,
        actor: &Actor,
        source_id: &str,
        into_id: &str,
    ) -> Result<CustomerProfile, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        let source = self.store().find_customer(source_id).await?.ok_or(ServiceError::NotFound("customer"))?;
        let into_id = into_id.trim();
        if into_id.is_empty() {
            return Err(FieldError::new("into", "required", "Choose the contact to keep.").into());
        }
        if into_id == source.id {
            return Err(FieldError::new("into", "same_contact", "A contact cannot be merged into itself.").into());
        }
        let target = self.store().find_customer(into_id).await?.ok_or_else(|| {
            FieldError::new("into", "unknown_contact", "There is no customer with this id to merge into.")
        })?;
        let moved = self.store().merge_contacts(&source.id, &target.id, now()).await?;
        tracing::info!(source = %source.id, into = %target.id, tickets = moved.len(), actor = %actor.user.id,
            "contacts merged");
        self.customer_profile(actor, &target.id).await
    }
}

fn customer_summary(record: CustomerRecord) -> CustomerSummary {
    CustomerSummary {
        id: record.id,
        name: record.name,
        email: record.email,
        created_at: record.created_at,
        ticket_count: record.ticket_count,
        open_ticket_count: record.open_ticket_count,
    }
}
