//! Offline triage end to end: every new ticket is triaged (an urgent German message raises its priority and says
//! why, live and on the timeline), `POST /triage/train` learns teams from resolved tickets and suggests them for new
//! ones, an agent's team change teaches the classifier, and the ticket and supervisor pages show it all.

use crate::common;

use common::live::{session_of, LiveAuth, LiveClient};
use common::pages::page;
use common::routing::{fixture, subject_of, team, team_agent, timeline, Labelled};
use common::tickets::{body_json, create, id_of, patch_ok, sign_in, staff_ticket};
use common::{TestApp, PASSWORD};
use reqwest::Client;
use serde_json::{json, Value};
use std::collections::BTreeMap;

on_both_backends!(
    an_urgent_german_message_raises_the_priority_and_says_why,
    training_on_resolved_tickets_suggests_the_team_of_new_ones,
    an_agents_team_change_teaches_the_classifier,
    the_ticket_and_supervisor_pages_show_triage_and_routing,
);

const TEAMS: [&str; 5] = ["billing", "technical", "accounts", "courses", "privacy"];

async fn triage_of(app: &TestApp, staff: &Client, ticket_id: &str) -> Value {
    let response = staff.get(app.url(&format!("/api/v1/tickets/{ticket_id}/triage"))).send().await.unwrap();
    assert_eq!(response.status(), 200, "GET triage");
    body_json(response).await
}

/// The five teams of the fixture, by label.
async fn fixture_teams(app: &TestApp, admin: &Client) -> BTreeMap<String, String> {
    let mut teams = BTreeMap::new();
    for label in TEAMS {
        teams.insert(label.to_string(), team(app, admin, label).await);
    }
    teams
}

/// Files each message as a ticket of `customer_email` and resolves it in its team: what training learns from.
async fn resolved_tickets(
    app: &TestApp,
    admin: &Client,
    customer_email: &str,
    teams: &BTreeMap<String, String>,
    messages: &[&Labelled],
) {
    for message in messages {
        let extra = json!({"body": message.text});
        let ticket = staff_ticket(app, admin, customer_email, &subject_of(&message.text), extra).await;
        let change = json!({"team_id": teams[&message.team], "status": "resolved"});
        let response = admin.patch(app.url(&format!("/api/v1/tickets/{}", id_of(&ticket)))).json(&change);
        assert_eq!(response.send().await.unwrap().status(), 200);
    }
}

async fn train(app: &TestApp, admin: &Client) -> Value {
    let response = admin.post(app.url("/api/v1/triage/train")).send().await.unwrap();
    assert_eq!(response.status(), 200, "train");
    body_json(response).await
}

async fn an_urgent_german_message_raises_the_priority_and_says_why(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    let (customer, _) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let session = session_of(&app, "agent@example.com", PASSWORD).await;
    let mut socket = LiveClient::connect(&app, LiveAuth::Cookie(&session)).await.unwrap();
    socket.subscribe("inbox", None).await;

    let body = "Dringend: ich komme vor meiner Prüfung morgen nicht in den Kurs";
    let ticket = create(&app, &customer, json!({"subject": "Kurszugang", "body": body})).await;
    let id = id_of(&ticket);
    assert_eq!(ticket["priority"], "urgent", "raised by triage before the answer: {ticket}");
    assert!(ticket["sentiment"].as_str().is_some(), "the ticket carries triage's sentiment");

    let events = timeline(&app, &agent, &id).await;
    let raised = events.iter().find(|(kind, _)| kind == "priority_changed").expect("the raise is on the timeline");
    assert_eq!((raised.1["from"].as_str(), raised.1["to"].as_str()), (Some("normal"), Some("urgent")));
    assert_eq!(raised.1["by"], "triage");
    let keyword = raised.1["keyword"].as_str().expect("the keyword that raised it");
    assert!(keyword.contains("Prüfung") || keyword.contains("Dringend"), "{keyword}");
    let triaged = events.iter().find(|(kind, _)| kind == "triaged").expect("triaged on the timeline");
    assert_eq!(triaged.1["language"], "de");
    assert!(triaged.1["reasons"].as_array().is_some_and(|reasons| reasons.len() >= 3), "{}", triaged.1);

    let triage = triage_of(&app, &agent, &id).await;
    assert_eq!((triage["language"].as_str(), triage["urgency_keyword"].as_str()), (Some("de"), Some(keyword)));
    assert!(triage["suggested_team"].is_null(), "no model, no suggestion");

    // Live: the new ticket, then the change triage made, like any other change.
    let created = socket.next_event("ticket_created").await;
    assert_eq!(created["event"]["ticket"]["id"], id.as_str());
    let updated = socket.next_event("ticket_updated").await;
    assert_eq!(
        (updated["event"]["ticket"]["id"].as_str(), updated["event"]["ticket"]["priority"].as_str()),
        (Some(id.as_str()), Some("urgent"))
    );

    let (status, html) = page(&app, &agent, &format!("/agent/tickets/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&format!("Tidings raised the priority to Urgent: keyword &#x27;{keyword}&#x27;"))
            || html.contains(&format!("Tidings raised the priority to Urgent: keyword '{keyword}'")),
        "the timeline says why"
    );
}

async fn training_on_resolved_tickets_suggests_the_team_of_new_ones(app: TestApp) {
    let admin = app.admin().await;
    let teams = fixture_teams(&app, &admin).await;
    let (customer, customer_user) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let email = customer_user["email"].as_str().unwrap().to_string();
    let messages = fixture();
    // Every fifth message is kept back: the model never sees it.
    let kept_back = |index: usize| index % 5 == 4;
    let held_out: Vec<&Labelled> =
        messages.iter().enumerate().filter(|(index, _)| kept_back(*index)).map(|(_, message)| message).collect();
    let learned: Vec<&Labelled> =
        messages.iter().enumerate().filter(|(index, _)| !kept_back(*index)).map(|(_, message)| message).collect();
    resolved_tickets(&app, &admin, &email, &teams, &learned).await;

    let report = train(&app, &admin).await;
    println!("training report: {report}");
    assert_eq!(report["examples"].as_u64(), Some(learned.len() as u64));
    assert_eq!(report["teams"], 5);
    assert!(report["held_out"].as_u64().unwrap() > 0 && report["accuracy"].as_f64().is_some());

    let mut right = 0;
    let mut filed = 0;
    for message in &held_out {
        let ticket = create(&app, &customer, json!({"subject": subject_of(&message.text), "body": message.text})).await;
        let triage = triage_of(&app, &admin, &id_of(&ticket)).await;
        let suggested = triage["suggested_team"]["id"].as_str();
        if suggested == Some(teams[&message.team].as_str()) {
            right += 1;
        }
        if let Some(team) = ticket["team"]["id"].as_str() {
            filed += 1;
            assert_eq!(Some(team), suggested, "a ticket is only filed with the suggested team");
            assert!(triage["team_confidence"].as_f64().unwrap() >= 0.6, "and only when triage is sure enough");
        }
    }
    let accuracy = f64::from(right) / held_out.len() as f64;
    println!(
        "held-out accuracy over HTTP: {accuracy:.3} ({right}/{}), {filed} filed with their team at confidence >= 0.6; \
         training's own estimate {}",
        held_out.len(),
        report["accuracy"]
    );
    assert!(accuracy >= 0.6, "most new tickets get the expected team: {accuracy:.3}");
    assert!(filed > 0, "confident suggestions file the ticket");
}

async fn an_agents_team_change_teaches_the_classifier(app: TestApp) {
    let admin = app.admin().await;
    let teams = fixture_teams(&app, &admin).await;
    let (agent, _) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    let (customer, customer_user) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let email = customer_user["email"].as_str().unwrap().to_string();
    let messages = fixture();
    // A small model: three messages per team.
    let mut picked: Vec<&Labelled> = Vec::new();
    for label in TEAMS {
        picked.extend(messages.iter().filter(|message| message.team == label).take(3));
    }
    resolved_tickets(&app, &admin, &email, &teams, &picked).await;
    train(&app, &admin).await;

    let text = "Mein Zugang zum Kurs zeigt eine Rechnung an, die ich nicht verstehe";
    let first = create(&app, &customer, json!({"subject": "Frage", "body": text})).await;
    let before = triage_of(&app, &agent, &id_of(&first)).await;
    let suggested = before["suggested_team"]["id"].as_str().expect("a suggestion").to_string();
    let right = teams.values().find(|id| **id != suggested).expect("another team").clone();
    patch_ok(&app, &agent, &id_of(&first), json!({"team_id": right})).await;

    let again = create(&app, &customer, json!({"subject": "Frage", "body": text})).await;
    let after = triage_of(&app, &agent, &id_of(&again)).await;
    assert_eq!(after["suggested_team"]["id"], right.as_str(), "the same text now predicts the corrected team");

    // A second correction moves the learned text on instead of learning it twice.
    let third = teams.values().find(|id| **id != suggested && **id != right).expect("a third team").clone();
    patch_ok(&app, &agent, &id_of(&first), json!({"team_id": third})).await;
    let once_more = create(&app, &customer, json!({"subject": "Frage", "body": text})).await;
    let last = triage_of(&app, &agent, &id_of(&once_more)).await;
    assert_eq!(last["suggested_team"]["id"], third.as_str());
}

async fn the_ticket_and_supervisor_pages_show_triage_and_routing(app: TestApp) {
    let admin = app.admin().await;
    let team_id = team(&app, &admin, "Courses").await;
    let (agent, _) = team_agent(&app, &admin, "agent@example.com", &team_id, 3, "online").await;
    let (supervisor, _) = sign_in(&app, &admin, "sue@example.com", "supervisor").await;
    let (customer, _) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let ticket = create(
        &app,
        &customer,
        json!({"subject": "Video", "body": "The video does not load, this is really frustrating."}),
    )
    .await;
    let id = id_of(&ticket);

    let (status, html) = page(&app, &agent, &format!("/agent/tickets/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"triage-panel\""), "the Triage panel");
    assert!(html.contains(">Triage</h2>"));
    assert!(html.contains("English"), "the detected language");
    assert!(html.contains("Negative"), "the sentiment");
    assert!(html.contains("No suggestion"), "no model yet");
    assert!(html.contains("Changing the team in the properties teaches the classifier."));
    assert!(html.contains("href=\"#prop-team\""), "the override is the team control");
    assert!(html.contains("Tidings triaged the ticket: language English"), "the timeline says what triage found");
    assert!(!html.contains("/supervisor/routing"), "agents have no routing page in their navigation");

    let (status, html) = page(&app, &supervisor, "/supervisor/routing").await;
    assert_eq!(status, 200);
    assert!(html.contains("Team queues") && html.contains("Courses"), "the team's queue");
    assert!(html.contains("<th scope=\"col\""), "tables with column headers");
    assert!(html.contains("agent user") && html.contains("0 / 3"), "the agent with load and capacity");
    assert!(html.contains("href=\"/supervisor/routing\""), "reachable from the staff navigation");
    let (status, _) = page(&app, &agent, "/supervisor/routing").await;
    assert_eq!(status, 403, "supervisors and admins only");
}
