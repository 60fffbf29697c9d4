//! The SQL both backends share, and the one `Store` implementation written over it.
//!
//! Placeholders are `$n`, which SQLite and PostgreSQL both accept, so each query is written once. The
//! backends differ only in how they hand out connections (`reader`, `writer`, `begin_write`), which each
//! backend module provides before invoking [`impl_store!`].

pub(crate) const USER_COLUMNS: &str = "id, email, name, role, locale, active, created_at, max_tickets, segment";

pub(crate) const INSERT_USER: &str = "INSERT INTO users (id, email, name, role, locale, password_hash, active, \
     created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7, $7)";
pub(crate) const UPDATE_USER: &str = "UPDATE users SET name = COALESCE($2, name), role = COALESCE($3, role), \
     locale = COALESCE($4, locale), active = COALESCE($5, active), password_hash = COALESCE($6, password_hash), \
     updated_at = $7, max_tickets = COALESCE($8, max_tickets), segment = CASE WHEN $9 THEN $10 ELSE segment END \
     WHERE id = $1";
pub(crate) const USER_TEAM_IDS: &str = "SELECT team_id FROM team_members WHERE user_id = $1 ORDER BY team_id";
pub(crate) const PAGE_TEAM_IDS: &str = "SELECT m.user_id, m.team_id FROM team_members m JOIN \
     (SELECT id FROM users ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2) p ON p.id = m.user_id \
     ORDER BY m.team_id";
pub(crate) const FIND_SESSION_USER: &str = "SELECT u.id, u.email, u.name, u.role, u.locale, u.active, u.created_at, \
     u.max_tickets, u.segment FROM sessions s JOIN users u ON u.id = s.user_id \
     WHERE s.key_hash = $1 AND s.expires_at > $2 AND u.active";
pub(crate) const FIND_TOKEN_OWNER: &str = "SELECT t.id AS token_id, t.last_used_at, u.id, u.email, u.name, u.role, \
     u.locale, u.active, u.created_at, u.max_tickets, u.segment FROM api_tokens t JOIN users u ON u.id = t.user_id \
     WHERE t.token_hash = $1 AND u.active";

/// Implements [`crate::store::Store`] for a backend struct that has `reader()`, `writer()` and `begin_write()`.
macro_rules! impl_store {
    ($store:ty, $backend:expr) => {
        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            fn backend(&self) -> $crate::store::Backend {
                $backend
            }

            async fn ping(&self) -> Result<(), $crate::store::DbError> {
                sqlx::query("SELECT 1").execute(self.reader()).await?;
                Ok(())
            }

            async fn insert_user(&self, user: &$crate::store::NewUserRecord) -> Result<(), $crate::store::DbError> {
                sqlx::query($crate::store::queries::INSERT_USER)
                    .bind(&user.id)
                    .bind(&user.email)
                    .bind(&user.name)
                    .bind(user.role.as_str())
                    .bind(user.locale.as_str())
                    .bind(&user.password_hash)
                    .bind(user.created_at)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn find_user(&self, id: &str) -> Result<Option<$crate::domain::User>, $crate::store::DbError> {
                let sql = format!("SELECT {} FROM users WHERE id = $1", $crate::store::queries::USER_COLUMNS);
                let row = sqlx::query_as::<_, $crate::store::records::UserRow>(&sql)
                    .bind(id)
                    .fetch_optional(self.reader())
                    .await?;
                self.with_teams(row).await
            }

            async fn find_credentials(
                &self,
                email: &str,
            ) -> Result<Option<($crate::domain::User, String)>, $crate::store::DbError> {
                let sql = format!("SELECT {} FROM users WHERE email = $1", $crate::store::queries::USER_COLUMNS);
                let Some(row) = sqlx::query_as::<_, $crate::store::records::UserRow>(&sql)
                    .bind(email)
                    .fetch_optional(self.reader())
                    .await?
                else {
                    return Ok(None);
                };
                let hash = self.find_password_hash(&row.id).await?.unwrap_or_default();
                let teams = self.team_ids_of(&row.id).await?;
                Ok(Some((row.into_user(teams)?, hash)))
            }

            async fn find_password_hash(&self, user_id: &str) -> Result<Option<String>, $crate::store::DbError> {
                Ok(sqlx::query_scalar::<_, String>("SELECT password_hash FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(self.reader())
                    .await?)
            }

            async fn list_users(
                &self,
                limit: u32,
                offset: u64,
            ) -> Result<(Vec<$crate::domain::User>, u64), $crate::store::DbError> {
                let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE id <> 'automation'").fetch_one(self.reader()).await?;
                let sql = format!(
                    "SELECT {} FROM users WHERE id <> 'automation' ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2",
                    $crate::store::queries::USER_COLUMNS
                );
                let rows = sqlx::query_as::<_, $crate::store::records::UserRow>(&sql)
                    .bind(i64::from(limit))
                    .bind(offset as i64)
                    .fetch_all(self.reader())
                    .await?;
                let memberships: Vec<(String, String)> = sqlx::query_as($crate::store::queries::PAGE_TEAM_IDS)
                    .bind(i64::from(limit))
                    .bind(offset as i64)
                    .fetch_all(self.reader())
                    .await?;
                let users = $crate::store::records::users_with_teams(rows, &memberships)?;
                Ok((users, total as u64))
            }

            async fn list_active_staff(&self) -> Result<Vec<$crate::domain::User>, $crate::store::DbError> {
                let sql = format!(
                    "SELECT {} FROM users WHERE active AND role IN ('agent', 'supervisor', 'admin') ORDER BY id",
                    $crate::store::queries::USER_COLUMNS
                );
                let rows = sqlx::query_as::<_, $crate::store::records::UserRow>(&sql).fetch_all(self.reader()).await?;
                let memberships: Vec<(String, String)> = sqlx::query_as(
                    "SELECT m.user_id, m.team_id FROM team_members m JOIN users u ON u.id = m.user_id \
                     WHERE u.active AND u.role IN ('agent', 'supervisor', 'admin') ORDER BY m.team_id",
                )
                .fetch_all(self.reader())
                .await?;
                $crate::store::records::users_with_teams(rows, &memberships)
            }

            async fn find_users(&self, ids: &[String]) -> Result<Vec<$crate::domain::User>, $crate::store::DbError> {
                use $crate::store::assembled_sql::{bind_all, AssembledSql};
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let mut sql = AssembledSql::default();
                let params = ids.iter().map(|id| sql.text(id)).collect::<Vec<_>>().join(", ");
                let text = format!("SELECT {} FROM users WHERE id IN ({params})", $crate::store::queries::USER_COLUMNS);
                let rows: Vec<$crate::store::records::UserRow> =
                    bind_all(sqlx::query_as(&text), &sql.binds).fetch_all(self.reader()).await?;
                let text =
                    format!("SELECT user_id, team_id FROM team_members WHERE user_id IN ({params}) ORDER BY team_id");
                let memberships: Vec<(String, String)> =
                    bind_all(sqlx::query_as(&text), &sql.binds).fetch_all(self.reader()).await?;
                $crate::store::records::users_with_teams(rows, &memberships)
            }

            async fn count_active_admins(&self) -> Result<u64, $crate::store::DbError> {
                let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active")
                    .fetch_one(self.reader())
                    .await?;
                Ok(count as u64)
            }

            async fn update_user(
                &self,
                id: &str,
                update: &$crate::store::UserUpdate,
            ) -> Result<Option<$crate::domain::User>, $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                let changed = sqlx::query($crate::store::queries::UPDATE_USER)
                    .bind(id)
                    .bind(update.name.as_deref())
                    .bind(update.role.map(|role| role.as_str()))
                    .bind(update.locale.map(|locale| locale.as_str()))
                    .bind(update.active)
                    .bind(update.password_hash.as_deref())
                    .bind(update.updated_at)
                    .bind(update.max_tickets.map(|max| max as i32))
                    .bind(update.segment.is_some())
                    .bind(update.segment.clone().flatten())
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if changed == 0 {
                    return Ok(None);
                }
                if let Some(team_ids) = &update.team_ids {
                    sqlx::query("DELETE FROM team_members WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
                    for team_id in team_ids {
                        sqlx::query("INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)")
                            .bind(team_id)
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                tx.commit().await?;
                self.find_user(id).await
            }

            async fn insert_session(
                &self,
                session: &$crate::store::SessionRecord,
            ) -> Result<(), $crate::store::DbError> {
                sqlx::query(
                    "INSERT INTO sessions (key_hash, user_id, created_at, expires_at, ip, user_agent) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&session.key_hash)
                .bind(&session.user_id)
                .bind(session.created_at)
                .bind(session.expires_at)
                .bind(session.ip.as_deref())
                .bind(session.user_agent.as_deref())
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn find_session_user(
                &self,
                key_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<$crate::domain::User>, $crate::store::DbError> {
                let row =
                    sqlx::query_as::<_, $crate::store::records::UserRow>($crate::store::queries::FIND_SESSION_USER)
                        .bind(key_hash)
                        .bind(now)
                        .fetch_optional(self.reader())
                        .await?;
                self.with_teams(row).await
            }

            async fn delete_session(&self, key_hash: &str) -> Result<(), $crate::store::DbError> {
                sqlx::query("DELETE FROM sessions WHERE key_hash = $1").bind(key_hash).execute(self.writer()).await?;
                Ok(())
            }

            async fn delete_user_sessions(
                &self,
                user_id: &str,
                keep: Option<&str>,
            ) -> Result<u64, $crate::store::DbError> {
                let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND key_hash <> COALESCE($2, '')")
                    .bind(user_id)
                    .bind(keep)
                    .execute(self.writer())
                    .await?;
                Ok(done.rows_affected())
            }

            async fn delete_expired_sessions(
                &self,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<u64, $crate::store::DbError> {
                let done =
                    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(self.writer()).await?;
                Ok(done.rows_affected())
            }

            async fn insert_api_token(
                &self,
                token: &$crate::store::ApiTokenRecord,
            ) -> Result<(), $crate::store::DbError> {
                sqlx::query(
                    "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&token.id)
                .bind(&token.user_id)
                .bind(&token.name)
                .bind(&token.token_hash)
                .bind(token.created_at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn find_token_owner(
                &self,
                token_hash: &str,
            ) -> Result<Option<$crate::store::TokenOwner>, $crate::store::DbError> {
                use sqlx::Row as _;
                let Some(row) = sqlx::query($crate::store::queries::FIND_TOKEN_OWNER)
                    .bind(token_hash)
                    .fetch_optional(self.reader())
                    .await?
                else {
                    return Ok(None);
                };
                let token_id: String = row.try_get("token_id")?;
                let last_used_at = row.try_get("last_used_at")?;
                let user_row = <$crate::store::records::UserRow as sqlx::FromRow<_>>::from_row(&row)?;
                let teams = self.team_ids_of(&user_row.id).await?;
                Ok(Some($crate::store::TokenOwner { token_id, last_used_at, user: user_row.into_user(teams)? }))
            }

            async fn touch_api_token(
                &self,
                id: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::DbError> {
                sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")
                    .bind(id)
                    .bind(now)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn list_api_tokens(
                &self,
                user_id: &str,
            ) -> Result<Vec<$crate::domain::ApiToken>, $crate::store::DbError> {
                let rows: Vec<(String, String, chrono::DateTime<chrono::Utc>, Option<chrono::DateTime<chrono::Utc>>)> =
                    sqlx::query_as(
                        "SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 \
                         ORDER BY created_at DESC, id DESC",
                    )
                    .bind(user_id)
                    .fetch_all(self.reader())
                    .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, name, created_at, last_used_at)| $crate::domain::ApiToken {
                        id,
                        name,
                        created_at,
                        last_used_at,
                    })
                    .collect())
            }

            async fn delete_api_token(&self, user_id: &str, id: &str) -> Result<bool, $crate::store::DbError> {
                let done = sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2")
                    .bind(id)
                    .bind(user_id)
                    .execute(self.writer())
                    .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn insert_team(
                &self,
                team: &$crate::domain::Team,
                created_at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::DbError> {
                sqlx::query("INSERT INTO teams (id, name, name_key, created_at) VALUES ($1, $2, $3, $4)")
                    .bind(&team.id)
                    .bind(&team.name)
                    .bind(team.name.to_lowercase())
                    .bind(created_at)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn list_teams(&self) -> Result<Vec<$crate::domain::Team>, $crate::store::DbError> {
                let rows: Vec<(String, String)> =
                    sqlx::query_as("SELECT id, name FROM teams ORDER BY name_key").fetch_all(self.reader()).await?;
                Ok(rows.into_iter().map(|(id, name)| $crate::domain::Team { id, name }).collect())
            }
        }

        impl $store {
            /// Completes a `users` row with the user's team ids.
            async fn with_teams(
                &self,
                row: Option<$crate::store::records::UserRow>,
            ) -> Result<Option<$crate::domain::User>, $crate::store::DbError> {
                match row {
                    None => Ok(None),
                    Some(row) => {
                        let teams = self.team_ids_of(&row.id).await?;
                        Ok(Some(row.into_user(teams)?))
                    }
                }
            }

            async fn team_ids_of(&self, user_id: &str) -> Result<Vec<String>, $crate::store::DbError> {
                Ok(sqlx::query_scalar::<_, String>($crate::store::queries::USER_TEAM_IDS)
                    .bind(user_id)
                    .fetch_all(self.reader())
                    .await?)
            }
        }
    };
}

pub(crate) use impl_store;
