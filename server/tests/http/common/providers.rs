//! Local stand-ins for the WhatsApp Cloud API (Graph) and the Telegram Bot API on one port, answering the
//! documented request shapes with the documented response shapes: sent messages get fresh ids, media and files
//! registered by the test can be fetched the way the real APIs serve them. Every request is recorded.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

pub const WHATSAPP_TOKEN: &str = "test-graph-token";
pub const WHATSAPP_PHONE_ID: &str = "1122334455667";
pub const WHATSAPP_APP_SECRET: &str = "test-app-secret";
pub const WHATSAPP_VERIFY_TOKEN: &str = "test-verify-token";
pub const TELEGRAM_TOKEN: &str = "123456:TEST-token";
pub const TELEGRAM_SECRET: &str = "test-telegram-secret";

#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub authorization: Option<String>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

/// Media id or Telegram file id -> (media type, bytes).
type Files = HashMap<String, (String, Vec<u8>)>;

#[derive(Clone, Default)]
struct Shared {
    requests: Arc<Mutex<Vec<Recorded>>>,
    files: Arc<Mutex<Files>>,
    /// Answer every media lookup with 503 (a provider outage).
    media_down: Arc<Mutex<bool>>,
    next_id: Arc<Mutex<u64>>,
}

pub struct FakeProviders {
    pub base_url: String,
    shared: Shared,
}

impl FakeProviders {
    pub async fn start() -> FakeProviders {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let shared = Shared::default();
        let app = axum::Router::new().fallback(handle).with_state(shared.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.expect("fake providers") });
        FakeProviders { base_url, shared }
    }

    /// The app settings that point WhatsApp and Telegram here.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("TIDINGS_WHATSAPP_TOKEN", WHATSAPP_TOKEN.into()),
            ("TIDINGS_WHATSAPP_PHONE_NUMBER_ID", WHATSAPP_PHONE_ID.into()),
            ("TIDINGS_WHATSAPP_APP_SECRET", WHATSAPP_APP_SECRET.into()),
            ("TIDINGS_WHATSAPP_VERIFY_TOKEN", WHATSAPP_VERIFY_TOKEN.into()),
            ("TIDINGS_WHATSAPP_API_BASE", self.base_url.clone()),
            (
                "TIDINGS_WHATSAPP_TEMPLATES",
                "follow_up:de=Wir haben Ihnen geantwortet. Schreiben Sie uns zurück!".into(),
            ),
            ("TIDINGS_TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN.into()),
            ("TIDINGS_TELEGRAM_SECRET", TELEGRAM_SECRET.into()),
            ("TIDINGS_TELEGRAM_API_BASE", self.base_url.clone()),
        ]
    }

    /// A file a customer sent: fetchable by its WhatsApp media id or Telegram file id.
    pub fn add_file(&self, id: &str, content_type: &str, bytes: &[u8]) {
        self.shared.files.lock().unwrap().insert(id.into(), (content_type.into(), bytes.to_vec()));
    }

    pub fn set_media_down(&self, down: bool) {
        *self.shared.media_down.lock().unwrap() = down;
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// The JSON bodies of the requests to paths ending in `suffix` (e.g. `/messages`, `/sendMessage`).
    pub fn sent(&self, suffix: &str) -> Vec<Value> {
        self.requests().into_iter().filter(|r| r.path.ends_with(suffix)).map(|r| r.json()).collect()
    }

    /// Waits (up to 10 s) until `count` requests to paths ending in `suffix` arrived.
    pub async fn wait_for(&self, suffix: &str, count: usize) -> Vec<Recorded> {
        for _ in 0..200 {
            let matching: Vec<Recorded> = self.requests().into_iter().filter(|r| r.path.ends_with(suffix)).collect();
            if matching.len() >= count {
                return matching;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("expected {count} requests to *{suffix}, got {:?}", self.requests());
    }
}

fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap())
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap()
}

fn json_reply(status: u16, value: Value) -> Response {
    reply(status, "application/json", value.to_string().into_bytes())
}

async fn handle(State(shared): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let recorded = Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        authorization: parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).map(str::to_string),
        body: to_bytes(body, usize::MAX).await.map(|b| b.to_vec()).unwrap_or_default(),
    };
    shared.requests.lock().unwrap().push(recorded.clone());
    let next_id = || {
        let mut next = shared.next_id.lock().unwrap();
        *next += 1;
        *next
    };
    let path = recorded.path.as_str();
    let media_down = *shared.media_down.lock().unwrap();
    if let Some(rest) = path.strip_prefix("/v21.0/") {
        if recorded.authorization.as_deref() != Some(&format!("Bearer {WHATSAPP_TOKEN}")) {
            return json_reply(401, json!({"error": {"message": "Invalid OAuth access token.", "code": 190}}));
        }
        return match (recorded.method.as_str(), rest.split_once('/')) {
            ("POST", Some((_, "messages"))) => {
                let to = recorded.json()["to"].clone();
                json_reply(
                    200,
                    json!({"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": to}],
                    "messages": [{"id": format!("wamid.fake{}", next_id())}]}),
                )
            }
            ("POST", Some((_, "media"))) => json_reply(200, json!({"id": format!("upload{}", next_id())})),
            ("GET", None) if media_down => {
                json_reply(503, json!({"error": {"message": "Service unavailable", "code": 2}}))
            }
            ("GET", None) => match shared.files.lock().unwrap().get(rest) {
                Some((mime, bytes)) => json_reply(
                    200,
                    json!({"messaging_product": "whatsapp", "id": rest,
                    "url": format!("http://{}/whatsapp-media/{rest}", parts.headers[header::HOST].to_str().unwrap()),
                    "mime_type": mime, "file_size": bytes.len()}),
                ),
                None => json_reply(404, json!({"error": {"message": "Unsupported get request.", "code": 100}})),
            },
            _ => json_reply(404, json!({"error": {"message": "Unknown path", "code": 100}})),
        };
    }
    if let Some(id) = path.strip_prefix("/whatsapp-media/") {
        return match shared.files.lock().unwrap().get(id) {
            Some((mime, bytes)) => reply(200, mime, bytes.clone()),
            None => reply(404, "text/plain", b"gone".to_vec()),
        };
    }
    let bot = format!("/bot{TELEGRAM_TOKEN}/");
    if let Some(method) = path.strip_prefix(&bot) {
        let ok = |result: Value| json_reply(200, json!({"ok": true, "result": result}));
        return match method {
            "sendMessage" | "sendDocument" => {
                ok(json!({"message_id": next_id(), "date": 1_700_000_000, "chat": {"id": 1, "type": "private"}}))
            }
            "getFile" if media_down => {
                json_reply(502, json!({"ok": false, "error_code": 502, "description": "Bad Gateway"}))
            }
            "getFile" => {
                let file_id = recorded.json()["file_id"].as_str().unwrap_or_default().to_string();
                match shared.files.lock().unwrap().get(&file_id) {
                    Some((_, bytes)) => ok(json!({"file_id": file_id, "file_unique_id": "u", "file_size": bytes.len(),
                        "file_path": format!("documents/{file_id}")})),
                    None => json_reply(
                        400,
                        json!({"ok": false, "error_code": 400,
                        "description": "Bad Request: invalid file_id"}),
                    ),
                }
            }
            _ => json_reply(404, json!({"ok": false, "error_code": 404, "description": "Not Found"})),
        };
    }
    if let Some(file_id) = path.strip_prefix(&format!("/file/bot{TELEGRAM_TOKEN}/documents/")) {
        return match shared.files.lock().unwrap().get(file_id) {
            Some((_, bytes)) => reply(200, "application/octet-stream", bytes.clone()),
            None => reply(404, "text/plain", b"not found".to_vec()),
        };
    }
    reply(404, "text/plain", b"no such route in the fake".to_vec())
}

/// Runs each `$case(app, providers)` on SQLite and PostgreSQL with WhatsApp and Telegram pointed at a fresh fake.
#[macro_export]
macro_rules! with_fake_providers {
    ($($case:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let fake = super::common::providers::FakeProviders::start().await;
                let env = fake.env();
                let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let app = super::common::spawn(super::common::Backend::Sqlite, &env).await.expect("sqlite app");
                super::$case(app, fake).await;
            })*
        }
        mod on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let fake = super::common::providers::FakeProviders::start().await;
                let env = fake.env();
                let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
                if let Some(app) = super::common::spawn(super::common::Backend::Postgres, &env).await {
                    super::$case(app, fake).await;
                }
            })*
        }
    };
}

/// `sha256=<hex>`: the X-Hub-Signature-256 Meta puts on a webhook body.
pub fn whatsapp_signature(body: &[u8]) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(WHATSAPP_APP_SECRET.as_bytes()).unwrap();
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// POSTs a WhatsApp webhook body signed with the app secret (or with `signature` when given).
pub async fn post_whatsapp(app: &super::TestApp, body: &[u8], signature: Option<&str>) -> (u16, String) {
    let signature = signature.map(str::to_string).unwrap_or_else(|| whatsapp_signature(body));
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/channels/whatsapp/webhook"))
        .header("content-type", "application/json")
        .header("x-hub-signature-256", signature)
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// POSTs a Telegram update with the secret token header (or `secret` when given).
pub async fn post_telegram(app: &super::TestApp, body: &[u8], secret: Option<&str>) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/channels/telegram/webhook"))
        .header("content-type", "application/json")
        .header("x-telegram-bot-api-secret-token", secret.unwrap_or(TELEGRAM_SECRET))
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Sample bytes of a media type, enough for the attachment checks to recognise the format.
pub fn sample_bytes(content_type: &str) -> Vec<u8> {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    match essence {
        "image/jpeg" => vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1],
        "image/png" => b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec(),
        "audio/ogg" => b"OggS\0\x02\0\0\0\0\0\0\0\0OpusHead".to_vec(),
        "audio/mpeg" => b"ID3\x04\0\0\0\0\0\x21 frames".to_vec(),
        "application/pdf" => b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n".to_vec(),
        _ => b"plain text sample\n".to_vec(),
    }
}
