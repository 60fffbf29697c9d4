//! Customers as the agent workspace looks them up: who they are and how much they have asked.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::delivery::Identity;
use super::ticket::{Ticket, TicketStatus};

/// Statuses that still need someone's attention; a customer's "open tickets" are the ones in these.
pub const UNFINISHED_STATUSES: [TicketStatus; 3] = [TicketStatus::New, TicketStatus::Open, TicketStatus::Pending];

/// One customer in the lookup list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CustomerSummary {
    pub id: String,
    pub name: String,
    pub email: String,
    /// Customer since.
    pub created_at: DateTime<Utc>,
    pub ticket_count: u64,
    /// Tickets that are new, open or pending.
    pub open_ticket_count: u64,
}

/// A customer with their most recent tickets (newest first, at most [`CustomerProfile::MAX_TICKETS`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CustomerProfile {
    pub customer: CustomerSummary,
    /// Every address the contact writes from (email, WhatsApp number, Telegram id).
    #[serde(default)]
    pub identities: Vec<Identity>,
    pub tickets: Vec<Ticket>,
}

impl CustomerProfile {
    pub const MAX_TICKETS: u32 = 50;
}
