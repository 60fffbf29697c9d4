//! `/widget/…`: what the embeddable widget calls. A visitor starts a session (a token bound to one brand), then
//! chats or files tickets with `Authorization: Bearer <widget token>`; the page names its brand in `X-Tidings-Brand`
//! (or `?brand=`), and a token of another brand is refused with 403.

use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use tidings::domain::{Locale, Message, Ticket, TicketWithMessages};
use tidings::service::{ServiceError, WidgetVisitor};

use super::extract::{Client, Page};
use super::{ApiError, ApiJson, ErrorBody};
use crate::state::AppState;

/// The header in which the widget page names its brand.
pub const BRAND_HEADER: &str = "x-tidings-brand";

/// The visitor behind the bearer widget token, checked against the page's brand.
pub struct Visitor(pub WidgetVisitor);

impl FromRequestParts<AppState> for Visitor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = crate::identity::bearer_token(&parts.headers).ok_or(ServiceError::Unauthenticated)?.to_string();
        let brand =
            parts.headers.get(BRAND_HEADER).and_then(|value| value.to_str().ok()).map(str::to_string).or_else(|| {
                let query = parts.uri.query()?;
                url::form_urlencoded::parse(query.as_bytes())
                    .find(|(key, _)| key == "brand")
                    .map(|(_, value)| value.into_owned())
            });
        Ok(Visitor(state.services.widget_visitor(&token, brand.as_deref()).await?))
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWidgetSession {
    /// A brand slug; the default brand when left out.
    pub brand: Option<String>,
    pub name: Option<String>,
    /// Kept as the visitor typed it and shown to agents as unverified.
    pub email: Option<String>,
    /// `en` or `de`: the language of the widget.
    pub locale: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct WidgetSessionBody {
    /// Shown once: the widget keeps it in its own storage.
    pub token: String,
    pub contact_id: String,
    pub brand: String,
}

#[utoipa::path(post, path = "/api/v1/widget/sessions", tag = "widget", request_body = NewWidgetSession,
    responses((status = 201, body = WidgetSessionBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn start_session(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<NewWidgetSession>,
) -> Result<(StatusCode, Json<WidgetSessionBody>), ApiError> {
    let locale = body.locale.as_deref().and_then(Locale::parse).unwrap_or(Locale::En);
    let started = state
        .services
        .start_widget_session(body.brand.as_deref(), body.name.as_deref(), body.email.as_deref(), locale, &client)
        .await?;
    let body = WidgetSessionBody { token: started.token, contact_id: started.contact_id, brand: started.brand };
    Ok((StatusCode::CREATED, Json(body)))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct WidgetBrandBody {
    pub slug: String,
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
    /// Whether an agent can chat now; otherwise the widget shows its offline form.
    pub chat_available: bool,
}

#[utoipa::path(get, path = "/api/v1/widget/brands/{slug}", tag = "widget", params(("slug" = String, Path, description = "brand")),
    responses((status = 200, body = WidgetBrandBody), (status = 404, body = ErrorBody)))]
pub async fn brand(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Json<WidgetBrandBody>, ApiError> {
    let brand = state.services.widget_brand(&slug).await?;
    Ok(Json(WidgetBrandBody {
        slug: brand.slug,
        name: brand.name,
        color: brand.color,
        chat_available: brand.chat_available,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewConversation {
    pub body: String,
    /// As for tickets: `page_url`, `page_title`, `browser`, `os`, `screen`, `language`, `time_zone`.
    #[schema(value_type = Option<Object>)]
    pub context: Option<serde_json::Value>,
}

#[utoipa::path(post, path = "/api/v1/widget/conversations", tag = "widget", request_body = NewConversation,
    responses((status = 201, description = "a chat (channel `chat`) waiting for an agent", body = Ticket),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn start_conversation(
    State(state): State<AppState>,
    Visitor(visitor): Visitor,
    ApiJson(body): ApiJson<NewConversation>,
) -> Result<(StatusCode, Json<Ticket>), ApiError> {
    let ticket = state.services.start_widget_chat(&visitor, &body.body, body.context).await?;
    Ok((StatusCode::CREATED, Json(ticket)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWidgetTicket {
    pub subject: String,
    pub body: String,
    #[schema(value_type = Option<Object>)]
    pub context: Option<serde_json::Value>,
}

#[utoipa::path(post, path = "/api/v1/widget/tickets", tag = "widget", request_body = NewWidgetTicket,
    responses((status = 201, description = "a ticket on channel `widget`", body = Ticket),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn file_ticket(
    State(state): State<AppState>,
    Visitor(visitor): Visitor,
    ApiJson(body): ApiJson<NewWidgetTicket>,
) -> Result<(StatusCode, Json<Ticket>), ApiError> {
    let ticket = state.services.file_widget_ticket(&visitor, &body.subject, &body.body, body.context).await?;
    Ok((StatusCode::CREATED, Json(ticket)))
}

#[utoipa::path(get, path = "/api/v1/widget/conversations", tag = "widget",
    responses((status = 200, description = "the visitor's conversations, newest first", body = Page<Ticket>),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_conversations(
    State(state): State<AppState>,
    Visitor(visitor): Visitor,
) -> Result<Json<Page<Ticket>>, ApiError> {
    let page = tidings::service::PageRequest::new(1, tidings::service::PageRequest::MAX_PER_PAGE);
    let listed = state.services.list_tickets(&visitor.actor, &Default::default(), page).await?;
    Ok(Json(Page::new(listed, page)))
}

#[utoipa::path(get, path = "/api/v1/widget/conversations/{id}", tag = "widget", params(("id" = String, Path, description = "ticket id")),
    responses((status = 200, body = TicketWithMessages), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_conversation(
    State(state): State<AppState>,
    Visitor(visitor): Visitor,
    Path(id): Path<String>,
) -> Result<Json<TicketWithMessages>, ApiError> {
    Ok(Json(state.services.get_ticket(&visitor.actor, &id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWidgetMessage {
    pub body: String,
}

#[utoipa::path(post, path = "/api/v1/widget/conversations/{id}/messages", tag = "widget", params(("id" = String, Path, description = "ticket id")),
    request_body = NewWidgetMessage,
    responses((status = 201, body = Message), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_message(
    State(state): State<AppState>,
    Visitor(visitor): Visitor,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewWidgetMessage>,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    Ok((StatusCode::CREATED, Json(state.services.widget_reply(&visitor, &id, &body.body).await?)))
}
