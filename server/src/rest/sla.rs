//! `/sla/calendars` and `/sla/policies`: business hours and SLA targets. Admins change them; supervisors may read.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::Value;
use tidings::domain::sla::{CalendarSpec, SlaCalendarView, SlaPolicyView, TargetsSpec, WarningSpec};
use tidings::service::{SlaCalendarChanges, SlaCalendarInput, SlaPolicyChanges, SlaPolicyInput};

use super::extract::{CurrentActor, Page};
use super::tickets::present_or_null;
use super::{ApiError, ApiJson, ErrorBody};
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCalendarBody {
    /// 1 to 80 characters.
    pub name: String,
    /// `{"time_zone":"Europe/Berlin","weekly":{"mon":[["08:00","17:00"]],…},"holidays":["2026-12-25"]}`; days left
    /// out are closed. Overlapping or empty hours are refused with 422 naming the day (`hours.weekly.mon`).
    #[schema(value_type = CalendarSpec)]
    pub hours: Value,
    /// The team whose tickets count in these hours (one calendar per team).
    pub team_id: Option<String>,
    /// The brand (slug) whose widget customers' tickets count in these hours (one calendar per brand).
    pub brand: Option<String>,
    /// The calendar for every ticket no team or brand calendar covers (one default; a new one takes over).
    #[serde(default)]
    pub is_default: bool,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarPatchBody {
    pub name: Option<String>,
    #[schema(value_type = Option<CalendarSpec>)]
    pub hours: Option<Value>,
    /// A team id, or null to unlink.
    #[serde(default, deserialize_with = "present_or_null")]
    #[schema(value_type = Option<String>)]
    pub team_id: Option<Option<String>>,
    /// A brand slug, or null to unlink.
    #[serde(default, deserialize_with = "present_or_null")]
    #[schema(value_type = Option<String>)]
    pub brand: Option<Option<String>>,
    pub is_default: Option<bool>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPolicyBody {
    pub name: String,
    /// Only tickets from this channel (`email`, `chat`, …); left out for any channel.
    pub channel: Option<String>,
    /// Only customers in this segment; left out for anyone. (Customers carry no segment yet, so a policy with one
    /// matches nothing until they do.)
    pub segment: Option<String>,
    /// Business minutes per priority: `{"normal":{"first_response_minutes":120,"resolution_minutes":480}}`.
    #[schema(value_type = Option<TargetsSpec>)]
    pub targets: Option<Value>,
    /// `{"percent_remaining":25}` (default) or `{"minutes_remaining":30}`.
    #[schema(value_type = Option<WarningSpec>)]
    pub warning: Option<Value>,
    /// Hours of its own instead of the ticket's team / brand / default calendar.
    pub calendar_id: Option<String>,
    /// Default true.
    pub active: Option<bool>,
    /// List order (ties between equally specific policies go to the lowest); default: last.
    pub position: Option<i64>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyPatchBody {
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present_or_null")]
    #[schema(value_type = Option<String>)]
    pub channel: Option<Option<String>>,
    #[serde(default, deserialize_with = "present_or_null")]
    #[schema(value_type = Option<String>)]
    pub segment: Option<Option<String>>,
    /// Replaces all targets.
    #[schema(value_type = Option<TargetsSpec>)]
    pub targets: Option<Value>,
    #[schema(value_type = Option<WarningSpec>)]
    pub warning: Option<Value>,
    #[serde(default, deserialize_with = "present_or_null")]
    #[schema(value_type = Option<String>)]
    pub calendar_id: Option<Option<String>>,
    pub active: Option<bool>,
    pub position: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/sla/calendars", tag = "sla",
    responses((status = 200, body = Page<SlaCalendarView>), (status = 403, body = ErrorBody)))]
pub async fn list_calendars(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<Page<SlaCalendarView>>, ApiError> {
    Ok(Json(Page::whole(state.services.list_sla_calendars(&actor).await?)))
}

#[utoipa::path(post, path = "/api/v1/sla/calendars", tag = "sla", request_body = NewCalendarBody,
    responses((status = 201, body = SlaCalendarView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create_calendar(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<NewCalendarBody>,
) -> Result<(StatusCode, Json<SlaCalendarView>), ApiError> {
    let input = SlaCalendarInput {
        name: body.name,
        hours: body.hours,
        team_id: body.team_id,
        brand: body.brand,
        is_default: body.is_default,
    };
    Ok((StatusCode::CREATED, Json(state.services.create_sla_calendar(&actor, input).await?)))
}

#[utoipa::path(get, path = "/api/v1/sla/calendars/{id}", tag = "sla",
    params(("id" = String, Path, description = "calendar id")),
    responses((status = 200, body = SlaCalendarView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_calendar(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<Json<SlaCalendarView>, ApiError> {
    Ok(Json(state.services.get_sla_calendar(&actor, &id).await?))
}

#[utoipa::path(patch, path = "/api/v1/sla/calendars/{id}", tag = "sla", request_body = CalendarPatchBody,
    params(("id" = String, Path, description = "calendar id")),
    responses((status = 200, body = SlaCalendarView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_calendar(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CalendarPatchBody>,
) -> Result<Json<SlaCalendarView>, ApiError> {
    let changes = SlaCalendarChanges {
        name: body.name,
        hours: body.hours,
        team_id: body.team_id,
        brand: body.brand,
        is_default: body.is_default,
    };
    Ok(Json(state.services.update_sla_calendar(&actor, &id, changes).await?))
}

#[utoipa::path(delete, path = "/api/v1/sla/calendars/{id}", tag = "sla",
    params(("id" = String, Path, description = "calendar id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "A policy counts in this calendar", body = ErrorBody)))]
pub async fn delete_calendar(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.services.delete_sla_calendar(&actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/sla/policies", tag = "sla",
    responses((status = 200, body = Page<SlaPolicyView>), (status = 403, body = ErrorBody)))]
pub async fn list_policies(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<Page<SlaPolicyView>>, ApiError> {
    Ok(Json(Page::whole(state.services.list_sla_policies(&actor).await?)))
}

#[utoipa::path(post, path = "/api/v1/sla/policies", tag = "sla", request_body = NewPolicyBody,
    responses((status = 201, body = SlaPolicyView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_policy(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<NewPolicyBody>,
) -> Result<(StatusCode, Json<SlaPolicyView>), ApiError> {
    let input = SlaPolicyInput {
        name: body.name,
        channel: body.channel,
        segment: body.segment,
        targets: body.targets,
        warning: body.warning,
        calendar_id: body.calendar_id,
        active: body.active,
        position: body.position,
    };
    Ok((StatusCode::CREATED, Json(state.services.create_sla_policy(&actor, input).await?)))
}

#[utoipa::path(get, path = "/api/v1/sla/policies/{id}", tag = "sla",
    params(("id" = String, Path, description = "policy id")),
    responses((status = 200, body = SlaPolicyView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_policy(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<Json<SlaPolicyView>, ApiError> {
    Ok(Json(state.services.get_sla_policy(&actor, &id).await?))
}

#[utoipa::path(patch, path = "/api/v1/sla/policies/{id}", tag = "sla", request_body = PolicyPatchBody,
    params(("id" = String, Path, description = "policy id")),
    responses((status = 200, body = SlaPolicyView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn update_policy(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PolicyPatchBody>,
) -> Result<Json<SlaPolicyView>, ApiError> {
    let changes = SlaPolicyChanges {
        name: body.name,
        channel: body.channel,
        segment: body.segment,
        targets: body.targets,
        warning: body.warning,
        calendar_id: body.calendar_id,
        active: body.active,
        position: body.position,
    };
    Ok(Json(state.services.update_sla_policy(&actor, &id, changes).await?))
}

#[utoipa::path(delete, path = "/api/v1/sla/policies/{id}", tag = "sla",
    params(("id" = String, Path, description = "policy id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_policy(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.services.delete_sla_policy(&actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
