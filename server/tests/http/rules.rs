//! Automation rules over HTTP on SQLite and PostgreSQL: a rule fires once per event and says so on the timeline,
//! the shipped acknowledgement answers a new ticket, two rules toggling each other are stopped with a timeline
//! entry, bad rules are refused with 422 naming the part at fault, a rule assigning to a deactivated agent is
//! disabled with a warning, a webhook reaches a local receiver, and the preview lists the matching open tickets.

use crate::common;

use common::tickets::{
    body_json, customer_ticket, error_parts, get, get_ticket, id_of, patch_ok, sign_in, staff_ticket,
};
use common::TestApp;
use reqwest::Client;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Runs `$case(app)` once per backend with extra settings.
macro_rules! with_settings {
    ($settings:expr => $($case:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let app = super::common::spawn(super::common::Backend::Sqlite, $settings).await.expect("sqlite app");
                super::$case(app).await;
            })*
        }
        mod on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                if let Some(app) = super::common::spawn(super::common::Backend::Postgres, $settings).await {
                    super::$case(app).await;
                }
            })*
        }
    };
}

with_settings!(&[("TIDINGS_RULES_DEFAULTS", "on"), ("TIDINGS_RULES_WEBHOOK_ALLOW_PRIVATE", "1")] =>
    a_rule_fires_once_per_event_and_says_why,
    the_default_acknowledgement_answers_a_new_ticket,
    two_rules_toggling_each_other_are_stopped,
    bad_rules_are_refused_with_the_reason,
    a_rule_assigning_to_a_deactivated_agent_is_disabled_with_a_warning,
    a_webhook_reaches_a_local_receiver,
    the_preview_lists_the_matching_open_tickets,
);

pub async fn create_rule(app: &TestApp, admin: &Client, rule: Value) -> Value {
    let response = admin.post(app.url("/api/v1/rules")).json(&rule).send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 201, "create rule {rule}: {text}");
    serde_json::from_str(&text).unwrap()
}

pub async fn timeline(app: &TestApp, client: &Client, id: &str) -> Vec<Value> {
    let events = body_json(get(app, client, &format!("/api/v1/tickets/{id}/events")).await).await;
    events["items"].as_array().expect("events").clone()
}

pub fn of_kind<'a>(events: &'a [Value], kind: &str) -> Vec<&'a Value> {
    events.iter().filter(|event| event["kind"] == kind).collect()
}

async fn a_rule_fires_once_per_event_and_says_why(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "ada@example.com", "customer").await;
    let rule = create_rule(
        &app,
        &admin,
        json!({
            "name": "Refunds to billing",
            "trigger": {"type": "ticket_created"},
            "conditions": {"all": [{"field": "subject", "op": "contains", "value": "Rückerstattung"}]},
            "actions": [{"type": "add_tag", "tag": "refund"}, {"type": "set_priority", "priority": "high"},
                        {"type": "add_internal_note", "text": "Refund request: check the invoice."}],
        }),
    )
    .await;
    assert_eq!(rule["enabled"], true);
    assert_eq!(rule["warnings"], json!([]));

    let id = id_of(&customer_ticket(&app, &customer, "Bitte Rueckerstattung").await);
    let other = id_of(&customer_ticket(&app, &customer, "Password reset").await);
    let ticket = get_ticket(&app, &admin, &id).await;
    assert_eq!(ticket["tags"], json!(["refund"]));
    assert_eq!(ticket["priority"], "high");
    let notes: Vec<&Value> = ticket["messages"].as_array().unwrap().iter().filter(|m| m["internal"] == true).collect();
    assert_eq!(notes.len(), 1, "one note: {notes:?}");
    assert_eq!(notes[0]["author"]["id"], "automation");

    let events = timeline(&app, &admin, &id).await;
    let applied: Vec<&Value> =
        of_kind(&events, "rule_applied").into_iter().filter(|e| e["data"]["rule"]["id"] == rule["id"]).collect();
    assert_eq!(applied.len(), 1, "fired exactly once: {events:?}");
    assert_eq!(applied[0]["data"]["rule"]["id"], rule["id"]);
    assert_eq!(applied[0]["data"]["rule"]["name"], "Refunds to billing");
    assert_eq!(applied[0]["data"]["event"], "ticket_created");
    assert_eq!(applied[0]["data"]["actions"][0]["type"], "add_tag");
    assert_eq!(of_kind(&events, "priority_changed").len(), 1);

    // A later update is another event, but the rule only listens to new tickets.
    patch_ok(&app, &admin, &id, json!({"status": "open"})).await;
    let ours = |events: &[Value]| {
        of_kind(events, "rule_applied").iter().filter(|e| e["data"]["rule"]["id"] == rule["id"]).count()
    };
    assert_eq!(ours(&timeline(&app, &admin, &id).await), 1);
    assert!(of_kind(&timeline(&app, &admin, &other).await, "rule_applied")
        .iter()
        .all(|e| e["data"]["rule"]["id"] != rule["id"]));
}

async fn the_default_acknowledgement_answers_a_new_ticket(app: TestApp) {
    let admin = app.admin().await;
    let listed = body_json(get(&app, &admin, "/api/v1/rules").await).await;
    let ids: Vec<&str> = listed["items"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["default-acknowledgement", "default-out-of-hours", "default-pending-reminder", "default-pending-resolve"]
    );
    let (customer, _) = sign_in(&app, &admin, "grace@example.com", "customer").await;
    let id = id_of(&customer_ticket(&app, &customer, "Printer on fire").await);

    let ticket = get_ticket(&app, &customer, &id).await;
    let replies: Vec<&Value> =
        ticket["messages"].as_array().unwrap().iter().filter(|m| m["author"]["id"] == "automation").collect();
    assert_eq!(replies.len(), 1, "one acknowledgement: {:?}", ticket["messages"]);
    let body = replies[0]["body"].as_str().unwrap();
    assert!(body.contains("Printer on fire") && body.contains(&ticket["number"].to_string()), "{body}");
    assert_eq!(ticket["status"], "new", "an automatic answer is no agent's answer");
    assert_eq!(ticket["first_response_at"], Value::Null);
    let applied = of_kind(&timeline(&app, &admin, &id).await, "rule_applied").len();
    assert_eq!(applied, 1);

    // Outside business hours nothing: no calendar means around the clock. A follow-up message is no new ticket.
    let response = customer
        .post(app.url(&format!("/api/v1/tickets/{id}/messages")))
        .json(&json!({"body": "Still burning"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(of_kind(&timeline(&app, &admin, &id).await, "rule_applied").len(), 1);
}

async fn two_rules_toggling_each_other_are_stopped(app: TestApp) {
    let admin = app.admin().await;
    sign_in(&app, &admin, "loop@example.com", "customer").await;
    // Each rule answers the other's change: low -> urgent -> low -> … until the engine stops it.
    for (name, from, to) in [("Up", "low", "urgent"), ("Down", "urgent", "low")] {
        create_rule(
            &app,
            &admin,
            json!({
                "name": name,
                "trigger": {"type": "ticket_updated"},
                "conditions": {"all": [{"field": "priority", "op": "changed_to", "value": from}]},
                "actions": [{"type": "set_priority", "priority": to}],
            }),
        )
        .await;
    }
    let id = id_of(&staff_ticket(&app, &admin, "loop@example.com", "Ping pong", json!({})).await);
    patch_ok(&app, &admin, &id, json!({"priority": "low"})).await;

    let events = timeline(&app, &admin, &id).await;
    let applied: Vec<&str> =
        of_kind(&events, "rule_applied").iter().map(|e| e["data"]["rule"]["name"].as_str().unwrap()).collect();
    assert_eq!(applied, ["Up", "Down"], "each rule fired once for the agent's change");
    let stopped = of_kind(&events, "rule_loop_stopped");
    assert_eq!(stopped.len(), 1, "{events:?}");
    assert_eq!(stopped[0]["data"]["rule"]["name"], "Up");
    assert_eq!(stopped[0]["data"]["reason"]["code"], "already_fired");
    assert_eq!(get_ticket(&app, &admin, &id).await["priority"], "low");
}

async fn bad_rules_are_refused_with_the_reason(app: TestApp) {
    let admin = app.admin().await;
    let rule = |conditions: Value, actions: Value| json!({"name": "Bad", "trigger": {"type": "ticket_created"}, "conditions": conditions, "actions": actions});
    let tag = json!([{"type": "add_tag", "tag": "x"}]);
    let cases = [
        (
            rule(
                json!({"all": [{"field": "priority", "op": "is", "value": "high"},
                                {"field": "priority", "op": "is", "value": "low"}]}),
                tag.clone(),
            ),
            "impossible_conditions",
            "conditions.all",
        ),
        (
            rule(json!({"all": [{"field": "priority", "op": "gt", "value": "urgent"}]}), tag.clone()),
            "impossible_conditions",
            "conditions.all",
        ),
        (
            rule(json!({"all": [{"field": "priority", "op": "is", "value": "7"}]}), tag.clone()),
            "unknown_value",
            "conditions.all[0].value",
        ),
        (
            rule(json!({"all": []}), json!([{"type": "assign_team", "team_id": "nope"}])),
            "unknown_reference",
            "actions[0].team_id",
        ),
        (
            rule(json!({"all": []}), json!([{"type": "send_canned_reply", "canned_id": "gone"}])),
            "unknown_reference",
            "actions[0].canned_id",
        ),
        (
            rule(json!({"all": []}), json!([{"type": "set_status", "status": "new"}])),
            "status_not_settable",
            "actions[0].status",
        ),
        (rule(json!({"all": []}), json!([{"type": "set_colour", "colour": "red"}])), "malformed_rule", "rule"),
        (
            rule(json!({"all": []}), json!([{"type": "webhook", "url": "ftp://example.com"}])),
            "invalid_webhook_url",
            "actions[0].url",
        ),
    ];
    for (body, code, field) in cases {
        let response = admin.post(app.url("/api/v1/rules")).json(&body).send().await.unwrap();
        let (status, got_code, got_field, message) = error_parts(response).await;
        assert_eq!((status, got_code.as_str(), got_field.as_deref()), (422, code, Some(field)), "{body}: {message}");
        assert!(!message.is_empty());
    }
    assert_eq!(body_json(get(&app, &admin, "/api/v1/rules").await).await["total"], 4, "only the defaults");

    // A PATCH is checked as a whole too, and cannot change the id.
    let id = "default-acknowledgement";
    let response = admin
        .patch(app.url(&format!("/api/v1/rules/{id}")))
        .json(&json!({"conditions": {"any": []}}))
        .send()
        .await
        .unwrap();
    assert_eq!(error_parts(response).await.1, "impossible_conditions");
    let response = admin.patch(app.url(&format!("/api/v1/rules/{id}"))).json(&json!({"id": "x"})).send().await.unwrap();
    assert_eq!(error_parts(response).await.0, 422);

    // Supervisors read, agents do not, only admins write.
    let (supervisor, _) = sign_in(&app, &admin, "sup@example.com", "supervisor").await;
    let (agent, _) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    assert_eq!(get(&app, &supervisor, "/api/v1/rules").await.status(), 200);
    assert_eq!(get(&app, &agent, "/api/v1/rules").await.status(), 403);
    let valid = rule(json!({"all": []}), tag);
    assert_eq!(supervisor.post(app.url("/api/v1/rules")).json(&valid).send().await.unwrap().status(), 403);
    assert_eq!(supervisor.delete(app.url(&format!("/api/v1/rules/{id}"))).send().await.unwrap().status(), 403);
    assert_eq!(admin.delete(app.url(&format!("/api/v1/rules/{id}"))).send().await.unwrap().status(), 204);
    assert_eq!(get(&app, &admin, &format!("/api/v1/rules/{id}")).await.status(), 404);
}

async fn a_rule_assigning_to_a_deactivated_agent_is_disabled_with_a_warning(app: TestApp) {
    let admin = app.admin().await;
    let (_, agent) = sign_in(&app, &admin, "leaver@example.com", "agent").await;
    let agent_id = id_of(&agent);
    let rule = create_rule(
        &app,
        &admin,
        json!({"name": "To the leaver", "trigger": {"type": "ticket_created"},
               "actions": [{"type": "assign_agent", "agent_id": agent_id}]}),
    )
    .await;
    let response = admin
        .patch(app.url(&format!("/api/v1/users/{agent_id}")))
        .json(&json!({"active": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let stored = body_json(get(&app, &admin, &format!("/api/v1/rules/{}", id_of(&rule))).await).await;
    assert_eq!(stored["enabled"], false, "disabled, not skipped silently");
    let warning = &stored["warnings"][0];
    assert_eq!(warning["path"], "actions[0].agent_id");
    assert_eq!(warning["id"], agent_id.as_str());
    assert!(warning["message"].as_str().unwrap().contains("active agent"), "{warning}");

    // New tickets are not assigned to the leaver; saving the rule again re-checks it (and refuses it).
    sign_in(&app, &admin, "new@example.com", "customer").await;
    let ticket = staff_ticket(&app, &admin, "new@example.com", "Hello", json!({})).await;
    assert_eq!(ticket["assignee"], Value::Null);
    let response = admin
        .patch(app.url(&format!("/api/v1/rules/{}", id_of(&rule))))
        .json(&json!({"enabled": true}))
        .send()
        .await
        .unwrap();
    let (status, code, field, _) = error_parts(response).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (422, "unknown_reference", Some("actions[0].agent_id")));
}

async fn a_webhook_reaches_a_local_receiver(app: TestApp) {
    let (sender, mut received) = tokio::sync::mpsc::unbounded_channel::<Value>();
    let receiver = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |axum::Json(body): axum::Json<Value>| {
            let sender = sender.clone();
            async move {
                sender.send(body).unwrap();
                axum::http::StatusCode::NO_CONTENT
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, receiver).await.unwrap() });

    let admin = app.admin().await;
    let rule = create_rule(
        &app,
        &admin,
        json!({"name": "Tell the CRM", "trigger": {"type": "ticket_created"},
               "conditions": {"all": [{"field": "channel", "op": "is", "value": "api"}]},
               "actions": [{"type": "webhook", "url": url}]}),
    )
    .await;
    sign_in(&app, &admin, "crm@example.com", "customer").await;
    let id = id_of(&staff_ticket(&app, &admin, "crm@example.com", "Contract renewal", json!({})).await);

    let body = tokio::time::timeout(Duration::from_secs(10), received.recv()).await.expect("a POST").unwrap();
    assert_eq!(body["event"], "ticket_created");
    assert_eq!(body["rule"]["id"], rule["id"]);
    assert_eq!(body["ticket"]["id"], id.as_str());
    assert_eq!(body["ticket"]["subject"], "Contract renewal");

    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let events = timeline(&app, &admin, &id).await;
        if let Some(sent) = of_kind(&events, "rule_webhook").first() {
            assert_eq!(sent["data"]["status"], 204);
            break;
        }
        assert!(Instant::now() < deadline, "no rule_webhook entry: {events:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(received.try_recv().is_err(), "posted exactly once");
}

async fn the_preview_lists_the_matching_open_tickets(app: TestApp) {
    let admin = app.admin().await;
    sign_in(&app, &admin, "vip@example.com", "customer").await;
    let urgent = id_of(&staff_ticket(&app, &admin, "vip@example.com", "Down", json!({"priority": "urgent"})).await);
    let high = id_of(&staff_ticket(&app, &admin, "vip@example.com", "Slow", json!({"priority": "high"})).await);
    staff_ticket(&app, &admin, "vip@example.com", "Question", json!({"priority": "low"})).await;
    let done = id_of(&staff_ticket(&app, &admin, "vip@example.com", "Fixed", json!({"priority": "urgent"})).await);
    patch_ok(&app, &admin, &done, json!({"status": "resolved"})).await;

    let rule = json!({"name": "Hot", "trigger": {"type": "ticket_updated"},
                      "conditions": {"all": [{"field": "priority", "op": "gt", "value": "normal"}]},
                      "actions": [{"type": "add_tag", "tag": "hot"}]});
    let response = admin.post(app.url("/api/v1/rules/preview")).json(&rule).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let preview = body_json(response).await;
    let mut ids: Vec<String> = preview["matches"].as_array().unwrap().iter().map(id_of).collect();
    ids.sort();
    let mut expected = vec![urgent, high];
    expected.sort();
    assert_eq!(ids, expected, "open tickets above normal, the resolved one left out");
    assert_eq!(preview["checked"], 3);
    assert_eq!(body_json(get(&app, &admin, "/api/v1/rules").await).await["total"], 4, "nothing saved");

    let bad = json!({"name": "Bad", "trigger": {"type": "ticket_created"},
                     "conditions": {"all": [{"field": "status", "op": "gt", "value": "open"}]}, "actions": []});
    let response = admin.post(app.url("/api/v1/rules/preview")).json(&bad).send().await.unwrap();
    assert_eq!(error_parts(response).await.0, 422);
}
