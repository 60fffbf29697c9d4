//! The Bot API client against a local fake that checks the documented request shapes.

use std::time::Duration;

use serde_json::json;

use super::TelegramClient;
use crate::channel::provider::fake_http::{FakeServer, Reply};
use crate::channel::provider::ProviderError;

const TOKEN: &str = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";

async fn setup() -> (FakeServer, TelegramClient) {
    let fake = FakeServer::start().await;
    let client = TelegramClient::new(&fake.base_url, TOKEN);
    (fake, client)
}

fn sent(message_id: i64) -> Reply {
    Reply::json(
        200,
        json!({ "ok": true, "result": {
            "message_id": message_id, "date": 1700000000,
            "chat": { "id": 111111, "type": "private", "first_name": "Test" },
            "from": { "id": 222222, "is_bot": true, "first_name": "Support", "username": "SupportBot" },
            "text": "ignored here"
        }}),
    )
}

#[tokio::test]
async fn send_message_posts_chat_id_and_text() {
    let (fake, client) = setup().await;
    fake.route("POST", &format!("/bot{TOKEN}/sendMessage"), sent(1366));
    let message_id = client.send_message(111111, "We are on it. <b>not markup</b>").await.unwrap();
    assert_eq!(message_id, 1366);

    let request = fake.single_request();
    assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", format!("/bot{TOKEN}/sendMessage").as_str()));
    assert_eq!(request.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        request.json(),
        json!({ "chat_id": 111111, "text": "We are on it. <b>not markup</b>" }),
        "no parse_mode"
    );
}

#[tokio::test]
async fn send_document_is_multipart() {
    let (fake, client) = setup().await;
    fake.route("POST", &format!("/bot{TOKEN}/sendDocument"), sent(1367));
    let message_id = client.send_document(-5, b"%PDF-1.7 fake".to_vec(), "invoice.pdf", Some("Your invoice")).await;
    assert_eq!(message_id.unwrap(), 1367);

    let request = fake.single_request();
    assert!(request.content_type.as_deref().unwrap().starts_with("multipart/form-data; boundary="));
    let body = request.body_text();
    assert!(body.contains("name=\"chat_id\"\r\n\r\n-5\r\n"), "{body}");
    assert!(body.contains("name=\"caption\"\r\n\r\nYour invoice\r\n"), "{body}");
    assert!(body.contains("name=\"document\"; filename=\"invoice.pdf\""), "{body}");
    assert!(body.contains("%PDF-1.7 fake"), "{body}");
}

#[tokio::test]
async fn get_file_then_download_it() {
    let (fake, client) = setup().await;
    fake.route(
        "POST",
        &format!("/bot{TOKEN}/getFile"),
        Reply::json(
            200,
            json!({ "ok": true, "result": {
                "file_id": "documentfileid", "file_unique_id": "AgADBAAD", "file_size": 13,
                "file_path": "documents/file_12.pdf"
            }}),
        ),
    );
    fake.route(
        "GET",
        &format!("/file/bot{TOKEN}/documents/file_12.pdf"),
        Reply::bytes(200, "application/pdf", b"%PDF-1.7 doc"),
    );

    let path = client.get_file("documentfileid").await.unwrap();
    assert_eq!(path, "documents/file_12.pdf");
    assert_eq!(client.download_file(&path).await.unwrap(), b"%PDF-1.7 doc");
    let requests = fake.requests();
    assert_eq!(requests[0].json(), json!({ "file_id": "documentfileid" }));
    assert_eq!(requests[1].method, "GET");

    let escape = client.download_file("../../etc/passwd").await;
    assert!(matches!(escape, Err(ProviderError::Permanent { status: None, .. })), "{escape:?}");
    assert_eq!(fake.requests().len(), 2, "a suspicious path is never requested");
}

#[tokio::test]
async fn bot_api_errors_are_permanent_or_retryable() {
    let (fake, client) = setup().await;
    let send = format!("/bot{TOKEN}/sendMessage");
    fake.route(
        "POST",
        &send,
        Reply::json(
            403,
            json!({ "ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user" }),
        ),
    );
    let blocked = client.send_message(111111, "hi").await.unwrap_err();
    assert_eq!(
        blocked,
        ProviderError::Permanent {
            status: Some(403),
            code: Some(403),
            message: "Forbidden: bot was blocked by the user".to_string()
        }
    );

    fake.route(
        "POST",
        &send,
        Reply::json(
            429,
            json!({ "ok": false, "error_code": 429, "description": "Too Many Requests: retry after 7",
                    "parameters": { "retry_after": 7 } }),
        ),
    );
    let throttled = client.send_message(111111, "hi").await.unwrap_err();
    assert_eq!(
        throttled,
        ProviderError::Retryable {
            message: "Too Many Requests: retry after 7".to_string(),
            retry_after: Some(Duration::from_secs(7))
        }
    );

    fake.route(
        "POST",
        &send,
        Reply::json(502, json!({ "ok": false, "error_code": 502, "description": "Bad Gateway" })),
    );
    assert!(client.send_message(111111, "hi").await.unwrap_err().is_retryable());
    fake.route("POST", &send, Reply::bytes(500, "text/html", b"<html>oops</html>"));
    assert!(client.send_message(111111, "hi").await.unwrap_err().is_retryable());

    let missing = client.download_file("photos/gone.jpg").await.unwrap_err();
    assert!(matches!(missing, ProviderError::Permanent { status: Some(404), .. }), "{missing:?}");
    fake.route(
        "POST",
        &format!("/bot{TOKEN}/getFile"),
        Reply::json(400, json!({ "ok": false, "error_code": 400, "description": "Bad Request: file is too big" })),
    );
    let too_big = client.get_file("big").await.unwrap_err();
    assert_eq!(too_big.code(), Some(400));
}

#[tokio::test]
async fn transport_errors_never_show_the_token() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let client = TelegramClient::new(&format!("http://{address}"), TOKEN);
    let err = client.send_message(1, "x").await.unwrap_err();
    assert!(err.is_retryable(), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("ABC-DEF"), "{err:?}");
    assert!(!format!("{client:?}").contains("ABC-DEF"));
}
