//! Helpers for the tickets suites: create, read, change and list tickets over REST.

#![allow(dead_code)]

use super::{TestApp, PASSWORD};
use reqwest::{Client, Response};
use serde_json::{json, Value};
use std::collections::BTreeSet;

pub async fn body_json(response: Response) -> Value {
    response.json().await.expect("JSON body")
}

/// Status, `error.code`, `error.field` and `error.message` of an error answer.
pub async fn error_parts(response: Response) -> (u16, String, Option<String>, String) {
    let status = response.status().as_u16();
    let body = body_json(response).await;
    let error = &body["error"];
    (
        status,
        error["code"].as_str().unwrap_or_default().to_string(),
        error["field"].as_str().map(str::to_string),
        error["message"].as_str().unwrap_or_default().to_string(),
    )
}

/// A client signed in as a new user with this email and role, plus the user's JSON.
pub async fn sign_in(app: &TestApp, admin: &Client, email: &str, role: &str) -> (Client, Value) {
    let user = app.create_user(admin, email, role).await;
    let client = app.browser();
    assert_eq!(app.login(&client, email, PASSWORD).await.status(), 200, "login {email}");
    (client, user)
}

pub fn id_of(value: &Value) -> String {
    value["id"].as_str().expect("string id").to_string()
}

pub async fn create(app: &TestApp, client: &Client, ticket: Value) -> Value {
    let response = client.post(app.url("/api/v1/tickets")).json(&ticket).send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 201, "create ticket {ticket}: {text}");
    serde_json::from_str(&text).expect("ticket JSON")
}

/// A ticket a customer opens on the portal.
pub async fn customer_ticket(app: &TestApp, customer: &Client, subject: &str) -> Value {
    create(app, customer, json!({"subject": subject, "body": format!("{subject}: details")})).await
}

/// A ticket staff open on behalf of `requester_email`, with extra fields merged in.
pub async fn staff_ticket(app: &TestApp, staff: &Client, requester_email: &str, subject: &str, extra: Value) -> Value {
    let mut ticket =
        json!({"subject": subject, "body": format!("{subject}: details"), "requester_email": requester_email});
    for (key, value) in extra.as_object().expect("extra is an object") {
        ticket[key] = value.clone();
    }
    create(app, staff, ticket).await
}

pub async fn get(app: &TestApp, client: &Client, path: &str) -> Response {
    client.get(app.url(path)).send().await.unwrap()
}

pub async fn get_ticket(app: &TestApp, client: &Client, id: &str) -> Value {
    let response = get(app, client, &format!("/api/v1/tickets/{id}")).await;
    assert_eq!(response.status(), 200, "GET ticket {id}");
    body_json(response).await
}

pub async fn patch(app: &TestApp, client: &Client, id: &str, change: Value) -> Response {
    client.patch(app.url(&format!("/api/v1/tickets/{id}"))).json(&change).send().await.unwrap()
}

/// A PATCH that must succeed; returns the ticket as a fresh GET sees it.
pub async fn patch_ok(app: &TestApp, client: &Client, id: &str, change: Value) -> Value {
    let response = patch(app, client, id, change.clone()).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "PATCH {change}: {text}");
    get_ticket(app, client, id).await
}

pub async fn post_message(app: &TestApp, client: &Client, id: &str, message: Value) -> Response {
    client.post(app.url(&format!("/api/v1/tickets/{id}/messages"))).json(&message).send().await.unwrap()
}

pub async fn reply_ok(app: &TestApp, client: &Client, id: &str, message: Value) -> Value {
    let response = post_message(app, client, id, message.clone()).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 201, "POST message {message}: {text}");
    serde_json::from_str(&text).expect("message JSON")
}

/// The ids a ticket list answers for `query` (one page of up to 100).
pub async fn list_ids(app: &TestApp, client: &Client, query: &str) -> Vec<String> {
    let separator = if query.is_empty() { "" } else { "&" };
    let response = get(app, client, &format!("/api/v1/tickets?per_page=100{separator}{query}")).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "GET /tickets?{query}: {text}");
    let list: Value = serde_json::from_str(&text).unwrap();
    let ids: Vec<String> = list["items"].as_array().expect("items").iter().map(id_of).collect();
    assert_eq!(list["total"].as_u64(), Some(ids.len() as u64), "total matches the rows for ?{query}");
    ids
}

pub fn rfc3339(value: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(value).unwrap_or_else(|e| panic!("{value} is not RFC 3339: {e}"))
}

pub fn set_of<'a>(ids: impl IntoIterator<Item = &'a String>) -> BTreeSet<String> {
    ids.into_iter().cloned().collect()
}

// ---------------------------------------------------------------- cases

/// Every ticket, fetched whole (messages included), as `client` sees them.
pub async fn all_tickets(app: &TestApp, client: &Client) -> Vec<Value> {
    let mut tickets = Vec::new();
    for id in list_ids(app, client, "").await {
        tickets.push(get_ticket(app, client, &id).await);
    }
    tickets
}

/// The messages of all `tickets`, and how many files they carry.
pub fn messages_and_files(tickets: &[Value]) -> (Vec<&Value>, usize) {
    let messages: Vec<&Value> = tickets.iter().flat_map(|t| t["messages"].as_array().unwrap()).collect();
    let files = messages.iter().map(|m| m["attachments"].as_array().unwrap().len()).sum();
    (messages, files)
}

/// A plain-text email with the given headers, as a mail server hands it over.
pub fn plain_mail(from: &str, message_id: &str, subject: &str, extra_headers: &str, body: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: help@acme.test\r\nSubject: {subject}\r\nMessage-ID: <{message_id}>\r\n\
         Date: Sun, 22 Nov 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n{extra_headers}\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n"
    )
    .into_bytes()
}
