//! What signed-in users do with their own account.

use super::secrets::{hash_password, verify_password};
use super::{now, Actor, ServiceError, Services};
use crate::domain::{authorize, Action, FieldError, Locale, Password, User};
use crate::store::UserUpdate;

impl Services {
    /// Changes the actor's password after checking the current one, and signs out every other session.
    pub async fn change_password(&self, actor: &Actor, current: &str, new: &str) -> Result<(), ServiceError> {
        authorize(actor.user.role, Action::ManageOwnAccount)?;
        let new = Password::parse(new).map_err(|err| FieldError { field: "new_password", ..err })?;
        let hash = self.inner.store.find_password_hash(&actor.user.id).await?.ok_or(ServiceError::Unauthenticated)?;
        if !verify_password(current.to_string(), hash).await? {
            return Err(
                FieldError::new("current_password", "wrong_password", "The current password is not correct.").into()
            );
        }
        let update = UserUpdate {
            password_hash: Some(hash_password(new.expose().to_string()).await?),
            updated_at: now(),
            ..UserUpdate::default()
        };
        self.inner.store.update_user(&actor.user.id, &update).await?;
        self.inner.store.delete_user_sessions(&actor.user.id, actor.session_key.as_deref()).await?;
        Ok(())
    }

    /// Saves the actor's preferred language.
    pub async fn set_own_locale(&self, actor: &Actor, locale: Locale) -> Result<User, ServiceError> {
        authorize(actor.user.role, Action::ManageOwnAccount)?;
        let update = UserUpdate { locale: Some(locale), updated_at: now(), ..UserUpdate::default() };
        self.inner.store.update_user(&actor.user.id, &update).await?.ok_or(ServiceError::Unauthenticated)
    }
}
