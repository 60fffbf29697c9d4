//! The realtime hub over real websockets, on SQLite and PostgreSQL: events reach exactly the people who may see them,
//! a reconnect with `since` replays exactly what was missed, and bad or abusive frames are contained.

use crate::common;

use common::live::{session_of, widget_post, widget_token, LiveAuth, LiveClient};
use common::tickets::{create, id_of, sign_in};
use common::{TestApp, PASSWORD};
use serde_json::{json, Value};
use std::time::Duration;

const QUIET: Duration = Duration::from_millis(700);

async fn post(app: &TestApp, client: &reqwest::Client, path: &str, body: Value) -> Value {
    let response = client.post(app.url(path)).json(&body).send().await.unwrap();
    assert!(response.status().is_success(), "{path}: {}", response.status());
    response.json().await.unwrap()
}

async fn patch(app: &TestApp, client: &reqwest::Client, path: &str, body: Value) {
    let response = client.patch(app.url(path)).json(&body).send().await.unwrap();
    assert!(response.status().is_success(), "{path}: {}", response.status());
}

/// An agent and two customers, each with a socket on their inbox.
struct Cast {
    agent: reqwest::Client,
    alice: reqwest::Client,
    agent_socket: LiveClient,
    alice_socket: LiveClient,
    bob_socket: LiveClient,
}

async fn cast(app: &TestApp) -> Cast {
    let admin = app.admin().await;
    let (agent, _) = sign_in(app, &admin, "agent@example.com", "agent").await;
    let (alice, _) = sign_in(app, &admin, "alice@example.com", "customer").await;
    let (_bob, _) = sign_in(app, &admin, "bob@example.com", "customer").await;
    let mut sockets = Vec::new();
    for email in ["agent@example.com", "alice@example.com", "bob@example.com"] {
        let session = session_of(app, email, PASSWORD).await;
        let mut socket = LiveClient::connect(app, LiveAuth::Cookie(&session)).await.expect("socket");
        socket.subscribe("inbox", None).await;
        sockets.push(socket);
    }
    let bob_socket = sockets.pop().unwrap();
    let alice_socket = sockets.pop().unwrap();
    let agent_socket = sockets.pop().unwrap();
    Cast { agent, alice, agent_socket, alice_socket, bob_socket }
}

async fn events_reach_the_right_subscribers_and_no_one_else(app: TestApp) {
    let mut cast = cast(&app).await;
    let metrics = reqwest::get(app.url("/metrics")).await.unwrap().text().await.unwrap();
    assert!(metrics.contains("tidings_live_sockets 3"), "the three sockets are counted");
    let ticket = create(&app, &cast.alice, json!({"subject": "Invoice missing", "body": "Where is it?"})).await;
    let id = id_of(&ticket);

    let seen = cast.agent_socket.next_event("ticket_created").await;
    assert_eq!(seen["topic"], "inbox");
    assert_eq!(seen["event"]["ticket"]["id"], id.as_str());
    assert_eq!(cast.alice_socket.next_event("ticket_created").await["event"]["ticket"]["subject"], "Invoice missing");
    assert!(cast.bob_socket.durable_events_within(QUIET).await.is_empty(), "Bob sees nothing of Alice's ticket");

    // Bob cannot listen to Alice's ticket: an error frame, no data.
    cast.bob_socket.send(json!({"type": "subscribe", "topic": format!("ticket:{id}"), "since": 0})).await;
    let refused = cast.bob_socket.next().await.expect("an answer");
    assert_eq!((refused["type"].as_str(), refused["code"].as_str()), (Some("error"), Some("not_found")));

    // An internal note reaches staff only; the public reply reaches Alice too, once, with a sequence number.
    let path = format!("/api/v1/tickets/{id}/messages");
    post(&app, &cast.agent, &path, json!({"body": "Check the billing run", "internal": true})).await;
    let note = cast.agent_socket.next_event("message_created").await;
    assert_eq!(note["event"]["message"]["internal"], true);
    post(&app, &cast.agent, &path, json!({"body": "It is attached now."})).await;
    let reply = cast.alice_socket.next_event("message_created").await;
    assert_eq!(reply["event"]["message"]["body"], "It is attached now.");
    assert!(reply["seq"].as_u64().unwrap() > note["seq"].as_u64().unwrap(), "sequence numbers increase");
    let alice_rest = cast.alice_socket.durable_events_within(QUIET).await;
    assert!(alice_rest.is_empty(), "the note never reaches Alice and the reply arrives once: {alice_rest:?}");
    assert_eq!(cast.agent_socket.next_event("message_created").await["event"]["message"]["internal"], false);
    assert!(cast.bob_socket.durable_events_within(QUIET).await.is_empty());
}

async fn reconnecting_with_since_replays_exactly_what_was_missed(app: TestApp) {
    let mut cast = cast(&app).await;
    let ticket = create(&app, &cast.alice, json!({"subject": "Login fails", "body": "Since Monday"})).await;
    let id = id_of(&ticket);
    let topic = format!("ticket:{id}");
    let session = session_of(&app, "alice@example.com", PASSWORD).await;
    let mut socket = LiveClient::connect(&app, LiveAuth::Cookie(&session)).await.unwrap();
    let (_, since) = socket.subscribe(&topic, None).await;
    drop(socket);

    let path = format!("/api/v1/tickets/{id}/messages");
    post(&app, &cast.agent, &path, json!({"body": "Which browser?"})).await;
    post(&app, &cast.agent, &path, json!({"body": "Probably the SSO change", "internal": true})).await;
    patch(&app, &cast.agent, &format!("/api/v1/tickets/{id}"), json!({"status": "pending"})).await;
    // Let the hub send them live first, so the replay below is the log's work, not the queue's.
    cast.agent_socket.next_event("ticket_updated").await;

    let mut socket = LiveClient::connect(&app, LiveAuth::Cookie(&session)).await.unwrap();
    let (replayed, now) = socket.subscribe(&topic, Some(since)).await;
    let kinds: Vec<&str> = replayed.iter().map(|frame| frame["event"]["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["message_created", "ticket_updated"], "the public reply and the status change, no note");
    assert_eq!(replayed[0]["event"]["message"]["body"], "Which browser?");
    assert_eq!(replayed[1]["event"]["ticket"]["status"], "pending");
    assert!(replayed.iter().all(|frame| frame["seq"].as_u64().unwrap() > since));
    assert!(replayed[1]["seq"].as_u64() <= Some(now));

    // Staff catching up get the note as well; then live events continue without a duplicate.
    let agent_session = session_of(&app, "agent@example.com", PASSWORD).await;
    let mut staff = LiveClient::connect(&app, LiveAuth::Cookie(&agent_session)).await.unwrap();
    let (staff_replay, _) = staff.subscribe(&topic, Some(since)).await;
    let durable = staff_replay.iter().filter(|frame| frame["type"] == "event" && frame["event"]["kind"] != "presence");
    assert_eq!(durable.count(), 3);
    post(&app, &cast.alice, &path, json!({"body": "Firefox"})).await;
    let live = socket.durable_events_within(QUIET).await;
    assert_eq!(live.len(), 1, "one new event, nothing replayed twice: {live:?}");
    assert!(live[0]["seq"].as_u64().unwrap() > now);
}

async fn bad_frames_get_errors_and_abuse_is_contained(app: TestApp) {
    let admin = app.admin().await;
    sign_in(&app, &admin, "agent@example.com", "agent").await;
    let session = session_of(&app, "agent@example.com", PASSWORD).await;
    let mut socket = LiveClient::connect(&app, LiveAuth::Cookie(&session)).await.unwrap();

    socket.send_text("{not json".into()).await;
    assert_eq!(socket.next().await.unwrap()["code"], "malformed_frame");
    socket.send(json!({"type": "subscribe", "topic": "everything", "since": null})).await;
    assert_eq!(socket.next().await.unwrap()["code"], "unknown_topic");
    socket.send(json!({"type": "typing", "ticket_id": "nope"})).await;
    assert_eq!(socket.next().await.unwrap()["code"], "not_subscribed");
    socket.send(json!({"type": "ping"})).await;
    assert_eq!(socket.next().await.unwrap()["type"], "pong", "the socket stays healthy");

    // A cap on topics per socket: a customer with 51 tickets may listen to 50 of them at once.
    let (customer, _) = sign_in(&app, &admin, "many@example.com", "customer").await;
    let customer_session = session_of(&app, "many@example.com", PASSWORD).await;
    let mut listener = LiveClient::connect(&app, LiveAuth::Cookie(&customer_session)).await.unwrap();
    for n in 0..51 {
        // Paced under the flood limit (20 frames a second), which the next part tests.
        tokio::time::sleep(Duration::from_millis(60)).await;
        let ticket = create(&app, &customer, json!({"subject": format!("Question {n}"), "body": "?"})).await;
        listener.send(json!({"type": "subscribe", "topic": format!("ticket:{}", id_of(&ticket)), "since": null})).await;
        let answer = listener.next().await.unwrap();
        let expected = if n < 50 { "subscribed" } else { "error" };
        assert_eq!(answer["type"], expected, "subscription {n}: {answer}");
        if n == 50 {
            assert_eq!(answer["code"], "too_many_subscriptions");
        }
    }

    // A flood is answered with rate_limited, while another client is served as usual.
    let mut other = LiveClient::connect(&app, LiveAuth::Cookie(&session)).await.unwrap();
    for _ in 0..120 {
        socket.send(json!({"type": "ping"})).await;
    }
    let mut saw_limit = false;
    while let Some(frame) = socket.next_within(QUIET).await {
        saw_limit |= frame["code"] == "rate_limited";
    }
    assert!(saw_limit, "the flood was rate limited");
    other.send(json!({"type": "ping"})).await;
    assert_eq!(other.next().await.unwrap()["type"], "pong", "another client is not affected");

    // An oversized frame closes the socket with 1009.
    let huge = json!({"type": "typing", "ticket_id": "x".repeat(8 * 1024)}).to_string();
    other.send_text(huge).await;
    assert_eq!(other.close_code().await, Some(1009));

    // Another site's page cannot ride the session cookie.
    let ws_url = format!("{}/ws", app.base.replacen("http://", "ws://", 1));
    let mut request = tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(ws_url).unwrap();
    request.headers_mut().insert("cookie", format!("tidings_session={session}").parse().unwrap());
    request.headers_mut().insert("origin", "https://evil.example".parse().unwrap());
    match tokio_tungstenite::connect_async(request).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => assert_eq!(response.status(), 403),
        other => panic!("a cross-site upgrade must be refused, got {:?}", other.map(|_| ())),
    }
}

async fn a_widget_token_reaches_only_its_own_conversations(app: TestApp) {
    let visitor = widget_token(&app, "default").await;
    let stranger = widget_token(&app, "default").await;
    let mut visitor_socket = LiveClient::connect(&app, LiveAuth::Widget(&visitor, "default")).await.unwrap();
    let mut stranger_socket = LiveClient::connect(&app, LiveAuth::Widget(&stranger, "default")).await.unwrap();
    visitor_socket.subscribe("inbox", None).await;
    stranger_socket.subscribe("inbox", None).await;

    let body = json!({"body": "Hallo, ich brauche Hilfe beim Login"});
    let chat: Value = widget_post(&app, &visitor, "/api/v1/widget/conversations", body).await.json().await.unwrap();
    assert_eq!(chat["channel"], "chat");
    let created = visitor_socket.next_event("ticket_created").await;
    assert_eq!(created["event"]["ticket"]["id"], chat["id"]);
    assert!(stranger_socket.durable_events_within(QUIET).await.is_empty());
    stranger_socket.send(json!({"type": "subscribe", "topic": format!("ticket:{}", id_of(&chat)), "since": 0})).await;
    assert_eq!(stranger_socket.next().await.unwrap()["code"], "not_found");
    // A token of another brand is refused, on the socket and over REST.
    assert_eq!(LiveClient::connect(&app, LiveAuth::Widget(&visitor, "other-brand")).await.err(), Some(403));
    let wrong = reqwest::Client::new()
        .get(app.url("/api/v1/widget/conversations"))
        .bearer_auth(&visitor)
        .header("x-tidings-brand", "other-brand")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
    assert_eq!(common::error_code(wrong).await, "wrong_brand");
    assert_eq!(LiveClient::connect(&app, LiveAuth::Widget("wid_forged", "default")).await.err(), Some(401));
}

on_both_backends!(
    events_reach_the_right_subscribers_and_no_one_else,
    reconnecting_with_since_replays_exactly_what_was_missed,
    bad_frames_get_errors_and_abuse_is_contained,
    a_widget_token_reaches_only_its_own_conversations,
);
