//! `/tickets`: filing, listing, reading and working tickets, on the same services as the UI.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Deserializer};
use tidings::domain::{Message, Ticket, TicketEvent, TicketWithMessages};
use tidings::service::{NewTicketInput, PageRequest, TicketListQuery, TicketUpdate};

use super::attachments::{MessageSubmission, NewMessageUpload};
use super::extract::{ApiQuery, CurrentActor, Page};
use super::{ApiError, ApiJson, ErrorBody};
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewTicketBody {
    pub subject: String,
    pub body: String,
    pub priority: Option<String>,
    #[serde(rename = "type")]
    pub ticket_type: Option<String>,
    pub category: Option<String>,
    pub tags: Option<Vec<String>>,
    /// Staff only: the customer the ticket is for.
    pub requester_email: Option<String>,
    /// What the browser shares: an object with any of the string fields `page_url`, `page_title`, `browser`,
    /// `os`, `screen`, `language`, `time_zone` (unknown keys are refused; the page's query string is dropped).
    #[schema(value_type = Option<Object>)]
    pub context: Option<serde_json::Value>,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct TicketListParams {
    /// One status or several, comma-separated (`open,pending`).
    pub status: Option<String>,
    pub priority: Option<String>,
    /// `me`, `none` or a user id.
    pub assignee: Option<String>,
    pub team: Option<String>,
    pub tag: Option<String>,
    pub channel: Option<String>,
    /// A category path; categories below it match too (`Billing` finds `Billing/Refunds`).
    pub category: Option<String>,
    #[serde(rename = "type")]
    pub ticket_type: Option<String>,
    /// Created on or after: `YYYY-MM-DD` (UTC) or RFC 3339 (encode `+` as `%2B`).
    pub created_from: Option<String>,
    /// Created on or before: `YYYY-MM-DD` (that whole UTC day) or RFC 3339.
    pub created_to: Option<String>,
    /// Finally resolved on or after: `YYYY-MM-DD` (UTC) or RFC 3339.
    pub resolved_from: Option<String>,
    /// Finally resolved on or before: `YYYY-MM-DD` (that whole UTC day) or RFC 3339.
    pub resolved_to: Option<String>,
    /// `-updated_at` (default), `updated_at`, `created_at`, `-created_at`, `priority` (urgent first),
    /// `-priority`, `number`, `-number`, `status` (lifecycle order) or `due` (the soonest SLA due time first,
    /// tickets with nothing due last).
    pub sort: Option<String>,
    /// Full text: every word must occur in the subject or in one message (customers never match internal notes).
    pub q: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketPatchBody {
    pub subject: Option<String>,
    pub status: Option<String>,
    pub priority: Option<String>,
    /// A user id, or null to unassign.
    #[serde(default, deserialize_with = "present_or_null")]
    #[schema(value_type = Option<String>)]
    pub assignee_id: Option<Option<String>>,
    /// A team id, or null to clear.
    #[serde(default, deserialize_with = "present_or_null")]
    #[schema(value_type = Option<String>)]
    pub team_id: Option<Option<String>>,
    pub tags: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present_or_null")]
    #[schema(value_type = Option<String>)]
    pub category: Option<Option<String>>,
    /// A type such as `question`, `problem`, `request` or `task`, or null to clear.
    #[serde(rename = "type", default, deserialize_with = "present_or_null")]
    #[schema(value_type = Option<String>)]
    pub ticket_type: Option<Option<String>>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewMessageBody {
    /// Required unless `template` is given.
    #[serde(default)]
    pub body: String,
    /// An internal note (staff only), never shown to the customer.
    #[serde(default)]
    pub internal: bool,
    /// A WhatsApp reply outside the 24-hour window: an approved template's `name:language` (see
    /// `GET /tickets/{id}/reply-window`); the message's body is then the template's text.
    #[serde(default)]
    pub template: Option<String>,
}

/// Tells a field that is absent (`None`) from one that is `null` (`Some(None)`).
pub(super) fn present_or_null<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

#[utoipa::path(post, path = "/api/v1/tickets", tag = "tickets", request_body = NewTicketBody,
    responses((status = 201, body = Ticket), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiJson(body): ApiJson<NewTicketBody>,
) -> Result<(StatusCode, Json<Ticket>), ApiError> {
    let input = NewTicketInput {
        subject: body.subject,
        body: body.body,
        priority: body.priority,
        ticket_type: body.ticket_type,
        category: body.category,
        tags: body.tags,
        requester_email: body.requester_email,
        context: body.context,
        ..NewTicketInput::default()
    };
    Ok((StatusCode::CREATED, Json(state.services.create_ticket(&actor, input).await?)))
}

#[utoipa::path(get, path = "/api/v1/tickets", tag = "tickets", params(TicketListParams),
    responses((status = 200, body = Page<Ticket>), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiQuery(params): ApiQuery<TicketListParams>,
) -> Result<Json<Page<Ticket>>, ApiError> {
    let page = PageRequest::new(params.page.unwrap_or(1), params.per_page.unwrap_or(PageRequest::DEFAULT_PER_PAGE));
    let query = TicketListQuery {
        status: params.status,
        priority: params.priority,
        assignee: params.assignee,
        team: params.team,
        tag: params.tag,
        channel: params.channel,
        category: params.category,
        ticket_type: params.ticket_type,
        created_from: params.created_from,
        created_to: params.created_to,
        resolved_from: params.resolved_from,
        resolved_to: params.resolved_to,
        sort: params.sort,
        q: params.q,
    };
    Ok(Json(Page::new(state.services.list_tickets(&actor, &query, page).await?, page)))
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}", tag = "tickets", params(("id" = String, Path, description = "ticket id")),
    responses((status = 200, body = TicketWithMessages), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<Json<TicketWithMessages>, ApiError> {
    Ok(Json(state.services.get_ticket(&actor, &id).await?))
}

#[utoipa::path(patch, path = "/api/v1/tickets/{id}", tag = "tickets", request_body = TicketPatchBody,
    params(("id" = String, Path, description = "ticket id")),
    responses((status = 200, body = Ticket), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<TicketPatchBody>,
) -> Result<Json<Ticket>, ApiError> {
    let update = TicketUpdate {
        subject: body.subject,
        status: body.status,
        priority: body.priority,
        assignee_id: body.assignee_id,
        team_id: body.team_id,
        tags: body.tags,
        category: body.category,
        ticket_type: body.ticket_type,
    };
    Ok(Json(state.services.update_ticket(&actor, &id, update).await?))
}

#[utoipa::path(post, path = "/api/v1/tickets/{id}/messages", tag = "tickets",
    request_body(description = "JSON, or `multipart/form-data` with `body`, `internal` and repeated `files` parts",
        content((NewMessageBody = "application/json"), (NewMessageUpload = "multipart/form-data"))),
    params(("id" = String, Path, description = "ticket id")),
    responses((status = 201, body = Message), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody),
              (status = 413, description = "A file, or the whole body, is over the limit; nothing is stored", body = ErrorBody),
              (status = 415, description = "A file type we do not accept (web pages, programs, scripts, SVG with \
                  scripts, content that does not match its name); nothing is stored", body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn add_message(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
    MessageSubmission(message): MessageSubmission,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    Ok((StatusCode::CREATED, Json(state.services.add_message(&actor, &id, message).await?)))
}

#[utoipa::path(get, path = "/api/v1/tickets/{id}/events", tag = "tickets", params(("id" = String, Path, description = "ticket id")),
    responses((status = 200, body = Page<TicketEvent>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn events(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<Json<Page<TicketEvent>>, ApiError> {
    Ok(Json(Page::whole(state.services.ticket_events(&actor, &id).await?)))
}

/// GET /tickets/{id}/reply-window (staff): for a WhatsApp conversation, whether a free-form reply may be sent
/// (the customer wrote in the last 24 hours), until when, and the approved templates for afterwards;
/// `{"whatsapp": null}` for other channels.
pub async fn reply_window(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let window = state.services.reply_window(&actor, &id).await?;
    Ok(Json(serde_json::json!({ "whatsapp": window })))
}
