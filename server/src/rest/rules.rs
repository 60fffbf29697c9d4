//! `/rules`: automation rules. Admins create, change, preview and delete them; supervisors may read them. A rule
//! that cannot work (an impossible condition, an action on a field or thing that does not exist) is refused with
//! 422 and `error.field` pointing at the part at fault, e.g. `conditions.all[1].value` or `actions[0].agent_id`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tidings::domain::rules::{RulePreview, RuleView};

use super::extract::{CurrentActor, Page};
use super::{ApiError, ApiJson, ErrorBody};
use crate::state::AppState;

/// A rule as submitted: every key for a new rule (`id` and `position` optional), only the keys to change for a
/// PATCH (`id` cannot change).
#[derive(Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// 1 to 120 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Default true.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// `{"type": "ticket_created" | "ticket_updated" | "message_received" | "sla_warning" | "sla_breach"}` or
    /// `{"type": "elapsed", "since": "status_changed_at", "at_least": {"days": 3}}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub trigger: Option<Value>,
    /// `{"all": [{"field": "channel", "op": "one_of", "value": ["email"]}]}` or `{"any": […]}`; one level of
    /// nested groups. Fields: status, priority, channel, team_id, assignee_id, tags, subject, category, type,
    /// brand, requester_email_domain, requester_vip, requester_segment, requester_language, message_text,
    /// within_business_hours, actor, time_since_created, time_since_updated, time_since_status_change,
    /// time_since_customer_message, time_since_agent_reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub conditions: Option<Value>,
    /// `[{"type": "set_status" | "set_priority" | "assign_team" | "assign_agent" | "add_tag" | "remove_tag" |
    /// "send_canned_reply" | "add_internal_note" | "notify" | "webhook", …}]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<Object>>)]
    pub actions: Option<Value>,
    /// Run order (lowest first); default: after the last rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<i32>,
    /// `{"days": 1}`: at most once per ticket within this span; null clears it.
    #[serde(default, deserialize_with = "value_or_null", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub once_per: Option<Option<Value>>,
}

impl RuleBody {
    fn into_json(self) -> Result<Value, ApiError> {
        serde_json::to_value(self).map_err(|err| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "malformed_rule",
                format!("This is not a valid rule: {err}."),
            )
        })
    }
}

/// A key that is present (`null` included) becomes `Some`, so a PATCH can clear `once_per`.
fn value_or_null<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Option<Value>>, D::Error> {
    Option::<Value>::deserialize(deserializer).map(Some)
}

#[utoipa::path(get, path = "/api/v1/rules", tag = "rules",
    responses((status = 200, body = Page<RuleView>), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<Page<RuleView>>, ApiError> {
    Ok(Json(Page::whole(state.services.list_rules(&actor).await?)))
}

#[utoipa::path(post, path = "/api/v1/rules", tag = "rules", request_body = RuleBody,
    responses((status = 201, body = RuleView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<RuleBody>,
) -> Result<(StatusCode, Json<RuleView>), ApiError> {
    Ok((StatusCode::CREATED, Json(state.services.create_rule(&actor, body.into_json()?).await?)))
}

#[utoipa::path(get, path = "/api/v1/rules/{id}", tag = "rules", params(("id" = String, Path, description = "rule id")),
    responses((status = 200, body = RuleView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<Json<RuleView>, ApiError> {
    Ok(Json(state.services.get_rule(&actor, &id).await?))
}

#[utoipa::path(patch, path = "/api/v1/rules/{id}", tag = "rules", request_body = RuleBody,
    params(("id" = String, Path, description = "rule id")),
    responses((status = 200, body = RuleView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RuleBody>,
) -> Result<Json<RuleView>, ApiError> {
    Ok(Json(state.services.update_rule(&actor, &id, body.into_json()?).await?))
}

#[utoipa::path(delete, path = "/api/v1/rules/{id}", tag = "rules", params(("id" = String, Path, description = "rule id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.services.delete_rule(&actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The unfinished tickets a rule (saved or not) would match now; checked like a save, stored nowhere.
#[utoipa::path(post, path = "/api/v1/rules/preview", tag = "rules", request_body = RuleBody,
    responses((status = 200, body = RulePreview), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn preview(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<RuleBody>,
) -> Result<Json<RulePreview>, ApiError> {
    Ok(Json(state.services.preview_rule(&actor, body.into_json()?).await?))
}
