//! Helpers for the knowledge-base suites: write, publish and read articles over REST.

#![allow(dead_code)]

use super::TestApp;
use reqwest::{Client, Response};
use serde_json::{json, Value};

pub const ARTICLES: &str = "/api/v1/kb/articles";

/// Creates an article (any fields of `POST /kb/articles`) and returns its JSON; panics unless 201.
pub async fn create_article(app: &TestApp, client: &Client, article: Value) -> Value {
    let response = client.post(app.url(ARTICLES)).json(&article).send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 201, "create article {article}: {text}");
    serde_json::from_str(&text).expect("article JSON")
}

/// A published article in `lang` with this title and markdown body (created by `admin`).
pub async fn published(app: &TestApp, admin: &Client, lang: &str, title: &str, body: &str) -> Value {
    create_article(app, admin, json!({"lang": lang, "title": title, "body_markdown": body, "status": "published"}))
        .await
}

pub async fn post_json(app: &TestApp, client: &Client, path: &str, body: Value) -> Response {
    client.post(app.url(path)).json(&body).send().await.unwrap()
}

pub async fn patch_article(app: &TestApp, client: &Client, id: &str, change: Value) -> Response {
    client.patch(app.url(&format!("{ARTICLES}/{id}"))).json(&change).send().await.unwrap()
}

/// `POST /kb/articles/{id}/{step}` (publish, unpublish, archive, submit).
pub async fn workflow(app: &TestApp, client: &Client, id: &str, step: &str) -> Response {
    client.post(app.url(&format!("{ARTICLES}/{id}/{step}"))).send().await.unwrap()
}

/// The slugs of `GET /kb/articles{query}` in order.
pub async fn listed_slugs(app: &TestApp, client: &Client, query: &str) -> Vec<String> {
    let response = client.get(app.url(&format!("{ARTICLES}{query}"))).send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "list {query}: {text}");
    let page: Value = serde_json::from_str(&text).unwrap();
    let items = page["items"].as_array().expect("items");
    items.iter().map(|item| item["slug"].as_str().expect("slug").to_string()).collect()
}

/// A client with no session and no cookies kept (a crawler or a script).
pub fn anonymous(app: &TestApp) -> Client {
    app.browser()
}
