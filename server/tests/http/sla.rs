//! SLA over REST and on the pages: admins set business hours and policies (supervisors read, agents are refused),
//! tickets get due times counted in business hours, a pending period moves the resolution due time, the queue
//! sorts by due time, and the ticket page shows the clocks. The watcher's announcements are in `sla_watcher.rs`.

use crate::common;

use chrono::{DateTime, Duration, Utc};
use common::pages::page;
use common::tickets::{body_json, error_parts, get, get_ticket, id_of, patch_ok, sign_in, staff_ticket};
use common::TestApp;
use reqwest::Client;
use serde_json::{json, Value};
use tidings::domain::sla::{add_business_time, BusinessCalendar};

on_both_backends!(
    a_berlin_office_calendar_gives_due_times_in_business_hours,
    a_pending_period_moves_the_resolution_due_time,
    the_queue_sorted_by_due_lists_the_soonest_first_and_no_sla_last,
    invalid_calendars_and_policies_are_refused_naming_the_field,
    only_admins_change_sla_settings_and_supervisors_read_them,
    the_ticket_queue_and_admin_pages_show_the_sla,
);

/// Monday to Friday, 08:00 to 17:00 in Berlin.
pub fn berlin_office() -> Value {
    let day = json!([["08:00", "17:00"]]);
    json!({"time_zone": "Europe/Berlin", "weekly": {"mon": day, "tue": day, "wed": day, "thu": day, "fri": day},
           "holidays": []})
}

/// Every day around the clock in UTC, so business time is elapsed time.
pub fn around_the_clock() -> Value {
    let day = json!([["00:00", "24:00"]]);
    json!({"time_zone": "UTC", "weekly": {"mon": day, "tue": day, "wed": day, "thu": day, "fri": day, "sat": day,
           "sun": day}})
}

pub async fn post_ok(app: &TestApp, client: &Client, path: &str, body: Value) -> Value {
    let response = client.post(app.url(path)).json(&body).send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 201, "POST {path} {body}: {text}");
    serde_json::from_str(&text).expect("JSON")
}

/// The default calendar and one policy with these targets (`{"normal": {...}}`).
pub async fn set_up_sla(app: &TestApp, admin: &Client, hours: Value, targets: Value) -> (Value, Value) {
    let calendar =
        post_ok(app, admin, "/api/v1/sla/calendars", json!({"name": "Office", "hours": hours, "is_default": true}))
            .await;
    let policy = post_ok(app, admin, "/api/v1/sla/policies", json!({"name": "Standard", "targets": targets})).await;
    (calendar, policy)
}

pub fn time(value: &Value) -> DateTime<Utc> {
    serde_json::from_value(value.clone()).unwrap_or_else(|err| panic!("{value} is not a time: {err}"))
}

async fn a_berlin_office_calendar_gives_due_times_in_business_hours(app: TestApp) {
    let admin = app.admin().await;
    let targets = json!({"normal": {"first_response_minutes": 120, "resolution_minutes": 480}});
    let (calendar, policy) = set_up_sla(&app, &admin, berlin_office(), targets).await;
    assert_eq!(calendar["hours"]["time_zone"], "Europe/Berlin");
    assert_eq!(calendar["is_default"], true);
    assert_eq!(policy["targets"]["normal"]["first_response_minutes"], 120);
    assert_eq!(policy["warning"], json!({"percent_remaining": 25}), "the default warning");

    let (customer, _) = sign_in(&app, &admin, "berlin@example.com", "customer").await;
    let ticket = common::tickets::customer_ticket(&app, &customer, "Invoice missing").await;
    let sla = &ticket["sla"];
    assert_eq!(sla["policy"]["name"], "Standard", "the answer to POST already has the SLA: {ticket}");
    assert_eq!(sla["policy"]["id"], policy["id"]);

    let office: BusinessCalendar = serde_json::from_value(berlin_office()).unwrap();
    let created = time(&ticket["created_at"]);
    let first_due = add_business_time(&office, created, Duration::hours(2));
    let resolution_due = add_business_time(&office, created, Duration::hours(8));
    assert_eq!(time(&sla["first_response"]["due_at"]), first_due);
    assert_eq!(time(&sla["resolution"]["due_at"]), resolution_due);
    assert_eq!(time(&sla["first_response_due_at"]), first_due, "the contract's summary fields agree");
    assert_eq!(time(&sla["resolution_due_at"]), resolution_due);
    assert!(first_due >= created + Duration::hours(2), "office hours never make it sooner than elapsed time");
    assert!(sla["first_response"]["remaining_seconds"].as_i64().unwrap() <= 7200);
    assert!(["running", "warning", "breached"].contains(&sla["first_response"]["state"].as_str().unwrap()));

    // The customer sees the same clocks on their own ticket.
    let id = id_of(&ticket);
    assert_eq!(time(&get_ticket(&app, &customer, &id).await["sla"]["first_response"]["due_at"]), first_due);
}

async fn a_pending_period_moves_the_resolution_due_time(app: TestApp) {
    let admin = app.admin().await;
    set_up_sla(&app, &admin, around_the_clock(), json!({"normal": {"resolution_minutes": 480}})).await;
    let (agent, _) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    sign_in(&app, &admin, "waiting@example.com", "customer").await;
    let ticket = staff_ticket(&app, &agent, "waiting@example.com", "Need your logs", json!({})).await;
    let id = id_of(&ticket);
    let created = time(&ticket["created_at"]);
    assert_eq!(time(&ticket["sla"]["resolution"]["due_at"]), created + Duration::hours(8));
    assert_eq!(ticket["sla"]["first_response"], Value::Null, "no first-response target at this priority");

    patch_ok(&app, &agent, &id, json!({"status": "open"})).await;
    let pending = patch_ok(&app, &agent, &id, json!({"status": "pending"})).await;
    assert_eq!(pending["sla"]["resolution"]["state"], "paused");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let resumed = patch_ok(&app, &agent, &id, json!({"status": "open"})).await;

    let events = body_json(get(&app, &agent, &format!("/api/v1/tickets/{id}/events")).await).await;
    let changes: Vec<&Value> =
        events["items"].as_array().unwrap().iter().filter(|e| e["kind"] == "status_changed").collect();
    let paused_at = changes.iter().find(|e| e["data"]["to"] == "pending").map(|e| time(&e["created_at"])).unwrap();
    let resumed_at = changes.iter().find(|e| e["data"]["from"] == "pending").map(|e| time(&e["created_at"])).unwrap();
    let moved = time(&resumed["sla"]["resolution"]["due_at"]) - (created + Duration::hours(8));
    assert_eq!(moved, resumed_at - paused_at, "the due time moved by exactly the time spent pending");
    assert!(moved >= Duration::milliseconds(300));
    assert_eq!(resumed["sla"]["resolution"]["state"], "running");
}

async fn the_queue_sorted_by_due_lists_the_soonest_first_and_no_sla_last(app: TestApp) {
    let admin = app.admin().await;
    let targets = json!({"urgent": {"first_response_minutes": 30}, "normal": {"first_response_minutes": 120},
                         "low": {"first_response_minutes": 480}});
    set_up_sla(&app, &admin, around_the_clock(), targets).await;
    let (agent, _) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    sign_in(&app, &admin, "many@example.com", "customer").await;
    let mut ids = Vec::new();
    for priority in ["low", "high", "urgent", "normal"] {
        let extra = json!({"priority": priority});
        ids.push(id_of(&staff_ticket(&app, &agent, "many@example.com", priority, extra).await));
    }
    let (low, high, urgent, normal) = (ids[0].as_str(), ids[1].as_str(), ids[2].as_str(), ids[3].as_str());
    let listed = common::tickets::list_ids(&app, &agent, "sort=due&status=new,open,pending").await;
    assert_eq!(listed, [urgent, normal, low, high], "due soonest first; the ticket without a target last");
    let page = body_json(get(&app, &agent, "/api/v1/tickets?sort=due").await).await;
    assert_eq!(page["items"][3]["sla"], Value::Null, "high has no target, so no SLA");
    let (status, code, field, _) = error_parts(get(&app, &agent, "/api/v1/tickets?sort=soonest").await).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (422, "unknown_sort", Some("sort")));
}

async fn invalid_calendars_and_policies_are_refused_naming_the_field(app: TestApp) {
    let admin = app.admin().await;
    let overlapping =
        json!({"time_zone": "Europe/Berlin", "weekly": {"tue": [["08:00", "12:00"], ["11:00", "17:00"]]}});
    let response =
        admin.post(app.url("/api/v1/sla/calendars")).json(&json!({"name": "Bad", "hours": overlapping})).send().await;
    let (status, code, field, message) = error_parts(response.unwrap()).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (422, "invalid_calendar", Some("hours.weekly.tue")));
    assert!(message.contains("Tuesday"), "the message names the day: {message}");

    let empty = json!({"time_zone": "Europe/Berlin", "weekly": {}});
    let response = admin.post(app.url("/api/v1/sla/calendars")).json(&json!({"name": "Empty", "hours": empty})).send();
    let (status, _, field, _) = error_parts(response.await.unwrap()).await;
    assert_eq!((status, field.as_deref()), (422, Some("hours.weekly")));
    let unknown_zone = json!({"time_zone": "Mars/Olympus", "weekly": {"mon": [["08:00", "17:00"]]}});
    let response = admin.post(app.url("/api/v1/sla/calendars")).json(&json!({"name": "Mars", "hours": unknown_zone}));
    let (status, _, field, _) = error_parts(response.send().await.unwrap()).await;
    assert_eq!((status, field.as_deref()), (422, Some("hours.time_zone")));

    let zero = json!({"name": "Zero", "targets": {"normal": {"first_response_minutes": 0}}});
    let (status, code, field, _) =
        error_parts(admin.post(app.url("/api/v1/sla/policies")).json(&zero).send().await.unwrap()).await;
    assert_eq!(
        (status, code.as_str(), field.as_deref()),
        (422, "invalid_sla_policy", Some("targets.normal.first_response_minutes"))
    );
    let bad_channel = json!({"name": "Fax", "channel": "fax", "targets": {}});
    let (status, _, field, _) =
        error_parts(admin.post(app.url("/api/v1/sla/policies")).json(&bad_channel).send().await.unwrap()).await;
    assert_eq!((status, field.as_deref()), (422, Some("channel")));
    let listed = body_json(get(&app, &admin, "/api/v1/sla/calendars").await).await;
    assert_eq!(listed["total"], 0, "nothing refused was stored");
}

async fn only_admins_change_sla_settings_and_supervisors_read_them(app: TestApp) {
    let admin = app.admin().await;
    let (calendar, policy) =
        set_up_sla(&app, &admin, berlin_office(), json!({"normal": {"first_response_minutes": 60}})).await;
    let (agent, _) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    let (supervisor, _) = sign_in(&app, &admin, "lead@example.com", "supervisor").await;
    let (customer, _) = sign_in(&app, &admin, "c@example.com", "customer").await;
    let new_policy = json!({"name": "Mine", "targets": {"high": {"first_response_minutes": 15}}});
    for client in [&agent, &supervisor, &customer] {
        let response = client.post(app.url("/api/v1/sla/policies")).json(&new_policy).send().await.unwrap();
        assert_eq!(response.status(), 403);
        let response =
            client.post(app.url("/api/v1/sla/calendars")).json(&json!({"name": "x", "hours": berlin_office()}));
        assert_eq!(response.send().await.unwrap().status(), 403);
    }
    for client in [&agent, &customer] {
        assert_eq!(get(&app, client, "/api/v1/sla/policies").await.status(), 403);
    }
    let listed = body_json(get(&app, &supervisor, "/api/v1/sla/policies").await).await;
    assert_eq!(listed["items"][0]["id"], policy["id"], "supervisors read the policies");
    let path = format!("/api/v1/sla/calendars/{}", id_of(&calendar));
    assert_eq!(get(&app, &supervisor, &path).await.status(), 200);
    assert_eq!(supervisor.delete(app.url(&path)).send().await.unwrap().status(), 403);

    // Admins change and delete; a calendar a policy counts in cannot go.
    let policy_path = format!("/api/v1/sla/policies/{}", id_of(&policy));
    let changed = admin
        .patch(app.url(&policy_path))
        .json(&json!({"name": "Gold", "calendar_id": calendar["id"], "active": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    let changed = body_json(changed).await;
    assert_eq!((changed["name"].as_str(), changed["active"].as_bool()), (Some("Gold"), Some(false)));
    assert_eq!(changed["targets"]["normal"]["first_response_minutes"], 60, "targets left alone");
    let (status, code, _, _) = error_parts(admin.delete(app.url(&path)).send().await.unwrap()).await;
    assert_eq!((status, code.as_str()), (409, "calendar_in_use"));
    assert_eq!(admin.delete(app.url(&policy_path)).send().await.unwrap().status(), 204);
    assert_eq!(admin.delete(app.url(&path)).send().await.unwrap().status(), 204);
    assert_eq!(get(&app, &admin, &path).await.status(), 404);
    let openapi = body_json(get(&app, &admin, "/api/v1/openapi.json").await).await;
    for documented in ["/api/v1/sla/calendars", "/api/v1/sla/calendars/{id}", "/api/v1/sla/policies/{id}"] {
        assert!(openapi["paths"].get(documented).is_some(), "{documented} is in the OpenAPI document");
    }
}

async fn the_ticket_queue_and_admin_pages_show_the_sla(app: TestApp) {
    let admin = app.admin().await;
    let targets = json!({"normal": {"first_response_minutes": 120, "resolution_minutes": 480}});
    set_up_sla(&app, &admin, around_the_clock(), targets).await;
    let (agent, _) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    sign_in(&app, &admin, "page@example.com", "customer").await;
    let id = id_of(&staff_ticket(&app, &agent, "page@example.com", "Show the clocks", json!({})).await);

    let (status, html) = page(&app, &agent, &format!("/agent/tickets/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"sla-panel\""), "the workspace has the SLA panel");
    assert!(html.contains("First response due in 1 h 59 min") || html.contains("First response due in 2 h"));
    assert!(html.contains("Resolution due in 7 h 59 min") || html.contains("Resolution due in 8 h"));
    assert!(html.contains("On track") && html.contains("Standard"), "state in words and the policy's name");

    let german = agent.get(app.url(&format!("/agent/tickets/{id}"))).header("accept-language", "de-DE,de;q=0.9");
    let german = german.send().await.unwrap().text().await.unwrap();
    assert!(german.contains("Erste Antwort fällig in") && german.contains("Im Plan"));

    let (status, queue) = page(&app, &agent, "/agent/tickets?sort=due").await;
    assert_eq!(status, 200);
    assert!(queue.contains("Due soonest") && queue.contains("data-sort=\"due\""), "the sort option and the column");
    assert!(queue.contains("aria-sort=\"ascending\""), "the due column says it is the sort");
    assert!(queue.contains("in 1 h 59 min") || queue.contains("in 2 h"), "the due cell");

    let (status, settings) = page(&app, &admin, "/admin/sla").await;
    assert_eq!(status, 200);
    for text in ["Service levels", "Office", "Standard", "Hours (JSON)", "Add business hours", "Add policy"] {
        assert!(settings.contains(text), "the admin page says {text:?}");
    }
    assert!(
        settings.contains("for=\"sla-calendar-hours\"") && settings.contains("id=\"sla-policy-normal-first_response\"")
    );
    assert!(!page(&app, &agent, "/admin/sla").await.1.contains("Add business hours"), "not for agents");

    // The page's forms post to server functions, as a browser without JavaScript does (brackets percent-encoded).
    let fields = [
        ("name", "Urgent only"),
        ("channel", ""),
        ("targets[urgent_first_response]", "15"),
        ("targets[low_resolution]", ""),
        ("warning_percent", "20"),
    ];
    let added = admin.post(app.url("/api/add_sla_policy")).form(&fields).send().await.unwrap();
    assert_eq!(added.status(), 200);
    let added: Value = added.json().await.unwrap();
    assert_eq!(added["targets"]["urgent"], json!({"first_response_minutes": 15}));
    assert_eq!(added["targets"]["low"], json!({}), "an empty field is no target");
    assert_eq!(added["warning"], json!({"percent_remaining": 20}));
    let backwards = r#"{"time_zone": "UTC", "weekly": {"mon": [["09:00", "08:00"]]}}"#;
    let refused = admin.post(app.url("/api/add_sla_calendar")).form(&[("name", "Bad"), ("hours", backwards)]);
    let refused: Value = refused.send().await.unwrap().json().await.unwrap();
    assert_eq!(refused["field"], "hours.weekly.mon", "{refused}");
    let broken = admin.post(app.url("/api/add_sla_calendar")).form(&[("name", "Bad"), ("hours", "{not json")]);
    let broken: Value = broken.send().await.unwrap().json().await.unwrap();
    assert_eq!(broken["field"], "hours", "{broken}");
}
