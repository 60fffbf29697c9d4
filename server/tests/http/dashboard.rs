//! The supervisor dashboard (`/supervisor`) and an agent's own numbers (`/agent/me`) as a browser without JavaScript
//! gets them, on SQLite and PostgreSQL: the hand-computed fixture's numbers on the cards for one week and others for
//! another, charts with their tables and drill-down links that open the queue on the tickets behind a number; no
//! data for agents or customers; an agent sees only their own tickets whatever they ask for; a bad period is
//! explained next to its field with a 422. Today's cards: a ticket change is announced on the `analytics` topic to
//! staff only, after the rollup has it, and the cards then show it.

use reqwest::Client;

use super::analytics_fixture::{seed_hand_computed_history, Seeded};
use crate::common;
use common::live::{session_of, LiveAuth, LiveClient};
use common::pages::page;
use common::tickets::{create, id_of, sign_in};
use common::{TestApp, PASSWORD};
use serde_json::json;
use std::time::Duration;

on_both_backends!(
    the_dashboard_shows_the_fixture_week_and_changes_with_the_range,
    charts_and_tables_show_the_week_and_link_to_its_tickets,
    only_supervisors_and_admins_get_the_dashboard,
    an_agent_sees_only_their_own_numbers,
    a_bad_range_is_explained_next_to_its_field,
    todays_cards_follow_ticket_changes_announced_to_staff_only,
);

const WEEK: &str = "from=2026-03-09&to=2026-03-15";

/// Text with Leptos's hydration markers taken out.
fn plain(text: &str) -> String {
    text.replace("<!-- -->", "").replace("<!>", "")
}

/// The cards of one set: `kpi-cards` (the period's) or `today-cards`.
fn card_list<'a>(html: &'a str, list: &str) -> &'a str {
    let start = html.find(&format!("id=\"{list}\"")).unwrap_or_else(|| panic!("no {list}"));
    let cards = &html[start..];
    &cards[..cards.find("</ul>").expect("end of the cards")]
}

/// A period KPI card's (current, previous, trend) as shown.
fn card(html: &str, name: &str) -> (String, String, String) {
    card_in(html, "kpi-cards", name)
}

/// A KPI card's (current, previous, trend) as shown in the card list `list`.
fn card_in(html: &str, list: &str, name: &str) -> (String, String, String) {
    let html = card_list(html, list);
    let start = html.find(&format!("data-kpi=\"{name}\"")).unwrap_or_else(|| panic!("no card {name}"));
    let card = &html[start..];
    let card = &card[..card.find("</li>").expect("card end")];
    let linked = |role: &str| {
        let at = card.find(&format!("data-role=\"{role}\"")).unwrap_or_else(|| panic!("{name} {role}"));
        let text = &card[at..];
        let text = &text[text.find('>').unwrap() + 1..text.find("</a>").unwrap()];
        plain(text).trim().to_owned()
    };
    let trend = card.find("data-trend=\"").map(|at| card[at + 12..].split('"').next().unwrap().to_owned());
    (linked("current"), linked("previous"), trend.unwrap_or_default())
}

/// The `href` of the current value of a KPI card, unescaped.
fn card_link(html: &str, name: &str) -> String {
    let html = card_list(html, "kpi-cards");
    let start = html.find(&format!("data-kpi=\"{name}\"")).unwrap();
    let card = &html[start..];
    let at = card.find("href=\"").unwrap() + 6;
    card[at..].split('"').next().unwrap().replace("&amp;", "&")
}

async fn dashboard(app: &TestApp, client: &Client, query: &str) -> String {
    let (status, html) = page(app, client, &format!("/supervisor?{query}")).await;
    assert_eq!(status, 200, "/supervisor?{query}");
    html
}

async fn the_dashboard_shows_the_fixture_week_and_changes_with_the_range(app: TestApp) {
    let Seeded { supervisor, admin, ada, .. } = seed_hand_computed_history(&app).await;
    let html = dashboard(&app, &supervisor, WEEK).await;
    assert!(plain(&html).contains("2026-03-09 – 2026-03-15"), "the period is named");
    let expected = [
        ("tickets_created", "3", "1", "up"),
        ("tickets_resolved", "2", "0", "up"),
        ("backlog", "1", "1", "same"),
        ("first_response_p50_s", "30 min", "none", "nocomparison"),
        ("first_response_p90_s", "2 h 30 min", "none", "nocomparison"),
        ("resolution_p50_s", "4 h", "none", "nocomparison"),
        ("resolution_p90_s", "7 h", "none", "nocomparison"),
        ("sla_compliance", "50%", "none", "nocomparison"),
        ("reopen_rate", "50%", "none", "nocomparison"),
        ("csat_avg", "4.0 / 5", "none", "nocomparison"),
        ("csat_response_rate", "50%", "none", "nocomparison"),
    ];
    for (name, current, previous, trend) in expected {
        assert_eq!(card(&html, name), (current.into(), previous.into(), trend.into()), "{name}");
    }
    assert!(html.contains(">up</p>") || plain(&html).contains("</span>up"), "the trend is written, not only coloured");

    // The week before: only A was created; nothing was resolved.
    let before = dashboard(&app, &supervisor, "from=2026-03-02&to=2026-03-08").await;
    assert_eq!(card(&before, "tickets_created"), ("1".into(), "0".into(), "up".into()));
    assert_eq!(card(&before, "tickets_resolved").0, "0");
    assert_eq!(card(&before, "resolution_p50_s").0, "none");
    // Filtered to Ada: A resolved, D created and still waiting.
    let adas = dashboard(&app, &admin, &format!("{WEEK}&agent={}", id_of(&ada.1))).await;
    assert_eq!(card(&adas, "tickets_created").0, "1");
    assert_eq!(card(&adas, "tickets_resolved").0, "1");
    assert_eq!(card(&adas, "sla_compliance").0, "100%");
    assert!(adas.contains(&format!(r#"<option value="{}" selected"#, id_of(&ada.1))), "the filter stays chosen");
    // A preset is today's range: the fixture is long ago.
    let recent = dashboard(&app, &supervisor, "preset=7d").await;
    assert_eq!(card(&recent, "tickets_created").0, "0");
    assert!(recent.contains(r#"<option value="7d" selected"#));
}

async fn charts_and_tables_show_the_week_and_link_to_its_tickets(app: TestApp) {
    let Seeded { supervisor, ids, .. } = seed_hand_computed_history(&app).await;
    let html = dashboard(&app, &supervisor, WEEK).await;
    for chart in [
        "chart-daily",
        "chart-backlog",
        "chart-resolution",
        "chart-peak",
        "chart-by-channel",
        "chart-by-team",
        "chart-by-agent",
        "chart-by-priority",
        "chart-by-category",
    ] {
        assert!(html.contains(&format!(r#"data-chart="{chart}""#)), "{chart} is on the page");
    }
    assert!(html.contains(r#"aria-labelledby="chart-daily-title chart-daily-desc""#), "charts are labelled images");
    assert!(html.contains("<title>Created, Mar 9: 2</title>"), "B and C were created on Monday");
    assert!(html.contains("<title>Resolved, Mar 10: 1</title>"), "A was resolved on Tuesday");
    assert!(
        html.contains("<title>Mon, 07: 1</title>") && html.contains("<title>Tue, 09: 1</title>"),
        "peak hours, UTC"
    );
    assert!(html.contains("<title>4–8 h: 2</title>"), "both resolutions took 4 to 8 business hours");
    assert!(html.contains("<title>Created, Email: 2</title>") && html.contains("<title>Resolved, Chat: 1</title>"));
    assert!(html.contains("<caption>Created and resolved per day</caption>"), "each chart has its table");
    let monday = "/agent/tickets?created_from=2026-03-09&amp;created_to=2026-03-09";
    assert!(html.contains(&format!(r#"<td><a href="{monday}">2</a></td>"#)), "table cells drill down");

    // The cards' links open the queue on the tickets behind them.
    let created = card_link(&html, "tickets_created");
    assert_eq!(created, "/agent/tickets?created_from=2026-03-09&created_to=2026-03-15");
    let (status, queue) = page(&app, &supervisor, &created).await;
    assert_eq!(status, 200);
    for (name, listed) in [("A", false), ("B", true), ("C", true), ("D", true)] {
        assert_eq!(queue.contains(&format!("Ticket {name}")), listed, "created in the week: ticket {name}");
    }
    let resolved = card_link(&html, "tickets_resolved");
    assert!(resolved.contains("status=resolved%2Cclosed") && resolved.contains("resolved_from=2026-03-09"));
    let (_, queue) = page(&app, &supervisor, &resolved).await;
    assert!(queue.contains("Ticket A") && queue.contains("Ticket B") && !queue.contains("Ticket D"), "resolved");
    let backlog = card_link(&html, "backlog");
    let (_, queue) = page(&app, &supervisor, &backlog).await;
    assert!(queue.contains("Ticket D") && !queue.contains("Ticket A"), "the backlog is D");
    assert_eq!(ids.len(), 4);
}

async fn only_supervisors_and_admins_get_the_dashboard(app: TestApp) {
    let Seeded { admin, ada, .. } = seed_hand_computed_history(&app).await;
    let (customer, _) = sign_in(&app, &admin, "cleo@example.com", "customer").await;
    for (who, client) in [("agent", &ada.0), ("customer", &customer)] {
        let (status, html) = page(&app, client, &format!("/supervisor?{WEEK}")).await;
        assert_eq!(status, 403, "{who}");
        assert!(!html.contains("data-kpi") && !html.contains("data-chart"), "{who} gets no numbers");
    }
    let response = app.browser().get(app.url("/supervisor")).send().await.unwrap();
    assert_eq!(response.status(), 302, "visitors are sent to sign in");
    // The server function behind the page is a public endpoint: the service refuses agents there too.
    let fields = [("form[from]", "2026-03-09"), ("form[to]", "2026-03-15")];
    let called = ada.0.post(app.url("/api/load_analytics_dashboard")).form(&fields).send().await.unwrap();
    assert!(called.status().is_client_error() || called.status().is_server_error());
    let body: serde_json::Value = called.json().await.unwrap();
    assert_eq!(body["code"], "forbidden", "{body}");
    let allowed = admin.post(app.url("/api/load_analytics_dashboard")).form(&fields).send().await.unwrap();
    let body: serde_json::Value = allowed.json().await.unwrap();
    assert_eq!(body["summary"]["tickets_created"], 3, "{body}");
    let html = dashboard(&app, &admin, WEEK).await;
    assert_eq!(card(&html, "tickets_created").0, "3", "admins see it");
    let (_, agent_page) = page(&app, &ada.0, "/agent").await;
    assert!(!agent_page.contains(r#"href="/supervisor""#), "agents get no dashboard link");
}

async fn an_agent_sees_only_their_own_numbers(app: TestApp) {
    let Seeded { ada, bob, .. } = seed_hand_computed_history(&app).await;
    let (status, html) = page(&app, &ada.0, &format!("/agent/me?{WEEK}")).await;
    assert_eq!(status, 200);
    assert_eq!(card(&html, "tickets_created"), ("1".into(), "1".into(), "same".into()), "D; A the week before");
    assert_eq!(card(&html, "tickets_resolved").0, "1");
    assert_eq!(card(&html, "backlog").0, "1");
    assert_eq!(card(&html, "first_response_p90_s").0, "2 h 30 min");
    assert!(card_link(&html, "tickets_created").contains("assignee=me"), "links open the agent's own tickets");
    assert!(!html.contains(r#"id="analytics-agent""#), "no agent filter on the own page");
    // Asking for Bob's numbers still shows Ada's.
    let (_, asked) = page(&app, &ada.0, &format!("/agent/me?{WEEK}&agent={}", id_of(&bob.1))).await;
    assert_eq!(card(&asked, "tickets_created").0, "1");
    assert_eq!(card(&asked, "first_response_p90_s").0, "2 h 30 min", "Bob's first response took 20 min");
    let (_, bobs) = page(&app, &bob.0, &format!("/agent/me?{WEEK}")).await;
    assert_eq!(card(&bobs, "tickets_created").0, "1");
    assert_eq!(card(&bobs, "backlog").0, "0");
    assert_eq!(card(&bobs, "reopen_rate").0, "100%");
    let (_, previous_week) = page(&app, &ada.0, "/agent/me?from=2026-03-02&to=2026-03-08").await;
    assert_eq!(card(&previous_week, "tickets_resolved").0, "0", "the range changes the numbers");
}

async fn a_bad_range_is_explained_next_to_its_field(app: TestApp) {
    let Seeded { supervisor, ada, .. } = seed_hand_computed_history(&app).await;
    let refused = [
        ("from=2026-03-10&to=2026-03-01", "analytics-to", "The end date must not be before the start date."),
        ("from=2025-01-01&to=2026-03-01", "analytics-to", "A report covers at most 366 days"),
        ("from=2026-03-01", "analytics-to", "This field is required."),
        ("team=no-such-team", "analytics-team", "There is no such team."),
        ("channel=pigeon", "analytics-channel", "Choose one of"),
    ];
    for (query, control, message) in refused {
        let (status, html) = page(&app, &supervisor, &format!("/supervisor?{query}")).await;
        assert_eq!(status, 422, "{query}");
        let error = html.find(&format!(r#"id="{control}-error""#)).unwrap_or_else(|| panic!("{query}: no error"));
        assert!(plain(&html[error..]).contains(message), "{query}: {message}");
        assert!(html.contains(&format!(r#"aria-describedby="{control}-error""#)), "{query}: the control points to it");
        assert!(html.contains(r#"id="analytics-filters""#) && !html.contains("data-kpi"), "{query}: the form again");
    }
    let (status, html) = page(&app, &ada.0, "/agent/me?from=2026-03-10&to=2026-03-01").await;
    assert_eq!(status, 422);
    assert!(html.contains(r#"id="analytics-to-error""#));
}

/// Today's number of new tickets on the dashboard's live cards.
async fn created_today(app: &TestApp, client: &Client) -> u64 {
    let html = dashboard(app, client, "preset=7d").await;
    let today = card_list(&html, "today-cards");
    assert_eq!(today.matches("data-kpi=").count(), 5, "five cards for today");
    let (current, _, _) = card_in(&html, "today-cards", "tickets_created");
    current.parse().expect("a count")
}

async fn todays_cards_follow_ticket_changes_announced_to_staff_only(app: TestApp) {
    let admin = app.admin().await;
    let (supervisor, _) = sign_in(&app, &admin, "sue@example.com", "supervisor").await;
    let (agent, _) = sign_in(&app, &admin, "ann@example.com", "agent").await;
    let (customer, _) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let before = created_today(&app, &supervisor).await;
    let (_, own) = page(&app, &agent, "/agent/me").await;
    assert_eq!(card_list(&own, "today-cards").matches("data-kpi=").count(), 5, "an agent has today's cards too");

    let mut staff = LiveClient::connect(&app, LiveAuth::Cookie(&session_of(&app, "sue@example.com", PASSWORD).await))
        .await
        .expect("socket");
    staff.subscribe("analytics", None).await;
    let carla_session = session_of(&app, "carla@example.com", PASSWORD).await;
    let mut outsider = LiveClient::connect(&app, LiveAuth::Cookie(&carla_session)).await.expect("socket");
    outsider.send(json!({"type": "subscribe", "topic": "analytics", "since": null})).await;
    let refused = outsider.next().await.expect("an answer");
    assert_eq!((refused["type"].as_str(), refused["code"].as_str()), (Some("error"), Some("not_found")));

    create(&app, &customer, json!({"subject": "Live numbers", "body": "Count me"})).await;
    let announced = staff.next_event("analytics_changed").await;
    assert_eq!(announced["topic"], "analytics");
    // Announced after the rollup took the ticket in: numbers read on hearing it include it.
    assert_eq!(created_today(&app, &supervisor).await, before + 1);

    // A burst of changes is announced in fewer frames than there were changes, the last after all are rolled up.
    for n in 0..10 {
        create(&app, &customer, json!({"subject": format!("Burst {n}"), "body": "Count me"})).await;
    }
    let mut announcements = 0;
    while let Some(frame) = staff.next_within(Duration::from_millis(1500)).await {
        announcements += usize::from(frame["event"]["kind"] == "analytics_changed");
    }
    assert!((1..10).contains(&announcements), "{announcements} announcements for 10 changes");
    assert_eq!(created_today(&app, &supervisor).await, before + 11);
    assert_eq!(outsider.next_within(Duration::from_millis(300)).await, None, "the customer hears nothing");
}
