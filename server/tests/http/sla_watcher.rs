//! The SLA watcher: with a one-second tick it finds a ticket whose one-minute first-response target ran out,
//! announces the warning and the breach on the timeline exactly once each, and the ticket JSON says so.

use crate::common;

use common::tickets::{body_json, get, get_ticket, id_of, sign_in, staff_ticket};
use common::TestApp;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

use crate::sla::{around_the_clock, set_up_sla};

mod on_sqlite {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_watcher_announces_one_breach_per_clock() {
        let app = super::common::spawn(super::common::Backend::Sqlite, super::FAST_TICK).await.expect("sqlite app");
        super::the_watcher_announces_one_breach_per_clock(app).await;
    }
}

mod on_postgres {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_watcher_announces_one_breach_per_clock() {
        if let Some(app) = super::common::spawn(super::common::Backend::Postgres, super::FAST_TICK).await {
            super::the_watcher_announces_one_breach_per_clock(app).await;
        }
    }
}

const FAST_TICK: &[(&str, &str)] = &[("TIDINGS_SLA_TICK_SECONDS", "1")];

async fn sla_events(app: &TestApp, client: &reqwest::Client, id: &str) -> Vec<Value> {
    let events = body_json(get(app, client, &format!("/api/v1/tickets/{id}/events")).await).await;
    events["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"].as_str().unwrap().starts_with("sla_"))
        .cloned()
        .collect()
}

async fn the_watcher_announces_one_breach_per_clock(app: TestApp) {
    let admin = app.admin().await;
    set_up_sla(&app, &admin, around_the_clock(), json!({"normal": {"first_response_minutes": 1}})).await;
    let (agent, _) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    sign_in(&app, &admin, "slow@example.com", "customer").await;
    let mut transitions = app.state.services.subscribe_sla_transitions();
    let id = id_of(&staff_ticket(&app, &agent, "slow@example.com", "Nobody answers", json!({})).await);

    // The target is one minute of business time (around the clock: one real minute), the warning at 25 % left.
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let events = sla_events(&app, &agent, &id).await;
        if events.iter().any(|e| e["kind"] == "sla_breached") {
            break;
        }
        assert!(Instant::now() < deadline, "no breach announced in 90 s: {events:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    // A few more rounds must not announce it again.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let events = sla_events(&app, &agent, &id).await;
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["sla_warning", "sla_breached"], "one warning, then one breach");
    assert_eq!(events[1]["data"]["clock"], "first_response");
    assert_eq!(events[1]["actor"], Value::Null, "announced by Tidings itself");

    let ticket = get_ticket(&app, &agent, &id).await;
    assert_eq!(ticket["sla"]["first_response"]["state"], "breached");
    assert_eq!(ticket["sla"]["breached"], true);
    assert!(ticket["sla"]["first_response"]["remaining_seconds"].as_i64().unwrap() < 0);

    // The hook for escalations heard the same two moments, once each.
    let mut heard = Vec::new();
    while let Ok(transition) = transitions.try_recv() {
        heard.push((transition.ticket_id, transition.kind.as_str()));
    }
    assert_eq!(heard, [(id.clone(), "warning"), (id, "breached")]);
}
