//! Contacts across channels: merging two contacts that turned out to be one person (the email customer who later
//! wrote on WhatsApp), so their identities, tickets and widget conversations are one contact's.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::DbError;

#[async_trait]
pub trait ContactStore {
    /// Moves everything of contact `source` to `target` in one transaction: identities, tickets they asked,
    /// widget sessions; then deactivates `source` and ends its sign-in sessions. The ids of the tickets moved.
    async fn merge_contacts(&self, source: &str, target: &str, at: DateTime<Utc>) -> Result<Vec<String>, DbError>;
}

/// Implements [`ContactStore`] for a backend with `begin_write` and `append_live_event`.
macro_rules! impl_contact_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::ContactStore for $store {
            async fn merge_contacts(
                &self,
                source: &str,
                target: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<Vec<String>, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                // The merged account's own address becomes an identity of the kept contact, so its mail finds it.
                sqlx::query(
                    "INSERT INTO contact_identities (kind, address, user_id, created_at) \
                     SELECT 'email', LOWER(email), $2, $3 FROM users WHERE id = $1 AND email NOT LIKE '%.invalid' \
                     ON CONFLICT (kind, address) DO NOTHING",
                )
                .bind(source)
                .bind(target)
                .bind(at)
                .execute(&mut *tx)
                .await?;
                let moved: Vec<String> =
                    sqlx::query_scalar("UPDATE tickets SET requester_id = $2 WHERE requester_id = $1 RETURNING id")
                        .bind(source)
                        .bind(target)
                        .fetch_all(&mut *tx)
                        .await?;
                for statement in [
                    "UPDATE contact_identities SET user_id = $2 WHERE user_id = $1",
                    "UPDATE widget_sessions SET contact_id = $2 WHERE contact_id = $1",
                ] {
                    sqlx::query(statement).bind(source).bind(target).execute(&mut *tx).await?;
                }
                sqlx::query("UPDATE users SET active = FALSE WHERE id = $1").bind(source).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(source).execute(&mut *tx).await?;
                for ticket_id in &moved {
                    Self::append_live_event(&mut tx, $crate::store::LiveChange::TicketUpdated, ticket_id, None, at)
                        .await?;
                }
                tx.commit().await?;
                Ok(moved)
            }
        }
    };
}
pub(crate) use impl_contact_store;
