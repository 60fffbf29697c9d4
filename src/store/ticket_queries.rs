//! The ticket half of the store, written once over `$n` SQL for both backends (see `queries.rs`).

use async_trait::async_trait;

use super::ticket_records::{
    EventRecord, MessageRecord, NewTicketRecord, TicketChanges, TicketFilter, TicketRecord, TicketSort,
};
use super::DbError;

#[async_trait]
pub trait TicketStore: Send + Sync {
    /// Stores a ticket with its tags, first message and "created" event in one transaction, giving it the
    /// next ticket number.
    async fn insert_ticket(&self, ticket: &NewTicketRecord) -> Result<TicketRecord, DbError>;
    async fn find_ticket(&self, id: &str) -> Result<Option<TicketRecord>, DbError>;
    /// One page of tickets matching `filter`, and how many match in all.
    async fn list_tickets(
        &self,
        filter: &TicketFilter,
        sort: TicketSort,
        limit: u32,
        offset: u64,
    ) -> Result<(Vec<TicketRecord>, u64), DbError>;
    /// Applies `changes` and records `events` in one transaction; `None` if there is no such ticket.
    async fn update_ticket(
        &self,
        id: &str,
        changes: &TicketChanges,
        events: &[EventRecord],
        updated_at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<TicketRecord>, DbError>;
    /// Adds a message, applies `changes` (a reply may reopen the ticket or stamp the first response) and
    /// records `events`, in one transaction.
    async fn insert_message(
        &self,
        message: &MessageRecord,
        changes: &TicketChanges,
        events: &[EventRecord],
    ) -> Result<(), DbError>;
    /// The thread, oldest first; internal notes only when asked for.
    async fn list_messages(&self, ticket_id: &str, include_internal: bool) -> Result<Vec<MessageRecord>, DbError>;
    async fn list_events(&self, ticket_id: &str) -> Result<Vec<EventRecord>, DbError>;
}

/// Implements [`TicketStore`] for a backend struct with `reader()`, `writer()` and `begin_write()`.
macro_rules! impl_ticket_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::TicketStore for $store {
            async fn insert_ticket(
                &self,
                ticket: &$crate::store::NewTicketRecord,
            ) -> Result<$crate::store::TicketRecord, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                Self::insert_ticket_rows(&mut tx, ticket).await?;
                tx.commit().await?;
                self.live_committed();
                self.find_ticket(&ticket.id)
                    .await?
                    .ok_or_else(|| $crate::store::DbError::Corrupt(format!("ticket {} vanished", ticket.id)))
            }

            async fn find_ticket(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::TicketRecord>, $crate::store::DbError> {
                let sql =
                    format!("SELECT {} FROM tickets t WHERE t.id = $1", $crate::store::ticket_records::TICKET_COLUMNS);
                let Some(row) = sqlx::query_as::<_, $crate::store::ticket_records::TicketRow>(&sql)
                    .bind(id)
                    .fetch_optional(self.reader())
                    .await?
                else {
                    return Ok(None);
                };
                let tags =
                    sqlx::query_scalar::<_, String>("SELECT tag FROM ticket_tags WHERE ticket_id = $1 ORDER BY tag")
                        .bind(id)
                        .fetch_all(self.reader())
                        .await?;
                Ok(Some(row.into_record(tags)?))
            }

            async fn list_tickets(
                &self,
                filter: &$crate::store::TicketFilter,
                sort: $crate::store::TicketSort,
                limit: u32,
                offset: u64,
            ) -> Result<(Vec<$crate::store::TicketRecord>, u64), $crate::store::DbError> {
                use $crate::store::assembled_sql::{AssembledSql, BindValue};
                let mut count_sql = AssembledSql::default();
                let backend = <Self as $crate::store::Store>::backend(self);
                let count_text = $crate::store::ticket_sql::search_only_count(filter, backend, &mut count_sql)
                    .unwrap_or_else(|| {
                        let clause = $crate::store::ticket_sql::filter_clause(filter, backend, &mut count_sql);
                        format!("SELECT COUNT(*) FROM tickets t {clause}")
                    });
                let total: i64 =
                    $crate::store::assembled_sql::bind_all(sqlx::query_scalar(&count_text), &count_sql.binds)
                        .fetch_one(self.reader())
                        .await?;
                let mut page_sql = AssembledSql::default();
                let clause = $crate::store::ticket_sql::filter_clause(filter, backend, &mut page_sql);
                let limit = page_sql.param(BindValue::Int(i64::from(limit)));
                let offset = page_sql.param(BindValue::Int(offset as i64));
                let page_text = format!(
                    "SELECT {} FROM tickets t {clause} ORDER BY {} LIMIT {limit} OFFSET {offset}",
                    $crate::store::ticket_records::TICKET_COLUMNS,
                    sort.order_by()
                );
                let rows: Vec<$crate::store::ticket_records::TicketRow> =
                    $crate::store::assembled_sql::bind_all(sqlx::query_as(&page_text), &page_sql.binds)
                        .fetch_all(self.reader())
                        .await?;
                let mut tickets = Vec::with_capacity(rows.len());
                if !rows.is_empty() {
                    let mut tag_sql = AssembledSql::default();
                    let ids: Vec<String> = rows.iter().map(|row| tag_sql.text(&row.id)).collect();
                    let tag_text = format!(
                        "SELECT ticket_id, tag FROM ticket_tags WHERE ticket_id IN ({}) ORDER BY tag",
                        ids.join(", ")
                    );
                    let tags: Vec<(String, String)> =
                        $crate::store::assembled_sql::bind_all(sqlx::query_as(&tag_text), &tag_sql.binds)
                            .fetch_all(self.reader())
                            .await?;
                    for row in rows {
                        let own = tags.iter().filter(|(id, _)| *id == row.id).map(|(_, tag)| tag.clone()).collect();
                        tickets.push(row.into_record(own)?);
                    }
                }
                Ok((tickets, total as u64))
            }

            async fn update_ticket(
                &self,
                id: &str,
                changes: &$crate::store::TicketChanges,
                events: &[$crate::store::EventRecord],
                updated_at: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<$crate::store::TicketRecord>, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                if !Self::apply_changes(&mut tx, id, changes, updated_at).await? {
                    return Ok(None);
                }
                Self::insert_event_rows(&mut tx, events).await?;
                Self::append_live_event(&mut tx, $crate::store::LiveChange::TicketUpdated, id, None, updated_at)
                    .await?;
                tx.commit().await?;
                self.live_committed();
                self.find_ticket(id).await
            }

            async fn insert_message(
                &self,
                message: &$crate::store::MessageRecord,
                changes: &$crate::store::TicketChanges,
                events: &[$crate::store::EventRecord],
            ) -> Result<(), $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                Self::insert_message_rows(&mut tx, message, changes, events).await?;
                tx.commit().await?;
                self.live_committed();
                Ok(())
            }

            async fn list_messages(
                &self,
                ticket_id: &str,
                include_internal: bool,
            ) -> Result<Vec<$crate::store::MessageRecord>, $crate::store::DbError> {
                let sql = format!(
                    "SELECT {} FROM messages WHERE ticket_id = $1 AND (NOT internal OR $2) ORDER BY created_at, id",
                    $crate::store::ticket_records::MESSAGE_COLUMNS
                );
                let rows: Vec<$crate::store::ticket_records::MessageRow> =
                    sqlx::query_as(&sql).bind(ticket_id).bind(include_internal).fetch_all(self.reader()).await?;
                rows.into_iter().map(|row| row.into_record()).collect()
            }

            async fn list_events(
                &self,
                ticket_id: &str,
            ) -> Result<Vec<$crate::store::EventRecord>, $crate::store::DbError> {
                type Row = (String, String, Option<String>, String, String, chrono::DateTime<chrono::Utc>);
                let rows: Vec<Row> = sqlx::query_as(
                    "SELECT id, ticket_id, actor_id, kind, data, created_at FROM ticket_events \
                     WHERE ticket_id = $1 ORDER BY created_at, id",
                )
                .bind(ticket_id)
                .fetch_all(self.reader())
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, ticket_id, actor_id, kind, data, created_at)| $crate::store::EventRecord {
                        id,
                        ticket_id,
                        actor_id,
                        kind,
                        data,
                        created_at,
                    })
                    .collect())
            }
        }

        impl $store {
            /// A ticket's rows (ticket, tags, first message, "created" event) inside a write transaction.
            async fn insert_ticket_rows(
                tx: &mut sqlx::Transaction<'static, $db>,
                ticket: &$crate::store::NewTicketRecord,
            ) -> Result<(), $crate::store::DbError> {
                let number: i64 = sqlx::query_scalar(
                    "UPDATE counters SET value = value + 1 WHERE name = 'ticket_number' RETURNING value",
                )
                .fetch_one(&mut **tx)
                .await?;
                sqlx::query(
                    "INSERT INTO tickets (id, number, subject, status, priority, ticket_type, category, channel, \
                     requester_id, team_id, language, created_at, updated_at, context, sla_next_change_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $12)",
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
                .bind(ticket.team_id.as_deref())
                .bind(ticket.language.as_deref())
                .bind(ticket.created_at)
                .bind(ticket.context.as_deref())
                .execute(&mut **tx)
                .await?;
                Self::index_subject(tx, &ticket.id, number, &ticket.subject).await?;
                Self::replace_tags(tx, &ticket.id, &ticket.tags).await?;
                Self::insert_message_row(tx, &ticket.first_message).await?;
                Self::index_new_message(tx, &ticket.first_message).await?;
                Self::insert_event_rows(tx, std::slice::from_ref(&ticket.created_event)).await?;
                // Last, as every append must be (see `live_backends.rs`).
                Self::append_live_event(
                    tx,
                    $crate::store::LiveChange::TicketCreated,
                    &ticket.id,
                    None,
                    ticket.created_at,
                )
                .await
            }

            /// A message, the ticket changes it causes and their timeline entries, inside a write transaction.
            async fn insert_message_rows(
                tx: &mut sqlx::Transaction<'static, $db>,
                message: &$crate::store::MessageRecord,
                changes: &$crate::store::TicketChanges,
                events: &[$crate::store::EventRecord],
            ) -> Result<(), $crate::store::DbError> {
                Self::insert_message_row(tx, message).await?;
                Self::index_new_message(tx, message).await?;
                if !Self::apply_changes(tx, &message.ticket_id, changes, message.created_at).await? {
                    return Err($crate::store::DbError::MissingReference(format!("ticket {}", message.ticket_id)));
                }
                Self::insert_event_rows(tx, events).await?;
                Self::append_live_event(
                    tx,
                    $crate::store::LiveChange::MessageCreated,
                    &message.ticket_id,
                    Some(&message.id),
                    message.created_at,
                )
                .await
            }

            async fn apply_changes(
                tx: &mut sqlx::Transaction<'static, $db>,
                id: &str,
                changes: &$crate::store::TicketChanges,
                updated_at: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::DbError> {
                let mut sql = $crate::store::assembled_sql::AssembledSql::default();
                let set = $crate::store::ticket_sql::set_clause(changes, updated_at, &mut sql);
                let id_param = sql.text(id);
                let text = format!("UPDATE tickets {set} WHERE id = {id_param}");
                let done =
                    $crate::store::assembled_sql::bind_all(sqlx::query(&text), &sql.binds).execute(&mut **tx).await?;
                if done.rows_affected() == 0 {
                    return Ok(false);
                }
                if let Some(tags) = &changes.tags {
                    Self::replace_tags(tx, id, tags).await?;
                }
                Ok(true)
            }

            async fn replace_tags(
                tx: &mut sqlx::Transaction<'static, $db>,
                ticket_id: &str,
                tags: &[String],
            ) -> Result<(), $crate::store::DbError> {
                sqlx::query("DELETE FROM ticket_tags WHERE ticket_id = $1").bind(ticket_id).execute(&mut **tx).await?;
                for tag in tags {
                    sqlx::query("INSERT INTO ticket_tags (ticket_id, tag) VALUES ($1, $2)")
                        .bind(ticket_id)
                        .bind(tag)
                        .execute(&mut **tx)
                        .await?;
                }
                Ok(())
            }

            async fn insert_message_row(
                tx: &mut sqlx::Transaction<'static, $db>,
                message: &$crate::store::MessageRecord,
            ) -> Result<(), $crate::store::DbError> {
                let delivery = message.delivery.as_ref();
                sqlx::query(
                    "INSERT INTO messages (id, ticket_id, author_id, body, internal, channel, created_at, \
                     provider_message_id, delivery_status, delivery_to, delivery_error, delivery_next_at, \
                     delivery_template) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                )
                .bind(&message.id)
                .bind(&message.ticket_id)
                .bind(&message.author_id)
                .bind(&message.body)
                .bind(message.internal)
                .bind(message.channel.as_str())
                .bind(message.created_at)
                .bind(&message.provider_message_id)
                .bind(delivery.map(|delivery| delivery.status.as_str()))
                .bind(delivery.map(|delivery| delivery.to.as_str()))
                .bind(delivery.and_then(|delivery| delivery.error.as_deref()))
                .bind(delivery.map(|_| message.created_at))
                .bind(delivery.and_then(|delivery| delivery.template.as_deref()))
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            /// Adds a stored message to the full-text index (see `sqlite_search.rs` and `postgres_search.rs`).
            async fn index_new_message(
                tx: &mut sqlx::Transaction<'static, $db>,
                message: &$crate::store::MessageRecord,
            ) -> Result<(), $crate::store::DbError> {
                Self::index_message(tx, &message.id, &message.ticket_id, message.internal, &message.body).await
            }

            async fn insert_event_rows(
                tx: &mut sqlx::Transaction<'static, $db>,
                events: &[$crate::store::EventRecord],
            ) -> Result<(), $crate::store::DbError> {
                for event in events {
                    sqlx::query(
                        "INSERT INTO ticket_events (id, ticket_id, actor_id, kind, data, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(&event.id)
                    .bind(&event.ticket_id)
                    .bind(event.actor_id.as_deref())
                    .bind(&event.kind)
                    .bind(&event.data)
                    .bind(event.created_at)
                    .execute(&mut **tx)
                    .await?;
                }
                Ok(())
            }
        }
    };
}

pub(crate) use impl_ticket_store;
