//! Merging and splitting tickets, written once over `$n` SQL for both backends. Each runs in one
//! transaction and re-checks inside it that the tickets are still open, so a merge or split that raced
//! another change is refused whole instead of half-applied.

use async_trait::async_trait;

use super::ticket_records::{EventRecord, TicketRecord};
use super::ticket_work_records::{TicketMerge, TicketSplit};
use super::DbError;
use crate::domain::TicketNumber;

#[async_trait]
pub trait TicketWorkStore: Send + Sync {
    /// Moves every message of the source to the target (times kept), closes the source pointing at the
    /// target, sets the target's tags and records the events, in one transaction. Returns the target, or
    /// `None` (and changes nothing) if either ticket is missing or already closed.
    async fn merge_tickets(&self, merge: &TicketMerge) -> Result<Option<TicketRecord>, DbError>;

    /// Creates the new ticket (next number, `split_from` the source), moves the chosen messages to it and
    /// records the events `events(new_number)` returns, in one transaction. Returns the new ticket, or
    /// `None` (and changes nothing) if the source is missing or closed, a message is no longer on the
    /// source, or the source would be left without messages.
    async fn split_ticket(
        &self,
        split: &TicketSplit,
        events: &(dyn Fn(TicketNumber) -> Vec<EventRecord> + Send + Sync),
    ) -> Result<Option<TicketRecord>, DbError>;
}

/// Implements [`TicketWorkStore`] for a backend struct that also has [`super::ticket_queries::impl_ticket_store`]
/// (it reuses that macro's tag and event helpers).
macro_rules! impl_ticket_work_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::TicketWorkStore for $store {
            async fn merge_tickets(
                &self,
                merge: &$crate::store::TicketMerge,
            ) -> Result<Option<$crate::store::TicketRecord>, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                // Rows are locked in id order, so two merges of the same pair in opposite directions wait
                // for each other instead of deadlocking; the second then finds its source closed.
                let source_first = merge.source_id < merge.target_id;
                for close_source in [source_first, !source_first] {
                    let done = if close_source {
                        sqlx::query(
                            "UPDATE tickets SET status = 'closed', merged_into_id = $1, updated_at = $2 \
                             WHERE id = $3 AND status <> 'closed'",
                        )
                        .bind(&merge.target_id)
                        .bind(merge.at)
                        .bind(&merge.source_id)
                        .execute(&mut *tx)
                        .await?
                    } else {
                        sqlx::query("UPDATE tickets SET updated_at = $1 WHERE id = $2 AND status <> 'closed'")
                            .bind(merge.at)
                            .bind(&merge.target_id)
                            .execute(&mut *tx)
                            .await?
                    };
                    if done.rows_affected() != 1 {
                        return Ok(None);
                    }
                }
                sqlx::query("UPDATE messages SET ticket_id = $1 WHERE ticket_id = $2")
                    .bind(&merge.target_id)
                    .bind(&merge.source_id)
                    .execute(&mut *tx)
                    .await?;
                Self::refile_messages(&mut tx, &merge.target_id).await?;
                Self::refile_messages(&mut tx, &merge.source_id).await?;
                Self::replace_tags(&mut tx, &merge.target_id, &merge.target_tags).await?;
                Self::insert_event_rows(&mut tx, &merge.events).await?;
                for id in [&merge.source_id, &merge.target_id] {
                    Self::append_live_event(&mut tx, $crate::store::LiveChange::TicketUpdated, id, None, merge.at).await?;
                }
                tx.commit().await?;
                self.live_committed();
                $crate::store::TicketStore::find_ticket(self, &merge.target_id).await
            }

            async fn split_ticket(
                &self,
                split: &$crate::store::TicketSplit,
                events: &(dyn Fn($crate::domain::TicketNumber) -> Vec<$crate::store::EventRecord> + Send + Sync),
            ) -> Result<Option<$crate::store::TicketRecord>, $crate::store::DbError> {
                let ticket = &split.ticket;
                let mut tx = self.begin_write().await?;
                let touched = sqlx::query("UPDATE tickets SET updated_at = $1 WHERE id = $2 AND status <> 'closed'")
                    .bind(ticket.created_at)
                    .bind(&split.source_id)
                    .execute(&mut *tx)
                    .await?;
                if touched.rows_affected() != 1 {
                    return Ok(None);
                }
                let number: i64 = sqlx::query_scalar(
                    "UPDATE counters SET value = value + 1 WHERE name = 'ticket_number' RETURNING value",
                )
                .fetch_one(&mut *tx)
                .await?;
                let number = u64::try_from(number)
                    .map_err(|_| $crate::store::DbError::Corrupt(format!("ticket counter at {number}")))?;
                sqlx::query(
                    "INSERT INTO tickets (id, number, subject, status, priority, ticket_type, category, channel, \
                     requester_id, team_id, language, split_from_id, first_response_at, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)",
                )
                .bind(&ticket.id)
                .bind(number as i64)
                .bind(&ticket.subject)
                .bind(ticket.status.as_str())
                .bind(ticket.priority.as_str())
                .bind(ticket.ticket_type.as_deref())
                .bind(ticket.category.as_deref())
                .bind(ticket.channel.as_str())
                .bind(&ticket.requester_id)
                .bind(ticket.team_id.as_deref())
                .bind(ticket.language.as_deref())
                .bind(&split.source_id)
                .bind(ticket.first_response_at)
                .bind(ticket.created_at)
                .execute(&mut *tx)
                .await?;
                Self::index_subject(&mut tx, &ticket.id, number as i64, &ticket.subject).await?;
                let mut moved = 0;
                for message_id in &split.message_ids {
                    moved += sqlx::query("UPDATE messages SET ticket_id = $1 WHERE id = $2 AND ticket_id = $3")
                        .bind(&ticket.id)
                        .bind(message_id)
                        .bind(&split.source_id)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                }
                let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE ticket_id = $1")
                    .bind(&split.source_id)
                    .fetch_one(&mut *tx)
                    .await?;
                if moved != split.message_ids.len() as u64 || left == 0 {
                    return Ok(None);
                }
                Self::refile_messages(&mut tx, &ticket.id).await?;
                Self::refile_messages(&mut tx, &split.source_id).await?;
                Self::insert_event_rows(&mut tx, &events($crate::domain::TicketNumber(number))).await?;
                let at = ticket.created_at;
                Self::append_live_event(&mut tx, $crate::store::LiveChange::TicketUpdated, &split.source_id, None, at)
                    .await?;
                Self::append_live_event(&mut tx, $crate::store::LiveChange::TicketCreated, &ticket.id, None, at).await?;
                tx.commit().await?;
                self.live_committed();
                $crate::store::TicketStore::find_ticket(self, &ticket.id).await
            }
        }
    };
}

pub(crate) use impl_ticket_work_store;
