//! The two REST calls the benchmark makes (shared/API.md): filing a ticket for a customer and replying on it, both
//! as the agent whose API token the sockets use.

use anyhow::{bail, Context};
use serde_json::{json, Value};

#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Api {
    pub fn new(base: &str, token: &str) -> anyhow::Result<Api> {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
        Ok(Api { http, base: base.trim_end_matches('/').to_string(), token: token.to_string() })
    }

    async fn post(&self, path: &str, body: Value) -> anyhow::Result<Value> {
        let response =
            self.http.post(format!("{}{path}", self.base)).bearer_auth(&self.token).json(&body).send().await?;
        let status = response.status();
        if !status.is_success() {
            bail!("POST {path}: {status} {}", response.text().await.unwrap_or_default());
        }
        Ok(response.json().await?)
    }

    /// Files a ticket for `requester` (an existing customer) and returns its id.
    pub async fn create_ticket(&self, requester: &str, subject: &str) -> anyhow::Result<String> {
        let body = json!({
            "subject": subject,
            "body": "Opened by the live-update benchmark.",
            "requester_email": requester,
        });
        let ticket = self.post("/api/v1/tickets", body).await?;
        Ok(ticket["id"].as_str().context("ticket id")?.to_string())
    }

    /// Adds a public reply to a ticket and returns the new message's id (what the `message_created` event carries).
    pub async fn post_message(&self, ticket_id: &str, body: &str) -> anyhow::Result<String> {
        let message = self.post(&format!("/api/v1/tickets/{ticket_id}/messages"), json!({ "body": body })).await?;
        Ok(message["id"].as_str().context("message id")?.to_string())
    }
}
