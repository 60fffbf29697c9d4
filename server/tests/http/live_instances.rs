//! Several instances on one PostgreSQL database: an event caused on one reaches sockets on the other through
//! LISTEN/NOTIFY, and killing the notification connection loses nothing (the hub catches up from the log) while
//! `/readyz` reports the degradation.

use crate::common;

use common::live::{session_of, LiveAuth, LiveClient};
use common::tickets::{create, id_of, sign_in};
use common::{spawn, spawn_sibling, Backend, PASSWORD};
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_on_one_instance_reaches_sockets_on_the_other() {
    let Some(first) = spawn(Backend::Postgres, &[]).await else { return };
    let second = spawn_sibling(&first).await;
    let admin = first.admin().await;
    sign_in(&first, &admin, "agent@example.com", "agent").await;
    let (alice, _) = sign_in(&first, &admin, "alice@example.com", "customer").await;
    let agent_session = session_of(&second, "agent@example.com", PASSWORD).await;
    let mut agent_on_second = LiveClient::connect(&second, LiveAuth::Cookie(&agent_session)).await.unwrap();
    agent_on_second.subscribe("inbox", None).await;

    let started = Instant::now();
    let ticket = create(&first, &alice, json!({"subject": "Via instance one", "body": "Hello"})).await;
    let seen = agent_on_second.next_event("ticket_created").await;
    assert_eq!(seen["event"]["ticket"]["id"], id_of(&ticket).as_str());
    assert!(started.elapsed() < Duration::from_secs(1), "delivered by notification, not by the 2 s poll");

    // And back: a reply on the second instance reaches Alice's socket on the first.
    let alice_session = session_of(&first, "alice@example.com", PASSWORD).await;
    let mut alice_on_first = LiveClient::connect(&first, LiveAuth::Cookie(&alice_session)).await.unwrap();
    alice_on_first.subscribe(&format!("ticket:{}", id_of(&ticket)), None).await;
    let agent = second.browser();
    assert_eq!(second.login(&agent, "agent@example.com", PASSWORD).await.status(), 200);
    let path = second.url(&format!("/api/v1/tickets/{}/messages", id_of(&ticket)));
    assert_eq!(agent.post(path).json(&json!({"body": "From two"})).send().await.unwrap().status(), 201);
    assert_eq!(alice_on_first.next_event("message_created").await["event"]["message"]["body"], "From two");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_notification_connection_loses_nothing() {
    let Some(first) = spawn(Backend::Postgres, &[]).await else { return };
    let second = spawn_sibling(&first).await;
    let admin = first.admin().await;
    sign_in(&first, &admin, "agent@example.com", "agent").await;
    let (alice_on_first, _) = sign_in(&first, &admin, "alice@example.com", "customer").await;
    drop(alice_on_first);
    let alice = second.browser();
    assert_eq!(second.login(&alice, "alice@example.com", PASSWORD).await.status(), 200);
    let session = session_of(&first, "agent@example.com", PASSWORD).await;
    let mut agent = LiveClient::connect(&first, LiveAuth::Cookie(&session)).await.unwrap();
    agent.subscribe("inbox", None).await;

    let pool = sqlx::PgPool::connect(&first.state.config.database_url).await.unwrap();
    let kill = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                WHERE application_name = $1 AND datname = current_database()";
    let killed: Vec<(bool,)> =
        sqlx::query_as(kill).bind(tidings::store::LISTENER_APPLICATION_NAME).fetch_all(&pool).await.unwrap();
    assert_eq!(killed.len(), 2, "each instance has one listener connection");

    // While the listeners reconnect, the second instance takes new tickets.
    let mut subjects = Vec::new();
    for n in 0..5 {
        let subject = format!("During the outage {n}");
        create(&second, &alice, json!({"subject": subject, "body": "..."})).await;
        subjects.push(subject);
    }
    let mut seen = Vec::new();
    while seen.len() < subjects.len() {
        let frame = agent.next_event("ticket_created").await;
        seen.push(frame["event"]["ticket"]["subject"].as_str().unwrap().to_string());
    }
    assert_eq!(seen, subjects, "every event arrives, once, in order");
    let ready = reqwest::get(first.url("/readyz")).await.unwrap();
    assert_eq!(ready.status(), 200, "the listener is back");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_reports_a_lost_notification_connection() {
    let Some(app) = spawn(Backend::Postgres, &[]).await else { return };
    let database: String = {
        let own = sqlx::PgPool::connect(&app.state.config.database_url).await.unwrap();
        sqlx::query_scalar("SELECT current_database()").fetch_one(&own).await.unwrap()
    };
    // From the server's maintenance database: refuse new connections to the app's database (so the listener cannot
    // reconnect yet), then kill the listener.
    let pool = sqlx::PgPool::connect(&std::env::var("TIDINGS_TEST_PG_URL").unwrap()).await.unwrap();
    sqlx::query(&format!("ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false")).execute(&pool).await.unwrap();
    sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = $2")
        .bind(tidings::store::LISTENER_APPLICATION_NAME)
        .bind(&database)
        .execute(&pool)
        .await
        .unwrap();
    let mut degraded = false;
    for _ in 0..50 {
        let ready = reqwest::get(app.url("/readyz")).await.unwrap();
        if ready.status() == 503 {
            let body: serde_json::Value = ready.json().await.unwrap();
            assert_eq!(body["live"], "reconnecting");
            degraded = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    sqlx::query(&format!("ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true")).execute(&pool).await.unwrap();
    assert!(degraded, "/readyz reported the degradation");
    let mut recovered = false;
    for _ in 0..100 {
        if reqwest::get(app.url("/readyz")).await.unwrap().status() == 200 {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(recovered, "/readyz is ok again once the listener reconnected");
}
