//! Analytics over REST: a fixture history whose numbers were worked out by hand (Berlin office hours, a pause while
//! pending, a reopened ticket, a merged duplicate, one answered survey) comes back exactly from
//! `GET /analytics/summary`; rollups kept by every change equal a rebuild from raw history; supervisors and admins
//! only; bad periods and filters are 422; exports in CSV and XLSX.

use chrono::{DateTime, Utc};
use reqwest::Client;
use serde_json::{json, Value};
use tidings::domain::analytics::{summarize, ticket_facts, AnalyticsFilter, ReportPeriod, ReportedTicket};

use super::analytics_fixture::{seed_hand_computed_history, Seeded};
use crate::common;
use common::tickets::{body_json, error_parts, get, id_of, patch_ok, sign_in, staff_ticket};
use common::TestApp;

on_both_backends!(
    the_summary_matches_a_hand_computed_history,
    only_supervisors_and_admins_see_the_numbers,
    bad_periods_and_filters_are_refused,
    rollups_kept_by_every_change_equal_the_raw_history,
    exports_carry_the_summary_and_the_tickets_behind_it,
);

async fn summary(app: &TestApp, client: &Client, query: &str) -> Value {
    let response = get(app, client, &format!("/api/v1/analytics/summary?{query}")).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "summary {query}: {text}");
    serde_json::from_str(&text).unwrap()
}

/// The fixture of [`seed_hand_computed_history`], summed by hand there.
async fn the_summary_matches_a_hand_computed_history(app: TestApp) {
    let Seeded { supervisor, ada, .. } = seed_hand_computed_history(&app).await;
    let ada = ada.1;
    let week = summary(&app, &supervisor, "from=2026-03-09&to=2026-03-15").await;
    assert_eq!(week["from"], "2026-03-09T00:00:00Z");
    assert_eq!(week["to"], "2026-03-16T00:00:00Z");
    let expected = json!({
        "tickets_created": 3, "tickets_resolved": 2, "backlog": 1,
        "first_response_p50_s": 1800, "first_response_p90_s": 9000,
        "resolution_p50_s": 14400, "resolution_p90_s": 25200,
        "sla_compliance": 0.5, "reopen_rate": 0.5,
        "csat_avg": 4.0, "csat_responses": 1, "csat_surveys_sent": 2, "csat_response_rate": 0.5,
    });
    for (field, value) in expected.as_object().unwrap() {
        assert_eq!(&week[field], value, "{field} in {week}");
    }
    let previous = &week["previous"];
    assert_eq!((previous["tickets_created"].as_u64(), previous["backlog"].as_u64()), (Some(1), Some(1)), "{previous}");
    assert_eq!(previous["tickets_resolved"], 0);
    assert_eq!(previous["csat_avg"], Value::Null);

    let ada_week = summary(&app, &supervisor, &format!("from=2026-03-09&to=2026-03-15&agent={}", id_of(&ada))).await;
    assert_eq!((ada_week["tickets_created"].as_u64(), ada_week["tickets_resolved"].as_u64()), (Some(1), Some(1)));
    assert_eq!((&ada_week["first_response_p50_s"], &ada_week["first_response_p90_s"]), (&json!(1800), &json!(9000)));
    assert_eq!((&ada_week["sla_compliance"], &ada_week["backlog"]), (&json!(1.0), &json!(1)));
    let chat = summary(&app, &supervisor, "from=2026-03-09&to=2026-03-15&channel=chat").await;
    assert_eq!(
        (&chat["tickets_created"], &chat["reopen_rate"], &chat["resolution_p50_s"]),
        (&json!(1), &json!(1.0), &json!(14400))
    );
    // A period that does not start on a whole hour is counted from the per-ticket facts: the same numbers.
    let shifted = summary(&app, &supervisor, "from=2026-03-08T23:59:30Z&to=2026-03-15T23:59:30Z").await;
    assert_eq!((&shifted["tickets_created"], &shifted["resolution_p90_s"]), (&json!(3), &json!(25200)));
}

async fn only_supervisors_and_admins_see_the_numbers(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    let (customer, _) = sign_in(&app, &admin, "customer@example.com", "customer").await;
    let (supervisor, _) = sign_in(&app, &admin, "supervisor@example.com", "supervisor").await;
    for path in
        ["/api/v1/analytics/summary", "/api/v1/analytics/export?format=csv", "/api/v1/analytics/export?format=xlsx"]
    {
        for (who, client) in [("agent", &agent), ("customer", &customer)] {
            let (status, code, _, _) = error_parts(get(&app, client, path).await).await;
            assert_eq!((status, code.as_str()), (403, "forbidden"), "{who} {path}");
        }
        assert_eq!(get(&app, &app.browser(), path).await.status(), 401, "anonymous {path}");
        assert_eq!(get(&app, &supervisor, path).await.status(), 200, "supervisor {path}");
        assert_eq!(get(&app, &admin, path).await.status(), 200, "admin {path}");
    }
    let documented = body_json(get(&app, &admin, "/api/v1/openapi.json").await).await;
    for path in ["/api/v1/analytics/summary", "/api/v1/analytics/export", "/api/v1/csat/{token}"] {
        assert!(documented["paths"].get(path).is_some(), "{path} is in the OpenAPI document");
    }
}

async fn bad_periods_and_filters_are_refused(app: TestApp) {
    let admin = app.admin().await;
    let refused = [
        ("from=2026-03-10&to=2026-03-01", "to"),
        ("from=2025-01-01&to=2026-03-01", "to"),
        ("from=2026-03-01", "to"),
        ("from=yesterday&to=2026-03-01", "from"),
        ("preset=5y", "preset"),
        ("team=no-such-team", "team"),
        ("channel=pigeon", "channel"),
        ("agent=no-such-agent", "agent"),
    ];
    for (query, field) in refused {
        for path in ["/api/v1/analytics/summary", "/api/v1/analytics/export"] {
            let (status, _, named, message) = error_parts(get(&app, &admin, &format!("{path}?{query}")).await).await;
            assert_eq!((status, named.as_deref()), (422, Some(field)), "{path}?{query}: {message}");
        }
    }
    let (status, code, field, _) = error_parts(get(&app, &admin, "/api/v1/analytics/export?format=pdf").await).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (422, "invalid_format", Some("format")));
}

/// The summary as the rollups kept by each change give it, against the same numbers computed in the test from the
/// raw history the store holds, and against a rebuild.
async fn rollups_kept_by_every_change_equal_the_raw_history(app: TestApp) {
    let admin = app.admin().await;
    let (agent, agent_user) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    app.create_user(&admin, "carla@example.com", "customer").await;
    let mut ids = Vec::new();
    for subject in ["Printer", "Invoice", "Login", "Refund"] {
        ids.push(id_of(&staff_ticket(&app, &admin, "carla@example.com", subject, json!({})).await));
    }
    let reply = |body: &str| json!({"body": body});
    for id in &ids[..3] {
        patch_ok(&app, &agent, id, json!({"assignee_id": id_of(&agent_user)})).await;
        let response = agent.post(app.url(&format!("/api/v1/tickets/{id}/messages"))).json(&reply("On it")).send();
        assert_eq!(response.await.unwrap().status(), 201);
    }
    patch_ok(&app, &agent, &ids[0], json!({"status": "resolved"})).await;
    patch_ok(&app, &agent, &ids[1], json!({"status": "pending"})).await;
    patch_ok(&app, &agent, &ids[1], json!({"status": "resolved"})).await;
    patch_ok(&app, &agent, &ids[1], json!({"status": "open"})).await;
    patch_ok(&app, &agent, &ids[2], json!({"status": "resolved"})).await;
    patch_ok(&app, &agent, &ids[2], json!({"status": "closed"})).await;

    let today = "preset=7d";
    let kept = summary(&app, &admin, today).await;
    assert_eq!(
        (&kept["tickets_created"], &kept["tickets_resolved"], &kept["backlog"]),
        (&json!(4), &json!(2), &json!(2))
    );
    assert_eq!(kept["csat_surveys_sent"], 3, "each ticket resolved was asked, once: {kept}");
    let mine = summary(&app, &admin, &format!("{today}&agent={}", id_of(&agent_user))).await;
    assert_eq!(mine["tickets_created"], 3);

    // The same numbers from the raw history, computed here.
    let store = app.state.services.store();
    let raw: Vec<ReportedTicket> = store
        .analytics_sources(&ids)
        .await
        .unwrap()
        .into_iter()
        .map(|source| ReportedTicket {
            facts: ticket_facts(&source.history, None),
            id: source.ticket_id,
            dimensions: source.dimensions,
            sla_met: None,
            csat: source.csat,
        })
        .collect();
    let from: DateTime<Utc> = serde_json::from_value(kept["from"].clone()).unwrap();
    let to: DateTime<Utc> = serde_json::from_value(kept["to"].clone()).unwrap();
    let period = ReportPeriod::new(from, to).unwrap();
    let computed = serde_json::to_value(summarize(&raw, period, &AnalyticsFilter::default())).unwrap();
    for (field, value) in computed.as_object().unwrap() {
        assert_eq!(&kept[field], value, "{field}: rollup {kept} against raw {computed}");
    }

    assert_eq!(app.state.services.rebuild_analytics().await.unwrap(), 4);
    let rebuilt = summary(&app, &admin, today).await;
    assert_eq!(rebuilt, kept, "a rebuild finds nothing drifted");
}

async fn exports_carry_the_summary_and_the_tickets_behind_it(app: TestApp) {
    let admin = app.admin().await;
    app.create_user(&admin, "carla@example.com", "customer").await;
    let risky = "=1+2";
    let first = staff_ticket(&app, &admin, "carla@example.com", "Printer", json!({"category": "Hardware"})).await;
    staff_ticket(&app, &admin, "carla@example.com", "Invoice", json!({})).await;
    patch_ok(&app, &admin, &id_of(&first), json!({"status": "resolved", "category": risky})).await;

    let response = get(&app, &admin, "/api/v1/analytics/export?format=csv&preset=7d").await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"tidings-analytics-"));
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "metric,current,previous");
    assert_eq!(lines[1], "tickets_created,2,0");
    assert_eq!(lines[2], "tickets_resolved,1,0");
    let tickets_header = lines.iter().position(|line| line.starts_with("ticket_id,number,")).expect("ticket table");
    assert_eq!(lines[tickets_header - 1], "", "an empty line between the tables");
    let rows: Vec<&&str> = lines[tickets_header + 1..].iter().filter(|line| !line.is_empty()).collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert_eq!(headers["x-export-rows"], "2", "the row count the page shows progress against");
    let first_row = rows.iter().find(|row| row.starts_with(&id_of(&first))).expect("the resolved ticket");
    assert!(first_row.contains(",'=1+2,"), "a formula is written as text: {first_row}");

    // A browser asks for compression: the streamed CSV comes whole and uncompressed (compressed, it never ended).
    let response = admin
        .get(app.url("/api/v1/analytics/export?format=csv&preset=7d"))
        .header("accept-encoding", "gzip, deflate, br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers().get("content-encoding"), None);
    assert_eq!(response.text().await.expect("the whole body"), csv);

    let response = get(&app, &admin, "/api/v1/analytics/export?format=xlsx&preset=7d").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert_eq!(response.headers()["x-export-rows"], "2");
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "an XLSX file is a zip archive");
}
