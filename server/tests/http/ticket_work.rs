//! Merging, splitting and bulk-changing tickets over REST: threads move whole, nothing leaks between customers, and
//! every refusal names its reason and changes nothing.

use crate::common;

use common::tickets::*;
use common::TestApp;
use reqwest::{Client, Response};
use serde_json::{json, Value};
use std::collections::BTreeMap;

on_both_backends!(
    merging_moves_the_thread_and_closes_the_duplicate,
    bad_merges_are_refused_and_change_nothing,
    splitting_moves_the_chosen_messages_to_a_new_ticket,
    bad_splits_are_refused_and_create_nothing,
    bulk_changes_apply_per_ticket_and_report_failures,
    bad_bulk_requests_are_refused_whole,
);

async fn merge(app: &TestApp, client: &Client, id: &str, body: Value) -> Response {
    client.post(app.url(&format!("/api/v1/tickets/{id}/merge"))).json(&body).send().await.unwrap()
}

async fn split(app: &TestApp, client: &Client, id: &str, body: Value) -> Response {
    client.post(app.url(&format!("/api/v1/tickets/{id}/split"))).json(&body).send().await.unwrap()
}

/// Message id -> (ticket id, created_at, body) as staff see the thread.
async fn thread(app: &TestApp, staff: &Client, id: &str) -> BTreeMap<String, (String, String, String)> {
    let ticket = get_ticket(app, staff, id).await;
    ticket["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .map(|m| {
            let text = |key: &str| m[key].as_str().unwrap_or_default().to_string();
            (text("id"), (text("ticket_id"), text("created_at"), text("body")))
        })
        .collect()
}

async fn event_data(app: &TestApp, staff: &Client, id: &str, kind: &str) -> Value {
    let events = body_json(get(app, staff, &format!("/api/v1/tickets/{id}/events")).await).await;
    let items = events["items"].as_array().expect("events");
    items.iter().find(|e| e["kind"] == kind).unwrap_or_else(|| panic!("no {kind} event on {id}: {events}"))["data"]
        .clone()
}

async fn merging_moves_the_thread_and_closes_the_duplicate(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let duplicate =
        create(&app, &customer, json!({"subject": "Invoice wrong", "body": "Amount", "tags": ["vip"]})).await;
    let original = create(&app, &customer, json!({"subject": "Invoice", "body": "Hi", "tags": ["billing"]})).await;
    let (dup_id, orig_id) = (id_of(&duplicate), id_of(&original));
    reply_ok(&app, &customer, &dup_id, json!({"body": "Also the VAT is missing"})).await;
    reply_ok(&app, &agent, &dup_id, json!({"body": "Known duplicate, secret note", "internal": true})).await;
    let before_dup = thread(&app, &agent, &dup_id).await;
    let before_orig = thread(&app, &agent, &orig_id).await;
    assert_eq!((before_dup.len(), before_orig.len()), (3, 1));

    let response = merge(&app, &agent, &dup_id, json!({"into_id": orig_id})).await;
    assert_eq!(response.status(), 200);
    let target = body_json(response).await;
    assert_eq!(target["id"], original["id"], "the answer is the target");
    assert_eq!(target["tags"], json!(["billing", "vip"]), "tags are united");
    assert!(target["merged_into"].is_null(), "{target}");

    let after = thread(&app, &agent, &orig_id).await;
    assert_eq!(after.len(), 4, "every message once");
    for (id, (_, at, body)) in before_dup.iter().chain(&before_orig) {
        assert_eq!(after.get(id), Some(&(orig_id.clone(), at.clone(), body.clone())), "{body} moved, time kept");
    }
    let source = get_ticket(&app, &agent, &dup_id).await;
    assert_eq!(source["status"], "closed");
    assert_eq!(source["merged_into"], json!({"id": orig_id, "number": original["number"]}));
    assert!(source["messages"].as_array().unwrap().is_empty());
    assert!(source["resolved_at"].is_null(), "a merged duplicate is not a resolution");

    let customer_view = get_ticket(&app, &customer, &orig_id).await;
    let bodies: Vec<&str> =
        customer_view["messages"].as_array().unwrap().iter().filter_map(|m| m["body"].as_str()).collect();
    assert_eq!(bodies.len(), 3, "the customer sees their moved messages: {bodies:?}");
    assert!(!bodies.iter().any(|b| b.contains("secret note")), "internal notes stay internal after a merge");
    assert_eq!(get_ticket(&app, &customer, &dup_id).await["merged_into"]["id"], json!(orig_id));

    let merged_into = event_data(&app, &agent, &dup_id, "merged_into").await;
    assert_eq!((&merged_into["ticket_id"], &merged_into["number"]), (&json!(orig_id), &original["number"]));
    let merged_from = event_data(&app, &agent, &orig_id, "merged_from").await;
    assert_eq!((&merged_from["ticket_id"], &merged_from["number"]), (&json!(dup_id), &duplicate["number"]));
    assert_eq!(event_data(&app, &agent, &dup_id, "status_changed").await["to"], "closed");
    assert_eq!(list_ids(&app, &agent, "q=VAT").await, vec![orig_id.clone()], "search follows the messages");
    let reply = post_message(&app, &customer, &dup_id, json!({"body": "hello?"})).await;
    assert_eq!(reply.status(), 409, "the merged duplicate takes no replies");
}

async fn bad_merges_are_refused_and_change_nothing(app: TestApp) {
    let admin = app.admin().await;
    let (carla, _) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let (dora, _) = sign_in(&app, &admin, "dora@example.com", "customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let first = id_of(&customer_ticket(&app, &carla, "First").await);
    let second = id_of(&customer_ticket(&app, &carla, "Second").await);
    let closed = id_of(&customer_ticket(&app, &carla, "Done").await);
    patch_ok(&app, &agent, &closed, json!({"status": "resolved"})).await;
    patch_ok(&app, &agent, &closed, json!({"status": "closed"})).await;
    let doras = id_of(&customer_ticket(&app, &dora, "Dora's").await);
    let third = id_of(&customer_ticket(&app, &carla, "Third").await);
    merge(&app, &agent, &third, json!({"into_id": second})).await.error_for_status().expect("merge third");
    let before = list_ids(&app, &agent, "sort=number").await;
    let threads_before = [thread(&app, &agent, &first).await, thread(&app, &agent, &second).await];

    let cases = [
        (&first, json!({"into_id": first}), "merge_into_self", Some("into_id")),
        (&first, json!({"into_id": closed}), "target_closed", Some("into_id")),
        (&first, json!({"into_id": third}), "target_closed", Some("into_id")),
        (&closed, json!({"into_id": first}), "source_closed", Some("id")),
        (&third, json!({"into_id": first}), "source_closed", Some("id")),
        (&first, json!({"into_id": "no-such-ticket"}), "unknown_ticket", Some("into_id")),
        (&first, json!({"into_id": " "}), "required", Some("into_id")),
        (&first, json!({"into_id": doras}), "requester_mismatch", Some("into_id")),
        (&first, json!({}), "invalid_body", None),
        (&first, json!({"into_id": second, "extra": 1}), "invalid_body", None),
    ];
    for (source, body, want_code, want_field) in cases {
        let (status, code, field, _) = error_parts(merge(&app, &agent, source, body.clone()).await).await;
        assert_eq!((status, code.as_str(), field.as_deref()), (422, want_code, want_field), "{body}");
    }
    let missing = merge(&app, &agent, "no-such-ticket", json!({"into_id": first})).await;
    assert_eq!(missing.status(), 404);

    // Customers: someone else's ticket does not exist for them; their own is not theirs to merge.
    let (status, code, _, _) = error_parts(merge(&app, &dora, &first, json!({"into_id": second})).await).await;
    assert_eq!((status, code.as_str()), (404, "not_found"));
    let (status, code, _, _) = error_parts(merge(&app, &carla, &first, json!({"into_id": second})).await).await;
    assert_eq!((status, code.as_str()), (403, "forbidden"));

    assert_eq!(list_ids(&app, &agent, "sort=number").await, before);
    let threads_after = [thread(&app, &agent, &first).await, thread(&app, &agent, &second).await];
    assert_eq!(threads_after, threads_before, "no message moved");
    assert_eq!(get_ticket(&app, &agent, &first).await["status"], "new");
}

async fn splitting_moves_the_chosen_messages_to_a_new_ticket(app: TestApp) {
    let admin = app.admin().await;
    let (customer, me) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let source = create(
        &app,
        &customer,
        json!({"subject": "Login broken", "body": "Cannot log in", "priority": "high", "category": "Account/Login", "type": "incident"}),
    )
    .await;
    let id = id_of(&source);
    let answer = reply_ok(&app, &agent, &id, json!({"body": "Try resetting"})).await;
    let other = reply_ok(&app, &customer, &id, json!({"body": "Also: my invoice is wrong"})).await;
    let before = thread(&app, &agent, &id).await;
    let moved_ids = [id_of(&other), id_of(&answer)];

    let response = split(&app, &agent, &id, json!({"message_ids": moved_ids})).await;
    assert_eq!(response.status(), 201);
    let created = body_json(response).await;
    let new_id = id_of(&created);
    assert_eq!(created["subject"], "Login broken (split)");
    assert_eq!(created["number"].as_u64(), source["number"].as_u64().map(|n| n + 1));
    assert_eq!(created["split_from"], json!({"id": id, "number": source["number"]}));
    assert_eq!(created["requester"]["id"], me["id"]);
    assert_eq!(
        [&created["priority"], &created["category"], &created["type"], &created["channel"]],
        [&json!("high"), &json!("Account/Login"), &json!("incident"), &json!("portal")]
    );
    assert_eq!(created["status"], "open");
    assert_eq!(created["first_response_at"], answer["created_at"], "the moved staff answer is the first response");

    let new_thread = thread(&app, &agent, &new_id).await;
    let old_thread = thread(&app, &agent, &id).await;
    assert_eq!(new_thread.keys().cloned().collect::<Vec<_>>(), {
        let mut ids = moved_ids.to_vec();
        ids.sort();
        ids
    });
    assert_eq!(old_thread.len() + new_thread.len(), before.len(), "every message exactly once");
    for (message, (_, at, body)) in &before {
        let home = if moved_ids.contains(message) { &new_id } else { &id };
        let now = new_thread.get(message).or(old_thread.get(message));
        assert_eq!(now, Some(&(home.clone(), at.clone(), body.clone())), "{body}");
    }
    assert!(list_ids(&app, &customer, "").await.contains(&new_id), "the customer sees the new ticket");
    assert_eq!(event_data(&app, &agent, &id, "split_to").await["number"], created["number"]);
    assert_eq!(event_data(&app, &agent, &new_id, "split_from").await["ticket_id"], json!(id));

    let last: Vec<&String> = old_thread.keys().collect();
    let (status, code, _, _) = error_parts(split(&app, &agent, &id, json!({"message_ids": last})).await).await;
    assert_eq!((status, code.as_str()), (422, "split_all"), "the last message stays");
    let renamed =
        split(&app, &agent, &new_id, json!({"message_ids": [moved_ids[0]], "subject": " Invoice wrong "})).await;
    assert_eq!(renamed.status(), 201);
    assert_eq!(body_json(renamed).await["subject"], "Invoice wrong");
}

async fn bad_splits_are_refused_and_create_nothing(app: TestApp) {
    let admin = app.admin().await;
    let (carla, _) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let (dora, _) = sign_in(&app, &admin, "dora@example.com", "customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let id = id_of(&customer_ticket(&app, &carla, "Two problems").await);
    let second = reply_ok(&app, &carla, &id, json!({"body": "Second problem"})).await;
    let other = id_of(&customer_ticket(&app, &carla, "Elsewhere").await);
    let elsewhere = thread(&app, &agent, &other).await.into_keys().next().expect("message");
    let all: Vec<String> = thread(&app, &agent, &id).await.into_keys().collect();
    let closed = id_of(&customer_ticket(&app, &carla, "Closed").await);
    patch_ok(&app, &agent, &closed, json!({"status": "resolved"})).await;
    patch_ok(&app, &agent, &closed, json!({"status": "closed"})).await;
    let closed_message = thread(&app, &agent, &closed).await.into_keys().next().expect("message");
    let before = list_ids(&app, &agent, "sort=number").await;

    let cases = [
        (&id, json!({"message_ids": []}), "required", Some("message_ids")),
        (&id, json!({"message_ids": ["no-such-message"]}), "unknown_message", Some("message_ids")),
        (&id, json!({"message_ids": [id_of(&second), elsewhere]}), "unknown_message", Some("message_ids")),
        (&id, json!({"message_ids": all}), "split_all", Some("message_ids")),
        (&id, json!({"message_ids": [id_of(&second)], "subject": "x".repeat(201)}), "too_long", Some("subject")),
        (&id, json!({"message_ids": [id_of(&second)], "subject": ""}), "required", Some("subject")),
        (&closed, json!({"message_ids": [closed_message]}), "source_closed", Some("id")),
        (&id, json!({"subject": "No ids"}), "invalid_body", None),
    ];
    for (source, body, want_code, want_field) in cases {
        let (status, code, field, _) = error_parts(split(&app, &agent, source, body.clone()).await).await;
        assert_eq!((status, code.as_str(), field.as_deref()), (422, want_code, want_field), "{body}");
    }
    let own = split(&app, &carla, &id, json!({"message_ids": [id_of(&second)]})).await;
    assert_eq!(own.status(), 403, "customers do not split, even their own tickets");
    let others = split(&app, &dora, &id, json!({"message_ids": [id_of(&second)]})).await;
    assert_eq!(others.status(), 404, "someone else's ticket does not exist for a customer");
    assert_eq!(split(&app, &agent, "no-such-ticket", json!({"message_ids": ["x"]})).await.status(), 404);

    assert_eq!(list_ids(&app, &agent, "sort=number").await, before, "no ticket was created");
    assert_eq!(thread(&app, &agent, &id).await.len(), 2, "no message moved");
}

async fn bulk(app: &TestApp, client: &Client, body: Value) -> Response {
    client.post(app.url("/api/v1/tickets/bulk")).json(&body).send().await.unwrap()
}

async fn bulk_changes_apply_per_ticket_and_report_failures(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = app.signed_in_as("customer").await;
    let (agent, me) = app.signed_in_as("agent").await;
    let team: Value =
        body_json(admin.post(app.url("/api/v1/teams")).json(&json!({"name": "Billing"})).send().await.unwrap()).await;
    let [a, b, c] = [
        id_of(&customer_ticket(&app, &customer, "A").await),
        id_of(&customer_ticket(&app, &customer, "B").await),
        id_of(&customer_ticket(&app, &customer, "C").await),
    ];
    patch_ok(&app, &agent, &b, json!({"status": "open"})).await;

    let body =
        json!({"ids": [a, b, "no-such-ticket", a], "status": "open", "assignee_id": me["id"], "team_id": team["id"]});
    let response = bulk(&app, &agent, body).await;
    assert_eq!(response.status(), 200);
    let outcome = body_json(response).await;
    let updated: Vec<String> = outcome["updated"].as_array().unwrap().iter().map(id_of).collect();
    assert_eq!(updated, vec![a.clone(), b.clone()], "each listed once, in the order asked; b already open is fine");
    for ticket in outcome["updated"].as_array().unwrap() {
        assert_eq!(
            (&ticket["status"], &ticket["assignee"]["id"], &ticket["team"]["id"]),
            (&json!("open"), &me["id"], &team["id"])
        );
    }
    assert_eq!(
        outcome["failed"],
        json!([{"id": "no-such-ticket", "error": {"code": "not_found", "message": "ticket not found."}}])
    );
    let stored = get_ticket(&app, &agent, &a).await;
    assert_eq!((&stored["status"], &stored["assignee"]["id"]), (&json!("open"), &me["id"]));
    assert_eq!(get_ticket(&app, &agent, &c).await["status"], "new", "tickets not named are untouched");
    let events = body_json(get(&app, &agent, &format!("/api/v1/tickets/{a}/events")).await).await;
    let kinds: Vec<&str> = events["items"].as_array().unwrap().iter().filter_map(|e| e["kind"].as_str()).collect();
    assert_eq!(
        kinds,
        ["created", "triaged", "status_changed", "assigned", "team_changed"],
        "the timeline records triage and each change"
    );

    // The lifecycle still rules: nothing goes back to new; the one that may move does.
    patch_ok(&app, &agent, &c, json!({"status": "open"})).await;
    patch_ok(&app, &agent, &c, json!({"status": "resolved"})).await;
    let outcome =
        body_json(bulk(&app, &agent, json!({"ids": [a, c], "status": "closed", "assignee_id": null})).await).await;
    assert_eq!(outcome["updated"].as_array().unwrap().iter().map(id_of).collect::<Vec<_>>(), vec![c.clone()]);
    assert_eq!(outcome["failed"][0]["id"], json!(a));
    assert_eq!(outcome["failed"][0]["error"]["code"], "invalid_transition");
    assert_eq!(get_ticket(&app, &agent, &a).await["status"], "open", "a refused ticket keeps everything");
    assert!(get_ticket(&app, &agent, &a).await["assignee"].is_object(), "no half-applied change");
    assert_eq!(get_ticket(&app, &agent, &c).await["status"], "closed");

    let unassign = body_json(bulk(&app, &agent, json!({"ids": [b], "assignee_id": null})).await).await;
    assert!(unassign["updated"][0]["assignee"].is_null(), "null clears: {unassign}");

    // `/tickets/bulk` is its own route, never a ticket id.
    assert_eq!(get(&app, &agent, "/api/v1/tickets/bulk").await.status(), 405);
    let doc = body_json(get(&app, &agent, "/api/v1/openapi.json").await).await;
    for path in ["/api/v1/tickets/bulk", "/api/v1/tickets/{id}/merge", "/api/v1/tickets/{id}/split"] {
        assert!(doc["paths"][path]["post"].is_object(), "{path} is documented");
    }
}

async fn bad_bulk_requests_are_refused_whole(app: TestApp) {
    let (customer, _) = app.signed_in_as("customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let id = id_of(&customer_ticket(&app, &customer, "Only one").await);
    let too_many: Vec<String> = (0..101).map(|i| format!("t{i}")).collect();
    let cases = [
        (json!({"ids": [], "status": "open"}), "required", Some("ids")),
        (json!({"ids": too_many, "status": "open"}), "too_many", Some("ids")),
        (json!({"ids": [id]}), "nothing_to_change", Some("changes")),
        (json!({"ids": [id], "status": "archived"}), "unknown_status", Some("status")),
        (json!({"ids": [id], "assignee_id": "no-such-user"}), "unknown_assignee", Some("assignee_id")),
        (json!({"ids": [id], "team_id": "no-such-team"}), "unknown_team", Some("team_id")),
        (json!({"ids": [id], "priority": "high"}), "invalid_body", None),
        (json!({"status": "open"}), "invalid_body", None),
    ];
    for (body, want_code, want_field) in cases {
        let (status, code, field, _) = error_parts(bulk(&app, &agent, body.clone()).await).await;
        assert_eq!((status, code.as_str(), field.as_deref()), (422, want_code, want_field), "{body}");
    }
    let by_customer = bulk(&app, &customer, json!({"ids": [id], "status": "open"})).await;
    assert_eq!(by_customer.status(), 403);
    let ticket = get_ticket(&app, &agent, &id).await;
    assert_eq!((&ticket["status"], &ticket["assignee"]), (&json!("new"), &Value::Null), "nothing changed");
}
