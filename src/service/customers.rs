//! Customer lookup for agents: find a customer by part of their name or email, and see their tickets.

use super::canned_responses::search_text;
use super::ticket_views::Names;
use super::{Actor, Listed, PageRequest, ServiceError, Services};
use crate::domain::{authorize, Action, CustomerProfile, CustomerSummary};
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
        Ok(CustomerProfile { customer: customer_summary(record), tickets: shown })
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
