//! Files on messages, written once over `$n` SQL for both backends. A message and its files are stored in one
//! transaction; reads find a file's ticket through its message, so files follow messages that move between tickets.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::ticket_records::{EventRecord, MessageRecord, NewTicketRecord, TicketChanges, TicketRecord};
use super::DbError;

/// An attachment row: a file on a message, its bytes in the blob store under `sha256`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentRecord {
    pub id: String,
    pub message_id: String,
    pub name: String,
    pub content_type: String,
    pub size: u64,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
}

/// An attachment and where its message is now: the ticket, and whether the message is an internal note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentLocation {
    pub attachment: AttachmentRecord,
    pub ticket_id: String,
    pub internal: bool,
}

#[async_trait]
pub trait AttachmentStore: Send + Sync {
    /// [`super::TicketStore::insert_ticket`], with `attachments` on the first message, in the same transaction.
    async fn insert_ticket_with_attachments(
        &self,
        ticket: &NewTicketRecord,
        attachments: &[AttachmentRecord],
    ) -> Result<TicketRecord, DbError>;
    /// [`super::TicketStore::insert_message`], with `attachments` on the message, in the same transaction.
    async fn insert_message_with_attachments(
        &self,
        message: &MessageRecord,
        attachments: &[AttachmentRecord],
        changes: &TicketChanges,
        events: &[EventRecord],
    ) -> Result<(), DbError>;
    /// Every file on the ticket's messages (internal notes' only when asked for), in one query, ordered by message
    /// time and then by their order on the message.
    async fn list_ticket_attachments(
        &self,
        ticket_id: &str,
        include_internal: bool,
    ) -> Result<Vec<AttachmentRecord>, DbError>;
    async fn find_attachment(&self, id: &str) -> Result<Option<AttachmentLocation>, DbError>;
}

/// An `attachments` row, with the message's ticket and internal flag when joined.
#[derive(sqlx::FromRow)]
pub(crate) struct AttachmentRow {
    pub id: String,
    pub message_id: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
    pub ticket_id: String,
    pub internal: bool,
}

pub(crate) const ATTACHMENT_COLUMNS: &str = "a.id, a.message_id, a.name, a.content_type, a.size, a.sha256, \
     a.created_at, m.ticket_id, m.internal";

impl AttachmentRow {
    pub(crate) fn into_location(self) -> Result<AttachmentLocation, DbError> {
        let size = u64::try_from(self.size)
            .map_err(|_| DbError::Corrupt(format!("attachment {} size {}", self.id, self.size)))?;
        Ok(AttachmentLocation {
            attachment: AttachmentRecord {
                id: self.id,
                message_id: self.message_id,
                name: self.name,
                content_type: self.content_type,
                size,
                sha256: self.sha256,
                created_at: self.created_at,
            },
            ticket_id: self.ticket_id,
            internal: self.internal,
        })
    }
}

/// Implements [`AttachmentStore`] for a backend that already has [`super::ticket_queries::impl_ticket_store`].
macro_rules! impl_attachment_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::AttachmentStore for $store {
            async fn insert_ticket_with_attachments(
                &self,
                ticket: &$crate::store::NewTicketRecord,
                attachments: &[$crate::store::AttachmentRecord],
            ) -> Result<$crate::store::TicketRecord, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                Self::insert_ticket_rows(&mut tx, ticket).await?;
                Self::insert_attachment_rows(&mut tx, attachments).await?;
                tx.commit().await?;
                self.live_committed();
                <Self as $crate::store::TicketStore>::find_ticket(self, &ticket.id)
                    .await?
                    .ok_or_else(|| $crate::store::DbError::Corrupt(format!("ticket {} vanished", ticket.id)))
            }

            async fn insert_message_with_attachments(
                &self,
                message: &$crate::store::MessageRecord,
                attachments: &[$crate::store::AttachmentRecord],
                changes: &$crate::store::TicketChanges,
                events: &[$crate::store::EventRecord],
            ) -> Result<(), $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                Self::insert_message_rows(&mut tx, message, changes, events).await?;
                Self::insert_attachment_rows(&mut tx, attachments).await?;
                tx.commit().await?;
                self.live_committed();
                Ok(())
            }

            async fn list_ticket_attachments(
                &self,
                ticket_id: &str,
                include_internal: bool,
            ) -> Result<Vec<$crate::store::AttachmentRecord>, $crate::store::DbError> {
                let sql = format!(
                    "SELECT {} FROM attachments a JOIN messages m ON m.id = a.message_id \
                     WHERE m.ticket_id = $1 AND (NOT m.internal OR $2) \
                     ORDER BY m.created_at, m.id, a.position",
                    $crate::store::attachment_queries::ATTACHMENT_COLUMNS
                );
                let rows: Vec<$crate::store::attachment_queries::AttachmentRow> =
                    sqlx::query_as(&sql).bind(ticket_id).bind(include_internal).fetch_all(self.reader()).await?;
                rows.into_iter().map(|row| row.into_location().map(|found| found.attachment)).collect()
            }

            async fn find_attachment(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::AttachmentLocation>, $crate::store::DbError> {
                let sql = format!(
                    "SELECT {} FROM attachments a JOIN messages m ON m.id = a.message_id WHERE a.id = $1",
                    $crate::store::attachment_queries::ATTACHMENT_COLUMNS
                );
                let row: Option<$crate::store::attachment_queries::AttachmentRow> =
                    sqlx::query_as(&sql).bind(id).fetch_optional(self.reader()).await?;
                row.map(|row| row.into_location()).transpose()
            }
        }

        impl $store {
            async fn insert_attachment_rows(
                tx: &mut sqlx::Transaction<'static, $db>,
                attachments: &[$crate::store::AttachmentRecord],
            ) -> Result<(), $crate::store::DbError> {
                for (position, attachment) in attachments.iter().enumerate() {
                    let size = i64::try_from(attachment.size).map_err(|_| {
                        $crate::store::DbError::Corrupt(format!("attachment {} is too large", attachment.id))
                    })?;
                    sqlx::query(
                        "INSERT INTO attachments (id, message_id, position, name, content_type, size, sha256, \
                         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(&attachment.id)
                    .bind(&attachment.message_id)
                    .bind(position as i32)
                    .bind(&attachment.name)
                    .bind(&attachment.content_type)
                    .bind(size)
                    .bind(&attachment.sha256)
                    .bind(attachment.created_at)
                    .execute(&mut **tx)
                    .await?;
                }
                Ok(())
            }
        }
    };
}

pub(crate) use impl_attachment_store;
