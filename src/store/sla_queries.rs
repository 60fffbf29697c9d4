//! SLA calendars, policies and tickets' computed SLA in the store, written once over `$n` SQL for both backends
//! (see `queries.rs`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::sla_records::{SlaAlertRecord, SlaCalendarRecord, SlaDueTicket, SlaPolicyRecord, TicketSlaRecord};
use super::DbError;
use crate::domain::sla::TicketSlaHistory;

#[async_trait]
pub trait SlaStore: Send + Sync {
    /// Stores a calendar; a default one takes over from the previous default in the same transaction.
    /// `Conflict` when the team or brand already has a calendar, `MissingReference` for an unknown team or brand.
    async fn insert_sla_calendar(&self, record: &SlaCalendarRecord) -> Result<(), DbError>;
    async fn find_sla_calendar(&self, id: &str) -> Result<Option<SlaCalendarRecord>, DbError>;
    /// Every calendar, by name then id.
    async fn list_sla_calendars(&self) -> Result<Vec<SlaCalendarRecord>, DbError>;
    /// Replaces everything but `created_at` (same rules as insert); `false` if there is no such calendar.
    async fn update_sla_calendar(&self, record: &SlaCalendarRecord) -> Result<bool, DbError>;
    /// `false` if there was no such calendar; `MissingReference` while a policy names it. Tickets counted in it
    /// keep their due times and count around the clock until their SLA is computed again.
    async fn delete_sla_calendar(&self, id: &str) -> Result<bool, DbError>;

    async fn insert_sla_policy(&self, record: &SlaPolicyRecord) -> Result<(), DbError>;
    async fn find_sla_policy(&self, id: &str) -> Result<Option<SlaPolicyRecord>, DbError>;
    /// Every policy, active or not, by position then id (the order `choose_policy` breaks ties by).
    async fn list_sla_policies(&self) -> Result<Vec<SlaPolicyRecord>, DbError>;
    /// Replaces everything but `created_at`; `false` if there is no such policy.
    async fn update_sla_policy(&self, record: &SlaPolicyRecord) -> Result<bool, DbError>;
    /// `false` if there was no such policy; tickets under it lose their policy.
    async fn delete_sla_policy(&self, id: &str) -> Result<bool, DbError>;

    /// What the SLA clocks of these tickets are computed from: creation, first public staff reply, resolution, and
    /// the pauses read from their `status_changed` timeline entries. Unknown ids are left out; any order.
    async fn ticket_sla_histories(&self, ticket_ids: &[String]) -> Result<Vec<(String, TicketSlaHistory)>, DbError>;
    /// The brand a customer last used the widget of, if any (for the brand's calendar).
    async fn find_requester_brand(&self, requester_id: &str) -> Result<Option<String>, DbError>;
    /// Writes a ticket's computed SLA if the ticket is unchanged since `seen_updated_at` (`None` otherwise: compute
    /// again). Each alert not stored before is stored with its timeline entry; if any is new, a live `ticket_updated`
    /// event goes out with them. Returns the new alerts. `updated_at` is left alone: the SLA is not an edit.
    async fn save_ticket_sla(
        &self,
        ticket_id: &str,
        seen_updated_at: DateTime<Utc>,
        sla: &TicketSlaRecord,
        alerts: &[SlaAlertRecord],
        at: DateTime<Utc>,
    ) -> Result<Option<Vec<SlaAlertRecord>>, DbError>;
    /// Tickets whose SLA changes at or before `now`, soonest first, at most `limit`, after `after` (the last one of
    /// the previous page) so a round pages through them even when some cannot be computed.
    async fn list_tickets_due_for_sla(
        &self,
        now: DateTime<Utc>,
        after: Option<&SlaDueTicket>,
        limit: u32,
    ) -> Result<Vec<SlaDueTicket>, DbError>;
    /// Asks the watcher to look at every unfinished ticket (new, open, pending) from `at`: after a calendar or
    /// policy changed. Returns how many.
    async fn mark_unfinished_tickets_for_sla(&self, at: DateTime<Utc>) -> Result<u64, DbError>;
}

/// Implements [`SlaStore`] for a backend struct with `reader()`, `writer()`, `begin_write()`, `append_live_event`
/// and `live_committed`, and [`super::ticket_queries::impl_ticket_store`]'s event helper.
macro_rules! impl_sla_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::SlaStore for $store {
            async fn insert_sla_calendar(
                &self,
                record: &$crate::store::SlaCalendarRecord,
            ) -> Result<(), $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                if record.is_default {
                    Self::clear_default_calendar(&mut tx, &record.id).await?;
                }
                sqlx::query(
                    "INSERT INTO sla_calendars (id, name, definition, team_id, brand, is_default, created_at, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&record.id)
                .bind(&record.name)
                .bind(&record.definition)
                .bind(record.team_id.as_deref())
                .bind(record.brand.as_deref())
                .bind(record.is_default)
                .bind(record.created_at)
                .bind(record.updated_at)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn find_sla_calendar(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::SlaCalendarRecord>, $crate::store::DbError> {
                let sql =
                    format!("SELECT {} FROM sla_calendars WHERE id = $1", $crate::store::sla_records::CALENDAR_COLUMNS);
                Ok(sqlx::query_as(&sql).bind(id).fetch_optional(self.reader()).await?)
            }

            async fn list_sla_calendars(
                &self,
            ) -> Result<Vec<$crate::store::SlaCalendarRecord>, $crate::store::DbError> {
                let sql = format!("SELECT {} FROM sla_calendars", $crate::store::sla_records::CALENDAR_COLUMNS);
                let mut records: Vec<$crate::store::SlaCalendarRecord> =
                    sqlx::query_as(&sql).fetch_all(self.reader()).await?;
                // Sorted here rather than in SQL: the backends' collations would order names differently.
                records.sort_by_cached_key(|record| (record.name.to_lowercase(), record.id.clone()));
                Ok(records)
            }

            async fn update_sla_calendar(
                &self,
                record: &$crate::store::SlaCalendarRecord,
            ) -> Result<bool, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                if record.is_default {
                    Self::clear_default_calendar(&mut tx, &record.id).await?;
                }
                let done = sqlx::query(
                    "UPDATE sla_calendars SET name = $2, definition = $3, team_id = $4, brand = $5, \
                     is_default = $6, updated_at = $7 WHERE id = $1",
                )
                .bind(&record.id)
                .bind(&record.name)
                .bind(&record.definition)
                .bind(record.team_id.as_deref())
                .bind(record.brand.as_deref())
                .bind(record.is_default)
                .bind(record.updated_at)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Ok(false);
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn delete_sla_calendar(&self, id: &str) -> Result<bool, $crate::store::DbError> {
                let done =
                    sqlx::query("DELETE FROM sla_calendars WHERE id = $1").bind(id).execute(self.writer()).await?;
                Ok(done.rows_affected() > 0)
            }

            async fn insert_sla_policy(
                &self,
                record: &$crate::store::SlaPolicyRecord,
            ) -> Result<(), $crate::store::DbError> {
                sqlx::query(
                    "INSERT INTO sla_policies (id, name, position, calendar_id, definition, active, created_at, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&record.id)
                .bind(&record.name)
                .bind(record.position)
                .bind(record.calendar_id.as_deref())
                .bind(&record.definition)
                .bind(record.active)
                .bind(record.created_at)
                .bind(record.updated_at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn find_sla_policy(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::SlaPolicyRecord>, $crate::store::DbError> {
                let sql =
                    format!("SELECT {} FROM sla_policies WHERE id = $1", $crate::store::sla_records::POLICY_COLUMNS);
                Ok(sqlx::query_as(&sql).bind(id).fetch_optional(self.reader()).await?)
            }

            async fn list_sla_policies(&self) -> Result<Vec<$crate::store::SlaPolicyRecord>, $crate::store::DbError> {
                let sql = format!(
                    "SELECT {} FROM sla_policies ORDER BY position, id",
                    $crate::store::sla_records::POLICY_COLUMNS
                );
                Ok(sqlx::query_as(&sql).fetch_all(self.reader()).await?)
            }

            async fn update_sla_policy(
                &self,
                record: &$crate::store::SlaPolicyRecord,
            ) -> Result<bool, $crate::store::DbError> {
                let done = sqlx::query(
                    "UPDATE sla_policies SET name = $2, position = $3, calendar_id = $4, definition = $5, \
                     active = $6, updated_at = $7 WHERE id = $1",
                )
                .bind(&record.id)
                .bind(&record.name)
                .bind(record.position)
                .bind(record.calendar_id.as_deref())
                .bind(&record.definition)
                .bind(record.active)
                .bind(record.updated_at)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn delete_sla_policy(&self, id: &str) -> Result<bool, $crate::store::DbError> {
                let done =
                    sqlx::query("DELETE FROM sla_policies WHERE id = $1").bind(id).execute(self.writer()).await?;
                Ok(done.rows_affected() > 0)
            }

            async fn ticket_sla_histories(
                &self,
                ticket_ids: &[String],
            ) -> Result<Vec<(String, $crate::domain::sla::TicketSlaHistory)>, $crate::store::DbError> {
                use $crate::store::assembled_sql::{bind_all, AssembledSql};
                if ticket_ids.is_empty() {
                    return Ok(Vec::new());
                }
                let mut ticket_sql = AssembledSql::default();
                let params: Vec<String> = ticket_ids.iter().map(|id| ticket_sql.text(id)).collect();
                let text = format!(
                    "SELECT id, status, created_at, first_response_at, resolved_at FROM tickets WHERE id IN ({})",
                    params.join(", ")
                );
                let tickets = bind_all(sqlx::query_as(&text), &ticket_sql.binds).fetch_all(self.reader()).await?;
                let text = format!(
                    "SELECT ticket_id, data, created_at FROM ticket_events \
                     WHERE ticket_id IN ({}) AND kind = 'status_changed'",
                    params.join(", ")
                );
                let changes = bind_all(sqlx::query_as(&text), &ticket_sql.binds).fetch_all(self.reader()).await?;
                $crate::store::sla_records::histories_from_rows(tickets, changes)
            }

            async fn find_requester_brand(&self, requester_id: &str) -> Result<Option<String>, $crate::store::DbError> {
                Ok(sqlx::query_scalar(
                    "SELECT brand FROM widget_sessions WHERE contact_id = $1 ORDER BY last_seen_at DESC, id LIMIT 1",
                )
                .bind(requester_id)
                .fetch_optional(self.reader())
                .await?)
            }

            async fn save_ticket_sla(
                &self,
                ticket_id: &str,
                seen_updated_at: chrono::DateTime<chrono::Utc>,
                sla: &$crate::store::TicketSlaRecord,
                alerts: &[$crate::store::SlaAlertRecord],
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<Vec<$crate::store::SlaAlertRecord>>, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "UPDATE tickets SET sla_policy_id = $2, sla_calendar_id = $3, sla_first_response_due_at = $4, \
                     sla_resolution_due_at = $5, sla_next_due_at = $6, sla_next_change_at = $7, sla_state = $8 \
                     WHERE id = $1 AND updated_at = $9",
                )
                .bind(ticket_id)
                .bind(sla.policy_id.as_deref())
                .bind(sla.calendar_id.as_deref())
                .bind(sla.first_response_due_at)
                .bind(sla.resolution_due_at)
                .bind(sla.next_due_at)
                .bind(sla.next_change_at)
                .bind(sla.state.map(|state| state.as_str()))
                .bind(seen_updated_at)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Ok(None);
                }
                let mut recorded = Vec::new();
                for alert in alerts {
                    let inserted = sqlx::query(
                        "INSERT INTO sla_alerts (ticket_id, clock, kind, due_at, created_at) \
                         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                    )
                    .bind(&alert.ticket_id)
                    .bind(alert.clock.as_str())
                    .bind(alert.kind.as_str())
                    .bind(alert.due_at)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                    if inserted.rows_affected() == 1 {
                        Self::insert_event_rows(&mut tx, std::slice::from_ref(&alert.event)).await?;
                        recorded.push(alert.clone());
                    }
                }
                if !recorded.is_empty() {
                    // Last, as every append must be (see `live_backends.rs`).
                    Self::append_live_event(&mut tx, $crate::store::LiveChange::TicketUpdated, ticket_id, None, at)
                        .await?;
                }
                tx.commit().await?;
                if !recorded.is_empty() {
                    self.live_committed();
                }
                Ok(Some(recorded))
            }

            async fn list_tickets_due_for_sla(
                &self,
                now: chrono::DateTime<chrono::Utc>,
                after: Option<&$crate::store::SlaDueTicket>,
                limit: u32,
            ) -> Result<Vec<$crate::store::SlaDueTicket>, $crate::store::DbError> {
                let select = "SELECT id, sla_next_change_at AS next_change_at FROM tickets \
                     WHERE sla_next_change_at IS NOT NULL AND sla_next_change_at <= $1";
                let order = "ORDER BY sla_next_change_at, id";
                Ok(match after {
                    None => {
                        sqlx::query_as(&format!("{select} {order} LIMIT $2"))
                            .bind(now)
                            .bind(i64::from(limit))
                            .fetch_all(self.reader())
                            .await?
                    }
                    Some(after) => {
                        sqlx::query_as(&format!(
                            "{select} AND (sla_next_change_at > $2 OR (sla_next_change_at = $2 AND id > $3)) \
                             {order} LIMIT $4"
                        ))
                        .bind(now)
                        .bind(after.next_change_at)
                        .bind(&after.id)
                        .bind(i64::from(limit))
                        .fetch_all(self.reader())
                        .await?
                    }
                })
            }

            async fn mark_unfinished_tickets_for_sla(
                &self,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<u64, $crate::store::DbError> {
                let done = sqlx::query(
                    "UPDATE tickets SET sla_next_change_at = $1 WHERE status IN ('new', 'open', 'pending')",
                )
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected())
            }
        }

        impl $store {
            /// Makes every other calendar not the default, inside the transaction that sets a new default.
            async fn clear_default_calendar(
                tx: &mut sqlx::Transaction<'static, $db>,
                keep_id: &str,
            ) -> Result<(), $crate::store::DbError> {
                sqlx::query("UPDATE sla_calendars SET is_default = FALSE WHERE is_default AND id <> $1")
                    .bind(keep_id)
                    .execute(&mut **tx)
                    .await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_sla_store;
