//! The public REST API under `/api/v1` (shared/API.md), on the same service functions as the UI.

mod attachments;
mod auth;
mod canned;
mod channels;
mod chats;
mod customers;
mod error;
mod extract;
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
    ),
    components(schemas(tidings::domain::Role, tidings::domain::Locale)),
    tags((name = "auth"), (name = "users"), (name = "teams"), (name = "tokens"), (name = "tickets"),
        (name = "canned_responses"), (name = "customers"), (name = "chats"), (name = "widget"))
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
        .route("/teams", get(teams::list_teams).post(teams::create_team))
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
        .route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
        .fallback(|| async { ApiError::not_found() })
}
