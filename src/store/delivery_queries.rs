//! The outbox: outgoing messages waiting to be sent on their channel. The messages table is the queue (a message to
//! send is stored with `delivery_status = 'queued'` in the transaction that stores the message), so "the agent
//! pressed send" and "it is due for sending" are one commit. Workers claim due rows with a lease; PostgreSQL skips
//! rows another instance holds (`FOR UPDATE SKIP LOCKED`), SQLite has one writer. Also: finding messages and
//! tickets by the provider's id (exactly-once ingestion, email threading) and contacts' channel identities.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::DbError;
use crate::domain::delivery::{DeliveryStatus, Identity};
use crate::domain::Channel;

/// A message claimed for one delivery attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimedDelivery {
    pub message_id: String,
    pub ticket_id: String,
    pub channel: Channel,
    pub to: String,
    /// Attempts including this one.
    pub attempts: u32,
}

/// What became of one attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttemptOutcome {
    /// The provider accepted it, under this id.
    Sent { provider_message_id: String },
    /// Try again at `next_at`.
    Retry { error: String, next_at: DateTime<Utc> },
    /// Give up.
    Failed { error: String },
}

#[async_trait]
pub trait DeliveryStore: Send + Sync {
    /// Claims up to `limit` queued messages that are due at `now` and not held by another worker's unexpired
    /// lease, holding them until `lease_until` and counting the attempt.
    async fn claim_due_deliveries(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<ClaimedDelivery>, DbError>;
    /// Records an attempt's outcome and releases the lease; a live `ticket_updated` event tells the thread.
    async fn finish_delivery(
        &self,
        message_id: &str,
        outcome: &AttemptOutcome,
        at: DateTime<Utc>,
    ) -> Result<(), DbError>;
    /// Moves a message from `from` to `to` (a provider's status callback); false if it was not in `from` any more.
    async fn advance_delivery(
        &self,
        message_id: &str,
        from: DeliveryStatus,
        to: DeliveryStatus,
        error: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<bool, DbError>;
    /// The soonest time a queued message is due, for the worker's sleep.
    async fn next_delivery_due(&self) -> Result<Option<DateTime<Utc>>, DbError>;
    /// The message that travelled on `channel` under one of these provider ids (the first found, in the order
    /// given), with its ticket.
    async fn find_message_by_provider_ids(
        &self,
        channel: Channel,
        provider_ids: &[String],
    ) -> Result<Option<super::MessageRecord>, DbError>;

    /// The contact (a customer user id) an address belongs to.
    async fn find_identity_owner(&self, identity: &Identity) -> Result<Option<String>, DbError>;
    /// Gives `user_id` this address; a no-op if it already has it, a `Conflict` if someone else does.
    async fn add_identity(&self, user_id: &str, identity: &Identity, at: DateTime<Utc>) -> Result<(), DbError>;
    async fn list_identities(&self, user_id: &str) -> Result<Vec<Identity>, DbError>;
    /// The id of the ticket with this number (a "[#1042]" tag in an email subject).
    async fn find_ticket_id_by_number(&self, number: u64) -> Result<Option<String>, DbError>;
    /// The email a widget visitor typed most recently (unverified), for a contact that has no address of its own.
    async fn latest_widget_email(&self, contact_id: &str) -> Result<Option<String>, DbError>;
}

/// Implements [`DeliveryStore`] for a backend with transactions of `$db`; `$skip_locked` is the row-locking clause of the claim's inner select.
macro_rules! impl_delivery_store {
    ($store:ty, $db:ty, $skip_locked:literal) => {
        impl $store {
            /// Commits a delivery change; when it changed a message (`ticket_id` is set), the ticket's thread is told
            /// live. Whether it changed one.
            async fn commit_delivery_change(
                &self,
                mut tx: sqlx::Transaction<'static, $db>,
                ticket_id: Option<String>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::DbError> {
                let Some(ticket_id) = ticket_id else { return Ok(false) };
                Self::append_live_event(&mut tx, $crate::store::LiveChange::TicketUpdated, &ticket_id, None, at)
                    .await?;
                tx.commit().await?;
                self.live_committed();
                Ok(true)
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::DeliveryStore for $store {
            async fn claim_due_deliveries(
                &self,
                now: chrono::DateTime<chrono::Utc>,
                lease_until: chrono::DateTime<chrono::Utc>,
                limit: u32,
            ) -> Result<Vec<$crate::store::ClaimedDelivery>, $crate::store::DbError> {
                type Row = (String, String, String, Option<String>, i64);
                let rows: Vec<Row> = sqlx::query_as(concat!(
                    "UPDATE messages SET delivery_locked_until = $2, delivery_attempts = delivery_attempts + 1 \
                     WHERE id IN (SELECT id FROM messages WHERE delivery_status = 'queued' AND delivery_next_at <= $1 \
                     AND (delivery_locked_until IS NULL OR delivery_locked_until < $1) \
                     ORDER BY delivery_next_at LIMIT $3 ",
                    $skip_locked,
                    ") RETURNING id, ticket_id, channel, delivery_to, CAST(delivery_attempts AS BIGINT)"
                ))
                .bind(now)
                .bind(lease_until)
                .bind(i64::from(limit))
                .fetch_all(self.writer())
                .await?;
                rows.into_iter()
                    .map(|(message_id, ticket_id, channel, to, attempts)| {
                        Ok($crate::store::ClaimedDelivery {
                            channel: $crate::domain::Channel::parse(&channel).ok_or_else(|| {
                                $crate::store::DbError::Corrupt(format!("message {message_id} channel {channel:?}"))
                            })?,
                            message_id,
                            ticket_id,
                            to: to.unwrap_or_default(),
                            attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                        })
                    })
                    .collect()
            }

            async fn finish_delivery(
                &self,
                message_id: &str,
                outcome: &$crate::store::AttemptOutcome,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::DbError> {
                use $crate::store::AttemptOutcome;
                let (status, provider_id, error, next_at) = match outcome {
                    AttemptOutcome::Sent { provider_message_id } => {
                        ("sent", Some(provider_message_id.as_str()), None, None)
                    }
                    AttemptOutcome::Retry { error, next_at } => ("queued", None, Some(error.as_str()), Some(*next_at)),
                    AttemptOutcome::Failed { error } => ("failed", None, Some(error.as_str()), None),
                };
                let mut tx = self.begin_write().await?;
                let ticket_id: Option<(String,)> = sqlx::query_as(
                    "UPDATE messages SET delivery_status = $2, provider_message_id = COALESCE($3, provider_message_id), \
                     delivery_error = $4, delivery_next_at = COALESCE($5, delivery_next_at), \
                     delivery_locked_until = NULL WHERE id = $1 AND delivery_status = 'queued' RETURNING ticket_id",
                )
                .bind(message_id)
                .bind(status)
                .bind(provider_id)
                .bind(error)
                .bind(next_at)
                .fetch_optional(&mut *tx)
                .await?;
                self.commit_delivery_change(tx, ticket_id.map(|(id,)| id), at).await?;
                Ok(())
            }

            async fn advance_delivery(
                &self,
                message_id: &str,
                from: $crate::domain::delivery::DeliveryStatus,
                to: $crate::domain::delivery::DeliveryStatus,
                error: Option<&str>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                let ticket_id: Option<(String,)> = sqlx::query_as(
                    "UPDATE messages SET delivery_status = $3, delivery_error = COALESCE($4, delivery_error) \
                     WHERE id = $1 AND delivery_status = $2 RETURNING ticket_id",
                )
                .bind(message_id)
                .bind(from.as_str())
                .bind(to.as_str())
                .bind(error)
                .fetch_optional(&mut *tx)
                .await?;
                self.commit_delivery_change(tx, ticket_id.map(|(id,)| id), at).await
            }

            async fn next_delivery_due(
                &self,
            ) -> Result<Option<chrono::DateTime<chrono::Utc>>, $crate::store::DbError> {
                let due: Option<(Option<chrono::DateTime<chrono::Utc>>,)> = sqlx::query_as(
                    "SELECT MIN(CASE WHEN delivery_locked_until IS NULL THEN delivery_next_at \
                     WHEN delivery_locked_until > delivery_next_at THEN delivery_locked_until \
                     ELSE delivery_next_at END) FROM messages WHERE delivery_status = 'queued'",
                )
                .fetch_optional(self.reader())
                .await?;
                Ok(due.and_then(|(due,)| due))
            }

            async fn find_message_by_provider_ids(
                &self,
                channel: $crate::domain::Channel,
                provider_ids: &[String],
            ) -> Result<Option<$crate::store::MessageRecord>, $crate::store::DbError> {
                let sql = format!(
                    "SELECT {} FROM messages WHERE channel = $1 AND provider_message_id = $2",
                    $crate::store::ticket_records::MESSAGE_COLUMNS
                );
                for provider_id in provider_ids {
                    let row: Option<$crate::store::ticket_records::MessageRow> = sqlx::query_as(&sql)
                        .bind(channel.as_str())
                        .bind(provider_id)
                        .fetch_optional(self.reader())
                        .await?;
                    if let Some(row) = row {
                        return row.into_record().map(Some);
                    }
                }
                Ok(None)
            }

            async fn find_identity_owner(
                &self,
                identity: &$crate::domain::delivery::Identity,
            ) -> Result<Option<String>, $crate::store::DbError> {
                let owner: Option<(String,)> =
                    sqlx::query_as("SELECT user_id FROM contact_identities WHERE kind = $1 AND address = $2")
                        .bind(identity.kind.as_str())
                        .bind(&identity.address)
                        .fetch_optional(self.reader())
                        .await?;
                Ok(owner.map(|(id,)| id))
            }

            async fn add_identity(
                &self,
                user_id: &str,
                identity: &$crate::domain::delivery::Identity,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::DbError> {
                let done = sqlx::query(
                    "INSERT INTO contact_identities (kind, address, user_id, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (kind, address) DO NOTHING",
                )
                .bind(identity.kind.as_str())
                .bind(&identity.address)
                .bind(user_id)
                .bind(at)
                .execute(self.writer())
                .await?;
                if done.rows_affected() == 0 && self.find_identity_owner(identity).await?.as_deref() != Some(user_id) {
                    return Err($crate::store::DbError::Conflict("contact_identities".into()));
                }
                Ok(())
            }

            async fn list_identities(
                &self,
                user_id: &str,
            ) -> Result<Vec<$crate::domain::delivery::Identity>, $crate::store::DbError> {
                let rows: Vec<(String, String)> = sqlx::query_as(
                    "SELECT kind, address FROM contact_identities WHERE user_id = $1 ORDER BY kind, address",
                )
                .bind(user_id)
                .fetch_all(self.reader())
                .await?;
                rows.into_iter()
                    .map(|(kind, address)| {
                        let kind = $crate::domain::delivery::IdentityKind::parse(&kind)
                            .ok_or_else(|| $crate::store::DbError::Corrupt(format!("identity kind {kind:?}")))?;
                        Ok($crate::domain::delivery::Identity { kind, address })
                    })
                    .collect()
            }

            async fn find_ticket_id_by_number(
                &self,
                number: u64,
            ) -> Result<Option<String>, $crate::store::DbError> {
                let Ok(number) = i64::try_from(number) else { return Ok(None) };
                let id: Option<(String,)> = sqlx::query_as("SELECT id FROM tickets WHERE number = $1")
                    .bind(number)
                    .fetch_optional(self.reader())
                    .await?;
                Ok(id.map(|(id,)| id))
            }

            async fn latest_widget_email(
                &self,
                contact_id: &str,
            ) -> Result<Option<String>, $crate::store::DbError> {
                let email: Option<(String,)> = sqlx::query_as(
                    "SELECT email FROM widget_sessions WHERE contact_id = $1 AND email IS NOT NULL \
                     ORDER BY last_seen_at DESC LIMIT 1",
                )
                .bind(contact_id)
                .fetch_optional(self.reader())
                .await?;
                Ok(email.map(|(email,)| email))
            }
        }
    };
}
pub(crate) use impl_delivery_store;
