//! Helpers for the routing and triage suites: teams with a strategy, agents with a capacity and an availability,
//! the labelled triage fixture, and direct service calls where going through HTTP would be too slow.

use super::tickets::{body_json, id_of, sign_in};
use super::TestApp;
use reqwest::Client;
use serde::Deserialize;
use serde_json::{json, Value};
use tidings::service::Actor;

/// A labelled message of tests/fixtures/triage/messages.jsonl.
#[derive(Debug, Deserialize)]
pub struct Labelled {
    pub text: String,
    pub team: String,
}

pub fn fixture() -> Vec<Labelled> {
    include_str!("../../../../tests/fixtures/triage/messages.jsonl")
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("fixture line"))
        .collect()
}

/// A subject as a customer would write it: the message's first words.
pub fn subject_of(text: &str) -> String {
    text.split_whitespace().take(6).collect::<Vec<_>>().join(" ")
}

/// Creates a team and returns its id.
pub async fn team(app: &TestApp, admin: &Client, name: &str) -> String {
    let response = admin.post(app.url("/api/v1/teams")).json(&json!({"name": name})).send().await.unwrap();
    assert_eq!(response.status(), 201, "create team {name}");
    id_of(&body_json(response).await)
}

/// Sets how a team hands out tickets.
pub async fn set_routing(app: &TestApp, admin: &Client, team_id: &str, strategy: &str) {
    let response = admin
        .put(app.url(&format!("/api/v1/teams/{team_id}/routing")))
        .json(&json!({"routing_strategy": strategy}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "routing {strategy}: {}", response.text().await.unwrap());
}

/// Changes a user through `PATCH /users/{id}`; panics unless 200.
pub async fn patch_user(app: &TestApp, admin: &Client, user_id: &str, change: Value) -> Value {
    let response = admin.patch(app.url(&format!("/api/v1/users/{user_id}"))).json(&change).send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "PATCH user {change}: {text}");
    serde_json::from_str(&text).unwrap()
}

/// Sets the signed-in agent's availability.
pub async fn set_availability(app: &TestApp, agent: &Client, availability: &str) {
    let response = agent
        .put(app.url("/api/v1/me/availability"))
        .json(&json!({"availability": availability}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204, "availability {availability}");
}

/// An agent in `team_id` with this capacity and availability, signed in.
pub async fn team_agent(
    app: &TestApp,
    admin: &Client,
    email: &str,
    team_id: &str,
    capacity: u32,
    availability: &str,
) -> (Client, String) {
    let (client, user) = sign_in(app, admin, email, "agent").await;
    let id = id_of(&user);
    patch_user(app, admin, &id, json!({"team_ids": [team_id], "max_tickets": capacity})).await;
    set_availability(app, &client, availability).await;
    (client, id)
}

/// The user as the services see them, to call a service directly.
pub async fn actor_of(app: &TestApp, user_id: &str) -> Actor {
    let user = app.state.services.store().find_user(user_id).await.unwrap().expect("user");
    Actor { user, session_key: None }
}

/// `GET /routing/agents` as `client`, by agent id.
pub async fn routing_agents(app: &TestApp, client: &Client) -> Vec<Value> {
    let response = client.get(app.url("/api/v1/routing/agents")).send().await.unwrap();
    assert_eq!(response.status(), 200, "GET /routing/agents");
    body_json(response).await["items"].as_array().expect("items").clone()
}

/// Each agent's load as `GET /routing/agents` reports it, in the order of `ids`.
pub async fn loads(app: &TestApp, client: &Client, ids: &[String]) -> Vec<u64> {
    let agents = routing_agents(app, client).await;
    ids.iter()
        .map(|id| {
            let agent = agents.iter().find(|agent| agent["id"] == id.as_str()).expect("agent listed");
            agent["load"].as_u64().expect("load")
        })
        .collect()
}

/// The team's queue as `GET /routing/queues` reports it.
pub async fn queue_of(app: &TestApp, client: &Client, team_id: &str) -> Value {
    let response = client.get(app.url("/api/v1/routing/queues")).send().await.unwrap();
    assert_eq!(response.status(), 200, "GET /routing/queues");
    let queues = body_json(response).await["items"].as_array().expect("items").clone();
    queues.into_iter().find(|queue| queue["team"]["id"] == team_id).expect("team queue")
}

/// The timeline of a ticket, as `(kind, data)`.
pub async fn timeline(app: &TestApp, client: &Client, ticket_id: &str) -> Vec<(String, Value)> {
    let response = client.get(app.url(&format!("/api/v1/tickets/{ticket_id}/events"))).send().await.unwrap();
    assert_eq!(response.status(), 200, "GET events");
    let events = body_json(response).await;
    let list = events.as_array().cloned().or_else(|| events["items"].as_array().cloned()).expect("events");
    list.into_iter()
        .map(|event| (event["kind"].as_str().unwrap_or_default().to_string(), event["data"].clone()))
        .collect()
}
