//! Automation rules, their per-ticket memory and the durable jobs of time rules in the store, written once over `$n`
//! SQL for both backends (see `queries.rs`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::rule_records::{RuleJobRecord, RuleRecord, TicketRuleClock, TicketRuleMemory};
use super::DbError;

#[async_trait]
pub trait RuleStore: Send + Sync {
    /// `Conflict` when the id is taken.
    async fn insert_rule(&self, record: &RuleRecord) -> Result<(), DbError>;
    async fn find_rule(&self, id: &str) -> Result<Option<RuleRecord>, DbError>;
    /// Every rule, enabled or not, in run order: position, then id.
    async fn list_rules(&self) -> Result<Vec<RuleRecord>, DbError>;
    /// Replaces everything but `created_at`; `false` if there is no such rule.
    async fn update_rule(&self, record: &RuleRecord) -> Result<bool, DbError>;
    /// `false` if there was no such rule. Its jobs and firing memory go with it.
    async fn delete_rule(&self, id: &str) -> Result<bool, DbError>;
    /// Disables a rule and stores why (a JSON list of warnings); `false` if there is no such rule.
    async fn disable_rule(&self, id: &str, warnings: &str, at: DateTime<Utc>) -> Result<bool, DbError>;
    /// Stores `records` the first time a seed called `name` is planted, in one transaction; `false` (and nothing
    /// stored) when it was planted before, so a default an admin deleted stays deleted.
    async fn seed_rules(&self, name: &str, records: &[RuleRecord], at: DateTime<Utc>) -> Result<bool, DbError>;

    /// When each rule last fired on the ticket and which time-rule jobs of it fired.
    async fn ticket_rule_memory(&self, ticket_id: &str) -> Result<TicketRuleMemory, DbError>;
    /// Remembers that these rules fired on the ticket at `at`.
    async fn record_rule_firings(&self, ticket_id: &str, rule_ids: &[String], at: DateTime<Utc>)
        -> Result<(), DbError>;
    /// The moments a ticket's time rules count from; `None` for an unknown ticket.
    async fn ticket_rule_clock(&self, ticket_id: &str) -> Result<Option<TicketRuleClock>, DbError>;

    /// Schedules jobs not known yet and moves the due time of scheduled and skipped ones (the rule's wait may have
    /// changed; a skipped one is scheduled again); fired jobs are left alone.
    async fn schedule_rule_jobs(&self, jobs: &[RuleJobRecord], at: DateTime<Utc>) -> Result<(), DbError>;
    /// Scheduled jobs due at or before `now`, soonest first, at most `limit`.
    async fn list_due_rule_jobs(&self, now: DateTime<Utc>, limit: u32) -> Result<Vec<RuleJobRecord>, DbError>;
    /// Marks the job fired, storing it first if it was never scheduled. `true` for exactly one caller per fire key,
    /// however many instances try at once; `false` when it already fired.
    async fn claim_rule_job(&self, job: &RuleJobRecord, at: DateTime<Utc>) -> Result<bool, DbError>;
    /// Marks scheduled jobs skipped (due, but their rule's conditions did not hold).
    async fn skip_rule_jobs(&self, fire_keys: &[String], at: DateTime<Utc>) -> Result<(), DbError>;
}

pub(crate) const RULE_COLUMNS: &str = "id, name, position, enabled, definition, warnings, created_at, updated_at";
pub(crate) const JOB_COLUMNS: &str = "fire_key, rule_id, ticket_id, anchor, anchor_at, due_at";

/// Implements [`RuleStore`] for a backend struct with `reader()`, `writer()` and `begin_write()`.
macro_rules! impl_rule_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::RuleStore for $store {
            async fn insert_rule(&self, record: &$crate::store::RuleRecord) -> Result<(), $crate::store::DbError> {
                sqlx::query(
                    "INSERT INTO automation_rules (id, name, position, enabled, definition, warnings, created_at, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&record.id)
                .bind(&record.name)
                .bind(record.position)
                .bind(record.enabled)
                .bind(&record.definition)
                .bind(record.warnings.as_deref())
                .bind(record.created_at)
                .bind(record.updated_at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn find_rule(&self, id: &str) -> Result<Option<$crate::store::RuleRecord>, $crate::store::DbError> {
                let sql =
                    format!("SELECT {} FROM automation_rules WHERE id = $1", $crate::store::rule_queries::RULE_COLUMNS);
                Ok(sqlx::query_as(&sql).bind(id).fetch_optional(self.reader()).await?)
            }

            async fn list_rules(&self) -> Result<Vec<$crate::store::RuleRecord>, $crate::store::DbError> {
                let sql = format!(
                    "SELECT {} FROM automation_rules ORDER BY position, id",
                    $crate::store::rule_queries::RULE_COLUMNS
                );
                Ok(sqlx::query_as(&sql).fetch_all(self.reader()).await?)
            }

            async fn update_rule(&self, record: &$crate::store::RuleRecord) -> Result<bool, $crate::store::DbError> {
                let done = sqlx::query(
                    "UPDATE automation_rules SET name = $2, position = $3, enabled = $4, definition = $5, \
                     warnings = $6, updated_at = $7 WHERE id = $1",
                )
                .bind(&record.id)
                .bind(&record.name)
                .bind(record.position)
                .bind(record.enabled)
                .bind(&record.definition)
                .bind(record.warnings.as_deref())
                .bind(record.updated_at)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn delete_rule(&self, id: &str) -> Result<bool, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM rule_jobs WHERE rule_id = $1").bind(id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM rule_firings WHERE rule_id = $1").bind(id).execute(&mut *tx).await?;
                let done = sqlx::query("DELETE FROM automation_rules WHERE id = $1").bind(id).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(done.rows_affected() > 0)
            }

            async fn disable_rule(
                &self,
                id: &str,
                warnings: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::DbError> {
                let done = sqlx::query(
                    "UPDATE automation_rules SET enabled = FALSE, warnings = $2, updated_at = $3 WHERE id = $1",
                )
                .bind(id)
                .bind(warnings)
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn seed_rules(
                &self,
                name: &str,
                records: &[$crate::store::RuleRecord],
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                let planted = sqlx::query(
                    "INSERT INTO automation_seeds (name, seeded_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                )
                .bind(name)
                .bind(at)
                .execute(&mut *tx)
                .await?;
                if planted.rows_affected() == 0 {
                    return Ok(false);
                }
                for record in records {
                    sqlx::query(
                        "INSERT INTO automation_rules (id, name, position, enabled, definition, warnings, \
                         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                    )
                    .bind(&record.id)
                    .bind(&record.name)
                    .bind(record.position)
                    .bind(record.enabled)
                    .bind(&record.definition)
                    .bind(record.warnings.as_deref())
                    .bind(record.created_at)
                    .bind(record.updated_at)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn ticket_rule_memory(
                &self,
                ticket_id: &str,
            ) -> Result<$crate::store::TicketRuleMemory, $crate::store::DbError> {
                let last_fired = sqlx::query_as(
                    "SELECT rule_id, last_fired_at FROM rule_firings WHERE ticket_id = $1 ORDER BY rule_id",
                )
                .bind(ticket_id)
                .fetch_all(self.reader())
                .await?;
                let sql = format!(
                    "SELECT {} FROM rule_jobs WHERE ticket_id = $1 AND state = 'fired' ORDER BY fire_key",
                    $crate::store::rule_queries::JOB_COLUMNS
                );
                let fired_jobs = sqlx::query_as(&sql).bind(ticket_id).fetch_all(self.reader()).await?;
                Ok($crate::store::TicketRuleMemory { last_fired, fired_jobs })
            }

            async fn record_rule_firings(
                &self,
                ticket_id: &str,
                rule_ids: &[String],
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::DbError> {
                if rule_ids.is_empty() {
                    return Ok(());
                }
                let mut tx = self.begin_write().await?;
                for rule_id in rule_ids {
                    sqlx::query(
                        "INSERT INTO rule_firings (ticket_id, rule_id, last_fired_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (ticket_id, rule_id) DO UPDATE SET last_fired_at = excluded.last_fired_at",
                    )
                    .bind(ticket_id)
                    .bind(rule_id)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn ticket_rule_clock(
                &self,
                ticket_id: &str,
            ) -> Result<Option<$crate::store::TicketRuleClock>, $crate::store::DbError> {
                let ticket: Option<(String, chrono::DateTime<chrono::Utc>)> =
                    sqlx::query_as("SELECT requester_id, created_at FROM tickets WHERE id = $1")
                        .bind(ticket_id)
                        .fetch_optional(self.reader())
                        .await?;
                let Some((requester_id, created_at)) = ticket else { return Ok(None) };
                let status_changed_at: Option<chrono::DateTime<chrono::Utc>> = sqlx::query_scalar(
                    "SELECT created_at FROM ticket_events WHERE ticket_id = $1 AND kind = 'status_changed' \
                     ORDER BY created_at DESC LIMIT 1",
                )
                .bind(ticket_id)
                .fetch_optional(self.reader())
                .await?;
                let last_customer_message_at: Option<chrono::DateTime<chrono::Utc>> = sqlx::query_scalar(
                    "SELECT created_at FROM messages WHERE ticket_id = $1 AND author_id = $2 AND NOT internal \
                     ORDER BY created_at DESC LIMIT 1",
                )
                .bind(ticket_id)
                .bind(&requester_id)
                .fetch_optional(self.reader())
                .await?;
                // Replies rules sent (author `automation`) are not an agent's answer.
                let last_agent_reply_at: Option<chrono::DateTime<chrono::Utc>> = sqlx::query_scalar(
                    "SELECT created_at FROM messages WHERE ticket_id = $1 AND author_id <> $2 \
                     AND author_id <> 'automation' AND NOT internal ORDER BY created_at DESC LIMIT 1",
                )
                .bind(ticket_id)
                .bind(&requester_id)
                .fetch_optional(self.reader())
                .await?;
                Ok(Some($crate::store::TicketRuleClock {
                    status_changed_at: status_changed_at.unwrap_or(created_at),
                    last_customer_message_at,
                    last_agent_reply_at,
                }))
            }

            async fn schedule_rule_jobs(
                &self,
                jobs: &[$crate::store::RuleJobRecord],
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::DbError> {
                if jobs.is_empty() {
                    return Ok(());
                }
                let mut tx = self.begin_write().await?;
                for job in jobs {
                    sqlx::query(
                        "INSERT INTO rule_jobs (fire_key, rule_id, ticket_id, anchor, anchor_at, due_at, state, \
                         updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'scheduled', $7) \
                         ON CONFLICT (fire_key) DO UPDATE SET state = 'scheduled', due_at = excluded.due_at, \
                         updated_at = excluded.updated_at WHERE rule_jobs.state <> 'fired'",
                    )
                    .bind(&job.fire_key)
                    .bind(&job.rule_id)
                    .bind(&job.ticket_id)
                    .bind(&job.anchor)
                    .bind(job.anchor_at)
                    .bind(job.due_at)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn list_due_rule_jobs(
                &self,
                now: chrono::DateTime<chrono::Utc>,
                limit: u32,
            ) -> Result<Vec<$crate::store::RuleJobRecord>, $crate::store::DbError> {
                let sql = format!(
                    "SELECT {} FROM rule_jobs WHERE state = 'scheduled' AND due_at <= $1 \
                     ORDER BY due_at, fire_key LIMIT $2",
                    $crate::store::rule_queries::JOB_COLUMNS
                );
                Ok(sqlx::query_as(&sql).bind(now).bind(i64::from(limit)).fetch_all(self.reader()).await?)
            }

            async fn claim_rule_job(
                &self,
                job: &$crate::store::RuleJobRecord,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::DbError> {
                let done = sqlx::query(
                    "INSERT INTO rule_jobs (fire_key, rule_id, ticket_id, anchor, anchor_at, due_at, state, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'fired', $7) \
                     ON CONFLICT (fire_key) DO UPDATE SET state = 'fired', updated_at = excluded.updated_at \
                     WHERE rule_jobs.state <> 'fired'",
                )
                .bind(&job.fire_key)
                .bind(&job.rule_id)
                .bind(&job.ticket_id)
                .bind(&job.anchor)
                .bind(job.anchor_at)
                .bind(job.due_at)
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn skip_rule_jobs(
                &self,
                fire_keys: &[String],
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::DbError> {
                if fire_keys.is_empty() {
                    return Ok(());
                }
                let mut tx = self.begin_write().await?;
                for key in fire_keys {
                    sqlx::query(
                        "UPDATE rule_jobs SET state = 'skipped', updated_at = $2 \
                         WHERE fire_key = $1 AND state = 'scheduled'",
                    )
                    .bind(key)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_rule_store;
