//! Merges and splits as the store carries them out: everything decided beforehand by the services, so
//! the store only has to apply it in one transaction and refuse when the tickets changed meanwhile.

use chrono::{DateTime, Utc};

use crate::domain::{Channel, Priority, TicketStatus};

use super::ticket_records::EventRecord;

/// Merging `source_id` into `target_id`: every message of the source moves (keeping its time), the source
/// is closed pointing at the target, the target's tags are replaced by `target_tags` and `events` are
/// recorded.
#[derive(Clone, Debug)]
pub struct TicketMerge {
    pub source_id: String,
    pub target_id: String,
    pub target_tags: Vec<String>,
    pub events: Vec<EventRecord>,
    pub at: DateTime<Utc>,
}

/// Splitting `message_ids` off `source_id` into a new ticket.
#[derive(Clone, Debug)]
pub struct TicketSplit {
    pub source_id: String,
    pub message_ids: Vec<String>,
    pub ticket: SplitTicketRecord,
}

/// The ticket a split creates; its number is handed out in the split's transaction.
#[derive(Clone, Debug)]
pub struct SplitTicketRecord {
    pub id: String,
    pub subject: String,
    pub status: TicketStatus,
    pub priority: Priority,
    pub ticket_type: Option<String>,
    pub category: Option<String>,
    pub channel: Channel,
    pub requester_id: String,
    pub team_id: Option<String>,
    pub language: Option<String>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}
