//! A tiny HTTP server on 127.0.0.1 for the adapters' client tests: it records every request and answers each
//! (method, path) with a canned reply, 404 for anything else. Tests assert on the recorded requests.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::Response;
use serde_json::Value;

/// One request the fake received.
#[derive(Clone, Debug)]
pub(crate) struct Recorded {
    pub method: String,
    /// Path and query, e.g. `/v21.0/123/messages`.
    pub path: String,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|err| panic!("request body to {} is not JSON: {err}", self.path))
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Reply {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

impl Reply {
    pub fn json(status: u16, body: Value) -> Reply {
        Reply { status, content_type: "application/json".into(), body: body.to_string().into_bytes() }
    }

    pub fn bytes(status: u16, content_type: &str, body: &[u8]) -> Reply {
        Reply { status, content_type: content_type.into(), body: body.to_vec() }
    }
}

#[derive(Clone, Default)]
struct Shared {
    routes: Arc<Mutex<HashMap<(String, String), Reply>>>,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

pub(crate) struct FakeServer {
    /// `http://127.0.0.1:<port>`, no trailing slash.
    pub base_url: String,
    shared: Shared,
}

impl FakeServer {
    pub async fn start() -> FakeServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a local port");
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let shared = Shared::default();
        let app = axum::Router::new().fallback(handle).with_state(shared.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.expect("fake server") });
        FakeServer { base_url, shared }
    }

    /// Answers `method path` (the path without its query) with `reply` from now on.
    pub fn route(&self, method: &str, path: &str, reply: Reply) {
        self.shared.routes.lock().unwrap().insert((method.to_string(), path.to_string()), reply);
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// The only request received; fails the test when there were none or several.
    pub fn single_request(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(requests.len(), 1, "expected exactly one request, got {requests:?}");
        requests.into_iter().next().unwrap()
    }
}

async fn handle(State(shared): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let header_text = |name| parts.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let recorded = Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path_and_query().map(|pq| pq.to_string()).unwrap_or_default(),
        authorization: header_text(header::AUTHORIZATION),
        content_type: header_text(header::CONTENT_TYPE),
        body: to_bytes(body, usize::MAX).await.map(|b| b.to_vec()).unwrap_or_default(),
    };
    shared.requests.lock().unwrap().push(recorded);
    let reply = shared.routes.lock().unwrap().get(&(parts.method.to_string(), parts.uri.path().to_string())).cloned();
    let reply = reply.unwrap_or_else(|| Reply::bytes(404, "text/plain", b"no such route in the fake"));
    Response::builder()
        .status(StatusCode::from_u16(reply.status).unwrap())
        .header(header::CONTENT_TYPE, reply.content_type)
        .body(Body::from(reply.body))
        .unwrap()
}
