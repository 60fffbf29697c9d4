//! Live chat's storage: agents' availability, the queue of waiting chats, claiming a chat within an agent's
//! capacity, brands and the widget's visitor sessions. Written once over `$n` SQL for both backends.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::records::NewUserRecord;
use super::ticket_records::{EventRecord, TicketRecord};
use super::DbError;
use crate::domain::live::Availability;
use crate::domain::User;

/// An agent's chat settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentAvailabilityRecord {
    pub user_id: String,
    pub name: String,
    pub availability: Availability,
    pub max_chats: u32,
    /// Chats assigned to them that are not finished.
    pub active_chats: u32,
}

/// A brand the widget can be embedded for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrandRecord {
    pub slug: String,
    pub name: String,
    pub color: String,
}

/// A widget visitor's session (the token itself is never stored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidgetSessionRecord {
    pub id: String,
    pub token_hash: String,
    pub contact_id: String,
    pub brand: String,
    pub email: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// How an attempt to take a waiting chat ended.
#[derive(Clone, Debug, PartialEq)]
pub enum ChatClaim {
    Claimed(Box<TicketRecord>),
    /// Someone else took it first, or it is not a waiting chat any more.
    Taken,
    /// The agent already has as many chats as their limit allows.
    AtCapacity,
}

#[async_trait]
pub trait ChatStore: Send + Sync {
    /// Sets an agent's availability (and limit, when given); false if there is no such user.
    async fn set_availability(
        &self,
        user_id: &str,
        availability: Availability,
        max_chats: Option<u32>,
        at: DateTime<Utc>,
    ) -> Result<bool, DbError>;
    /// Every active staff member's chat settings and current chat load, by name.
    async fn list_agent_availability(&self) -> Result<Vec<AgentAvailabilityRecord>, DbError>;
    /// Unassigned, unfinished chats, longest waiting first.
    async fn list_waiting_chats(&self, limit: u32) -> Result<Vec<TicketRecord>, DbError>;
    /// Unfinished chats assigned to `agent_id`, oldest first.
    async fn list_agent_chats(&self, agent_id: &str) -> Result<Vec<TicketRecord>, DbError>;
    /// Assigns a waiting chat to `agent_id` if it is still unassigned and the agent is under their limit, opening
    /// it and recording `events`, in one transaction.
    async fn claim_chat(
        &self,
        ticket_id: &str,
        agent_id: &str,
        events: &[EventRecord],
        at: DateTime<Utc>,
    ) -> Result<ChatClaim, DbError>;

    async fn list_brands(&self) -> Result<Vec<BrandRecord>, DbError>;
    async fn find_brand(&self, slug: &str) -> Result<Option<BrandRecord>, DbError>;
    /// Creates the brand or changes its name and colour (`at` is its creation time when it is new).
    async fn upsert_brand(&self, brand: &BrandRecord, at: DateTime<Utc>) -> Result<(), DbError>;
    /// Creates the visitor's contact account and their session together.
    async fn insert_widget_session(
        &self,
        contact: &NewUserRecord,
        session: &WidgetSessionRecord,
    ) -> Result<(), DbError>;
    /// The session and its contact for a token hash, if the contact is still active.
    async fn find_widget_session(&self, token_hash: &str) -> Result<Option<(WidgetSessionRecord, User)>, DbError>;
}

/// The statuses in which a chat is still going (waiting or being answered).
pub(crate) const UNFINISHED_CHAT: &str = "t.channel = 'chat' AND t.status IN ('new', 'open')";

/// Implements [`ChatStore`] for a backend struct that also has the ticket store's helpers.
macro_rules! impl_chat_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::ChatStore for $store {
            async fn set_availability(
                &self,
                user_id: &str,
                availability: $crate::domain::live::Availability,
                max_chats: Option<u32>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::DbError> {
                let done = sqlx::query(
                    "UPDATE users SET availability = $2, max_chats = COALESCE($3, max_chats), updated_at = $4 \
                     WHERE id = $1",
                )
                .bind(user_id)
                .bind(availability.as_str())
                .bind(max_chats.map(i64::from))
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn list_agent_availability(
                &self,
            ) -> Result<Vec<$crate::store::AgentAvailabilityRecord>, $crate::store::DbError> {
                let sql = format!(
                    "SELECT u.id, u.name, u.availability, CAST(u.max_chats AS BIGINT), \
                     (SELECT COUNT(*) FROM tickets t WHERE t.assignee_id = u.id AND {}) AS active_chats \
                     FROM users u WHERE u.active AND u.role <> 'customer' ORDER BY u.name, u.id",
                    $crate::store::chat_queries::UNFINISHED_CHAT
                );
                let rows: Vec<(String, String, String, i64, i64)> =
                    sqlx::query_as(&sql).fetch_all(self.reader()).await?;
                rows.into_iter()
                    .map(|(user_id, name, availability, max_chats, active_chats)| {
                        Ok($crate::store::AgentAvailabilityRecord {
                            availability: $crate::domain::live::Availability::parse(&availability).ok_or_else(
                                || $crate::store::DbError::Corrupt(format!("availability {availability:?}")),
                            )?,
                            user_id,
                            name,
                            max_chats: max_chats as u32,
                            active_chats: active_chats as u32,
                        })
                    })
                    .collect()
            }

            async fn list_waiting_chats(
                &self,
                limit: u32,
            ) -> Result<Vec<$crate::store::TicketRecord>, $crate::store::DbError> {
                let sql = format!(
                    "WHERE t.assignee_id IS NULL AND {} ORDER BY t.created_at, t.id LIMIT {}",
                    $crate::store::chat_queries::UNFINISHED_CHAT,
                    limit
                );
                self.chat_tickets(&sql, None).await
            }

            async fn list_agent_chats(
                &self,
                agent_id: &str,
            ) -> Result<Vec<$crate::store::TicketRecord>, $crate::store::DbError> {
                let sql = format!(
                    "WHERE t.assignee_id = $1 AND {} ORDER BY t.created_at, t.id",
                    $crate::store::chat_queries::UNFINISHED_CHAT
                );
                self.chat_tickets(&sql, Some(agent_id)).await
            }

            async fn claim_chat(
                &self,
                ticket_id: &str,
                agent_id: &str,
                events: &[$crate::store::EventRecord],
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<$crate::store::ChatClaim, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                let load: (i64, i64) = sqlx::query_as(&format!(
                    "SELECT CAST(u.max_chats AS BIGINT), (SELECT COUNT(*) FROM tickets t WHERE t.assignee_id = u.id AND {}) \
                     FROM users u WHERE u.id = $1",
                    $crate::store::chat_queries::UNFINISHED_CHAT
                ))
                .bind(agent_id)
                .fetch_one(&mut *tx)
                .await?;
                if load.1 >= load.0 {
                    return Ok($crate::store::ChatClaim::AtCapacity);
                }
                let claimed = sqlx::query(
                    "UPDATE tickets SET assignee_id = $1, status = 'open', updated_at = $2 \
                     WHERE id = $3 AND assignee_id IS NULL AND channel = 'chat' AND status IN ('new', 'open')",
                )
                .bind(agent_id)
                .bind(at)
                .bind(ticket_id)
                .execute(&mut *tx)
                .await?;
                if claimed.rows_affected() != 1 {
                    return Ok($crate::store::ChatClaim::Taken);
                }
                Self::insert_event_rows(&mut tx, events).await?;
                Self::append_live_event(&mut tx, $crate::store::LiveChange::TicketUpdated, ticket_id, None, at).await?;
                tx.commit().await?;
                self.live_committed();
                let ticket = $crate::store::TicketStore::find_ticket(self, ticket_id)
                    .await?
                    .ok_or_else(|| $crate::store::DbError::Corrupt(format!("ticket {ticket_id} vanished")))?;
                Ok($crate::store::ChatClaim::Claimed(Box::new(ticket)))
            }

            async fn list_brands(&self) -> Result<Vec<$crate::store::BrandRecord>, $crate::store::DbError> {
                let rows: Vec<(String, String, String)> =
                    sqlx::query_as("SELECT slug, name, color FROM brands ORDER BY slug")
                        .fetch_all(self.reader())
                        .await?;
                Ok(rows
                    .into_iter()
                    .map(|(slug, name, color)| $crate::store::BrandRecord { slug, name, color })
                    .collect())
            }

            async fn find_brand(
                &self,
                slug: &str,
            ) -> Result<Option<$crate::store::BrandRecord>, $crate::store::DbError> {
                let row: Option<(String, String, String)> =
                    sqlx::query_as("SELECT slug, name, color FROM brands WHERE slug = $1")
                        .bind(slug)
                        .fetch_optional(self.reader())
                        .await?;
                Ok(row.map(|(slug, name, color)| $crate::store::BrandRecord { slug, name, color }))
            }

            async fn upsert_brand(
                &self,
                brand: &$crate::store::BrandRecord,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::DbError> {
                sqlx::query(
                    "INSERT INTO brands (slug, name, color, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (slug) DO UPDATE SET name = excluded.name, color = excluded.color",
                )
                .bind(&brand.slug)
                .bind(&brand.name)
                .bind(&brand.color)
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn insert_widget_session(
                &self,
                contact: &$crate::store::NewUserRecord,
                session: &$crate::store::WidgetSessionRecord,
            ) -> Result<(), $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                sqlx::query($crate::store::queries::INSERT_USER)
                    .bind(&contact.id)
                    .bind(&contact.email)
                    .bind(&contact.name)
                    .bind(contact.role.as_str())
                    .bind(contact.locale.as_str())
                    .bind(&contact.password_hash)
                    .bind(contact.created_at)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO widget_sessions (id, token_hash, contact_id, brand, email, created_at, last_seen_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $6)",
                )
                .bind(&session.id)
                .bind(&session.token_hash)
                .bind(&session.contact_id)
                .bind(&session.brand)
                .bind(session.email.as_deref())
                .bind(session.created_at)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn find_widget_session(
                &self,
                token_hash: &str,
            ) -> Result<Option<($crate::store::WidgetSessionRecord, $crate::domain::User)>, $crate::store::DbError>
            {
                type Row = (String, String, String, String, Option<String>, chrono::DateTime<chrono::Utc>);
                let row: Option<Row> = sqlx::query_as(
                    "SELECT id, token_hash, contact_id, brand, email, created_at FROM widget_sessions \
                     WHERE token_hash = $1",
                )
                .bind(token_hash)
                .fetch_optional(self.reader())
                .await?;
                let Some((id, token_hash, contact_id, brand, email, created_at)) = row else {
                    return Ok(None);
                };
                let Some(contact) = <Self as $crate::store::Store>::find_user(self, &contact_id).await? else {
                    return Ok(None);
                };
                if !contact.active {
                    return Ok(None);
                }
                let session =
                    $crate::store::WidgetSessionRecord { id, token_hash, contact_id, brand, email, created_at };
                Ok(Some((session, contact)))
            }
        }

        impl $store {
            /// Chat tickets selected by `clause` (on `t`), bound to `param` as `$1` when given, with their tags.
            async fn chat_tickets(
                &self,
                clause: &str,
                param: Option<&str>,
            ) -> Result<Vec<$crate::store::TicketRecord>, $crate::store::DbError> {
                let sql = format!(
                    "SELECT {} FROM tickets t {clause}",
                    $crate::store::ticket_records::TICKET_COLUMNS
                );
                let mut query = sqlx::query_as::<_, $crate::store::ticket_records::TicketRow>(&sql);
                if let Some(param) = param {
                    query = query.bind(param.to_string());
                }
                let rows = query.fetch_all(self.reader()).await?;
                let mut tickets = Vec::with_capacity(rows.len());
                for row in rows {
                    let tags = sqlx::query_scalar::<_, String>(
                        "SELECT tag FROM ticket_tags WHERE ticket_id = $1 ORDER BY tag",
                    )
                    .bind(&row.id)
                    .fetch_all(self.reader())
                    .await?;
                    tickets.push(row.into_record(tags)?);
                }
                Ok(tickets)
            }
        }
    };
}

pub(crate) use impl_chat_store;
