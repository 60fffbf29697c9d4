//! A websocket client for the live tests: connects to `/ws` the way a browser or the widget does and reads frames
//! with a timeout.

#![allow(dead_code)]

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::TestApp;

pub struct LiveClient {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// How a socket signs in.
pub enum LiveAuth<'a> {
    /// A session cookie value, sent with the site's own Origin like a browser page would.
    Cookie(&'a str),
    /// A widget token and the brand of the page.
    Widget(&'a str, &'a str),
}

impl LiveClient {
    pub async fn connect(app: &TestApp, auth: LiveAuth<'_>) -> Result<LiveClient, u16> {
        let ws_base = app.base.replacen("http://", "ws://", 1);
        let url = match &auth {
            LiveAuth::Cookie(_) => format!("{ws_base}/ws"),
            LiveAuth::Widget(token, brand) => format!("{ws_base}/ws?token={token}&brand={brand}"),
        };
        let mut request = url.into_client_request().expect("request");
        if let LiveAuth::Cookie(session) = auth {
            let headers = request.headers_mut();
            headers.insert("cookie", format!("tidings_session={session}").parse().unwrap());
            headers.insert("origin", app.base.parse().unwrap());
        }
        match tokio_tungstenite::connect_async(request).await {
            Ok((socket, _)) => Ok(LiveClient { socket }),
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => Err(response.status().as_u16()),
            Err(err) => panic!("websocket connect failed: {err}"),
        }
    }

    pub async fn send(&mut self, frame: Value) {
        self.socket.send(Message::Text(frame.to_string().into())).await.expect("send frame");
    }

    pub async fn send_text(&mut self, text: String) {
        self.socket.send(Message::Text(text.into())).await.expect("send text");
    }

    /// Subscribes and returns the `seq` of the `subscribed` answer, after any replayed frames (returned too).
    pub async fn subscribe(&mut self, topic: &str, since: Option<u64>) -> (Vec<Value>, u64) {
        self.send(json!({"type": "subscribe", "topic": topic, "since": since})).await;
        let mut replayed = Vec::new();
        loop {
            let frame = self.next().await.unwrap_or_else(|| panic!("no answer to subscribing to {topic}"));
            match frame["type"].as_str() {
                Some("subscribed") if frame["topic"] == topic => return (replayed, frame["seq"].as_u64().unwrap()),
                Some("error") => panic!("subscribing to {topic} failed: {frame}"),
                _ => replayed.push(frame),
            }
        }
    }

    /// The next text frame as JSON, or `None` after two seconds of silence or when the socket closed.
    pub async fn next(&mut self) -> Option<Value> {
        self.next_within(Duration::from_secs(5)).await
    }

    pub async fn next_within(&mut self, wait: Duration) -> Option<Value> {
        loop {
            let message = tokio::time::timeout(wait, self.socket.next()).await.ok()??.ok()?;
            match message {
                Message::Text(text) => return Some(serde_json::from_str(text.as_str()).expect("JSON frame")),
                Message::Close(_) => return None,
                _ => continue,
            }
        }
    }

    /// The next `event` frame of this kind, skipping presence and other moments.
    pub async fn next_event(&mut self, kind: &str) -> Value {
        loop {
            let frame = self.next().await.unwrap_or_else(|| panic!("no {kind} event arrived"));
            if frame["type"] == "event" && frame["event"]["kind"] == kind {
                return frame;
            }
        }
    }

    /// Durable events (tickets and messages) arriving within `wait`, skipping moments.
    pub async fn durable_events_within(&mut self, wait: Duration) -> Vec<Value> {
        let mut events = Vec::new();
        while let Some(frame) = self.next_within(wait).await {
            let kind = frame["event"]["kind"].as_str().unwrap_or_default();
            if frame["type"] == "event" && ["ticket_created", "ticket_updated", "message_created"].contains(&kind) {
                events.push(frame);
            }
        }
        events
    }

    /// The close code the server ended the socket with.
    pub async fn close_code(&mut self) -> Option<u16> {
        loop {
            let message = tokio::time::timeout(Duration::from_secs(5), self.socket.next()).await.ok()??;
            match message {
                Ok(Message::Close(Some(frame))) => return Some(frame.code.into()),
                Ok(Message::Close(None)) | Err(_) => return None,
                Ok(_) => continue,
            }
        }
    }
}

/// Signs in over REST and returns the session cookie value.
pub async fn session_of(app: &TestApp, email: &str, password: &str) -> String {
    let response = app.login(&app.browser(), email, password).await;
    assert_eq!(response.status(), 200, "login {email}");
    super::set_cookie_value(&response, "tidings_session").expect("session cookie")
}

/// Starts a widget session and returns the token.
pub async fn widget_token(app: &TestApp, brand: &str) -> String {
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/widget/sessions"))
        .json(&json!({"brand": brand, "name": "Vera Visitor"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "widget session");
    let body: Value = response.json().await.unwrap();
    body["token"].as_str().unwrap().to_string()
}

/// A widget call with the visitor's token (default brand).
pub async fn widget_post(app: &TestApp, token: &str, path: &str, body: Value) -> reqwest::Response {
    reqwest::Client::new().post(app.url(path)).bearer_auth(token).json(&body).send().await.unwrap()
}
