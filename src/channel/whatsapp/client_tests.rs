//! The Graph API client against a local fake that checks the documented request shapes.

use serde_json::json;

use super::{MediaKind, MediaRef, WhatsappClient};
use crate::channel::provider::fake_http::{FakeServer, Reply};
use crate::channel::provider::ProviderError;

const PHONE_ID: &str = "106540352242922";
const MESSAGES: &str = "/v21.0/106540352242922/messages";

fn accepted(wamid: &str) -> Reply {
    Reply::json(
        200,
        json!({
            "messaging_product": "whatsapp",
            "contacts": [{ "input": "16505551234", "wa_id": "16505551234" }],
            "messages": [{ "id": wamid }]
        }),
    )
}

async fn setup() -> (FakeServer, WhatsappClient) {
    let fake = FakeServer::start().await;
    let client = WhatsappClient::new(&format!("{}/", fake.base_url), "EAAtoken", PHONE_ID);
    (fake, client)
}

#[tokio::test]
async fn send_text_posts_the_documented_body_and_returns_the_wamid() {
    let (fake, client) = setup().await;
    fake.route("POST", MESSAGES, accepted("wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA"));
    let wamid = client.send_text("16505551234", "Yes, it comes in blue.").await.unwrap();
    assert_eq!(wamid, "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA");

    let request = fake.single_request();
    assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", MESSAGES));
    assert_eq!(request.authorization.as_deref(), Some("Bearer EAAtoken"));
    assert_eq!(request.content_type.as_deref(), Some("application/json"));
    let body = request.json();
    assert_eq!(body["messaging_product"], "whatsapp");
    assert_eq!(body["recipient_type"], "individual");
    assert_eq!(body["to"], "16505551234");
    assert_eq!(body["type"], "text");
    assert_eq!(body["text"]["body"], "Yes, it comes in blue.");
}

#[tokio::test]
async fn media_and_templates_have_their_documented_objects() {
    let (fake, client) = setup().await;
    fake.route("POST", MESSAGES, accepted("wamid.media"));
    let document = MediaRef::Id("1013859600285441");
    let sent =
        client.send_media("16505551234", MediaKind::Document, document, Some("Your invoice"), Some("invoice.pdf"));
    assert_eq!(sent.await.unwrap(), "wamid.media");
    let link = MediaRef::Link("https://example.com/photo.jpg");
    client.send_media("16505551234", MediaKind::Image, link, None, Some("ignored.jpg")).await.unwrap();
    client.send_media("16505551234", MediaKind::Audio, MediaRef::Id("77"), None, None).await.unwrap();
    let params = ["Anna".to_string(), "#1042".to_string()];
    client.send_template("16505551234", "ticket_update", "en_US", &params).await.unwrap();
    client.send_template("16505551234", "hello_world", "en_US", &[]).await.unwrap();

    let bodies: Vec<serde_json::Value> = fake.requests().iter().map(|request| request.json()).collect();
    assert_eq!(bodies.len(), 5);
    assert_eq!(bodies[0]["type"], "document");
    assert_eq!(
        bodies[0]["document"],
        json!({ "id": "1013859600285441", "caption": "Your invoice", "filename": "invoice.pdf" })
    );
    assert_eq!(bodies[1]["type"], "image");
    assert_eq!(bodies[1]["image"], json!({ "link": "https://example.com/photo.jpg" }), "no filename on images");
    assert_eq!(bodies[2]["audio"], json!({ "id": "77" }));
    assert_eq!(bodies[3]["type"], "template");
    assert_eq!(
        bodies[3]["template"],
        json!({
            "name": "ticket_update",
            "language": { "code": "en_US" },
            "components": [{ "type": "body", "parameters": [
                { "type": "text", "text": "Anna" }, { "type": "text", "text": "#1042" }
            ]}]
        })
    );
    assert_eq!(bodies[4]["template"], json!({ "name": "hello_world", "language": { "code": "en_US" } }));
    assert!(bodies.iter().all(|body| body["messaging_product"] == "whatsapp" && body["to"] == "16505551234"));

    let refused = client.send_media("1", MediaKind::Audio, MediaRef::Id("77"), Some("caption"), None).await;
    assert!(matches!(refused, Err(ProviderError::Permanent { status: None, .. })), "{refused:?}");
    assert_eq!(fake.requests().len(), 5, "a refused audio caption is never sent");
}

#[tokio::test]
async fn upload_is_multipart_with_the_documented_fields() {
    let (fake, client) = setup().await;
    fake.route("POST", "/v21.0/106540352242922/media", Reply::json(200, json!({ "id": "1013859600285441" })));
    let id = client.upload_media(b"%PDF-1.7 fake".to_vec(), "application/pdf", "invoice.pdf").await.unwrap();
    assert_eq!(id, "1013859600285441");

    let request = fake.single_request();
    assert_eq!(request.authorization.as_deref(), Some("Bearer EAAtoken"));
    assert!(request.content_type.as_deref().unwrap().starts_with("multipart/form-data; boundary="));
    let body = request.body_text();
    assert!(body.contains("name=\"messaging_product\"\r\n\r\nwhatsapp\r\n"), "{body}");
    assert!(body.contains("name=\"type\"\r\n\r\napplication/pdf\r\n"), "{body}");
    assert!(body.contains("name=\"file\"; filename=\"invoice.pdf\""), "{body}");
    assert!(body.contains("Content-Type: application/pdf\r\n\r\n%PDF-1.7 fake\r\n"), "{body}");
}

#[tokio::test]
async fn download_fetches_the_url_then_the_bytes_with_the_token() {
    let (fake, client) = setup().await;
    let media_url = format!("{}/whatsapp_business/attachments/?mid=65463453", fake.base_url);
    fake.route(
        "GET",
        "/v21.0/65463453",
        Reply::json(
            200,
            json!({
                "messaging_product": "whatsapp", "url": media_url, "mime_type": "image/jpeg",
                "sha256": "abc", "file_size": "13", "id": "65463453"
            }),
        ),
    );
    fake.route("GET", "/whatsapp_business/attachments/", Reply::bytes(200, "image/jpeg", b"\xFF\xD8\xFF jpeg data"));

    let info = client.media_url("65463453").await.unwrap();
    assert_eq!((info.url.as_str(), info.mime_type.as_str()), (media_url.as_str(), "image/jpeg"));
    let (bytes, mime) = client.download_media("65463453").await.unwrap();
    assert_eq!(bytes, b"\xFF\xD8\xFF jpeg data");
    assert_eq!(mime, "image/jpeg");
    let requests = fake.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[2].path, "/whatsapp_business/attachments/?mid=65463453");
    assert!(requests.iter().all(|request| request.authorization.as_deref() == Some("Bearer EAAtoken")));

    let missing = client.download_media("404404").await;
    assert!(matches!(missing, Err(ProviderError::Permanent { status: Some(404), .. })), "{missing:?}");
}

#[tokio::test]
async fn graph_errors_are_permanent_or_retryable() {
    let (fake, client) = setup().await;
    fake.route(
        "POST",
        MESSAGES,
        Reply::json(
            400,
            json!({ "error": {
                "message": "(#131047) Re-engagement message",
                "type": "OAuthException",
                "code": 131047,
                "error_data": { "messaging_product": "whatsapp",
                    "details": "Message failed to send because more than 24 hours have passed since the customer last replied to this number." },
                "fbtrace_id": "AbCdEf"
            }}),
        ),
    );
    let outside_window = client.send_text("16505551234", "Hello again").await.unwrap_err();
    assert_eq!(
        outside_window,
        ProviderError::Permanent {
            status: Some(400),
            code: Some(131047),
            message: "(#131047) Re-engagement message: Message failed to send because more than 24 hours have passed \
                      since the customer last replied to this number."
                .to_string(),
        }
    );

    fake.route(
        "POST",
        MESSAGES,
        Reply::json(500, json!({ "error": { "message": "An unknown error occurred", "code": 1 } })),
    );
    let server_error = client.send_text("16505551234", "x").await.unwrap_err();
    assert!(server_error.is_retryable(), "{server_error:?}");

    fake.route(
        "POST",
        MESSAGES,
        Reply::json(400, json!({ "error": { "message": "(#130429) Rate limit hit", "code": 130429 } })),
    );
    assert!(client.send_text("16505551234", "x").await.unwrap_err().is_retryable(), "throttling code is retryable");

    fake.route("POST", MESSAGES, Reply::bytes(502, "text/html", b"<html>Bad Gateway</html>"));
    assert!(client.send_text("16505551234", "x").await.unwrap_err().is_retryable());

    fake.route("POST", MESSAGES, Reply::json(200, json!({ "unexpected": true })));
    let odd = client.send_text("16505551234", "x").await.unwrap_err();
    assert!(!odd.is_retryable(), "an accepted send with an odd answer is not retried (it may have been sent)");
}

#[tokio::test]
async fn an_unreachable_api_is_retryable() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let client = WhatsappClient::new(&format!("http://{address}"), "EAAtoken", PHONE_ID);
    let err = client.send_text("16505551234", "x").await.unwrap_err();
    assert!(err.is_retryable(), "{err:?}");
    assert!(!format!("{err:?}").contains("EAAtoken"));
}
