//! API tokens: created by staff for integrations, shown once, stored hashed.

use super::secrets::{new_id, random_token, sha256_hex};
use super::{now, Actor, ServiceError, Services};
use crate::domain::{authorize, Action, ApiToken, FieldError, NewApiToken};
use crate::store::ApiTokenRecord;

impl Services {
    pub async fn create_api_token(&self, actor: &Actor, name: &str) -> Result<NewApiToken, ServiceError> {
        authorize(actor.user.role, Action::ManageOwnApiTokens)?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(
                FieldError::new("name", "invalid_token_name", "Give the token a name of 1 to 80 characters.").into()
            );
        }
        let token = random_token("tid_");
        let record = ApiTokenRecord {
            id: new_id(),
            user_id: actor.user.id.clone(),
            name: name.to_string(),
            token_hash: sha256_hex(&token),
            created_at: now(),
        };
        self.inner.store.insert_api_token(&record).await?;
        Ok(NewApiToken { id: record.id, name: record.name, token })
    }

    pub async fn list_api_tokens(&self, actor: &Actor) -> Result<Vec<ApiToken>, ServiceError> {
        authorize(actor.user.role, Action::ManageOwnApiTokens)?;
        Ok(self.inner.store.list_api_tokens(&actor.user.id).await?)
    }

    /// Revokes one of the actor's own tokens; someone else's is reported as not found.
    pub async fn revoke_api_token(&self, actor: &Actor, id: &str) -> Result<(), ServiceError> {
        authorize(actor.user.role, Action::ManageOwnApiTokens)?;
        if self.inner.store.delete_api_token(&actor.user.id, id).await? {
            Ok(())
        } else {
            Err(ServiceError::NotFound("API token"))
        }
    }
}
