//! CSAT surveys in the store (sent once per ticket, answered once, by a link whose token only its hash is kept of)
//! and the installation's secrets (the survey links' signing key). Written once over `$n` SQL for both backends.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::analytics_records::CsatSurveyRecord;
use super::DbError;

#[async_trait]
pub trait CsatSurveyStore: Send + Sync {
    /// Stores a sent survey. `Conflict` when the ticket already has one (a survey is never sent twice) or the token
    /// hash is taken; `MissingReference` for an unknown ticket.
    async fn insert_csat_survey(&self, survey: &CsatSurveyRecord) -> Result<(), DbError>;
    async fn find_ticket_csat_survey(&self, ticket_id: &str) -> Result<Option<CsatSurveyRecord>, DbError>;
    /// The survey whose link token hashes to `token_hash` (SHA-256, hex).
    async fn find_csat_survey_by_token_hash(&self, token_hash: &str) -> Result<Option<CsatSurveyRecord>, DbError>;
    /// Records the answer to the survey whose token hashes to `token_hash`, if it exists, is unanswered and has not
    /// expired at `at`, in one statement (a token works once, even when used twice at the same moment). `None`
    /// otherwise, without saying which.
    async fn answer_csat_survey(
        &self,
        token_hash: &str,
        rating: u8,
        comment: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<Option<CsatSurveyRecord>, DbError>;

    /// The installation's secret called `name`: `candidate`, stored now, if none was stored before; otherwise the
    /// one stored first, so every instance ends up with the same.
    async fn find_or_insert_instance_secret(
        &self,
        name: &str,
        candidate: &str,
        at: DateTime<Utc>,
    ) -> Result<String, DbError>;
}

pub(crate) const SURVEY_COLUMNS: &str =
    "id, ticket_id, token_hash, channel, sent_at, expires_at, answered_at, rating, comment";

/// Implements [`CsatSurveyStore`] for a backend struct with `reader()` and `writer()`.
macro_rules! impl_csat_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::CsatSurveyStore for $store {
            async fn insert_csat_survey(
                &self,
                survey: &$crate::store::CsatSurveyRecord,
            ) -> Result<(), $crate::store::DbError> {
                sqlx::query(
                    "INSERT INTO csat_surveys (id, ticket_id, token_hash, channel, sent_at, expires_at, answered_at, \
                     rating, comment) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(&survey.id)
                .bind(&survey.ticket_id)
                .bind(&survey.token_hash)
                .bind(&survey.channel)
                .bind(survey.sent_at)
                .bind(survey.expires_at)
                .bind(survey.answered_at)
                .bind(survey.rating)
                .bind(survey.comment.as_deref())
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn find_ticket_csat_survey(
                &self,
                ticket_id: &str,
            ) -> Result<Option<$crate::store::CsatSurveyRecord>, $crate::store::DbError> {
                let sql = format!(
                    "SELECT {} FROM csat_surveys WHERE ticket_id = $1",
                    $crate::store::csat_queries::SURVEY_COLUMNS
                );
                Ok(sqlx::query_as(&sql).bind(ticket_id).fetch_optional(self.reader()).await?)
            }

            async fn find_csat_survey_by_token_hash(
                &self,
                token_hash: &str,
            ) -> Result<Option<$crate::store::CsatSurveyRecord>, $crate::store::DbError> {
                let sql = format!(
                    "SELECT {} FROM csat_surveys WHERE token_hash = $1",
                    $crate::store::csat_queries::SURVEY_COLUMNS
                );
                Ok(sqlx::query_as(&sql).bind(token_hash).fetch_optional(self.reader()).await?)
            }

            async fn answer_csat_survey(
                &self,
                token_hash: &str,
                rating: u8,
                comment: Option<&str>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<$crate::store::CsatSurveyRecord>, $crate::store::DbError> {
                let sql = format!(
                    "UPDATE csat_surveys SET answered_at = $2, rating = $3, comment = $4 \
                     WHERE token_hash = $1 AND answered_at IS NULL AND expires_at > $2 RETURNING {}",
                    $crate::store::csat_queries::SURVEY_COLUMNS
                );
                Ok(sqlx::query_as(&sql)
                    .bind(token_hash)
                    .bind(at)
                    .bind(i32::from(rating))
                    .bind(comment)
                    .fetch_optional(self.writer())
                    .await?)
            }

            async fn find_or_insert_instance_secret(
                &self,
                name: &str,
                candidate: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<String, $crate::store::DbError> {
                sqlx::query(
                    "INSERT INTO instance_secrets (name, value, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (name) DO NOTHING",
                )
                .bind(name)
                .bind(candidate)
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(sqlx::query_scalar("SELECT value FROM instance_secrets WHERE name = $1")
                    .bind(name)
                    .fetch_one(self.writer())
                    .await?)
            }
        }
    };
}

pub(crate) use impl_csat_store;
