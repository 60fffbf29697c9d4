//! Files on messages over REST: uploading with a reply, downloading with the same access as the message, refusing
//! what is too large or dangerous without storing anything, and storing identical bytes once.

use crate::common;

use common::tickets::*;
use common::{Backend, TestApp};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, Response};
use serde_json::{json, Value};
use std::path::Path;
use tidings::service::{Actor, NewTicketInput, Upload};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\0\x01\0\0\x05\0\x01\r\n-\xb4\0\0\0\0IEND\xaeB`\x82";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// Limits small enough to cross in a test: 1000 bytes a file, two files a message.
const SMALL_LIMITS: &[(&str, &str)] =
    &[("TIDINGS_ATTACHMENT_MAX_BYTES", "1000"), ("TIDINGS_ATTACHMENT_MAX_FILES", "2")];

/// Like `on_both_backends!`, with the small attachment limits.
macro_rules! on_both_backends_with_small_limits {
    ($($case:ident),* $(,)?) => {
        mod small_limits_on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let app = super::common::spawn(super::Backend::Sqlite, super::SMALL_LIMITS).await.expect("app");
                super::$case(app).await;
            })*
        }
        mod small_limits_on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                if let Some(app) = super::common::spawn(super::Backend::Postgres, super::SMALL_LIMITS).await {
                    super::$case(app).await;
                }
            })*
        }
    };
}

on_both_backends!(
    files_on_a_reply_download_for_the_owner_and_staff_only,
    files_on_internal_notes_never_reach_customers,
    the_same_file_is_stored_once,
    files_filed_with_a_new_ticket_go_on_its_opening_message,
    uploads_may_exceed_the_json_body_limit_but_json_may_not,
    openapi_documents_uploads_and_downloads,
);

on_both_backends_with_small_limits!(
    oversized_uploads_are_refused_and_store_nothing,
    web_pages_scripts_and_programs_are_refused_and_store_nothing,
);

/// A multipart message; every file claims to be a PNG, which must not matter.
fn message_form(body: &str, internal: bool, files: &[(&str, &[u8])]) -> Form {
    let mut form = Form::new().text("body", body.to_string());
    if internal {
        form = form.text("internal", "true");
    }
    for (name, bytes) in files {
        let part = Part::bytes(bytes.to_vec()).file_name(name.to_string()).mime_str("image/png").expect("mime");
        form = form.part("files", part);
    }
    form
}

async fn post_form(app: &TestApp, client: &Client, ticket_id: &str, form: Form) -> Response {
    client.post(app.url(&format!("/api/v1/tickets/{ticket_id}/messages"))).multipart(form).send().await.unwrap()
}

async fn post_form_ok(app: &TestApp, client: &Client, ticket_id: &str, form: Form) -> Value {
    let response = post_form(app, client, ticket_id, form).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 201, "multipart message: {text}");
    serde_json::from_str(&text).expect("message JSON")
}

async fn download(app: &TestApp, client: &Client, attachment: &Value) -> Response {
    let url = attachment["url"].as_str().expect("attachment url");
    client.get(app.url(url)).send().await.unwrap()
}

fn header<'a>(response: &'a Response, name: &str) -> &'a str {
    response.headers().get(name).and_then(|value| value.to_str().ok()).unwrap_or_default()
}

/// Regular files under the blob directory (temporary files included, so a leak would show).
fn stored_blobs(app: &TestApp) -> usize {
    fn count(dir: &Path) -> usize {
        let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
        entries
            .map(|entry| entry.expect("dir entry").path())
            .map(|path| if path.is_dir() { count(&path) } else { 1 })
            .sum()
    }
    count(&app.data_dir.path().join("attachments"))
}

async fn thread_len(app: &TestApp, client: &Client, ticket_id: &str) -> usize {
    get_ticket(app, client, ticket_id).await["messages"].as_array().expect("messages").len()
}

async fn files_on_a_reply_download_for_the_owner_and_staff_only(app: TestApp) {
    let admin = app.admin().await;
    let (owner, _) = sign_in(&app, &admin, "owner@example.com", "customer").await;
    let (stranger, _) = sign_in(&app, &admin, "stranger@example.com", "customer").await;
    let (agent, _) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    let ticket = id_of(&customer_ticket(&app, &owner, "Broken screen").await);

    let message = post_form_ok(
        &app,
        &owner,
        &ticket,
        message_form(
            "Photo and receipt attached.",
            false,
            &[("../../screen.png", PNG), ("Quittung für März.pdf", PDF)],
        ),
    )
    .await;
    assert_eq!(message["body"], "Photo and receipt attached.");
    let files = message["attachments"].as_array().expect("attachments").clone();
    assert_eq!(files.len(), 2, "{message}");
    assert_eq!(files[0]["name"], "screen.png", "folders are stripped from names");
    assert_eq!(files[0]["content_type"], "image/png");
    assert_eq!(files[0]["size"].as_u64(), Some(PNG.len() as u64));
    assert_eq!(files[1]["name"], "Quittung für März.pdf");
    assert_eq!(files[1]["content_type"], "application/pdf", "decided from the content, not the client's claim");
    for file in &files {
        assert_eq!(file["url"], format!("/api/v1/attachments/{}", id_of(file)));
    }

    let thread = get_ticket(&app, &owner, &ticket).await;
    assert_eq!(thread["messages"][1]["attachments"], json!(files), "the thread lists the files with their message");
    assert_eq!(thread["messages"][0]["attachments"], json!([]), "the opening message has none");

    for client in [&owner, &agent] {
        let png = download(&app, client, &files[0]).await;
        assert_eq!(png.status(), 200);
        assert_eq!(header(&png, "content-type"), "image/png");
        assert!(header(&png, "content-disposition").starts_with("inline;"), "raster images show in place");
        assert_eq!(header(&png, "x-content-type-options"), "nosniff");
        assert_eq!(header(&png, "content-security-policy"), "sandbox; default-src 'none'");
        assert_eq!(header(&png, "cache-control"), "private");
        assert_eq!(png.bytes().await.unwrap().as_ref(), PNG);

        let pdf = download(&app, client, &files[1]).await;
        assert_eq!(pdf.status(), 200);
        assert_eq!(header(&pdf, "content-type"), "application/pdf");
        assert_eq!(
            header(&pdf, "content-disposition"),
            "attachment; filename=\"Quittung f_r M_rz.pdf\"; filename*=UTF-8''Quittung%20f%C3%BCr%20M%C3%A4rz.pdf"
        );
        assert_eq!(header(&pdf, "content-security-policy"), "sandbox; default-src 'none'");
        assert_eq!(pdf.bytes().await.unwrap().as_ref(), PDF);
    }

    for file in &files {
        let refused = download(&app, &stranger, file).await;
        assert_eq!(error_parts(refused).await.0, 404, "another customer learns nothing");
    }
    assert_eq!(get(&app, &agent, "/api/v1/attachments/no-such-file").await.status(), 404);
    assert_eq!(app.browser().get(app.url(files[0]["url"].as_str().unwrap())).send().await.unwrap().status(), 401);

    // Staff replies carry files the same way, and JSON replies still work on the same route.
    let reply =
        post_form_ok(&app, &agent, &ticket, message_form("Here is the manual.", false, &[("m.pdf", PDF)])).await;
    assert_eq!(reply["attachments"][0]["content_type"], "application/pdf");
    assert_eq!(download(&app, &owner, &reply["attachments"][0]).await.status(), 200);
    let plain = reply_ok(&app, &owner, &ticket, json!({"body": "Thanks!"})).await;
    assert_eq!(plain["attachments"], json!([]));
}

async fn files_on_internal_notes_never_reach_customers(app: TestApp) {
    let admin = app.admin().await;
    let (owner, _) = sign_in(&app, &admin, "owner@example.com", "customer").await;
    let (agent, _) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    let ticket = id_of(&customer_ticket(&app, &owner, "Refund").await);

    let note = post_form_ok(&app, &agent, &ticket, message_form("Fraud check", true, &[("check.pdf", PDF)])).await;
    assert_eq!(note["internal"], true);
    let file = note["attachments"][0].clone();
    let file_id = id_of(&file);

    let seen_by_customer = get_ticket(&app, &owner, &ticket).await;
    assert_eq!(seen_by_customer["messages"].as_array().unwrap().len(), 1, "the note is not in the thread");
    assert!(!seen_by_customer.to_string().contains(&file_id), "nor is its file: {seen_by_customer}");
    assert_eq!(error_parts(download(&app, &owner, &file).await).await.0, 404);

    let seen_by_staff = get_ticket(&app, &agent, &ticket).await;
    assert_eq!(seen_by_staff["messages"][1]["attachments"][0], file);
    assert_eq!(download(&app, &agent, &file).await.status(), 200);

    let before = stored_blobs(&app);
    let sneaky = post_form(&app, &owner, &ticket, message_form("psst", true, &[("x.png", PNG)])).await;
    assert_eq!(sneaky.status(), 403, "customers cannot write internal notes, with files or without");
    assert_eq!(stored_blobs(&app), before, "nothing was stored for the refused note");
}

async fn the_same_file_is_stored_once(app: TestApp) {
    let admin = app.admin().await;
    let (owner, _) = sign_in(&app, &admin, "owner@example.com", "customer").await;
    let ticket = id_of(&customer_ticket(&app, &owner, "Twice").await);
    let first = post_form_ok(&app, &owner, &ticket, message_form("one", false, &[("a.png", PNG)])).await;
    let second =
        post_form_ok(&app, &owner, &ticket, message_form("two", false, &[("b.png", PNG), ("c.png", PNG)])).await;
    assert_eq!(stored_blobs(&app), 1, "three uploads of the same bytes, one file on disk");
    let ids = [&first["attachments"][0], &second["attachments"][0], &second["attachments"][1]].map(id_of);
    assert!(ids[0] != ids[1] && ids[1] != ids[2], "each upload is its own attachment: {ids:?}");
    for file in [&first["attachments"][0], &second["attachments"][1]] {
        let response = download(&app, &owner, file).await;
        assert_eq!(response.bytes().await.unwrap().as_ref(), PNG);
    }
    post_form_ok(&app, &owner, &ticket, message_form("three", false, &[("d.pdf", PDF)])).await;
    assert_eq!(stored_blobs(&app), 2, "different bytes, a second file");
}

async fn files_filed_with_a_new_ticket_go_on_its_opening_message(app: TestApp) {
    let admin = app.admin().await;
    let (owner, me) = sign_in(&app, &admin, "owner@example.com", "customer").await;
    let services = &app.state.services;
    let user = services.store().find_user(&id_of(&me)).await.unwrap().expect("customer");
    let actor = Actor { user, session_key: None };
    let upload = Upload { name: "screen.png".into(), content_type: Some("text/html".into()), bytes: PNG.to_vec() };
    let input = NewTicketInput {
        subject: "With a screenshot".into(),
        body: "See attached.".into(),
        attachments: vec![upload.clone()],
        ..NewTicketInput::default()
    };
    let ticket = services.create_ticket(&actor, input).await.expect("ticket with a file");
    let thread = get_ticket(&app, &owner, &ticket.id).await;
    let file = &thread["messages"][0]["attachments"][0];
    assert_eq!(file["name"], "screen.png");
    assert_eq!(file["content_type"], "image/png", "the client's text/html claim is ignored");
    assert_eq!(download(&app, &owner, file).await.bytes().await.unwrap().as_ref(), PNG);

    let bad = Upload { name: "page.html".into(), content_type: None, bytes: b"<html></html>".to_vec() };
    let input = NewTicketInput {
        subject: "Refused".into(),
        body: "x".into(),
        attachments: vec![upload, bad],
        ..NewTicketInput::default()
    };
    let refused = services.create_ticket(&actor, input).await.expect_err("a web page is refused");
    assert_eq!(refused.code(), "unsupported_media_type");
    assert_eq!(list_ids(&app, &owner, "").await.len(), 1, "no ticket was filed");
}

async fn oversized_uploads_are_refused_and_store_nothing(app: TestApp) {
    let admin = app.admin().await;
    let (owner, _) = sign_in(&app, &admin, "owner@example.com", "customer").await;
    let ticket = id_of(&customer_ticket(&app, &owner, "Big files").await);
    let mut just_over = PNG.to_vec();
    just_over.resize(1001, 0);
    let mut at_limit = just_over.clone();
    at_limit.truncate(1000);

    let response =
        post_form(&app, &owner, &ticket, message_form("big", false, &[("ok.pdf", PDF), ("big.png", &just_over)])).await;
    let (status, code, field, message) = error_parts(response).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (413, "too_large", Some("files")), "{message}");
    assert!(message.contains("big.png"), "the message names the file: {message}");

    let whole_body_over_the_route_limit = vec![b'a'; 600 * 1024];
    let response = post_form(
        &app,
        &owner,
        &ticket,
        message_form("huge", false, &[("huge.txt", &whole_body_over_the_route_limit)]),
    )
    .await;
    let (status, code, _, _) = error_parts(response).await;
    assert_eq!(status, 413, "the body limit answers in the error shape ({code})");

    let response = post_form(
        &app,
        &owner,
        &ticket,
        message_form("many", false, &[("1.png", PNG), ("2.pdf", PDF), ("3.png", PNG)]),
    )
    .await;
    let (status, code, field, _) = error_parts(response).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (422, "too_many_files", Some("files")));

    let response = post_form(&app, &owner, &ticket, message_form("empty", false, &[("empty.txt", b"")])).await;
    let (status, code, field, _) = error_parts(response).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (422, "empty_file", Some("files")));

    let response = post_form(&app, &owner, &ticket, message_form("tiny", false, &[("tiny.txt", b"x")])).await;
    assert_eq!(response.status(), 201, "a one-byte text file is fine");
    assert_eq!(thread_len(&app, &owner, &ticket).await, 2, "only the opening message and the accepted one");
    assert_eq!(stored_blobs(&app), 1, "nothing of the refused uploads was stored");

    let at_the_limit = post_form_ok(&app, &owner, &ticket, message_form("max", false, &[("max.png", &at_limit)])).await;
    assert_eq!(at_the_limit["attachments"][0]["size"].as_u64(), Some(1000));
}

async fn web_pages_scripts_and_programs_are_refused_and_store_nothing(app: TestApp) {
    let admin = app.admin().await;
    let (owner, _) = sign_in(&app, &admin, "owner@example.com", "customer").await;
    let (agent, _) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    let ticket = id_of(&customer_ticket(&app, &owner, "Dangerous").await);
    let svg_with_script: &[u8] =
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>fetch('/api/v1/me')</script></svg>";
    let svg_with_handler: &[u8] = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect/></svg>";
    let program_named_png: &[u8] = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0This program cannot be run in DOS mode";
    let cases: [(&str, &[u8]); 6] = [
        ("page.html", b"<!DOCTYPE html><h1>Sign in again</h1>"),
        ("notes.txt", b"<html><script>alert(1)</script></html>"),
        ("logo.svg", svg_with_script),
        ("icon.svg", svg_with_handler),
        ("cat.png", program_named_png),
        ("setup.exe", program_named_png),
    ];
    for (name, bytes) in cases {
        for client in [&owner, &agent] {
            let form = message_form("look", false, &[("fine.pdf", PDF), (name, bytes)]);
            let (status, code, field, _) = error_parts(post_form(&app, client, &ticket, form).await).await;
            assert_eq!(
                (status, code.as_str(), field.as_deref()),
                (415, "unsupported_media_type", Some("files")),
                "{name}"
            );
        }
    }
    assert_eq!(thread_len(&app, &agent, &ticket).await, 1, "no message was stored");
    assert_eq!(stored_blobs(&app), 0, "not even the acceptable file that came with them");

    let plain_svg =
        post_form_ok(&app, &owner, &ticket, message_form("logo", false, &[("logo.svg", b"<svg><rect/></svg>")])).await;
    let file = &plain_svg["attachments"][0];
    assert_eq!(file["content_type"], "image/svg+xml");
    let served = download(&app, &agent, file).await;
    assert!(header(&served, "content-disposition").starts_with("attachment;"), "SVG is never shown in place");
    assert_eq!(header(&served, "content-security-policy"), "sandbox; default-src 'none'");
}

async fn uploads_may_exceed_the_json_body_limit_but_json_may_not(app: TestApp) {
    let (owner, _) = app.signed_in_as("customer").await;
    let ticket = id_of(&customer_ticket(&app, &owner, "Scans").await);
    let mut scan = PDF.to_vec();
    scan.resize(2 * 1024 * 1024, b' ');
    let message = post_form_ok(&app, &owner, &ticket, message_form("2 MiB scan", false, &[("scan.pdf", &scan)])).await;
    assert_eq!(message["attachments"][0]["size"].as_u64(), Some(scan.len() as u64), "over the 1 MiB JSON limit");
    assert_eq!(download(&app, &owner, &message["attachments"][0]).await.bytes().await.unwrap().len(), scan.len());

    let huge_json = json!({"body": "x".repeat(1024 * 1024 + 10)});
    let (status, code, _, _) = error_parts(post_message(&app, &owner, &ticket, huge_json).await).await;
    assert_eq!((status, code.as_str()), (413, "payload_too_large"), "JSON keeps the site-wide limit on this route");
    assert_eq!(thread_len(&app, &owner, &ticket).await, 2);
}

async fn openapi_documents_uploads_and_downloads(app: TestApp) {
    let doc: Value = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap().json().await.unwrap();
    let post = &doc["paths"]["/api/v1/tickets/{id}/messages"]["post"];
    let content = post["requestBody"]["content"].as_object().expect("request body content");
    assert!(content.contains_key("application/json") && content.contains_key("multipart/form-data"), "{content:?}");
    let form = &content["multipart/form-data"]["schema"];
    let form = if let Some(reference) = form["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap();
        &doc["components"]["schemas"][name]
    } else {
        form
    };
    assert!(form["properties"]["files"].is_object(), "the form names its files part: {form}");
    for status in ["413", "415"] {
        assert!(post["responses"][status].is_object(), "{status} documented");
    }
    let download = &doc["paths"]["/api/v1/attachments/{id}"]["get"];
    assert!(download["responses"]["200"].is_object() && download["responses"]["404"].is_object(), "{download}");
}
