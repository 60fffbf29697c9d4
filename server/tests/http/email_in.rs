//! Email in over real HTTP: POST /api/v1/channels/email/inbound with raw messages (the Zammad corpus and
//! hand-written threads). Exactly once per Message-ID, threading by References and the "[#n]" tag, machine mail
//! ignored, and a wrong secret stores nothing.

use serde_json::Value;

use crate::common::{spawn, Backend, TestApp};

const SECRET: &str = "inbound-secret-for-tests";

macro_rules! with_inbound_email {
    ($($case:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let app = super::spawn(super::Backend::Sqlite, &[("TIDINGS_EMAIL_INBOUND_SECRET", super::SECRET)]);
                super::$case(app.await.expect("sqlite app")).await;
            })*
        }
        mod on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let app = super::spawn(super::Backend::Postgres, &[("TIDINGS_EMAIL_INBOUND_SECRET", super::SECRET)]);
                if let Some(app) = app.await {
                    super::$case(app).await;
                }
            })*
        }
    };
}

with_inbound_email!(
    every_corpus_mail_is_stored_once_however_often_it_arrives,
    replies_continue_their_ticket_and_machine_mail_opens_none,
    a_wrong_secret_stores_nothing,
    a_40_mb_mail_keeps_its_text_and_the_files_that_fit,
);

async fn post_mail(app: &TestApp, secret: &str, raw: Vec<u8>) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/channels/email/inbound"))
        .bearer_auth(secret)
        .header("content-type", "message/rfc822")
        .body(raw)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn ticket_total(app: &TestApp) -> u64 {
    let admin = app.admin().await;
    let page: Value = admin.get(app.url("/api/v1/tickets?per_page=1")).send().await.unwrap().json().await.unwrap();
    page["total"].as_u64().unwrap()
}

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/email/zammad");
    let mut mails: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("the email corpus at {dir}: {err}"))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "box"))
        .map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap()))
        .collect();
    mails.sort();
    assert!(mails.len() >= 30, "the corpus has {} mails", mails.len());
    mails
}

async fn every_corpus_mail_is_stored_once_however_often_it_arrives(app: TestApp) {
    let mut first = Vec::new();
    for (name, raw) in corpus() {
        let (status, body) = post_mail(&app, SECRET, raw.clone()).await;
        assert_eq!(status, 202, "{name}: {body}");
        assert!(body["ticket_id"].is_string() || body["ignored"].is_string(), "{name}: {body}");
        first.push((name, raw, body));
    }
    let stored = ticket_total(&app).await;
    assert!(stored >= 20, "most corpus mails open a ticket, got {stored}");
    for (name, raw, body) in first {
        let (status, again) = post_mail(&app, SECRET, raw).await;
        assert_eq!((status, &again), (202, &body), "{name}: a second delivery answers with the same ids");
    }
    assert_eq!(ticket_total(&app).await, stored, "nothing was stored twice");
}

fn mail(from: &str, message_id: &str, subject: &str, extra_headers: &str, body: &str) -> Vec<u8> {
    crate::common::tickets::plain_mail(from, message_id, subject, extra_headers, body)
}

async fn replies_continue_their_ticket_and_machine_mail_opens_none(app: TestApp) {
    let opening = mail("Carla Kunde <carla@example.com>", "c1@mail.example", "Zugang gesperrt", "", "Grüße, Carla");
    let (_, created) = post_mail(&app, SECRET, opening).await;
    let ticket_id = created["ticket_id"].as_str().unwrap().to_string();

    let reply = mail(
        "carla@example.com",
        "c2@mail.example",
        "Re: Zugang gesperrt",
        "In-Reply-To: <c1@mail.example>\r\nReferences: <c1@mail.example>\r\n",
        "Noch ein Detail.\r\n\r\nAm 22.11.2026 schrieb Carla:\r\n> Grüße, Carla",
    );
    let (_, continued) = post_mail(&app, SECRET, reply).await;
    assert_eq!(continued["ticket_id"], ticket_id.as_str(), "In-Reply-To continues the ticket");

    let admin = app.admin().await;
    let ticket: Value =
        admin.get(app.url(&format!("/api/v1/tickets/{ticket_id}"))).send().await.unwrap().json().await.unwrap();
    let number = ticket["number"].as_u64().unwrap();
    assert_eq!(ticket["channel"], "email");
    assert_eq!(ticket["requester"]["email"], "carla@example.com");
    assert_eq!(ticket["subject"], "Zugang gesperrt");
    let bodies: Vec<&str> =
        ticket["messages"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, ["Grüße, Carla", "Noch ein Detail."], "the quoted history is folded away");

    let tagged = mail("carla@example.com", "c3@mail.example", &format!("Neu: [#{number}]"), "", "Per Tag");
    assert_eq!(post_mail(&app, SECRET, tagged).await.1["ticket_id"], ticket_id.as_str(), "the [#n] tag continues it");
    let stranger = mail("eve@evil.test", "e1@evil.test", &format!("[#{number}] hijack"), "", "Let me in");
    assert_ne!(post_mail(&app, SECRET, stranger).await.1["ticket_id"], ticket_id.as_str(), "only its requester's");

    let before = ticket_total(&app).await;
    let away = mail("carla@example.com", "c4@mail.example", "Abwesend", "Auto-Submitted: auto-replied\r\n", "Bin weg");
    let (status, ignored) = post_mail(&app, SECRET, away).await;
    assert_eq!((status, ignored["ignored"].is_string()), (202, true), "{ignored}");
    assert_eq!(ticket_total(&app).await, before, "an auto-reply opens no ticket");
}

async fn a_wrong_secret_stores_nothing(app: TestApp) {
    let raw = mail("carla@example.com", "x1@mail.example", "Hallo", "", "Text");
    assert_eq!(post_mail(&app, "wrong-secret", raw.clone()).await.0, 403);
    assert_eq!(post_mail(&app, "", raw.clone()).await.0, 403);
    assert_eq!(ticket_total(&app).await, 0);
    let (status, body) = post_mail(&app, SECRET, b"not an email at all".to_vec()).await;
    assert!((400..500).contains(&status), "{status} {body}");
    assert_eq!(body["error"]["code"], "malformed_email");
    assert_eq!(post_mail(&app, SECRET, raw).await.0, 202);
}

/// A mail of about 40 MB: text and three PDFs of 9.5 MiB each (base64 makes the whole 38 MiB).
fn huge_mail() -> Vec<u8> {
    use base64::Engine;
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.resize(9 * 1024 * 1024 + 512 * 1024, b'x');
    let encoded = base64::engine::general_purpose::STANDARD.encode(&pdf);
    let lines: Vec<&str> = encoded.as_bytes().chunks(76).map(|line| std::str::from_utf8(line).unwrap()).collect();
    let encoded = lines.join("\r\n");
    let mut mail = String::from(
        "From: Paula Prüfling <paula@example.com>\r\nTo: help@acme.test\r\nSubject: Große Dateien\r\n\
         Message-ID: <huge-1@example.com>\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Anbei meine Unterlagen.\r\n",
    );
    for part in 1..=3 {
        mail.push_str(&format!(
            "--b1\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\
             Content-Disposition: attachment; filename=\"teil{part}.pdf\"\r\n\r\n{encoded}\r\n"
        ));
    }
    mail.push_str("--b1--\r\n");
    mail.into_bytes()
}

async fn a_40_mb_mail_keeps_its_text_and_the_files_that_fit(app: TestApp) {
    let raw = huge_mail();
    assert!(raw.len() > 38 * 1024 * 1024, "{} bytes", raw.len());
    let (status, answer) = post_mail(&app, SECRET, raw).await;
    assert_eq!(status, 202, "{answer}");
    let admin = app.admin().await;
    let ticket_id = answer["ticket_id"].as_str().unwrap();
    let ticket: Value =
        admin.get(app.url(&format!("/api/v1/tickets/{ticket_id}"))).send().await.unwrap().json().await.unwrap();
    let message = &ticket["messages"][0];
    let names: Vec<&str> =
        message["attachments"].as_array().unwrap().iter().map(|file| file["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["teil1.pdf", "teil2.pdf"], "files are kept up to 25 MiB");
    let body = message["body"].as_str().unwrap();
    assert!(body.starts_with("Anbei meine Unterlagen."), "{body}");
    assert!(body.contains("Not kept: teil3.pdf"), "the file that did not fit is named: {body}");

    let too_big = vec![b'x'; 65 * 1024 * 1024];
    let (status, answer) = post_mail(&app, SECRET, too_big).await;
    assert_eq!(status, 413, "over 64 MiB is refused whole: {answer}");
    assert!(answer["error"]["message"].is_string(), "{answer}");
}
