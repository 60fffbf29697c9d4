//! Tickets over REST: filing, who may see what, filters, bad input and tokens.

use crate::common;

use common::tickets::*;
use common::{error_code, TestApp};
use reqwest::Client;
use serde_json::{json, Value};

on_both_backends!(
    customers_open_tickets_for_themselves_on_the_portal,
    staff_open_tickets_for_existing_customers_over_the_api,
    customers_never_reach_each_others_tickets,
    internal_notes_never_reach_customers,
    filters_return_exactly_the_matching_tickets,
    unknown_filter_values_are_refused,
    invalid_ticket_input_names_its_field_and_creates_nothing,
    bearer_tokens_act_as_their_owner,
    search_finds_words_but_never_other_customers_or_internal_notes,
);

async fn customers_open_tickets_for_themselves_on_the_portal(app: TestApp) {
    let (customer, me) = app.signed_in_as("customer").await;
    let first = create(
        &app,
        &customer,
        json!({"subject": "Printer on fire", "body": "Smoke everywhere.", "tags": ["hardware"], "category": "Devices"}),
    )
    .await;
    assert_eq!(first["subject"], "Printer on fire");
    assert_eq!(first["status"], "new");
    assert_eq!(first["priority"], "normal", "default priority");
    assert_eq!(first["channel"], "portal");
    assert_eq!(first["tags"], json!(["hardware"]));
    assert_eq!(first["requester"]["id"], me["id"]);
    assert_eq!(first["requester"]["email"], me["email"]);
    assert!(first["assignee"].is_null() && first["team"].is_null(), "nobody handles it yet: {first}");
    assert!(first["resolved_at"].is_null() && first["first_response_at"].is_null(), "{first}");
    assert!(first["created_at"].is_string() && first["updated_at"].is_string(), "{first}");
    assert_eq!(first["number"].as_i64(), Some(1001), "the first ticket is number 1001");

    let second = customer_ticket(&app, &customer, "Second problem").await;
    assert_eq!(second["number"].as_i64(), Some(1002), "numbers count up");
    assert_ne!(first["id"], second["id"]);

    let shown = get_ticket(&app, &customer, &id_of(&first)).await;
    assert_eq!(shown["number"], first["number"]);
    let messages = shown["messages"].as_array().expect("messages");
    assert_eq!(messages.len(), 1, "the body is the first message: {shown}");
    assert_eq!(messages[0]["body"], "Smoke everywhere.");
    assert_eq!(messages[0]["internal"], false);
    assert_eq!(messages[0]["author"]["id"], me["id"]);
    assert_eq!(messages[0]["ticket_id"], first["id"]);

    let on_behalf = customer
        .post(app.url("/api/v1/tickets"))
        .json(&json!({"subject": "For someone", "body": "x", "requester_email": "other@example.com"}))
        .send()
        .await
        .unwrap();
    assert_eq!(on_behalf.status(), 403, "customers cannot open tickets for others");
    let mine = list_ids(&app, &customer, "").await;
    assert_eq!(set_of(&mine), set_of(&[id_of(&first), id_of(&second)]));
}

async fn staff_open_tickets_for_existing_customers_over_the_api(app: TestApp) {
    let admin = app.admin().await;
    let (customer, requester) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let first = staff_ticket(&app, &agent, "carla@example.com", "Phoned in", json!({"priority": "high"})).await;
    assert_eq!(first["channel"], "api");
    assert_eq!(first["priority"], "high");
    assert_eq!(first["status"], "new");
    assert_eq!(first["requester"]["id"], requester["id"]);
    assert_eq!(first["requester"]["email"], "carla@example.com");
    let second = customer_ticket(&app, &customer, "Also me").await;
    let (a, b) = (first["number"].as_i64().unwrap(), second["number"].as_i64().unwrap());
    assert_eq!((a, b), (1001, 1002), "one numbering for every channel");

    assert!(list_ids(&app, &customer, "").await.contains(&id_of(&first)), "the requester sees it");

    let unknown = agent
        .post(app.url("/api/v1/tickets"))
        .json(&json!({"subject": "Ghost", "body": "x", "requester_email": "nobody@example.com"}))
        .send()
        .await
        .unwrap();
    let (status, _, field, _) = error_parts(unknown).await;
    assert_eq!((status, field.as_deref()), (422, Some("requester_email")));
    assert_eq!(list_ids(&app, &agent, "").await.len(), 2, "nothing was created for the unknown requester");
}

async fn customers_never_reach_each_others_tickets(app: TestApp) {
    let admin = app.admin().await;
    let (alice, _) = sign_in(&app, &admin, "alice@example.com", "customer").await;
    let (bob, _) = sign_in(&app, &admin, "bob@example.com", "customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let alices = customer_ticket(&app, &alice, "Alice's private matter").await;
    let bobs = customer_ticket(&app, &bob, "Bob's thing").await;
    let alices_id = id_of(&alices);

    assert_eq!(list_ids(&app, &bob, "").await, vec![id_of(&bobs)], "Bob lists only his own");
    let listed_text = get(&app, &bob, "/api/v1/tickets").await.text().await.unwrap();
    assert!(!listed_text.contains("Alice's private matter"), "{listed_text}");

    let peek = get(&app, &bob, &format!("/api/v1/tickets/{alices_id}")).await;
    assert_eq!(peek.status(), 404, "another customer's ticket does not exist for Bob");
    assert_eq!(error_code(peek).await, "not_found");
    let reply = post_message(&app, &bob, &alices_id, json!({"body": "Let me in"})).await;
    assert_eq!(reply.status(), 404);
    let missing = get(&app, &bob, "/api/v1/tickets/no-such-ticket").await;
    assert_eq!(missing.status(), 404, "an unknown id looks the same");

    let alice_view = get_ticket(&app, &alice, &alices_id).await;
    assert_eq!(alice_view["messages"].as_array().unwrap().len(), 1, "Bob's reply did not land");
    assert_eq!(set_of(&list_ids(&app, &agent, "").await), set_of(&[alices_id, id_of(&bobs)]), "staff see all");
}

async fn internal_notes_never_reach_customers(app: TestApp) {
    let (customer, _) = app.signed_in_as("customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let ticket = customer_ticket(&app, &customer, "Refund please").await;
    let id = id_of(&ticket);
    let secret = "Customer is on the fraud watch list zq7";
    let note = reply_ok(&app, &agent, &id, json!({"body": secret, "internal": true})).await;
    assert_eq!(note["internal"], true);

    let staff_view = get_ticket(&app, &agent, &id).await;
    let staff_messages = staff_view["messages"].as_array().unwrap();
    assert!(staff_messages.iter().any(|m| m["body"] == secret && m["internal"] == true), "{staff_view}");
    assert_eq!(staff_view["status"], "new", "a note is not a reply");
    assert!(staff_view["first_response_at"].is_null(), "a note is not a first response");

    for path in [format!("/api/v1/tickets/{id}"), "/api/v1/tickets".to_string()] {
        let response = get(&app, &customer, &path).await;
        assert_eq!(response.status(), 200, "{path}");
        let text = response.text().await.unwrap();
        assert!(!text.contains("fraud watch list"), "the note leaked through {path}: {text}");
    }
    let customer_view = get_ticket(&app, &customer, &id).await;
    let customer_messages = customer_view["messages"].as_array().unwrap();
    assert_eq!(customer_messages.len(), 1, "only the customer's own message");
    assert!(customer_messages.iter().all(|m| m["internal"] == false));

    let sneaky = post_message(&app, &customer, &id, json!({"body": "note to self", "internal": true})).await;
    assert_eq!(sneaky.status(), 403, "customers cannot write internal notes");
}

async fn filters_return_exactly_the_matching_tickets(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = app.signed_in_as("customer").await;
    let (agent, me) = app.signed_in_as("agent").await;
    let colleague = app.create_user(&admin, "colleague@example.com", "agent").await;
    let team: Value =
        body_json(admin.post(app.url("/api/v1/teams")).json(&json!({"name": "Billing"})).send().await.unwrap()).await;
    // Staff open three tickets for another customer; the signed-in customer opens one on the portal.
    let email = "dora@example.com";
    app.create_user(&admin, email, "customer").await;

    // mine: open, urgent, tagged vip, assigned to me
    let mine = staff_ticket(&app, &agent, email, "Mine", json!({"priority": "urgent", "tags": ["vip"]})).await;
    patch_ok(&app, &agent, &id_of(&mine), json!({"status": "open", "assignee_id": me["id"]})).await;
    // theirs: pending, low, assigned to a colleague, in the Billing team
    let theirs = staff_ticket(&app, &agent, email, "Theirs", json!({"priority": "low"})).await;
    patch_ok(
        &app,
        &agent,
        &id_of(&theirs),
        json!({"status": "pending", "assignee_id": colleague["id"], "team_id": team["id"]}),
    )
    .await;
    // fresh: new, from the portal, tagged vip, unassigned
    let fresh = create(&app, &customer, json!({"subject": "Fresh", "body": "Hello", "tags": ["vip", "web"]})).await;
    // done: resolved, unassigned
    let done = staff_ticket(&app, &agent, email, "Done", json!({})).await;
    patch_ok(&app, &agent, &id_of(&done), json!({"status": "resolved"})).await;

    let [mine, theirs, fresh, done] = [&mine, &theirs, &fresh, &done].map(id_of);
    let colleague_id = id_of(&colleague);
    let team_id = id_of(&team);
    let cases: Vec<(String, Vec<&String>)> = vec![
        (String::new(), vec![&mine, &theirs, &fresh, &done]),
        ("status=open,pending".into(), vec![&mine, &theirs]),
        ("status=new".into(), vec![&fresh]),
        ("status=resolved".into(), vec![&done]),
        ("status=closed".into(), vec![]),
        ("assignee=me".into(), vec![&mine]),
        ("assignee=none".into(), vec![&fresh, &done]),
        (format!("assignee={colleague_id}"), vec![&theirs]),
        (format!("team={team_id}"), vec![&theirs]),
        ("tag=vip".into(), vec![&mine, &fresh]),
        ("tag=web".into(), vec![&fresh]),
        ("priority=urgent".into(), vec![&mine]),
        ("priority=normal".into(), vec![&fresh, &done]),
        ("channel=portal".into(), vec![&fresh]),
        ("channel=api".into(), vec![&mine, &theirs, &done]),
        ("channel=email".into(), vec![]),
        ("status=open,pending,new&tag=vip".into(), vec![&mine, &fresh]),
    ];
    for (query, expected) in cases {
        let got = list_ids(&app, &agent, &query).await;
        assert_eq!(got.len(), set_of(&got).len(), "no duplicates for ?{query}");
        assert_eq!(set_of(&got), set_of(expected), "?{query}");
    }
    // A customer's filters only ever narrow their own tickets.
    assert_eq!(list_ids(&app, &customer, "tag=vip").await, vec![fresh.clone()]);
    assert!(list_ids(&app, &customer, "status=open,pending").await.is_empty());

    // The default order puts the most recently updated ticket first.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    patch_ok(&app, &agent, &done, json!({"priority": "high"})).await;
    assert_eq!(list_ids(&app, &agent, "").await.first(), Some(&done), "default sort is -updated_at");
}

async fn unknown_filter_values_are_refused(app: TestApp) {
    let (agent, _) = app.signed_in_as("agent").await;
    let (customer, _) = app.signed_in_as("customer").await;
    customer_ticket(&app, &customer, "Something").await;
    for query in ["status=bogus", "status=open,bogus", "priority=critical", "channel=fax", "sort=oldest_first"] {
        let response = get(&app, &agent, &format!("/api/v1/tickets?{query}")).await;
        assert_eq!(response.status(), 422, "?{query} is an error, not ignored");
        assert!(!error_code(response).await.is_empty(), "?{query} answers a JSON error");
    }
    for query in ["sort=created_at", "sort=priority", "sort=-updated_at"] {
        let response = get(&app, &agent, &format!("/api/v1/tickets?{query}")).await;
        assert_eq!(response.status(), 200, "?{query}");
    }
}

async fn invalid_ticket_input_names_its_field_and_creates_nothing(app: TestApp) {
    let (customer, _) = app.signed_in_as("customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let tickets = app.url("/api/v1/tickets");
    let cases = [
        (json!({"subject": "", "body": "Something"}), "subject"),
        (json!({"subject": "   ", "body": "Something"}), "subject"),
        (json!({"subject": "Something", "body": ""}), "body"),
        (json!({"subject": "Something", "body": "x", "priority": "critical"}), "priority"),
    ];
    for (ticket, want_field) in cases {
        let response = customer.post(&tickets).json(&ticket).send().await.unwrap();
        let (status, _, field, _) = error_parts(response).await;
        assert_eq!((status, field.as_deref()), (422, Some(want_field)), "{ticket}");
    }
    let malformed =
        customer.post(&tickets).header("content-type", "application/json").body("{\"subject\": ").send().await.unwrap();
    assert_eq!(malformed.status(), 400);
    assert_eq!(error_code(malformed).await, "malformed_json");
    assert!(list_ids(&app, &agent, "").await.is_empty(), "nothing was created");

    let id = id_of(&customer_ticket(&app, &customer, "Valid").await);
    let bad_priority = patch(&app, &agent, &id, json!({"priority": "meh"})).await;
    assert_eq!(bad_priority.status(), 422);
    let empty_reply = post_message(&app, &customer, &id, json!({"body": ""})).await;
    assert_eq!(empty_reply.status(), 422, "an empty reply is refused");
    let ticket = get_ticket(&app, &agent, &id).await;
    assert_eq!(ticket["priority"], "normal");
    assert_eq!(ticket["messages"].as_array().unwrap().len(), 1);
}

async fn bearer_tokens_act_as_their_owner(app: TestApp) {
    let (customer, customer_user) = app.signed_in_as("customer").await;
    let (agent, agent_user) = app.signed_in_as("agent").await;
    let token: Value =
        body_json(agent.post(app.url("/api/v1/tokens")).json(&json!({"name": "helpdesk bot"})).send().await.unwrap())
            .await;
    let token = token["token"].as_str().expect("token").to_string();
    let bot = Client::new();
    let id = id_of(&customer_ticket(&app, &customer, "Via integration").await);

    let response = bot
        .post(app.url(&format!("/api/v1/tickets/{id}/messages")))
        .bearer_auth(&token)
        .json(&json!({"body": "Answered by the integration."}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let message = body_json(response).await;
    assert_eq!(message["author"]["id"], agent_user["id"], "the token's owner is the author");
    let ticket = get_ticket(&app, &customer, &id).await;
    assert_eq!(ticket["status"], "open");
    assert!(ticket["first_response_at"].is_string(), "a staff reply by token counts as a first response");

    let created = bot
        .post(app.url("/api/v1/tickets"))
        .bearer_auth(&token)
        .json(&json!({"subject": "From the CRM", "body": "Sync", "requester_email": customer_user["email"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    assert_eq!(body_json(created).await["channel"], "api");

    let anonymous = Client::new()
        .post(app.url(&format!("/api/v1/tickets/{id}/messages")))
        .json(&json!({"body": "Who am I?"}))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}

async fn search_finds_words_but_never_other_customers_or_internal_notes(app: TestApp) {
    let admin = app.admin().await;
    let (alice, _) = sign_in(&app, &admin, "alice.search@example.com", "customer").await;
    let (bob, _) = sign_in(&app, &admin, "bob.search@example.com", "customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let alices = id_of(
        &create(&app, &alice, json!({"subject": "Zertifikat fehlt", "body": "Mein Zertifikat für den Kurs fehlt."}))
            .await,
    );
    let bobs =
        id_of(&create(&app, &bob, json!({"subject": "Certificate missing", "body": "Where is my Zertifikat?"})).await);
    reply_ok(&app, &agent, &alices, json!({"body": "Checked the ledger: chargeback pending", "internal": true})).await;

    assert_eq!(
        set_of(&list_ids(&app, &agent, "q=zertifikat").await),
        set_of([&alices, &bobs]),
        "staff search everything"
    );
    assert_eq!(list_ids(&app, &alice, "q=zertifikat").await, vec![alices.clone()], "customers search their own");
    assert_eq!(list_ids(&app, &agent, "q=chargeback").await, vec![alices.clone()], "staff find internal notes");
    assert!(list_ids(&app, &alice, "q=chargeback").await.is_empty(), "customers never match internal notes");
    assert_eq!(list_ids(&app, &agent, "q=ZERTIFIKAT%20kurs").await, vec![alices.clone()], "all words, any case");
    assert!(list_ids(&app, &agent, "q=%22%3B%20DROP%20TABLE%20tickets%3B%20--").await.is_empty(), "SQL is just words");
    assert_eq!(list_ids(&app, &agent, "q=zertifikat&status=new").await.len(), 2, "search combines with filters");
}
