//! The ticket lifecycle over REST: transitions, stamps, replies that reopen, and the timeline.

use crate::common;

use common::tickets::*;
use common::{error_code, TestApp};
use serde_json::json;

on_both_backends!(
    forbidden_transitions_are_refused_with_the_allowed_targets,
    only_admins_reopen_closed_tickets,
    resolving_stamps_resolved_at_and_reopening_clears_it,
    the_first_public_staff_reply_stamps_first_response_and_opens_the_ticket,
    a_customer_reply_reopens_pending_and_resolved_tickets,
    assignment_and_the_events_timeline,
);

async fn forbidden_transitions_are_refused_with_the_allowed_targets(app: TestApp) {
    let (customer, _) = app.signed_in_as("customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let id = id_of(&customer_ticket(&app, &customer, "Lifecycle").await);

    let closed_too_early = patch(&app, &agent, &id, json!({"status": "closed"})).await;
    let (status, code, field, message) = error_parts(closed_too_early).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (422, "invalid_transition", Some("status")));
    for target in ["open", "pending", "resolved"] {
        assert!(message.contains(target), "the message lists {target}: {message}");
    }
    assert_eq!(get_ticket(&app, &agent, &id).await["status"], "new", "a refused change changes nothing");

    patch_ok(&app, &agent, &id, json!({"status": "open"})).await;
    let back_to_new = patch(&app, &agent, &id, json!({"status": "new"})).await;
    let (status, code, field, message) = error_parts(back_to_new).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (422, "invalid_transition", Some("status")));
    assert!(message.contains("pending") && message.contains("resolved"), "{message}");

    patch_ok(&app, &agent, &id, json!({"status": "pending"})).await;
    let skip_to_closed = patch(&app, &agent, &id, json!({"status": "closed"})).await;
    assert_eq!(error_code(skip_to_closed).await, "invalid_transition", "closed only after resolved");
    patch_ok(&app, &agent, &id, json!({"status": "open"})).await;
    patch_ok(&app, &agent, &id, json!({"status": "resolved"})).await;
    let resolved_to_new = patch(&app, &agent, &id, json!({"status": "new"})).await;
    let (status, code, _, message) = error_parts(resolved_to_new).await;
    assert_eq!((status, code.as_str()), (422, "invalid_transition"));
    assert!(message.contains("open") && message.contains("closed"), "{message}");

    let by_customer = patch(&app, &customer, &id, json!({"status": "open"})).await;
    assert_eq!(by_customer.status(), 403, "customers do not PATCH tickets");
    assert_eq!(get_ticket(&app, &agent, &id).await["status"], "resolved");

    let unknown_status = patch(&app, &agent, &id, json!({"status": "archived"})).await;
    assert_eq!(unknown_status.status(), 422);
}

async fn only_admins_reopen_closed_tickets(app: TestApp) {
    let (customer, _) = app.signed_in_as("customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let admin = app.admin().await;
    let id = id_of(&customer_ticket(&app, &customer, "Finished business").await);
    patch_ok(&app, &agent, &id, json!({"status": "resolved"})).await;
    let closed = patch_ok(&app, &agent, &id, json!({"status": "closed"})).await;
    assert_eq!(closed["status"], "closed");

    for target in ["open", "pending", "resolved"] {
        let response = patch(&app, &agent, &id, json!({"status": target})).await;
        let (status, code, field, _) = error_parts(response).await;
        assert_eq!(
            (status, code.as_str(), field.as_deref()),
            (422, "invalid_transition", Some("status")),
            "agent closed -> {target}"
        );
    }
    assert_eq!(get_ticket(&app, &agent, &id).await["status"], "closed");

    let reopened = patch_ok(&app, &admin, &id, json!({"status": "open"})).await;
    assert_eq!(reopened["status"], "open", "an admin may reopen a closed ticket");
    assert!(reopened["resolved_at"].is_null(), "reopening clears resolved_at: {reopened}");
}

async fn resolving_stamps_resolved_at_and_reopening_clears_it(app: TestApp) {
    let (customer, _) = app.signed_in_as("customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let ticket = customer_ticket(&app, &customer, "Stamp me").await;
    let id = id_of(&ticket);
    assert!(ticket["resolved_at"].is_null());

    let resolved = patch_ok(&app, &agent, &id, json!({"status": "resolved"})).await;
    let stamp = resolved["resolved_at"].as_str().expect("resolved_at is set when resolved");
    let created_at = ticket["created_at"].as_str().unwrap();
    assert!(rfc3339(stamp) >= rfc3339(created_at), "resolved {stamp} before created {created_at}");
    assert_eq!(get_ticket(&app, &customer, &id).await["resolved_at"], stamp, "the customer sees the same stamp");

    let reopened = patch_ok(&app, &agent, &id, json!({"status": "pending"})).await;
    assert!(reopened["resolved_at"].is_null(), "reopening clears resolved_at: {reopened}");
}

async fn the_first_public_staff_reply_stamps_first_response_and_opens_the_ticket(app: TestApp) {
    let (customer, _) = app.signed_in_as("customer").await;
    let (agent, agent_user) = app.signed_in_as("agent").await;
    let id = id_of(&customer_ticket(&app, &customer, "Waiting for you").await);

    let first = reply_ok(&app, &agent, &id, json!({"body": "We are on it."})).await;
    assert_eq!(first["ticket_id"].as_str(), Some(id.as_str()));
    assert_eq!(first["author"]["id"], agent_user["id"]);
    assert_eq!(first["author"]["role"], "agent");
    assert_eq!(first["internal"], false);
    let after_first = get_ticket(&app, &customer, &id).await;
    assert_eq!(after_first["status"], "open", "a staff reply moves a new ticket to open");
    let stamped = after_first["first_response_at"].as_str().expect("first_response_at is set").to_string();

    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    reply_ok(&app, &agent, &id, json!({"body": "Still on it."})).await;
    let after_second = get_ticket(&app, &customer, &id).await;
    assert_eq!(after_second["first_response_at"].as_str(), Some(stamped.as_str()), "only the first reply counts");
    let bodies: Vec<&str> =
        after_second["messages"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, ["Waiting for you: details", "We are on it.", "Still on it."], "oldest first");
}

async fn a_customer_reply_reopens_pending_and_resolved_tickets(app: TestApp) {
    let (customer, me) = app.signed_in_as("customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let id = id_of(&customer_ticket(&app, &customer, "Back and forth").await);

    for waiting in ["pending", "resolved"] {
        patch_ok(&app, &agent, &id, json!({"status": waiting})).await;
        let message = reply_ok(&app, &customer, &id, json!({"body": format!("Reply while {waiting}")})).await;
        assert_eq!(message["author"]["id"], me["id"]);
        assert_eq!(message["author"]["role"], "customer");
        let ticket = get_ticket(&app, &agent, &id).await;
        assert_eq!(ticket["status"], "open", "a customer reply to a {waiting} ticket reopens it");
        assert!(ticket["resolved_at"].is_null(), "{ticket}");
    }
    let new_one = customer_ticket(&app, &customer, "Untouched").await;
    reply_ok(&app, &customer, &id_of(&new_one), json!({"body": "Anyone?"})).await;
    assert_eq!(get_ticket(&app, &agent, &id_of(&new_one)).await["status"], "new", "new stays new");
}

async fn assignment_and_the_events_timeline(app: TestApp) {
    let (customer, _) = app.signed_in_as("customer").await;
    let (agent, agent_user) = app.signed_in_as("agent").await;
    let id = id_of(&customer_ticket(&app, &customer, "Who takes it").await);

    patch_ok(&app, &agent, &id, json!({"status": "open"})).await;
    let assigned = patch_ok(&app, &agent, &id, json!({"assignee_id": agent_user["id"]})).await;
    assert_eq!(assigned["assignee"]["id"], agent_user["id"]);
    assert_eq!(assigned["assignee"]["name"], agent_user["name"]);

    let ghost = patch(&app, &agent, &id, json!({"assignee_id": "no-such-user"})).await;
    assert_eq!(ghost.status(), 422, "unknown assignee");
    assert_eq!(get_ticket(&app, &agent, &id).await["assignee"]["id"], agent_user["id"], "unchanged");

    let response = get(&app, &agent, &format!("/api/v1/tickets/{id}/events")).await;
    assert_eq!(response.status(), 200);
    let events = body_json(response).await;
    let items = events["items"].as_array().expect("items");
    let kinds: Vec<&str> = items.iter().map(|e| e["kind"].as_str().unwrap_or_default()).collect();
    let mut wanted = ["created", "status_changed", "assigned"].into_iter().peekable();
    for kind in &kinds {
        if wanted.peek() == Some(kind) {
            wanted.next();
        }
    }
    assert!(wanted.peek().is_none(), "created, status_changed, assigned in order: {kinds:?}");
    let changed = items.iter().find(|e| e["kind"] == "status_changed").unwrap();
    assert_eq!(changed["actor"]["id"], agent_user["id"], "{changed}");
    assert!(items.iter().all(|e| e["id"].is_string() && e["created_at"].is_string()), "{events}");

    let by_customer = get(&app, &customer, &format!("/api/v1/tickets/{id}/events")).await;
    assert_eq!(by_customer.status(), 403, "the timeline is for staff");

    let unassigned = patch_ok(&app, &agent, &id, json!({"assignee_id": null})).await;
    assert!(unassigned["assignee"].is_null(), "null unassigns: {unassigned}");
    assert_eq!(list_ids(&app, &agent, "assignee=none").await, vec![id.clone()]);

    let typed = patch_ok(&app, &agent, &id, json!({"type": "problem"})).await;
    assert_eq!(typed["type"], "problem");
    assert_eq!(list_ids(&app, &agent, "type=problem").await, vec![id.clone()]);
    let blank = patch(&app, &agent, &id, json!({"type": "  "})).await;
    assert_eq!(blank.status(), 422, "a blank type");
    let events = body_json(get(&app, &agent, &format!("/api/v1/tickets/{id}/events")).await).await;
    let retyped = events["items"].as_array().unwrap().iter().find(|e| e["kind"] == "type_changed").cloned();
    assert_eq!(retyped.map(|e| e["data"]["to"].clone()), Some(json!("problem")), "{events}");
    let cleared = patch_ok(&app, &agent, &id, json!({"type": null})).await;
    assert!(cleared["type"].is_null(), "null clears the type: {cleared}");
}
