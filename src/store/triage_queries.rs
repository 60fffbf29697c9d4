//! Triage's storage: what triage found for each ticket (stored with the ticket changes it caused, in one
//! transaction), the team classifier with a revision for optimistic updates, and the resolved tickets it learns
//! from. Written once over `$n` SQL for both backends.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::routing_records::{TicketTriageRecord, TrainingExampleRecord, TriageModelRecord};
use super::ticket_records::{EventRecord, TicketChanges, TicketRecord};
use super::DbError;

#[async_trait]
pub trait TriageStore: Send + Sync {
    /// Stores a ticket's triage with the changes it causes (`changes`, and `language` when the ticket has none)
    /// and their timeline entries, in one transaction; `None` if there is no such ticket.
    async fn record_triage(
        &self,
        triage: &TicketTriageRecord,
        changes: &TicketChanges,
        language: Option<&str>,
        events: &[EventRecord],
        at: DateTime<Utc>,
    ) -> Result<Option<TicketRecord>, DbError>;
    async fn find_ticket_triage(&self, ticket_id: &str) -> Result<Option<TicketTriageRecord>, DbError>;
    /// `(ticket_id, sentiment)` for those of `ticket_ids` that were triaged.
    async fn list_ticket_sentiments(&self, ticket_ids: &[String]) -> Result<Vec<(String, String)>, DbError>;
    /// Notes the team the classifier has learned a ticket's text as.
    async fn set_triage_learned_team(&self, ticket_id: &str, team_id: &str) -> Result<(), DbError>;
    async fn find_triage_model(&self) -> Result<Option<TriageModelRecord>, DbError>;
    /// The stored model's revision (cheap: lets an instance keep its parsed copy while it is current).
    async fn triage_model_revision(&self) -> Result<Option<i64>, DbError>;
    /// Stores a freshly trained model over whatever was there; returns its revision.
    async fn replace_triage_model(&self, model: &str, trained_at: DateTime<Utc>, examples: u32)
        -> Result<i64, DbError>;
    /// Stores a changed model only if the stored one still has revision `expected` (`None`: there is none yet);
    /// returns the new revision, or `None` when someone saved in between.
    async fn update_triage_model(
        &self,
        expected: Option<i64>,
        model: &str,
        trained_at: DateTime<Utc>,
        examples: u32,
    ) -> Result<Option<i64>, DbError>;
    /// Up to `limit` resolved or closed tickets with a team (merged ones left out), oldest first, each with its
    /// first public message.
    async fn list_training_examples(&self, limit: u32) -> Result<Vec<TrainingExampleRecord>, DbError>;
}

pub(crate) const TRIAGE_COLUMNS: &str = "ticket_id, language, language_confidence, sentiment, sentiment_score, \
     suggested_team_id, team_confidence, urgency_keyword, reasons, learned_team_id, created_at";

/// A `ticket_triage` row as both backends return it.
#[derive(sqlx::FromRow)]
pub(crate) struct TriageRow {
    ticket_id: String,
    language: Option<String>,
    language_confidence: Option<f32>,
    sentiment: String,
    sentiment_score: f32,
    suggested_team_id: Option<String>,
    team_confidence: Option<f32>,
    urgency_keyword: Option<String>,
    reasons: String,
    learned_team_id: Option<String>,
    created_at: DateTime<Utc>,
}

impl TriageRow {
    pub(crate) fn into_record(self) -> Result<TicketTriageRecord, DbError> {
        let reasons = serde_json::from_str(&self.reasons)
            .map_err(|err| DbError::Corrupt(format!("triage reasons of {}: {err}", self.ticket_id)))?;
        Ok(TicketTriageRecord {
            ticket_id: self.ticket_id,
            language: self.language,
            language_confidence: self.language_confidence,
            sentiment: self.sentiment,
            sentiment_score: self.sentiment_score,
            suggested_team_id: self.suggested_team_id,
            team_confidence: self.team_confidence,
            urgency_keyword: self.urgency_keyword,
            reasons,
            learned_team_id: self.learned_team_id,
            created_at: self.created_at,
        })
    }
}

/// Implements [`TriageStore`] for a backend struct that also has the ticket store's helpers.
macro_rules! impl_triage_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::TriageStore for $store {
            async fn record_triage(
                &self,
                triage: &$crate::store::TicketTriageRecord,
                changes: &$crate::store::TicketChanges,
                language: Option<&str>,
                events: &[$crate::store::EventRecord],
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<$crate::store::TicketRecord>, $crate::store::DbError> {
                let reasons = serde_json::to_string(&triage.reasons)
                    .map_err(|err| $crate::store::DbError::Corrupt(format!("triage reasons: {err}")))?;
                let mut tx = self.begin_write().await?;
                if !Self::apply_changes(&mut tx, &triage.ticket_id, changes, at).await? {
                    return Ok(None);
                }
                if let Some(language) = language {
                    sqlx::query("UPDATE tickets SET language = $2 WHERE id = $1 AND language IS NULL")
                        .bind(&triage.ticket_id)
                        .bind(language)
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query(&format!(
                    "INSERT INTO ticket_triage ({}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    $crate::store::triage_queries::TRIAGE_COLUMNS
                ))
                .bind(&triage.ticket_id)
                .bind(triage.language.as_deref())
                .bind(triage.language_confidence)
                .bind(&triage.sentiment)
                .bind(triage.sentiment_score)
                .bind(triage.suggested_team_id.as_deref())
                .bind(triage.team_confidence)
                .bind(triage.urgency_keyword.as_deref())
                .bind(reasons)
                .bind(triage.learned_team_id.as_deref())
                .bind(triage.created_at)
                .execute(&mut *tx)
                .await?;
                Self::insert_event_rows(&mut tx, events).await?;
                Self::append_live_event(&mut tx, $crate::store::LiveChange::TicketUpdated, &triage.ticket_id, None, at)
                    .await?;
                tx.commit().await?;
                self.live_committed();
                $crate::store::TicketStore::find_ticket(self, &triage.ticket_id).await
            }

            async fn find_ticket_triage(
                &self,
                ticket_id: &str,
            ) -> Result<Option<$crate::store::TicketTriageRecord>, $crate::store::DbError> {
                let sql = format!(
                    "SELECT {} FROM ticket_triage WHERE ticket_id = $1",
                    $crate::store::triage_queries::TRIAGE_COLUMNS
                );
                let row: Option<$crate::store::triage_queries::TriageRow> =
                    sqlx::query_as(&sql).bind(ticket_id).fetch_optional(self.reader()).await?;
                row.map(|row| row.into_record()).transpose()
            }

            async fn list_ticket_sentiments(
                &self,
                ticket_ids: &[String],
            ) -> Result<Vec<(String, String)>, $crate::store::DbError> {
                use $crate::store::assembled_sql::{bind_all, AssembledSql};
                if ticket_ids.is_empty() {
                    return Ok(Vec::new());
                }
                let mut sql = AssembledSql::default();
                let params = ticket_ids.iter().map(|id| sql.text(id)).collect::<Vec<_>>().join(", ");
                let text = format!("SELECT ticket_id, sentiment FROM ticket_triage WHERE ticket_id IN ({params})");
                Ok(bind_all(sqlx::query_as(&text), &sql.binds).fetch_all(self.reader()).await?)
            }

            async fn set_triage_learned_team(
                &self,
                ticket_id: &str,
                team_id: &str,
            ) -> Result<(), $crate::store::DbError> {
                sqlx::query("UPDATE ticket_triage SET learned_team_id = $2 WHERE ticket_id = $1")
                    .bind(ticket_id)
                    .bind(team_id)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn find_triage_model(
                &self,
            ) -> Result<Option<$crate::store::TriageModelRecord>, $crate::store::DbError> {
                let row: Option<(String, chrono::DateTime<chrono::Utc>, i32, i64)> = sqlx::query_as(
                    "SELECT model, trained_at, example_count, revision FROM triage_models WHERE id = 'team'",
                )
                .fetch_optional(self.reader())
                .await?;
                Ok(row.map(|(model, trained_at, example_count, revision)| $crate::store::TriageModelRecord {
                    model,
                    trained_at,
                    example_count: example_count.max(0) as u32,
                    revision,
                }))
            }

            async fn triage_model_revision(&self) -> Result<Option<i64>, $crate::store::DbError> {
                Ok(sqlx::query_scalar("SELECT revision FROM triage_models WHERE id = 'team'")
                    .fetch_optional(self.reader())
                    .await?)
            }

            async fn replace_triage_model(
                &self,
                model: &str,
                trained_at: chrono::DateTime<chrono::Utc>,
                examples: u32,
            ) -> Result<i64, $crate::store::DbError> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO triage_models (id, model, trained_at, example_count, revision) \
                     VALUES ('team', $1, $2, $3, 1) ON CONFLICT (id) DO UPDATE SET model = excluded.model, \
                     trained_at = excluded.trained_at, example_count = excluded.example_count, \
                     revision = triage_models.revision + 1 RETURNING revision",
                )
                .bind(model)
                .bind(trained_at)
                .bind(examples.min(i32::MAX as u32) as i32)
                .fetch_one(self.writer())
                .await?)
            }

            async fn update_triage_model(
                &self,
                expected: Option<i64>,
                model: &str,
                trained_at: chrono::DateTime<chrono::Utc>,
                examples: u32,
            ) -> Result<Option<i64>, $crate::store::DbError> {
                let examples = examples.min(i32::MAX as u32) as i32;
                let query = match expected {
                    Some(_) => sqlx::query_scalar(
                        "UPDATE triage_models SET model = $1, trained_at = $2, example_count = $3, \
                         revision = revision + 1 WHERE id = 'team' AND revision = $4 RETURNING revision",
                    ),
                    None => sqlx::query_scalar(
                        "INSERT INTO triage_models (id, model, trained_at, example_count, revision) \
                         VALUES ('team', $1, $2, $3, 1) ON CONFLICT (id) DO NOTHING RETURNING revision",
                    ),
                };
                let query = query.bind(model).bind(trained_at).bind(examples);
                let query = match expected {
                    Some(revision) => query.bind(revision),
                    None => query,
                };
                Ok(query.fetch_optional(self.writer()).await?)
            }

            async fn list_training_examples(
                &self,
                limit: u32,
            ) -> Result<Vec<$crate::store::TrainingExampleRecord>, $crate::store::DbError> {
                let rows: Vec<(String, String, String, String)> = sqlx::query_as(
                    "SELECT t.id, t.team_id, t.subject, m.body FROM tickets t JOIN messages m ON m.id = \
                     (SELECT f.id FROM messages f WHERE f.ticket_id = t.id AND NOT f.internal \
                      ORDER BY f.created_at, f.id LIMIT 1) \
                     WHERE t.status IN ('resolved', 'closed') AND t.team_id IS NOT NULL AND t.merged_into_id IS NULL \
                     ORDER BY t.created_at, t.id LIMIT $1",
                )
                .bind(i64::from(limit))
                .fetch_all(self.reader())
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(ticket_id, team_id, subject, body)| $crate::store::TrainingExampleRecord {
                        ticket_id,
                        team_id,
                        subject,
                        body,
                    })
                    .collect())
            }
        }
    };
}

pub(crate) use impl_triage_store;
