//! Bulk import: tickets that already have a history (from another helpdesk, or generated demo data) stored in
//! batches, each batch in one transaction, numbered in order after the current counter. Written once over `$n`
//! SQL for both backends, like the rest of the store.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::ticket_records::MessageRecord;
use super::DbError;
use crate::domain::{Channel, Priority, TicketStatus};

/// A ticket as it stands elsewhere: its current state and its whole thread.
#[derive(Clone, Debug)]
pub struct ImportedTicket {
    pub id: String,
    pub subject: String,
    pub status: TicketStatus,
    pub priority: Priority,
    pub ticket_type: Option<String>,
    pub category: Option<String>,
    pub channel: Channel,
    pub requester_id: String,
    pub assignee_id: Option<String>,
    pub team_id: Option<String>,
    pub language: Option<String>,
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// Oldest first; each names this ticket's id.
    pub messages: Vec<MessageRecord>,
}

#[async_trait]
pub trait TicketImportStore: Send + Sync {
    /// Stores the batch in one transaction (all or nothing) and returns the number given to its first ticket.
    async fn import_tickets(&self, batch: &[ImportedTicket]) -> Result<u64, DbError>;
}

/// Implements [`TicketImportStore`]; expects the row helpers of `impl_ticket_store!` on the same type.
macro_rules! impl_ticket_import_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::TicketImportStore for $store {
            async fn import_tickets(
                &self,
                batch: &[$crate::store::ImportedTicket],
            ) -> Result<u64, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                let last: i64 = sqlx::query_scalar(
                    "UPDATE counters SET value = value + $1 WHERE name = 'ticket_number' RETURNING value",
                )
                .bind(i64::try_from(batch.len()).unwrap_or(i64::MAX))
                .fetch_one(&mut *tx)
                .await?;
                let first = last - i64::try_from(batch.len()).unwrap_or(0) + 1;
                for (ticket, number) in batch.iter().zip(first..) {
                    sqlx::query(
                        "INSERT INTO tickets (id, number, subject, status, priority, ticket_type, category, channel, \
                         requester_id, assignee_id, team_id, language, created_at, updated_at, first_response_at, \
                         resolved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
                    )
                    .bind(&ticket.id)
                    .bind(number)
                    .bind(&ticket.subject)
                    .bind(ticket.status.as_str())
                    .bind(ticket.priority.as_str())
                    .bind(ticket.ticket_type.as_deref())
                    .bind(ticket.category.as_deref())
                    .bind(ticket.channel.as_str())
                    .bind(&ticket.requester_id)
                    .bind(ticket.assignee_id.as_deref())
                    .bind(ticket.team_id.as_deref())
                    .bind(ticket.language.as_deref())
                    .bind(ticket.created_at)
                    .bind(ticket.updated_at)
                    .bind(ticket.first_response_at)
                    .bind(ticket.resolved_at)
                    .execute(&mut *tx)
                    .await?;
                    Self::index_subject(&mut tx, &ticket.id, number, &ticket.subject).await?;
                    Self::replace_tags(&mut tx, &ticket.id, &ticket.tags).await?;
                    for message in &ticket.messages {
                        Self::insert_message_row(&mut tx, message).await?;
                    }
                    // Indexed once the thread is in: PostgreSQL builds the ticket's vectors in one go.
                    Self::refile_messages(&mut tx, &ticket.id).await?;
                }
                tx.commit().await?;
                Ok(u64::try_from(first).unwrap_or_default())
            }
        }
    };
}

pub(crate) use impl_ticket_import_store;
