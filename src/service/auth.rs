//! Signing in and out, registering, and turning a session cookie or bearer token back into an actor.

use chrono::{DateTime, Utc};

use super::secrets::{decoy_hash, random_token, sha256_hex, verify_password};
use super::{now, Actor, ClientInfo, NewUserInput, ServiceError, Services};
use crate::domain::{Email, Role, User};
use crate::store::SessionRecord;

/// A fresh session: the cookie value (shown to the client once, stored only hashed) and the user.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub user: User,
    pub session_token: String,
    pub expires_at: DateTime<Utc>,
}

impl Services {
    /// Checks the credentials and opens a new session (a new id every time: no fixation).
    /// Refuses with 429 once an account or an address has failed too often in the window.
    pub async fn login(&self, email: &str, password: &str, client: &ClientInfo) -> Result<SignedIn, ServiceError> {
        let email = Email::parse(email)?;
        let limits = &self.inner.settings;
        let account_key = format!("login:account:{}", email.as_str());
        let ip_key = client.ip.map(|ip| format!("login:ip:{ip}"));
        let limiter = &self.inner.login_failures;
        limiter
            .check(&account_key, limits.login_failures_per_account)
            .map_err(|retry_after_secs| ServiceError::RateLimited { retry_after_secs })?;
        if let Some(ip_key) = &ip_key {
            limiter
                .check(ip_key, limits.login_failures_per_ip)
                .map_err(|retry_after_secs| ServiceError::RateLimited { retry_after_secs })?;
        }

        let found = self.inner.store.find_credentials(email.as_str()).await?;
        let hash = found.as_ref().map_or_else(|| decoy_hash().to_string(), |(_, hash)| hash.clone());
        let matches = verify_password(password.to_string(), hash).await?;
        let user = match found {
            Some((user, _)) if matches => user,
            _ => {
                limiter.record(&account_key, limits.login_failures_per_account);
                if let Some(ip_key) = &ip_key {
                    limiter.record(ip_key, limits.login_failures_per_ip);
                }
                return Err(ServiceError::InvalidCredentials);
            }
        };
        if !user.active {
            return Err(ServiceError::AccountDeactivated);
        }
        limiter.clear(&account_key);
        self.open_session(user, client).await
    }

    /// Creates a customer account (if registration is open) and signs it in.
    pub async fn register(
        &self,
        name: &str,
        email: &str,
        password: &str,
        client: &ClientInfo,
    ) -> Result<SignedIn, ServiceError> {
        if !self.inner.settings.registration_open {
            return Err(ServiceError::RegistrationClosed);
        }
        let limit = self.inner.settings.registrations_per_ip;
        let ip_key = client.ip.map(|ip| format!("register:ip:{ip}"));
        if let Some(key) = &ip_key {
            self.inner
                .registrations
                .check(key, limit)
                .map_err(|retry_after_secs| ServiceError::RateLimited { retry_after_secs })?;
        }
        let input = NewUserInput {
            name: name.to_string(),
            email: email.to_string(),
            role: Role::Customer.as_str().to_string(),
            password: password.to_string(),
            locale: None,
        };
        let user = self.create_user_as_operator(input).await?;
        if let Some(key) = &ip_key {
            self.inner.registrations.record(key, limit);
        }
        self.open_session(user, client).await
    }

    /// Ends the session behind `session_token`; unknown tokens are ignored (logging out twice is fine).
    pub async fn logout(&self, session_token: &str) -> Result<(), ServiceError> {
        Ok(self.inner.store.delete_session(&sha256_hex(session_token)).await?)
    }

    /// The actor behind a session cookie value, if the session is live and the user active.
    pub async fn authenticate_session(&self, session_token: &str) -> Result<Option<Actor>, ServiceError> {
        let key = sha256_hex(session_token);
        let user = self.inner.store.find_session_user(&key, now()).await?;
        Ok(user.map(|user| Actor { user, session_key: Some(key) }))
    }

    /// The actor behind an API token, if the token exists and its owner is active.
    pub async fn authenticate_token(&self, token: &str) -> Result<Option<Actor>, ServiceError> {
        let Some(owner) = self.inner.store.find_token_owner(&sha256_hex(token)).await? else {
            return Ok(None);
        };
        // Record use at most once a minute, so reads do not turn into writes.
        let now = now();
        if owner.last_used_at.is_none_or(|at| now - at > chrono::Duration::minutes(1)) {
            self.inner.store.touch_api_token(&owner.token_id, now).await?;
        }
        Ok(Some(Actor { user: owner.user, session_key: None }))
    }

    async fn open_session(&self, user: User, client: &ClientInfo) -> Result<SignedIn, ServiceError> {
        let token = random_token("");
        let created_at = now();
        let expires_at = created_at + self.inner.settings.session_ttl;
        let record = SessionRecord {
            key_hash: sha256_hex(&token),
            user_id: user.id.clone(),
            created_at,
            expires_at,
            ip: client.ip.map(|ip| ip.to_string()),
            user_agent: client.user_agent.as_ref().map(|ua| ua.chars().take(300).collect()),
        };
        self.inner.store.insert_session(&record).await?;
        Ok(SignedIn { user, session_token: token, expires_at })
    }
}
