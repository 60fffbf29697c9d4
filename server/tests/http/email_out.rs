//! Replies by email over a real SMTP server (aiosmtpd on a local port): a chat turned into a follow-up ticket
//! answers the visitor by email, replies thread in the customer's mail client, delivery status shows on each
//! message, internal notes never leave, and an unreachable server queues and retries.

use std::time::Duration;

use serde_json::{json, Value};

use crate::common::smtp_sink::SmtpSink;
use crate::common::tickets::{get_ticket, id_of, reply_ok, sign_in, staff_ticket};
use crate::common::{spawn, Backend, TestApp};

macro_rules! with_smtp_sink {
    ($($case:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let sink = super::SmtpSink::start().await;
                let app = super::spawn_with(super::Backend::Sqlite, &sink.env()).await.expect("sqlite app");
                super::$case(app, sink).await;
            })*
        }
        mod on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let sink = super::SmtpSink::start().await;
                if let Some(app) = super::spawn_with(super::Backend::Postgres, &sink.env()).await {
                    super::$case(app, sink).await;
                }
            })*
        }
    };
}

with_smtp_sink!(a_converted_chat_answers_the_visitor_by_email, replies_thread_in_the_customers_mail_client,);

async fn spawn_with(backend: Backend, env: &[(&'static str, String)]) -> Option<TestApp> {
    let env: Vec<(&str, &str)> = env.iter().map(|(key, value)| (*key, value.as_str())).collect();
    spawn(backend, &env).await
}

/// Polls the ticket until the message's delivery status is `status` (the outbox sends in the background).
async fn wait_for_delivery(app: &TestApp, agent: &reqwest::Client, ticket_id: &str, message_id: &str, status: &str) {
    let mut last = Value::Null;
    for _ in 0..100 {
        let ticket = get_ticket(app, agent, ticket_id).await;
        let message = ticket["messages"].as_array().unwrap().iter().find(|m| m["id"] == message_id).cloned();
        last = message.map(|message| message["delivery"].clone()).unwrap_or(Value::Null);
        if last["status"] == status {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("message {message_id} never reached {status}: {last}");
}

async fn a_converted_chat_answers_the_visitor_by_email(app: TestApp, sink: SmtpSink) {
    let admin = app.admin().await;
    let (anna, _) = sign_in(&app, &admin, "anna@example.com", "agent").await;
    let visitor = reqwest::Client::new();
    let session: Value = visitor
        .post(app.url("/api/v1/widget/sessions"))
        .json(&json!({"brand": "default", "name": "Carla Kunde", "email": "carla@example.com"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = session["token"].as_str().unwrap();
    let chat: Value = visitor
        .post(app.url("/api/v1/widget/conversations"))
        .bearer_auth(token)
        .json(&json!({"body": "Mein Zertifikat fehlt"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = id_of(&chat);
    assert_eq!(anna.post(app.url(&format!("/api/v1/chats/{id}/accept"))).send().await.unwrap().status(), 200);

    // While the chat is live, replies are read in the widget: no mail.
    let live_reply = reply_ok(&app, &anna, &id, json!({"body": "Einen Moment bitte"})).await;
    assert!(live_reply.get("delivery").is_none(), "a live chat reply is not emailed: {live_reply}");

    let converted = anna.post(app.url(&format!("/api/v1/chats/{id}/convert"))).send().await.unwrap();
    assert_eq!(converted.status(), 200);
    let timeline: Value =
        anna.get(app.url(&format!("/api/v1/tickets/{id}/events"))).send().await.unwrap().json().await.unwrap();
    let kinds: Vec<&str> = timeline["items"].as_array().unwrap().iter().filter_map(|e| e["kind"].as_str()).collect();
    assert!(kinds.contains(&"chat_converted"), "{timeline}");

    let follow_up =
        reply_ok(&app, &anna, &id, json!({"body": "Ihr Zertifikat ist jetzt im Kurs – schöne Grüße"})).await;
    assert_eq!(follow_up["channel"], "email");
    assert_eq!(follow_up["delivery"]["status"], "queued");
    wait_for_delivery(&app, &anna, &id, follow_up["id"].as_str().unwrap(), "sent").await;

    let mails = sink.wait_for(1).await;
    assert_eq!(mails.len(), 1, "exactly one mail: the live reply was not sent");
    let (mail, raw) = &mails[0];
    assert!(raw.contains("carla@example.com"), "addressed to the visitor: {raw}");
    let number = get_ticket(&app, &anna, &id).await["number"].clone();
    assert_eq!(mail.message.subject.as_deref(), Some(format!("[#{number}] Mein Zertifikat fehlt").as_str()));
    assert!(mail.message.text.contains("Ihr Zertifikat ist jetzt im Kurs – schöne Grüße"), "{}", mail.message.text);
    assert!(mail.message.html.as_deref().unwrap_or_default().contains("schöne Grüße"), "an HTML part too");
    assert_eq!(mail.message.provider_message_id, format!("{}@acme.test", follow_up["id"].as_str().unwrap()));
    assert_eq!(mail.message.sender.address, "help@acme.test");
    assert_eq!(mail.message.sender_name.as_deref(), Some("agent user (Acme Support)"));
}

async fn replies_thread_in_the_customers_mail_client(app: TestApp, sink: SmtpSink) {
    let admin = app.admin().await;
    let (anna, _) = sign_in(&app, &admin, "anna@example.com", "agent").await;
    app.create_user(&admin, "dora@example.com", "customer").await;
    let ticket = staff_ticket(&app, &anna, "dora@example.com", "Kursanmeldung", json!({})).await;
    let id = id_of(&ticket);
    let first = reply_ok(&app, &anna, &id, json!({"body": "Erste Antwort"})).await;
    wait_for_delivery(&app, &anna, &id, first["id"].as_str().unwrap(), "sent").await;
    let note = reply_ok(&app, &anna, &id, json!({"body": "Nur intern", "internal": true})).await;
    assert!(note.get("delivery").is_none(), "internal notes never leave");
    let second = reply_ok(&app, &anna, &id, json!({"body": "Zweite Antwort"})).await;
    wait_for_delivery(&app, &anna, &id, second["id"].as_str().unwrap(), "sent").await;

    let mails = sink.wait_for(2).await;
    assert_eq!(mails.len(), 2, "two replies, no note");
    let (first_mail, _) = &mails[0];
    let (second_mail, _) = &mails[1];
    assert_eq!(second_mail.message.thread.references.first(), Some(&first_mail.message.provider_message_id));
    assert_eq!(first_mail.message.subject, second_mail.message.subject);
    assert!(sink.raw_mails().iter().all(|raw| !String::from_utf8_lossy(raw).contains("Nur intern")));
}

/// An SMTP server that is down: the reply is kept, queued with the reason, and retried (not lost, not failed).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_smtp_server_keeps_the_reply_queued() {
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("smtp://127.0.0.1:{closed_port}");
    let app = spawn(Backend::Sqlite, &[("TIDINGS_SMTP_URL", url.as_str())]).await.unwrap();
    let admin = app.admin().await;
    let (anna, _) = sign_in(&app, &admin, "anna@example.com", "agent").await;
    app.create_user(&admin, "erik@example.com", "customer").await;
    let id = id_of(&staff_ticket(&app, &anna, "erik@example.com", "Login", json!({})).await);
    let reply = reply_ok(&app, &anna, &id, json!({"body": "Bitte erneut versuchen"})).await;
    let mut delivery = Value::Null;
    for _ in 0..100 {
        let ticket = get_ticket(&app, &anna, &id).await;
        delivery =
            ticket["messages"].as_array().unwrap().iter().find(|m| m["id"] == reply["id"]).unwrap()["delivery"].clone();
        if delivery["error"].is_string() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(delivery["status"], "queued", "still queued for a retry: {delivery}");
    assert!(delivery["error"].as_str().unwrap().contains("temporary"), "{delivery}");
}
