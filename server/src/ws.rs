//! `GET /ws`: one websocket per client (shared/API.md). Signed in by the session cookie (same-site pages only, so
//! another site cannot ride a visitor's cookie), an API token, or a widget token in `?token=` with `?brand=`. The
//! socket reads client frames, writes what the hub queues for it, pings every 25 s and closes when the client has
//! been silent for a minute. Bad frames get an error frame; an oversized frame or a sustained flood closes the socket
//! with a policy code; a client that cannot keep up is dropped by the hub (1013).

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;
use std::time::{Duration, Instant};
use tidings::domain::live::{ClientFrame, FrameBudget, FrameError, ServerFrame};
use tidings::service::{Actor, ServiceError, Services, CLOSE_SLOW_CONSUMER};

use crate::rest::ApiError;
use crate::state::AppState;

const HEARTBEAT: Duration = Duration::from_secs(25);
const SILENCE_LIMIT: Duration = Duration::from_secs(60);
/// Frames a client may send per second on average, and in a burst.
const FRAMES_PER_SECOND: f64 = 20.0;
const FRAME_BURST: f64 = 40.0;
/// Refused frames after which a flooding client is disconnected.
const FLOOD_LIMIT: u32 = 200;
/// The transport refuses anything larger outright; frames over [`ClientFrame::MAX_BYTES`] are closed with 1009.
const TRANSPORT_MAX_BYTES: usize = 64 * 1024;
/// The socket's read buffer. Client frames are small; tungstenite's default (128 KiB) is zero-filled on every read
/// and was most of a socket's memory (bench/live.sh: 132 KiB per idle socket) and a third of a broadcast's CPU. The
/// buffer still grows for a larger frame.
const READ_BUFFER_BYTES: usize = 4 * 1024;
const CLOSE_POLICY: u16 = 1008;
const CLOSE_TOO_BIG: u16 = 1009;
const CLOSE_GOING_AWAY: u16 = 1001;

#[derive(Deserialize)]
pub struct WsParams {
    token: Option<String>,
    brand: Option<String>,
}

pub async fn upgrade(
    State(state): State<AppState>,
    Query(params): Query<WsParams>,
    Extension(actor): Extension<Option<Actor>>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    let actor = match params.token.as_deref() {
        Some(token) => match state.services.widget_visitor(token, params.brand.as_deref()).await {
            Ok(visitor) => visitor.actor,
            Err(err) => return ApiError::from(err).into_response(),
        },
        None => {
            let by_cookie = crate::identity::bearer_token(&headers).is_none();
            if by_cookie && crate::csrf::is_cross_site(&headers, &state) {
                return ApiError::from(ServiceError::Forbidden).into_response();
            }
            match actor {
                Some(actor) => actor,
                None => return ApiError::from(ServiceError::Unauthenticated).into_response(),
            }
        }
    };
    let services = state.services.clone();
    upgrade
        .max_message_size(TRANSPORT_MAX_BYTES)
        .max_frame_size(TRANSPORT_MAX_BYTES)
        .read_buffer_size(READ_BUFFER_BYTES)
        .on_upgrade(move |socket| serve_socket(services, actor, socket))
}

async fn serve_socket(services: Services, actor: Actor, mut socket: WebSocket) {
    let mut connection = services.live_connect(&actor);
    let id = connection.id;
    let started = Instant::now();
    let mut last_heard = Instant::now();
    let mut budget = FrameBudget::new(FRAMES_PER_SECOND, FRAME_BURST);
    let mut refused = 0u32;
    let mut heartbeat = tokio::time::interval(HEARTBEAT);
    heartbeat.reset();
    let close = loop {
        tokio::select! {
            incoming = socket.recv() => {
                let Some(Ok(message)) = incoming else { break None };
                last_heard = Instant::now();
                let text = match message {
                    Message::Text(text) => text,
                    Message::Binary(_) => {
                        services.live_reply(id, &error_frame(FrameError::Malformed));
                        continue;
                    }
                    Message::Close(_) => break None,
                    Message::Ping(_) | Message::Pong(_) => continue,
                };
                if !budget.take(started.elapsed().as_secs_f64()) {
                    refused += 1;
                    if refused >= FLOOD_LIMIT {
                        break Some((CLOSE_POLICY, "rate limited"));
                    }
                    if refused == 1 || refused.is_multiple_of(50) {
                        services.live_reply(id, &ServerFrame::error("rate_limited", "Too many frames; slow down.", None));
                    }
                    continue;
                }
                match ClientFrame::parse(text.as_str()) {
                    Ok(frame) => handle_frame(&services, id, frame).await,
                    Err(FrameError::TooLarge) => break Some((CLOSE_TOO_BIG, "frame too large")),
                    Err(err) => services.live_reply(id, &error_frame(err)),
                }
            }
            outgoing = connection.outgoing.recv() => match outgoing {
                Some(text) => {
                    if socket.send(Message::Text(text.as_ref().into())).await.is_err() {
                        break None;
                    }
                }
                None => break Some((CLOSE_SLOW_CONSUMER, "too slow")),
            },
            _ = heartbeat.tick() => {
                if last_heard.elapsed() > SILENCE_LIMIT {
                    break Some((CLOSE_GOING_AWAY, "no heartbeat"));
                }
                if socket.send(Message::Ping(Vec::new().into())).await.is_err() {
                    break None;
                }
            }
        }
    };
    if let Some((code, reason)) = close {
        let frame = CloseFrame { code, reason: reason.into() };
        let _ = socket.send(Message::Close(Some(frame))).await;
    }
    services.live_disconnect(id).await;
}

async fn handle_frame(services: &Services, id: u64, frame: ClientFrame) {
    match frame {
        ClientFrame::Subscribe { topic, since } => services.live_subscribe(id, &topic, since).await,
        ClientFrame::Unsubscribe { topic } => services.live_unsubscribe(id, &topic).await,
        ClientFrame::Typing { ticket_id } => services.live_typing(id, &ticket_id).await,
        ClientFrame::Read { ticket_id, message_id } => services.live_read(id, &ticket_id, &message_id).await,
        ClientFrame::Ping => services.live_reply(id, &ServerFrame::Pong),
    }
}

fn error_frame(err: FrameError) -> ServerFrame {
    let message = match err {
        FrameError::Malformed => "Send JSON frames as shared/API.md describes them.",
        FrameError::TooLarge => "The frame is too large.",
    };
    ServerFrame::error(err.code(), message, None)
}
