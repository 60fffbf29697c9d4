//! Scheduled reports: which weekly report has gone to whom, so each supervisor gets each week's report once,
//! whichever instance sends it, and a failed send can be tried again.

use chrono::{DateTime, Utc};

use super::DbError;

#[async_trait::async_trait]
pub trait ReportStore: Send + Sync {
    /// Takes the sending of `week`'s report to the user: `true` for the one caller that took it, `false` when it
    /// was taken before (by this or another instance).
    async fn claim_weekly_report(&self, week: &str, user_id: &str, at: DateTime<Utc>) -> Result<bool, DbError>;
    /// Gives the sending back after it failed, so a later round tries again.
    async fn release_weekly_report(&self, week: &str, user_id: &str) -> Result<(), DbError>;
}

/// Implements [`ReportStore`] for a backend struct with `writer()`.
macro_rules! impl_report_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::ReportStore for $store {
            async fn claim_weekly_report(
                &self,
                week: &str,
                user_id: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::DbError> {
                let claimed = sqlx::query(
                    "INSERT INTO weekly_report_deliveries (week, user_id, claimed_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (week, user_id) DO NOTHING",
                )
                .bind(week)
                .bind(user_id)
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(claimed.rows_affected() == 1)
            }

            async fn release_weekly_report(&self, week: &str, user_id: &str) -> Result<(), $crate::store::DbError> {
                sqlx::query("DELETE FROM weekly_report_deliveries WHERE week = $1 AND user_id = $2")
                    .bind(week)
                    .bind(user_id)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_report_store;
