//! The public REST API under `/api/v1` (shared/API.md), on the same service functions as the UI.

mod analytics;
mod analytics_xlsx;
mod attachments;
mod auth;
mod canned;
mod channels;
mod chats;
pub mod csat;
mod customers;
mod error;
mod extract;
mod kb;
mod kb_editing;
mod routing;
mod rules;
mod sla;
mod teams;
mod ticket_work;
mod tickets;
mod users;
pub mod widget;

use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use utoipa::OpenApi;

use crate::config::Config;
use crate::state::AppState;

pub use error::{json_error_for_bare_status, ApiError, ApiJson, ErrorBody};
pub use kb::visitor_cookie;

/// Generated from the handlers' annotations, so it cannot drift from the code.
#[derive(OpenApi)]
#[openapi(
    info(title = "Tidings API", description = "The public REST API of Tidings, a self-hosted customer-support platform."),
    paths(
        auth::login, auth::register, auth::logout, auth::me, auth::update_me, auth::change_password,
        users::list, users::create, users::update,
        teams::list_teams, teams::create_team, teams::create_token, teams::list_tokens, teams::revoke_token,
        tickets::create, tickets::list, tickets::get, tickets::update, tickets::add_message, tickets::events,
        canned::list, canned::create, canned::update, canned::delete, canned::render,
        customers::list, customers::get, customers::merge,
        attachments::download,
        ticket_work::merge, ticket_work::split, ticket_work::bulk,
        chats::queue, chats::accept, chats::transfer, chats::end, chats::convert, chats::set_availability,
        chats::list_availability,
        widget::start_session, widget::brand, widget::start_conversation, widget::file_ticket,
        widget::list_conversations, widget::get_conversation, widget::add_message,
        kb::list_articles, kb::get_article, kb::create_article, kb::update_article, kb::publish, kb::unpublish,
        kb::archive, kb::submit, kb::feedback, kb::list_categories, kb::create_category, kb::suggest,
        kb_editing::versions, kb_editing::version, kb_editing::restore, kb_editing::preview, kb_editing::upload_image,
        kb_editing::image, kb_editing::ticket_suggestions,
        sla::list_calendars, sla::create_calendar, sla::get_calendar, sla::update_calendar, sla::delete_calendar,
        sla::list_policies, sla::create_policy, sla::get_policy, sla::update_policy, sla::delete_policy,
        routing::agents, routing::queues, routing::set_skills, routing::set_team_routing, routing::skill_requirements,
        routing::set_skill_requirements, routing::ticket_triage, routing::train,
        rules::list, rules::create, rules::get, rules::update, rules::delete, rules::preview,
        analytics::summary, analytics::export, csat::answer,
    ),
    components(schemas(tidings::domain::Role, tidings::domain::Locale)),
    tags((name = "auth"), (name = "users"), (name = "teams"), (name = "tokens"), (name = "tickets"),
        (name = "canned_responses"), (name = "customers"), (name = "chats"), (name = "widget"), (name = "kb"),
        (name = "sla"), (name = "routing"), (name = "rules"), (name = "analytics"), (name = "csat"))
)]
pub struct ApiDoc;

/// The API routes. Only the routes that take files accept bodies up to [`Config::upload_body_limit`].
pub fn router(config: &Config) -> Router<AppState> {
    Router::new()
        .route("/auth/login", post(auth::login))
        .route("/auth/register", post(auth::register))
        .route("/auth/logout", post(auth::logout))
        .route("/me", get(auth::me).patch(auth::update_me))
        .route("/me/password", post(auth::change_password))
        .route("/users", get(users::list).post(users::create))
        .route("/users/{id}", axum::routing::patch(users::update))
        .route("/users/{id}/skills", axum::routing::put(routing::set_skills))
        .route("/teams", get(teams::list_teams).post(teams::create_team))
        .route("/teams/{id}/routing", axum::routing::put(routing::set_team_routing))
        .route("/routing/agents", get(routing::agents))
        .route("/routing/queues", get(routing::queues))
        .route("/routing/skill-requirements", get(routing::skill_requirements).put(routing::set_skill_requirements))
        .route("/triage/train", post(routing::train))
        .route("/tokens", get(teams::list_tokens).post(teams::create_token))
        .route("/tokens/{id}", delete(teams::revoke_token))
        .route("/tickets", get(tickets::list).post(tickets::create))
        // A literal segment wins over `{id}` in axum's router, so `bulk` is never read as a ticket id.
        .route("/tickets/bulk", post(ticket_work::bulk))
        .route("/tickets/{id}", get(tickets::get).patch(tickets::update))
        .route("/tickets/{id}/merge", post(ticket_work::merge))
        .route("/tickets/{id}/split", post(ticket_work::split))
        .route(
            "/tickets/{id}/messages",
            post(tickets::add_message).layer(DefaultBodyLimit::max(config.upload_body_limit())),
        )
        .route("/tickets/{id}/events", get(tickets::events))
        .route("/tickets/{id}/triage", get(routing::ticket_triage))
        .route("/canned-responses", get(canned::list).post(canned::create))
        .route("/canned-responses/{id}", axum::routing::patch(canned::update).delete(canned::delete))
        .route("/canned-responses/{id}/render", get(canned::render))
        .route("/customers", get(customers::list))
        .route("/customers/{id}", get(customers::get))
        .route("/customers/{id}/merge", post(customers::merge))
        .route("/attachments/{id}", get(attachments::download))
        .route("/chats", get(chats::queue))
        .route("/chats/{id}/accept", post(chats::accept))
        .route("/chats/{id}/transfer", post(chats::transfer))
        .route("/chats/{id}/end", post(chats::end))
        .route("/chats/{id}/convert", post(chats::convert))
        .route("/me/availability", axum::routing::put(chats::set_availability))
        .route("/agents/availability", get(chats::list_availability))
        .route(
            "/channels/email/inbound",
            post(channels::email_inbound)
                .layer(DefaultBodyLimit::max(tidings::channel::email::MAX_EMAIL_BYTES + 64 * 1024)),
        )
        .route("/channels/whatsapp/webhook", get(channels::whatsapp_handshake).post(channels::whatsapp_webhook))
        .route("/channels/telegram/webhook", post(channels::telegram_webhook))
        .route("/tickets/{id}/reply-window", get(tickets::reply_window))
        .route("/widget/sessions", post(widget::start_session))
        .route("/widget/brands/{slug}", get(widget::brand))
        .route("/widget/conversations", get(widget::list_conversations).post(widget::start_conversation))
        .route("/widget/conversations/{id}", get(widget::get_conversation))
        .route("/widget/conversations/{id}/messages", post(widget::add_message))
        .route("/widget/tickets", post(widget::file_ticket))
        .route("/kb/articles", get(kb::list_articles).post(kb::create_article))
        .route("/kb/articles/{id}", get(kb::get_article).patch(kb::update_article))
        .route("/kb/articles/{id}/publish", post(kb::publish))
        .route("/kb/articles/{id}/unpublish", post(kb::unpublish))
        .route("/kb/articles/{id}/archive", post(kb::archive))
        .route("/kb/articles/{id}/submit", post(kb::submit))
        .route("/kb/articles/{id}/feedback", post(kb::feedback))
        .route("/kb/articles/{id}/versions", get(kb_editing::versions))
        .route("/kb/articles/{id}/versions/{version}", get(kb_editing::version))
        .route("/kb/articles/{id}/versions/{version}/restore", post(kb_editing::restore))
        .route("/kb/categories", get(kb::list_categories).post(kb::create_category))
        .route("/kb/suggest", get(kb::suggest))
        .route("/kb/preview", post(kb_editing::preview))
        .route(
            "/kb/images",
            post(kb_editing::upload_image)
                .layer(DefaultBodyLimit::max(tidings::service::MAX_KB_IMAGE_BYTES as usize + 64 * 1024)),
        )
        .route("/kb/images/{id}/{name}", get(kb_editing::image))
        .route("/tickets/{id}/article-suggestions", get(kb_editing::ticket_suggestions))
        .route("/sla/calendars", get(sla::list_calendars).post(sla::create_calendar))
        .route("/sla/calendars/{id}", get(sla::get_calendar).patch(sla::update_calendar).delete(sla::delete_calendar))
        .route("/sla/policies", get(sla::list_policies).post(sla::create_policy))
        .route("/sla/policies/{id}", get(sla::get_policy).patch(sla::update_policy).delete(sla::delete_policy))
        .route("/rules", get(rules::list).post(rules::create))
        .route("/rules/preview", post(rules::preview))
        .route("/rules/{id}", get(rules::get).patch(rules::update).delete(rules::delete))
        .route("/analytics/summary", get(analytics::summary))
        .route("/analytics/export", get(analytics::export))
        .route("/csat/{token}", post(csat::answer))
        .route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
        .fallback(|| async { ApiError::not_found() })
}
