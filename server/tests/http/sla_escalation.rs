//! Escalation by rule, on SQLite and PostgreSQL: a ticket whose first response is overdue is announced by the SLA
//! watcher, and the `sla_breach` rules run on it once (raise the priority, tag, notify the supervisors). The ticket's
//! past is moved back in the database so the test does not wait for a real target to pass.

use crate::common;

use chrono::TimeDelta;
use common::backdate::{backdate_ticket, recheck_sla_now};
use common::tickets::{get_ticket, id_of, sign_in, staff_ticket};
use common::{Backend, TestApp};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

use crate::rules::{create_rule, of_kind, timeline};
use crate::sla::{around_the_clock, set_up_sla};

/// The watcher looks every second.
const FAST_TICK: &[(&str, &str)] = &[("TIDINGS_SLA_TICK_SECONDS", "1")];

mod on_sqlite {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_overdue_ticket_is_escalated_by_rule_once() {
        let app = super::common::spawn(super::Backend::Sqlite, super::FAST_TICK).await.expect("sqlite app");
        super::an_overdue_ticket_is_escalated_by_rule_once(app, super::Backend::Sqlite).await;
    }
}

mod on_postgres {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_overdue_ticket_is_escalated_by_rule_once() {
        if let Some(app) = super::common::spawn(super::Backend::Postgres, super::FAST_TICK).await {
            super::an_overdue_ticket_is_escalated_by_rule_once(app, super::Backend::Postgres).await;
        }
    }
}

async fn an_overdue_ticket_is_escalated_by_rule_once(app: TestApp, backend: Backend) {
    let admin = app.admin().await;
    sign_in(&app, &admin, "boss@example.com", "supervisor").await;
    sign_in(&app, &admin, "waiting@example.com", "customer").await;
    set_up_sla(&app, &admin, around_the_clock(), json!({"normal": {"first_response_minutes": 60}})).await;
    let rule = create_rule(
        &app,
        &admin,
        json!({"name": "Escalate breaches", "trigger": {"type": "sla_breach"},
               "actions": [{"type": "set_priority", "priority": "urgent"}, {"type": "add_tag", "tag": "escalated"},
                           {"type": "notify", "target": "supervisors", "text": "Overdue: please look."}]}),
    )
    .await;
    let id = id_of(&staff_ticket(&app, &admin, "waiting@example.com", "Still waiting", json!({})).await);
    assert_eq!(get_ticket(&app, &admin, &id).await["priority"], "normal");

    // Filed two hours ago: the one-hour first response is overdue.
    backdate_ticket(&app, backend, &id, TimeDelta::hours(2)).await;
    recheck_sla_now(&app, backend, &id).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    let applied = loop {
        let events = timeline(&app, &admin, &id).await;
        let applied: Vec<Value> = of_kind(&events, "rule_applied").into_iter().cloned().collect();
        if !applied.is_empty() {
            break applied;
        }
        assert!(Instant::now() < deadline, "the breach rule did not run: {events:?}");
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    assert_eq!(applied[0]["data"]["rule"]["id"], rule["id"]);
    assert_eq!(applied[0]["data"]["event"], "sla_breach");

    let ticket = get_ticket(&app, &admin, &id).await;
    assert_eq!(ticket["priority"], "urgent");
    assert!(ticket["tags"].as_array().unwrap().iter().any(|tag| tag == "escalated"), "{ticket}");

    // More watcher rounds announce nothing new, so the rule does not run again.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let events = timeline(&app, &admin, &id).await;
    assert_eq!(of_kind(&events, "rule_applied").len(), 1, "escalated exactly once: {events:?}");
    assert_eq!(of_kind(&events, "sla_breached").len(), 1);
    let notified = of_kind(&events, "rule_notified");
    assert_eq!(notified.len(), 1, "the supervisors were told: {events:?}");
}
