//! The agent workspace's plain HTML forms beyond a single ticket (bulk, merge, split, canned responses) and the
//! customer pages, as a browser without JavaScript uses them.

use crate::common;

use common::pages::{location, page, post_urlencoded as post};
use common::tickets::{customer_ticket, get_ticket, id_of, reply_ok, sign_in};
use common::TestApp;
use serde_json::json;

on_both_backends!(
    the_bulk_form_changes_the_selected_tickets_and_returns_to_the_queue,
    merge_by_number_and_split_by_ticked_messages,
    canned_responses_are_managed_and_inserted_without_javascript,
    customers_are_found_and_their_history_shown,
);

async fn the_bulk_form_changes_the_selected_tickets_and_returns_to_the_queue(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "bulk-c@example.com", "customer").await;
    let (agent, agent_user) = sign_in(&app, &admin, "bulk-a@example.com", "agent").await;
    let one = id_of(&customer_ticket(&app, &customer, "Bulk one").await);
    let two = id_of(&customer_ticket(&app, &customer, "Bulk two").await);
    let three = id_of(&customer_ticket(&app, &customer, "Bulk three").await);
    let agent_id = id_of(&agent_user);
    let team = admin.post(app.url("/api/v1/teams")).json(&json!({"name": "Billing"})).send().await.unwrap();
    assert_eq!(team.status(), 201);
    let team_id = id_of(&team.json().await.unwrap());

    let fields = [
        ("return_to", "/agent/tickets?q=bulk"),
        ("ids", one.as_str()),
        ("ids", two.as_str()),
        ("assignee", agent_id.as_str()),
        ("status", "pending"),
        ("team", team_id.as_str()),
    ];
    let response = post(&app, &agent, "/agent/tickets/bulk", &fields).await;
    assert_eq!(location(&response), "/agent/tickets?q=bulk&notice=bulk_updated");
    for id in [&one, &two] {
        let ticket = get_ticket(&app, &agent, id).await;
        assert_eq!(
            (ticket["status"].as_str(), ticket["assignee"]["id"].as_str()),
            (Some("pending"), Some(agent_id.as_str()))
        );
        assert_eq!(ticket["team"]["id"], team_id.as_str());
    }
    assert!(get_ticket(&app, &agent, &three).await["assignee"].is_null(), "unselected tickets stay");
    let (_, html) = page(&app, &agent, "/agent/tickets?q=bulk&notice=bulk_updated").await;
    assert!(html.contains("Selected tickets updated."));

    let nothing =
        post(&app, &agent, "/agent/tickets/bulk", &[("return_to", "/agent/tickets"), ("status", "open")]).await;
    let back = location(&nothing);
    assert!(back.starts_with("/agent/tickets?error=required&field=ids"), "{back}");
    let (_, html) = page(&app, &agent, &back).await;
    assert!(html.contains(r#"id="bulk-form-error""#), "the refusal is shown at the bulk form");
    let elsewhere =
        post(&app, &agent, "/agent/tickets/bulk", &[("return_to", "https://evil.example/"), ("ids", &one)]).await;
    assert!(location(&elsewhere).starts_with("/agent/tickets?"), "never leaves the queue");
}

async fn merge_by_number_and_split_by_ticked_messages(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "merge-c@example.com", "customer").await;
    let (agent, _) = sign_in(&app, &admin, "merge-a@example.com", "agent").await;
    let target = customer_ticket(&app, &customer, "Original question").await;
    let duplicate = id_of(&customer_ticket(&app, &customer, "Same question again").await);
    let number = format!("#{}", target["number"]);

    let merged =
        post(&app, &agent, &format!("/agent/tickets/{duplicate}/merge"), &[("into_id", number.as_str())]).await;
    assert_eq!(location(&merged), format!("/agent/tickets/{}?notice=merged", id_of(&target)));
    let thread = get_ticket(&app, &agent, &id_of(&target)).await;
    assert_eq!(thread["messages"].as_array().unwrap().len(), 2, "the duplicate's message moved over");
    let unknown =
        post(&app, &agent, &format!("/agent/tickets/{}/merge", id_of(&target)), &[("into_id", "#999999")]).await;
    assert!(location(&unknown).contains("error=unknown_ticket&field=into_id"), "{}", location(&unknown));
    let (_, html) = page(&app, &agent, &location(&unknown)).await;
    assert!(html.contains(r#"id="merge-into-error""#));

    let message = reply_ok(&app, &customer, &id_of(&target), json!({"body": "Also, a different problem"})).await;
    let split = post(
        &app,
        &agent,
        &format!("/agent/tickets/{}/split", id_of(&target)),
        &[("message_ids", id_of(&message).as_str()), ("subject", "The different problem")],
    )
    .await;
    let created = location(&split);
    assert!(created.starts_with("/agent/tickets/") && created.ends_with("?notice=split"), "{created}");
    let (status, html) = page(&app, &agent, &created).await;
    assert_eq!(status, 200);
    assert!(html.contains("The different problem") && html.contains("Also, a different problem"));
    let none = post(&app, &agent, &format!("/agent/tickets/{}/split", id_of(&target)), &[("subject", "x")]).await;
    assert!(location(&none).contains("error="), "splitting nothing is refused: {}", location(&none));
}

async fn canned_responses_are_managed_and_inserted_without_javascript(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "canned-c@example.com", "customer").await;
    let (agent, _) = sign_in(&app, &admin, "canned-a@example.com", "agent").await;
    let ticket = customer_ticket(&app, &customer, "Need a refund").await;
    let id = id_of(&ticket);

    let created = post(
        &app,
        &agent,
        "/agent/canned",
        &[
            ("title", "Refund steps"),
            ("body", "Hello {{customer.name}}, about {{ticket.number}}: refunds take 5 days."),
            ("shared", "on"),
        ],
    )
    .await;
    assert_eq!(location(&created), "/agent/canned?notice=canned_created");
    let (_, html) = page(&app, &agent, "/agent/canned?notice=canned_created").await;
    assert!(html.contains("Refund steps") && html.contains("Canned response created."));
    let refused = post(&app, &agent, "/agent/canned", &[("title", ""), ("body", "Body kept")]).await;
    let back = location(&refused);
    assert!(back.contains("error=required&field=title") && back.contains("body=Body+kept"), "{back}");
    let (_, html) = page(&app, &agent, &back).await;
    assert!(html.contains(r#"id="canned-title-error""#) && html.contains(">Body kept</textarea>"));

    let listed: serde_json::Value =
        agent.get(app.url("/api/v1/canned-responses")).send().await.unwrap().json().await.unwrap();
    let items = listed.as_array().cloned().or_else(|| listed["items"].as_array().cloned()).expect("canned list");
    let canned_id = id_of(&items[0]);

    // "Insert" without JavaScript: the reply form submitted by GET renders the response after the draft.
    let path = format!("/agent/tickets/{id}?mode=reply&body=Hi&canned_id={canned_id}&insert=1");
    let (status, html) = page(&app, &agent, &path).await;
    assert_eq!(status, 200);
    let expected = format!("Hello customer user, about #{}: refunds take 5 days.", ticket["number"]);
    let start = html.find("id=\"agent-reply-body\"").unwrap_or(0);
    let shown = &html[start..(start + 1200).min(html.len())];
    assert!(
        shown.contains(&format!("Hi\n\n{expected}")),
        "the draft, then the response with placeholders filled: {shown}"
    );

    let edited = post(
        &app,
        &agent,
        &format!("/agent/canned/{canned_id}"),
        &[("title", "Refund policy"), ("body", "Five days.")],
    )
    .await;
    assert_eq!(location(&edited), "/agent/canned?notice=canned_updated");
    let deleted = post(&app, &agent, &format!("/agent/canned/{canned_id}/delete"), &[]).await;
    assert_eq!(location(&deleted), "/agent/canned?notice=canned_deleted");
    let (_, html) = page(&app, &agent, "/agent/canned").await;
    assert!(!html.contains("Refund policy"), "deleted responses are gone");
}

async fn customers_are_found_and_their_history_shown(app: TestApp) {
    let admin = app.admin().await;
    let (customer, user) = sign_in(&app, &admin, "findme@example.com", "customer").await;
    let (agent, _) = sign_in(&app, &admin, "finder@example.com", "agent").await;
    customer_ticket(&app, &customer, "History item").await;

    let (status, html) = page(&app, &agent, "/agent/customers?q=findme").await;
    assert_eq!(status, 200);
    assert!(html.contains("findme@example.com"));
    let (_, html) = page(&app, &agent, "/agent/customers?q=nobody-like-this").await;
    assert!(html.contains("No customers found."));
    let (status, html) = page(&app, &agent, &format!("/agent/customers/{}", id_of(&user))).await;
    assert_eq!(status, 200);
    assert!(html.contains("History item") && html.contains("Customer since"));
    let (status, _) = page(&app, &agent, "/agent/customers/not-a-customer").await;
    assert_eq!(status, 404);
    let (status, _) = page(&app, &customer, "/agent/customers").await;
    assert_eq!(status, 403);
}
