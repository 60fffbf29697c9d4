//! Live chat over REST on SQLite and PostgreSQL: a widget visitor starts a chat, it waits in the queue, one agent
//! accepts it (a second is told it is taken), limits are kept, and transfer, end and convert land on the ticket.

use crate::common;

use common::live::widget_post;
use common::tickets::{error_parts, id_of, sign_in};
use common::TestApp;
use serde_json::{json, Value};

async fn start_chat(app: &TestApp, body: &str) -> (String, Value) {
    let token = common::live::widget_token(app, "default").await;
    let body = json!({"body": body, "context": {"page_url": "https://school.example/kurs?id=1"}});
    let chat = widget_post(app, &token, "/api/v1/widget/conversations", body).await.json().await.unwrap();
    (token, chat)
}

async fn queue(app: &TestApp, agent: &reqwest::Client) -> Value {
    agent.get(app.url("/api/v1/chats")).send().await.unwrap().json().await.unwrap()
}

async fn chats_wait_in_the_queue_and_go_to_exactly_one_agent(app: TestApp) {
    let admin = app.admin().await;
    let (anna, anna_user) = sign_in(&app, &admin, "anna@example.com", "agent").await;
    let (ben, ben_user) = sign_in(&app, &admin, "ben@example.com", "agent").await;
    let (token, chat) = start_chat(&app, "Ich komme nicht in meinen Kurs").await;
    let id = id_of(&chat);
    assert_eq!((chat["channel"].as_str(), chat["status"].as_str()), (Some("chat"), Some("new")));
    assert_eq!(chat["context"]["page_url"], "https://school.example/kurs", "the page, without its query");
    assert_eq!(chat["context"]["brand"], "default");

    let waiting = queue(&app, &anna).await;
    assert_eq!(waiting["waiting"][0]["id"], id.as_str());
    assert!(waiting["waiting"][0]["waiting_since"].is_string());

    let accepted = anna.post(app.url(&format!("/api/v1/chats/{id}/accept"))).send().await.unwrap();
    assert_eq!(accepted.status(), 200);
    let accepted: Value = accepted.json().await.unwrap();
    assert_eq!(
        (accepted["assignee"]["id"].clone(), accepted["status"].clone()),
        (anna_user["id"].clone(), json!("open"))
    );
    let late = ben.post(app.url(&format!("/api/v1/chats/{id}/accept"))).send().await.unwrap();
    assert_eq!(error_parts(late).await.0, 409);
    assert!(queue(&app, &anna).await["waiting"].as_array().unwrap().is_empty());
    assert_eq!(queue(&app, &anna).await["mine"][0]["id"], id.as_str());

    // The visitor's reply and the agent's answer are the ticket's thread (the transcript).
    let path = format!("/api/v1/widget/conversations/{id}/messages");
    let reply = widget_post(&app, &token, &path, json!({"body": "Fehlercode 42"})).await;
    assert_eq!(reply.status(), 201);

    // A limit of one: Anna cannot take a second chat until she ends the first.
    let limit = anna.put(app.url("/api/v1/me/availability")).json(&json!({"availability": "online", "max_chats": 1}));
    assert_eq!(limit.send().await.unwrap().status(), 204);
    let (_, second) = start_chat(&app, "Second question").await;
    let second_id = id_of(&second);
    let refused = anna.post(app.url(&format!("/api/v1/chats/{second_id}/accept"))).send().await.unwrap();
    let (status, code, _, _) = error_parts(refused).await;
    assert_eq!((status, code.as_str()), (409, "chat_limit_reached"));
    let ended = anna.post(app.url(&format!("/api/v1/chats/{id}/end"))).send().await.unwrap();
    assert_eq!(ended.json::<Value>().await.unwrap()["status"], "resolved");
    let now_ok = anna.post(app.url(&format!("/api/v1/chats/{second_id}/accept"))).send().await.unwrap();
    assert_eq!(now_ok.status(), 200);

    // Transfer to Ben with a note (an internal note the visitor never sees), then convert to a follow-up ticket.
    let agents: Value = anna.get(app.url("/api/v1/agents/availability")).send().await.unwrap().json().await.unwrap();
    let anna_row = agents.as_array().unwrap().iter().find(|agent| agent["user_id"] == anna_user["id"]).unwrap();
    assert_eq!((anna_row["availability"].as_str(), anna_row["max_chats"].as_u64()), (Some("online"), Some(1)));
    assert_eq!(anna_row["active_chats"], 1);
    let transferred = anna
        .post(app.url(&format!("/api/v1/chats/{second_id}/transfer")))
        .json(&json!({"agent_id": ben_user["id"], "note": "Ben knows the course admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(transferred.status(), 200);
    assert_eq!(queue(&app, &ben).await["mine"][0]["id"], second_id.as_str());
    let converted: Value =
        ben.post(app.url(&format!("/api/v1/chats/{second_id}/convert"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(converted["status"], "pending");
    let thread: Value =
        ben.get(app.url(&format!("/api/v1/tickets/{second_id}"))).send().await.unwrap().json().await.unwrap();
    let notes: Vec<&str> = thread["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|message| message["internal"] == true)
        .map(|message| message["body"].as_str().unwrap())
        .collect();
    assert_eq!(notes, ["Ben knows the course admin"], "the conversion is on the timeline, not a note");

    // Bad input: an unknown availability, an empty transfer, and a chat id that is a normal ticket.
    let bad = anna.put(app.url("/api/v1/me/availability")).json(&json!({"availability": "busy"})).send().await.unwrap();
    assert_eq!(error_parts(bad).await.1, "unknown_availability");
    let empty =
        anna.post(app.url(&format!("/api/v1/chats/{second_id}/transfer"))).json(&json!({})).send().await.unwrap();
    assert_eq!(error_parts(empty).await.0, 422);
}

async fn customers_and_visitors_cannot_work_chats(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let (_, chat) = start_chat(&app, "Hello?").await;
    let refused = customer.post(app.url(&format!("/api/v1/chats/{}/accept", id_of(&chat)))).send().await.unwrap();
    assert_eq!(refused.status(), 403);
    assert_eq!(customer.get(app.url("/api/v1/chats")).send().await.unwrap().status(), 403);
    let (other_token, _) = start_chat(&app, "Another visitor").await;
    let path = format!("/api/v1/widget/conversations/{}/messages", id_of(&chat));
    let foreign = widget_post(&app, &other_token, &path, json!({"body": "Let me in"})).await;
    assert_eq!(foreign.status(), 404, "another visitor's chat does not exist for them");
}

on_both_backends!(chats_wait_in_the_queue_and_go_to_exactly_one_agent, customers_and_visitors_cannot_work_chats);
