//! WhatsApp over real HTTP against a local fake of the Cloud API: the handshake, signatures checked before
//! anything is read, every corpus payload stored exactly once with its media fetched, replies sent back with their
//! status moved by callbacks, and the 24-hour window (outside it only an approved template goes out).

use serde_json::{json, Value};

use crate::common;
use crate::common::providers::{post_whatsapp, sample_bytes, FakeProviders, WHATSAPP_VERIFY_TOKEN};
use crate::common::tickets::{get_ticket, post_message, reply_ok};
use crate::common::{error_code, TestApp};

crate::with_fake_providers!(
    the_handshake_echoes_the_challenge_only_for_the_verify_token,
    forged_missing_or_malformed_deliveries_store_nothing,
    every_corpus_payload_is_stored_once_with_its_media,
    replies_go_out_and_status_callbacks_only_move_forward,
    outside_the_24_hour_window_only_a_template_goes_out,
    media_the_provider_cannot_serve_yet_is_retried,
);

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/whatsapp");
const CUSTOMER: &str = "972987654321";

fn payload(name: &str) -> Value {
    let raw = std::fs::read(format!("{CORPUS}/{name}")).unwrap_or_else(|err| panic!("{name}: {err}"));
    serde_json::from_slice(&raw).unwrap()
}

/// The webhook bodies of the corpus (the documented signed request's `body`; the GET handshake sample is not a
/// body), each message and media file given an id of its own (the pywa samples all use `wamid.xyzxyz`).
fn corpus() -> Vec<(String, Value)> {
    let mut names: Vec<String> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json") && !name.contains("webhook_verification"))
        .collect();
    names.sort();
    assert!(names.len() >= 15, "the WhatsApp corpus looks incomplete: {names:?}");
    names
        .into_iter()
        .map(|name| {
            let mut body = payload(&name);
            if body.get("headers").is_some() {
                body = body["body"].clone();
            }
            for message in messages_mut(&mut body) {
                let id = message["id"].as_str().unwrap().to_string();
                message["id"] = json!(format!("{id}.{name}"));
                // The samples share media ids across an audio file and a PDF: one file per id here.
                let kind = message["type"].as_str().unwrap_or_default().to_string();
                if let Some(media_id) = message.get_mut(&kind).and_then(|media| media.get_mut("id")) {
                    *media_id = json!(format!("{}.{name}", media_id.as_str().unwrap_or_default()));
                }
            }
            (name, body)
        })
        .collect()
}

/// The message objects of a payload (never adding a key: `body["x"]` on a `&mut Value` would insert a null).
fn messages_mut(body: &mut Value) -> Vec<&mut Value> {
    let mut found = Vec::new();
    let entries = body.get_mut("entry").and_then(Value::as_array_mut).into_iter().flatten();
    for entry in entries {
        for change in entry.get_mut("changes").and_then(Value::as_array_mut).into_iter().flatten() {
            let messages = change.get_mut("value").and_then(|value| value.get_mut("messages"));
            found.extend(messages.and_then(Value::as_array_mut).into_iter().flatten());
        }
    }
    found
}

/// (media id, media type) of every media object in a payload's messages.
fn media_of(body: &Value) -> Vec<(String, String)> {
    let mut body = body.clone();
    messages_mut(&mut body)
        .into_iter()
        .filter_map(|message| {
            let kind = message["type"].as_str()?.to_string();
            let media = &message[kind.as_str()];
            Some((media["id"].as_str()?.to_string(), media["mime_type"].as_str()?.to_string()))
        })
        .collect()
}

async fn all_tickets(app: &TestApp) -> Vec<Value> {
    common::tickets::all_tickets(app, &app.admin().await).await
}

async fn the_handshake_echoes_the_challenge_only_for_the_verify_token(app: TestApp, _fake: FakeProviders) {
    let client = reqwest::Client::new();
    let url = |token: &str| {
        app.url(&format!(
            "/api/v1/channels/whatsapp/webhook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={token}"
        ))
    };
    let ok = client.get(url(WHATSAPP_VERIFY_TOKEN)).send().await.unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "1158201444");
    let wrong = client.get(url("meatyhamhock")).send().await.unwrap();
    assert_eq!(wrong.status(), 403);
}

async fn forged_missing_or_malformed_deliveries_store_nothing(app: TestApp, _fake: FakeProviders) {
    let body = serde_json::to_vec(&payload("pywa_message_text.json")).unwrap();
    let forged = "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914";
    assert_eq!(post_whatsapp(&app, &body, Some(forged)).await.0, 403);
    assert_eq!(post_whatsapp(&app, &body, Some("")).await.0, 403);
    let mut tampered = body.clone();
    tampered.extend_from_slice(b" ");
    let signature = crate::common::providers::whatsapp_signature(&body);
    assert_eq!(post_whatsapp(&app, &tampered, Some(&signature)).await.0, 403, "signed over another body");
    let (status, text) = post_whatsapp(&app, br#"{"object":"whatsapp_business_account","entry":[{"#, None).await;
    assert_eq!(status, 400, "{text}");
    assert!(text.contains("malformed_payload"), "{text}");
    assert!(all_tickets(&app).await.is_empty(), "nothing was stored");
}

async fn every_corpus_payload_is_stored_once_with_its_media(app: TestApp, fake: FakeProviders) {
    let corpus = corpus();
    let (mut expected_messages, mut expected_files, mut senders) = (0, 0, std::collections::BTreeSet::new());
    for (_, body) in &corpus {
        let mut body = body.clone();
        for message in messages_mut(&mut body) {
            expected_messages += 1;
            senders.insert(message["from"].as_str().unwrap().to_string());
        }
        for (id, mime) in media_of(&body) {
            fake.add_file(&id, &mime, &sample_bytes(&mime));
            expected_files += 1;
        }
    }
    assert!(expected_messages >= 10 && expected_files >= 4, "{expected_messages} messages, {expected_files} files");
    for round in 0..2 {
        for (name, body) in &corpus {
            let (status, text) = post_whatsapp(&app, &serde_json::to_vec(body).unwrap(), None).await;
            assert_eq!(status, 200, "round {round}, {name}: {text}");
        }
    }
    let tickets = all_tickets(&app).await;
    assert_eq!(tickets.len(), senders.len(), "one conversation per customer number");
    let (messages, files) = common::tickets::messages_and_files(&tickets);
    assert_eq!(messages.len(), expected_messages, "every message once, however often it was delivered");
    assert_eq!(files, expected_files, "every photo, voice note and document was fetched and kept");
    assert!(messages.iter().all(|m| m["channel"] == "whatsapp"));
    let texts: Vec<&str> = messages.iter().filter_map(|m| m["body"].as_str()).collect();
    assert!(texts.iter().any(|t| t.starts_with("[Location]")), "{texts:?}");
    let customer = tickets.iter().find(|t| t["requester"]["name"] == "Test Name").expect("pywa's customer");
    assert_eq!(customer["channel"], "whatsapp");
}

/// A text from the customer; the ticket it opened.
async fn customer_writes(app: &TestApp, id: &str) -> String {
    let mut body = payload("pywa_message_text.json");
    messages_mut(&mut body)[0]["id"] = json!(id);
    let (status, text) = post_whatsapp(app, &serde_json::to_vec(&body).unwrap(), None).await;
    assert_eq!(status, 200, "{text}");
    all_tickets(app).await.last().expect("a ticket")["id"].as_str().unwrap().to_string()
}

/// Waits until the message's delivery status is `status`; the message.
async fn delivery_becomes(app: &TestApp, ticket: &str, message: &str, status: &str) -> Value {
    let admin = app.admin().await;
    for _ in 0..200 {
        let found = get_ticket(app, &admin, ticket).await["messages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == message)
            .cloned()
            .expect("the message");
        if found["delivery"]["status"] == status {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("message {message} never became {status}");
}

async fn status_callback(app: &TestApp, wamid: &str, status: &str) {
    let mut body = payload(&format!("pywa_status_{status}.json"));
    body["entry"][0]["changes"][0]["value"]["statuses"][0]["id"] = json!(wamid);
    let (code, text) = post_whatsapp(app, &serde_json::to_vec(&body).unwrap(), None).await;
    assert_eq!(code, 200, "{text}");
}

async fn replies_go_out_and_status_callbacks_only_move_forward(app: TestApp, fake: FakeProviders) {
    let ticket = customer_writes(&app, "wamid.first").await;
    let admin = app.admin().await;
    let reply = reply_ok(&app, &admin, &ticket, json!({"body": "Hallo! Grüße aus dem Support."})).await;
    let sent = fake.wait_for("/messages", 1).await;
    let request = sent[0].json();
    assert_eq!(request["to"], CUSTOMER);
    assert_eq!(request["type"], "text");
    assert_eq!(request["text"]["body"], "Hallo! Grüße aus dem Support.");
    let id = reply["id"].as_str().unwrap();
    delivery_becomes(&app, &ticket, id, "sent").await;

    let wamid = "wamid.fake1";
    status_callback(&app, wamid, "delivered").await;
    delivery_becomes(&app, &ticket, id, "delivered").await;
    status_callback(&app, wamid, "read").await;
    delivery_becomes(&app, &ticket, id, "read").await;
    status_callback(&app, wamid, "delivered").await;
    let after = delivery_becomes(&app, &ticket, id, "read").await;
    assert_eq!(after["delivery"]["status"], "read", "a late callback does not move it back");

    // A file goes up to the Graph API and out as a document message.
    let form = reqwest::multipart::Form::new()
        .text("body", "Ihr Zertifikat")
        .part("files", reqwest::multipart::Part::bytes(sample_bytes("application/pdf")).file_name("zertifikat.pdf"));
    let response =
        admin.post(app.url(&format!("/api/v1/tickets/{ticket}/messages"))).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    let sent = fake.wait_for("/messages", 3).await;
    let document = sent[2].json();
    assert_eq!(document["type"], "document");
    assert_eq!(document["document"]["filename"], "zertifikat.pdf");
    assert!(fake.requests().iter().any(|r| r.path.ends_with("/media")), "the file was uploaded first");
}

async fn outside_the_24_hour_window_only_a_template_goes_out(app: TestApp, fake: FakeProviders) {
    let ticket = customer_writes(&app, "wamid.old").await;
    let admin = app.admin().await;
    let window_url = app.url(&format!("/api/v1/tickets/{ticket}/reply-window"));
    let open: Value = admin.get(&window_url).send().await.unwrap().json().await.unwrap();
    assert_eq!(open["whatsapp"]["open"], true, "{open}");

    backdate_messages(&app, &ticket, 25).await;
    let window: Value = admin.get(&window_url).send().await.unwrap().json().await.unwrap();
    assert_eq!(window["whatsapp"]["open"], false, "{window}");
    assert_eq!(window["whatsapp"]["templates"][0]["name"], "follow_up");

    // The reply box says so and offers the template.
    let (status, html) = crate::common::pages::page(&app, &admin, &format!("/agent/tickets/{ticket}")).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"id="whatsapp-window" data-open="false""#), "the reply box says the window is closed");
    assert!(html.contains(r#"<option value="follow_up:de">"#), "and offers the approved template");

    let refused = post_message(&app, &admin, &ticket, json!({"body": "Noch da?"})).await;
    assert_eq!(refused.status(), 422);
    assert_eq!(error_code(refused).await, "whatsapp_window_closed");
    let unknown = post_message(&app, &admin, &ticket, json!({"template": "nope:de"})).await;
    assert_eq!(unknown.status(), 422);

    let sent = reply_ok(&app, &admin, &ticket, json!({"template": "follow_up:de"})).await;
    assert_eq!(sent["body"], "Wir haben Ihnen geantwortet. Schreiben Sie uns zurück!");
    let requests = fake.wait_for("/messages", 1).await;
    assert_eq!(requests.len(), 1, "the refused reply never reached WhatsApp");
    let template = requests[0].json();
    assert_eq!(template["type"], "template");
    assert_eq!(template["template"]["name"], "follow_up");
    assert_eq!(template["template"]["language"]["code"], "de");

    // The customer answers: the window opens again.
    customer_writes(&app, "wamid.again").await;
    reply_ok(&app, &admin, &ticket, json!({"body": "Schön, von Ihnen zu hören."})).await;
}

/// Moves a ticket's messages `hours` into the past (the window is measured from the customer's last message).
async fn backdate_messages(app: &TestApp, ticket: &str, hours: i64) {
    let at = chrono::Utc::now() - chrono::Duration::hours(hours);
    let url = &app.state.config.database_url;
    let sql = "UPDATE messages SET created_at = $1 WHERE ticket_id = $2";
    if url.starts_with("sqlite") {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        sqlx::query(sql).bind(at).bind(ticket).execute(&pool).await.unwrap();
    } else {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        sqlx::query(sql).bind(at).bind(ticket).execute(&pool).await.unwrap();
    }
}

async fn media_the_provider_cannot_serve_yet_is_retried(app: TestApp, fake: FakeProviders) {
    let mut body = payload("pywa_message_image.json");
    messages_mut(&mut body)[0]["id"] = json!("wamid.photo");
    let body = serde_json::to_vec(&body).unwrap();
    fake.add_file("65463453", "image/jpeg", &sample_bytes("image/jpeg"));
    fake.set_media_down(true);
    let (status, text) = post_whatsapp(&app, &body, None).await;
    assert_eq!(status, 503, "the provider is asked to deliver it again: {text}");
    assert!(all_tickets(&app).await.is_empty(), "nothing half-stored");
    fake.set_media_down(false);
    assert_eq!(post_whatsapp(&app, &body, None).await.0, 200);
    let tickets = all_tickets(&app).await;
    let attachments = &tickets[0]["messages"][0]["attachments"];
    assert_eq!(attachments.as_array().unwrap().len(), 1, "{tickets:?}");
    assert_eq!(attachments[0]["content_type"], "image/jpeg");
}
