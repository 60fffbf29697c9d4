//! Customer lookup for agents.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tidings::domain::{CustomerProfile, CustomerSummary};

use super::AppError;

/// Customers per page.
pub const PER_PAGE: u32 = 25;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerPage {
    pub items: Vec<CustomerSummary>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl CustomerPage {
    pub fn pages(&self) -> u32 {
        self.total.div_ceil(u64::from(self.per_page.max(1))).max(1) as u32
    }
}

/// Customers whose name or email contains `q` (all of them without it), newest first.
#[server(endpoint = "search_customers")]
pub async fn search_customers(q: Option<String>, page: u32) -> Result<CustomerPage, AppError> {
    let actor = super::ssr::require_actor()?;
    let request = tidings::service::PageRequest::new(page, PER_PAGE);
    let listed = super::ssr::services()?.search_customers(&actor, q.as_deref(), request).await?;
    Ok(CustomerPage { items: listed.items, total: listed.total, page: request.page, per_page: request.per_page })
}

/// A customer and their recent tickets.
#[server(endpoint = "load_customer_profile")]
pub async fn load_customer_profile(id: String) -> Result<CustomerProfile, AppError> {
    let actor = super::ssr::require_actor()?;
    Ok(super::ssr::services()?.customer_profile(&actor, &id).await?)
}
