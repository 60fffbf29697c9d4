//! Managing accounts: admins in the UI and REST, operators on the command line.

use super::secrets::{hash_password, new_id};
use super::{now, Actor, Listed, PageRequest, ServiceError, Services};
use crate::domain::{authorize, Action, Email, FieldError, Locale, Password, PersonName, Role, User};
use crate::store::{DbError, NewUserRecord, UserUpdate};

/// A new account as submitted (raw strings: parsing happens here, once).
#[derive(Clone, Debug, Default)]
pub struct NewUserInput {
    pub name: String,
    pub email: String,
    pub role: String,
    pub password: String,
    pub locale: Option<String>,
}

/// Changes to an account; `None` leaves a value as it is.
#[derive(Clone, Debug, Default)]
pub struct UserChanges {
    pub name: Option<String>,
    pub role: Option<String>,
    pub active: Option<bool>,
    pub team_ids: Option<Vec<String>>,
    pub locale: Option<String>,
    pub password: Option<String>,
    /// Routing capacity: the most tickets plus chats at once, 0 to 10 000.
    pub max_tickets: Option<i64>,
    /// A customer segment such as `vip`; `Some(None)` clears it.
    pub segment: Option<Option<String>>,
}

/// The highest routing capacity accepted.
const MAX_CAPACITY: i64 = 10_000;
/// The longest segment name accepted.
const MAX_SEGMENT_CHARS: usize = 40;

impl Services {
    pub async fn list_users(&self, actor: &Actor, page: PageRequest) -> Result<Listed<User>, ServiceError> {
        authorize(actor.user.role, Action::ListUsers)?;
        let (items, total) = self.inner.store.list_users(page.per_page, page.offset()).await?;
        Ok(Listed { items, total })
    }

    pub async fn create_user(&self, actor: &Actor, input: NewUserInput) -> Result<User, ServiceError> {
        authorize(actor.user.role, Action::ManageUsers)?;
        self.create_user_as_operator(input).await
    }

    /// Creates an account without an acting user: for the command line, the first admin and registration.
    pub async fn create_user_as_operator(&self, input: NewUserInput) -> Result<User, ServiceError> {
        let name = PersonName::parse(&input.name)?;
        let email = Email::parse(&input.email)?;
        let role = parse_role(&input.role)?;
        let locale = input.locale.as_deref().map(parse_locale).transpose()?.unwrap_or_default();
        let password = Password::parse(&input.password)?;
        let record = NewUserRecord {
            id: new_id(),
            email: email.into_string(),
            name: name.into_string(),
            role,
            locale,
            password_hash: hash_password(password.expose().to_string()).await?,
            created_at: now(),
        };
        match self.inner.store.insert_user(&record).await {
            Ok(()) => {}
            Err(DbError::Conflict(_)) => return Err(email_taken()),
            Err(err) => return Err(err.into()),
        }
        self.inner.store.find_user(&record.id).await?.ok_or(ServiceError::NotFound("user"))
    }

    /// Applies an admin's changes. Deactivating or re-roling someone ends their sessions; the last
    /// active admin can be neither demoted nor deactivated, so nobody locks the instance out.
    pub async fn update_user(&self, actor: &Actor, id: &str, changes: UserChanges) -> Result<User, ServiceError> {
        authorize(actor.user.role, Action::ManageUsers)?;
        let current = self.inner.store.find_user(id).await?.ok_or(ServiceError::NotFound("user"))?;
        let update = UserUpdate {
            name: changes.name.as_deref().map(PersonName::parse).transpose()?.map(PersonName::into_string),
            role: changes.role.as_deref().map(parse_role).transpose()?,
            locale: changes.locale.as_deref().map(parse_locale).transpose()?,
            active: changes.active,
            password_hash: match changes.password.as_deref().map(Password::parse).transpose()? {
                Some(password) => Some(hash_password(password.expose().to_string()).await?),
                None => None,
            },
            team_ids: changes.team_ids.clone(),
            max_tickets: changes.max_tickets.map(parse_capacity).transpose()?,
            segment: changes.segment.map(|segment| segment.as_deref().map_or(Ok(None), parse_segment)).transpose()?,
            updated_at: now(),
        };
        let loses_admin = current.role == Role::Admin
            && current.active
            && (update.role.is_some_and(|role| role != Role::Admin) || update.active == Some(false));
        if loses_admin && self.inner.store.count_active_admins().await? <= 1 {
            return Err(ServiceError::Conflict {
                code: "last_admin",
                field: None,
                message: "This is the last active admin. Make someone else an admin first.".into(),
            });
        }
        let updated = match self.inner.store.update_user(id, &update).await {
            Ok(user) => user.ok_or(ServiceError::NotFound("user"))?,
            Err(DbError::MissingReference(_)) => {
                return Err(FieldError::new("team_ids", "unknown_team", "One of the teams does not exist.").into())
            }
            Err(err) => return Err(err.into()),
        };
        let role_changed = update.role.is_some_and(|role| role != current.role);
        if update.active == Some(false) || role_changed || update.password_hash.is_some() {
            self.inner.store.delete_user_sessions(id, None).await?;
        }
        if update.max_tickets.is_some_and(|max| max > current.max_tickets) || update.team_ids.is_some() {
            // More room, or new teams: their queues may move on.
            self.drain_queues_of(id).await;
        }
        if update.active == Some(false) || role_changed {
            // Rules that assign to or notify this person are disabled with a warning, not skipped silently.
            self.check_rules_health().await?;
        }
        Ok(updated)
    }

    /// Creates the first admin from configuration when the instance has no active admin yet.
    /// Returns the new admin, or `None` when one already exists.
    pub async fn ensure_first_admin(&self, email: &str, password: &str) -> Result<Option<User>, ServiceError> {
        if self.inner.store.count_active_admins().await? > 0 {
            return Ok(None);
        }
        let name = email.split('@').next().unwrap_or("Admin").to_string();
        let input = NewUserInput {
            name,
            email: email.to_string(),
            role: Role::Admin.as_str().to_string(),
            password: password.to_string(),
            locale: None,
        };
        self.create_user_as_operator(input).await.map(Some)
    }
}

fn parse_role(raw: &str) -> Result<Role, FieldError> {
    Role::parse(raw.trim())
        .ok_or_else(|| FieldError::new("role", "unknown_role", "Choose one of: customer, agent, supervisor, admin."))
}

fn parse_locale(raw: &str) -> Result<Locale, FieldError> {
    Locale::parse(raw).ok_or_else(|| FieldError::new("locale", "unknown_locale", "Choose one of: en, de."))
}

fn parse_capacity(raw: i64) -> Result<u32, FieldError> {
    if (0..=MAX_CAPACITY).contains(&raw) {
        Ok(raw as u32)
    } else {
        Err(FieldError::new("max_tickets", "invalid_max_tickets", format!("Give a capacity from 0 to {MAX_CAPACITY}.")))
    }
}

/// A segment as stored: trimmed and lower case; empty means none.
fn parse_segment(raw: &str) -> Result<Option<String>, FieldError> {
    let segment = raw.trim().to_lowercase();
    if segment.is_empty() {
        return Ok(None);
    }
    let allowed = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    if segment.chars().count() > MAX_SEGMENT_CHARS || !segment.chars().all(allowed) {
        return Err(FieldError::new(
            "segment",
            "invalid_segment",
            format!("Give a segment of up to {MAX_SEGMENT_CHARS} letters, digits, - or _, such as vip."),
        ));
    }
    Ok(Some(segment))
}

fn email_taken() -> ServiceError {
    ServiceError::Conflict {
        code: "email_taken",
        field: Some("email"),
        message: "An account with this email already exists.".into(),
    }
}
