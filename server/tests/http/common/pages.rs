//! Helpers for the page suites: fetch a server-rendered page and post a plain HTML form, as a browser without
//! JavaScript does.

use super::TestApp;
use reqwest::{Client, Response};

/// Where a redirect points.
pub fn location(response: &Response) -> String {
    response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// A page's status and HTML.
pub async fn page(app: &TestApp, client: &Client, path: &str) -> (u16, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// An urlencoded form post.
pub async fn post_urlencoded(app: &TestApp, client: &Client, path: &str, fields: &[(&str, &str)]) -> Response {
    client.post(app.url(path)).form(fields).send().await.unwrap()
}
