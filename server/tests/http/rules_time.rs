//! Time rules are durable: a job scheduled by one server fires in the next one started on the same database (a
//! restart), exactly once, and the pending reminder of the shipped rules reminds the customer.

use crate::common;

use chrono::Duration as Days;
use common::backdate::backdate_ticket;
use common::tickets::{get_ticket, id_of, patch_ok, sign_in, staff_ticket};
use common::{spawn_with_database, Backend, TestApp};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

use crate::rules::{of_kind, timeline};

mod on_sqlite {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_time_rule_fires_once_after_a_restart() {
        let app = super::common::spawn(super::common::Backend::Sqlite, super::FIRST).await.expect("sqlite app");
        super::a_time_rule_fires_once_after_a_restart(app, super::Backend::Sqlite).await;
    }
}

mod on_postgres {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_time_rule_fires_once_after_a_restart() {
        if let Some(app) = super::common::spawn(super::common::Backend::Postgres, super::FIRST).await {
            super::a_time_rule_fires_once_after_a_restart(app, super::Backend::Postgres).await;
        }
    }
}

/// The first server ticks once at start, then not for an hour: only the restarted one can fire the job.
const FIRST: &[(&str, &str)] = &[("TIDINGS_RULES_DEFAULTS", "on"), ("TIDINGS_RULES_TICK_SECONDS", "3600")];
const RESTARTED: &[(&str, &str)] = &[("TIDINGS_RULES_DEFAULTS", "on"), ("TIDINGS_RULES_TICK_SECONDS", "1")];

async fn a_time_rule_fires_once_after_a_restart(first: TestApp, backend: Backend) {
    let admin = first.admin().await;
    sign_in(&first, &admin, "quiet@example.com", "customer").await;
    let id = id_of(&staff_ticket(&first, &admin, "quiet@example.com", "Waiting for you", json!({})).await);
    patch_ok(&first, &admin, &id, json!({"status": "pending"})).await;
    // Everything the pending clock counts from (creation, status change) four days back.
    backdate_ticket(&first, backend, &id, Days::days(4)).await;
    // A change of the ticket schedules its time rules again, now counting from four days ago.
    patch_ok(&first, &admin, &id, json!({"tags": ["waiting"]})).await;
    assert!(of_kind(&timeline(&first, &admin, &id).await, "rule_applied").is_empty(), "the first server never ticks");

    let restarted = spawn_with_database(&first, RESTARTED).await;
    let admin = restarted.admin().await;
    let deadline = Instant::now() + Duration::from_secs(20);
    let applied = loop {
        let events = timeline(&restarted, &admin, &id).await;
        let applied: Vec<Value> = of_kind(&events, "rule_applied").into_iter().cloned().collect();
        if !applied.is_empty() {
            break applied;
        }
        assert!(Instant::now() < deadline, "the reminder did not fire after the restart: {events:?}");
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    assert_eq!(applied[0]["data"]["rule"]["id"], "default-pending-reminder");
    assert_eq!(applied[0]["data"]["event"], "time_reached");

    // More ticks fire nothing again; the reminder went to the customer with its note.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let events = timeline(&restarted, &admin, &id).await;
    let reminders = of_kind(&events, "rule_applied");
    assert_eq!(reminders.len(), 1, "fired exactly once: {events:?}");
    let ticket = get_ticket(&restarted, &admin, &id).await;
    let by_rules: Vec<&Value> =
        ticket["messages"].as_array().unwrap().iter().filter(|m| m["author"]["id"] == "automation").collect();
    assert_eq!(by_rules.len(), 2, "the reminder and its note: {by_rules:?}");
    assert!(by_rules.iter().any(|m| m["internal"] == false && m["body"].as_str().unwrap().contains("waiting")));
    assert_eq!(ticket["status"], "pending", "seven days are not up yet");
}
