//! Automation rules for `/admin/rules`: the list (supervisors and admins) and the preview of a draft (admins).
//! Saving and deleting are plain form posts handled by the server crate (`rule_forms`), calling the same services.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tidings::domain::rules::{RuleDraft, RulePreview, RuleView};

use super::AppError;

/// The rules in run order, and whether the signed-in user may change them (otherwise the page is read-only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesOverview {
    pub rules: Vec<RuleView>,
    pub can_manage: bool,
}

#[server(endpoint = "load_rules")]
pub async fn load_rules() -> Result<RulesOverview, AppError> {
    let actor = super::ssr::require_actor()?;
    let rules = super::ssr::services()?.list_rules(&actor).await?;
    let can_manage = tidings::domain::is_allowed(actor.user.role, tidings::domain::Action::ManageRules);
    Ok(RulesOverview { rules, can_manage })
}

/// The open tickets the draft would match now; a draft that cannot be read or saved is refused like a save.
#[server(endpoint = "preview_rule_draft")]
pub async fn preview_rule_draft(draft: RuleDraft) -> Result<RulePreview, AppError> {
    let actor = super::ssr::require_actor()?;
    let input = draft.to_json().map_err(tidings::service::ServiceError::from)?;
    Ok(super::ssr::services()?.preview_rule(&actor, input).await?)
}
