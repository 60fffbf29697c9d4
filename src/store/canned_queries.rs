//! Canned responses in the store, written once over `$n` SQL for both backends (see `queries.rs`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::DbError;

#[derive(Clone, Debug)]
pub struct NewCannedResponseRecord {
    pub id: String,
    pub owner_id: String,
    pub title: String,
    pub body: String,
    pub shared: bool,
    pub created_at: DateTime<Utc>,
}

/// A stored canned response with its owner's name.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CannedResponseRecord {
    pub id: String,
    pub owner_id: String,
    pub owner_name: String,
    pub title: String,
    pub body: String,
    pub shared: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A change to a canned response; `None` leaves a column as it is.
#[derive(Clone, Debug)]
pub struct CannedResponseUpdate {
    pub title: Option<String>,
    pub body: Option<String>,
    pub shared: Option<bool>,
    pub updated_at: DateTime<Utc>,
}

#[async_trait]
pub trait CannedResponseStore: Send + Sync {
    async fn insert_canned_response(&self, record: &NewCannedResponseRecord) -> Result<CannedResponseRecord, DbError>;
    async fn find_canned_response(&self, id: &str) -> Result<Option<CannedResponseRecord>, DbError>;
    /// The viewer's own responses and every shared one, by title (ignoring case) then id. With `search`,
    /// only those whose title or body contains it, ignoring case; the text is bound, `%` and `_` match
    /// themselves.
    async fn list_canned_responses(
        &self,
        viewer_id: &str,
        search: Option<&str>,
    ) -> Result<Vec<CannedResponseRecord>, DbError>;
    /// `None` if there is no such response.
    async fn update_canned_response(
        &self,
        id: &str,
        changes: &CannedResponseUpdate,
    ) -> Result<Option<CannedResponseRecord>, DbError>;
    /// Whether there was such a response.
    async fn delete_canned_response(&self, id: &str) -> Result<bool, DbError>;
}

pub(crate) const CANNED_SELECT: &str = "SELECT c.id, c.owner_id, u.name AS owner_name, c.title, c.body, c.shared, \
     c.created_at, c.updated_at FROM canned_responses c JOIN users u ON u.id = c.owner_id";

/// Implements [`CannedResponseStore`] for a backend struct with `reader()` and `writer()`.
macro_rules! impl_canned_response_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::CannedResponseStore for $store {
            async fn insert_canned_response(
                &self,
                record: &$crate::store::NewCannedResponseRecord,
            ) -> Result<$crate::store::CannedResponseRecord, $crate::store::DbError> {
                sqlx::query(
                    "INSERT INTO canned_responses (id, owner_id, title, body, shared, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $6)",
                )
                .bind(&record.id)
                .bind(&record.owner_id)
                .bind(&record.title)
                .bind(&record.body)
                .bind(record.shared)
                .bind(record.created_at)
                .execute(self.writer())
                .await?;
                self.find_canned_response(&record.id)
                    .await?
                    .ok_or_else(|| $crate::store::DbError::Corrupt(format!("canned response {} vanished", record.id)))
            }

            async fn find_canned_response(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::CannedResponseRecord>, $crate::store::DbError> {
                let sql = format!("{} WHERE c.id = $1", $crate::store::canned_queries::CANNED_SELECT);
                Ok(sqlx::query_as(&sql).bind(id).fetch_optional(self.reader()).await?)
            }

            async fn list_canned_responses(
                &self,
                viewer_id: &str,
                search: Option<&str>,
            ) -> Result<Vec<$crate::store::CannedResponseRecord>, $crate::store::DbError> {
                use $crate::store::like::{contains_condition, contains_pattern};
                let visible = "(c.owner_id = $1 OR c.shared)";
                let mut records: Vec<$crate::store::CannedResponseRecord> = match search {
                    None => {
                        let sql = format!("{} WHERE {visible}", $crate::store::canned_queries::CANNED_SELECT);
                        sqlx::query_as(&sql).bind(viewer_id).fetch_all(self.reader()).await?
                    }
                    Some(needle) => {
                        let sql = format!(
                            "{} WHERE {visible} AND ({} OR {})",
                            $crate::store::canned_queries::CANNED_SELECT,
                            contains_condition("c.title", "$2"),
                            contains_condition("c.body", "$2"),
                        );
                        sqlx::query_as(&sql)
                            .bind(viewer_id)
                            .bind(contains_pattern(needle))
                            .fetch_all(self.reader())
                            .await?
                    }
                };
                // Sorted here rather than in SQL: the backends' collations would order titles differently.
                records.sort_by_cached_key(|record| {
                    (record.title.to_lowercase(), record.title.clone(), record.id.clone())
                });
                Ok(records)
            }

            async fn update_canned_response(
                &self,
                id: &str,
                changes: &$crate::store::CannedResponseUpdate,
            ) -> Result<Option<$crate::store::CannedResponseRecord>, $crate::store::DbError> {
                let done = sqlx::query(
                    "UPDATE canned_responses SET title = COALESCE($2, title), body = COALESCE($3, body), \
                     shared = COALESCE($4, shared), updated_at = $5 WHERE id = $1",
                )
                .bind(id)
                .bind(changes.title.as_deref())
                .bind(changes.body.as_deref())
                .bind(changes.shared)
                .bind(changes.updated_at)
                .execute(self.writer())
                .await?;
                if done.rows_affected() == 0 {
                    return Ok(None);
                }
                self.find_canned_response(id).await
            }

            async fn delete_canned_response(&self, id: &str) -> Result<bool, $crate::store::DbError> {
                let done =
                    sqlx::query("DELETE FROM canned_responses WHERE id = $1").bind(id).execute(self.writer()).await?;
                Ok(done.rows_affected() > 0)
            }
        }
    };
}

pub(crate) use impl_canned_response_store;
