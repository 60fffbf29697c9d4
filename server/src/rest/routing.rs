//! `/routing/*`, `/users/{id}/skills`, `/teams/{id}/routing`, `/tickets/{id}/triage` and `/triage/train`: setting
//! routing up, watching it, and triage of tickets, on the same services as the UI.

use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;
use tidings::domain::routing::{AgentSkill, RoutingAgent, SkillRule, TeamQueue};
use tidings::domain::triage::{TicketTriage, TrainingReport};
use tidings::service::{ServiceError, SkillInput, SkillRuleInput};

use super::extract::{CurrentActor, Page};
use super::{ApiError, ApiJson, ErrorBody};
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillBody {
    /// A name such as `german` or `billing` (folded to lower case).
    pub skill: String,
    /// 1 (basic) to 5 (expert).
    pub level: i64,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamRoutingBody {
    /// `manual` (default), `round_robin`, `least_loaded` or `skills`.
    pub routing_strategy: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillRequirementBody {
    /// A category path; tickets in it or below it match.
    pub category: Option<String>,
    /// `en` or `de`.
    pub language: Option<String>,
    pub skill: String,
    /// 1 to 5.
    pub min_level: i64,
}

#[utoipa::path(get, path = "/api/v1/routing/agents", tag = "routing",
    responses((status = 200, body = Page<RoutingAgent>), (status = 403, body = ErrorBody)))]
pub async fn agents(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<Page<RoutingAgent>>, ApiError> {
    Ok(Json(Page::whole(state.services.routing_agents(&actor).await?)))
}

#[utoipa::path(get, path = "/api/v1/routing/queues", tag = "routing",
    responses((status = 200, body = Page<TeamQueue>), (status = 403, body = ErrorBody)))]
pub async fn queues(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<Page<TeamQueue>>, ApiError> {
    Ok(Json(Page::whole(state.services.routing_queues(&actor).await?)))
}

/// Replaces the agent's skills.
#[utoipa::path(put, path = "/api/v1/users/{id}/skills", tag = "routing", request_body = Vec<SkillBody>,
    params(("id" = String, Path, description = "user id")),
    responses((status = 200, body = Page<AgentSkill>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn set_skills(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Vec<SkillBody>>,
) -> Result<Json<Page<AgentSkill>>, ApiError> {
    let skills = body.into_iter().map(|skill| SkillInput { skill: skill.skill, level: skill.level }).collect();
    Ok(Json(Page::whole(state.services.set_agent_skills(&actor, &id, skills).await?)))
}

#[utoipa::path(put, path = "/api/v1/teams/{id}/routing", tag = "routing", request_body = TeamRoutingBody,
    params(("id" = String, Path, description = "team id")),
    responses((status = 200, body = TeamQueue), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn set_team_routing(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TeamRoutingBody>,
) -> Result<Json<TeamQueue>, ApiError> {
    Ok(Json(state.services.set_team_routing(&actor, &id, &body.routing_strategy).await?))
}

#[utoipa::path(get, path = "/api/v1/routing/skill-requirements", tag = "routing",
    responses((status = 200, body = Page<SkillRule>), (status = 403, body = ErrorBody)))]
pub async fn skill_requirements(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<Page<SkillRule>>, ApiError> {
    Ok(Json(Page::whole(state.services.skill_requirements(&actor).await?)))
}

/// Replaces every skill requirement, in order.
#[utoipa::path(put, path = "/api/v1/routing/skill-requirements", tag = "routing",
    request_body = Vec<SkillRequirementBody>,
    responses((status = 200, body = Page<SkillRule>), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_skill_requirements(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<Vec<SkillRequirementBody>>,
) -> Result<Json<Page<SkillRule>>, ApiError> {
    let rules = body
        .into_iter()
        .map(|rule| SkillRuleInput {
            category: rule.category,
            language: rule.language,
            skill: rule.skill,
            min_level: rule.min_level,
        })
        .collect();
    Ok(Json(Page::whole(state.services.set_skill_requirements(&actor, rules).await?)))
}

/// What triage found in the ticket's opening message; 404 for a ticket filed before triage existed.
#[utoipa::path(get, path = "/api/v1/tickets/{id}/triage", tag = "tickets",
    params(("id" = String, Path, description = "ticket id")),
    responses((status = 200, body = TicketTriage), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn ticket_triage(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<Json<TicketTriage>, ApiError> {
    let triage = state.services.ticket_triage(&actor, &id).await?.ok_or(ServiceError::NotFound("triage"))?;
    Ok(Json(triage))
}

/// Trains the team classifier again from resolved and closed tickets.
#[utoipa::path(post, path = "/api/v1/triage/train", tag = "routing",
    responses((status = 200, body = TrainingReport), (status = 403, body = ErrorBody)))]
pub async fn train(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
) -> Result<Json<TrainingReport>, ApiError> {
    Ok(Json(state.services.train_triage_model(&actor).await?))
}
