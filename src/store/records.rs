//! Rows as the store reads and writes them. Secrets appear here only as hashes.

use chrono::{DateTime, Utc};

use crate::domain::{Locale, Role, User};

use super::DbError;

#[derive(Clone, Debug)]
pub struct NewUserRecord {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub locale: Locale,
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
}

/// A partial change to a user; `None` leaves a column as it is.
#[derive(Clone, Debug, Default)]
pub struct UserUpdate {
    pub name: Option<String>,
    pub role: Option<Role>,
    pub locale: Option<Locale>,
    pub active: Option<bool>,
    pub password_hash: Option<String>,
    /// Replaces the user's team memberships.
    pub team_ids: Option<Vec<String>>,
    /// Routing capacity.
    pub max_tickets: Option<u32>,
    /// `Some(None)` clears the segment.
    pub segment: Option<Option<String>>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct SessionRecord {
    pub key_hash: String,
    pub user_id: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

#[derive(Clone, Debug)]
pub struct ApiTokenRecord {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub token_hash: String,
    pub created_at: DateTime<Utc>,
}

/// The user behind an API token.
#[derive(Clone, Debug)]
pub struct TokenOwner {
    pub token_id: String,
    pub last_used_at: Option<DateTime<Utc>>,
    pub user: User,
}

/// A `users` row as both backends return it.
#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub locale: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub max_tickets: i32,
    pub segment: Option<String>,
}

/// Users from their rows and `(user_id, team_id)` memberships.
pub(crate) fn users_with_teams(rows: Vec<UserRow>, memberships: &[(String, String)]) -> Result<Vec<User>, DbError> {
    rows.into_iter()
        .map(|row| {
            let teams =
                memberships.iter().filter(|(user_id, _)| *user_id == row.id).map(|(_, team)| team.clone()).collect();
            row.into_user(teams)
        })
        .collect()
}

impl UserRow {
    pub(crate) fn into_user(self, team_ids: Vec<String>) -> Result<User, DbError> {
        let role = Role::parse(&self.role).ok_or_else(|| DbError::Corrupt(format!("role {:?}", self.role)))?;
        let locale =
            Locale::parse(&self.locale).ok_or_else(|| DbError::Corrupt(format!("locale {:?}", self.locale)))?;
        Ok(User {
            id: self.id,
            email: self.email,
            name: self.name,
            role,
            locale,
            active: self.active,
            team_ids,
            created_at: self.created_at,
            max_tickets: u32::try_from(self.max_tickets)
                .map_err(|_| DbError::Corrupt(format!("max_tickets {}", self.max_tickets)))?,
            segment: self.segment,
        })
    }
}
