//! Canned responses and customer lookup over REST: who sees and changes what, search, placeholders filled
//! from a real ticket, bad input, and the customer list and profile.

use crate::common;

use common::tickets::*;
use common::{TestApp, PASSWORD};
use reqwest::{Client, Response};
use serde_json::{json, Value};

on_both_backends!(
    personal_responses_are_invisible_to_other_agents,
    shared_responses_are_changed_only_by_their_owner_or_supervisors,
    customers_are_refused_everywhere,
    responses_are_searched_in_titles_and_bodies_ignoring_case,
    rendering_fills_placeholders_from_the_ticket_and_the_agent,
    invalid_responses_name_their_field_and_change_nothing,
    customers_are_found_by_part_of_their_email_or_name_and_never_staff,
    a_customer_profile_lists_exactly_their_tickets_newest_first,
);

const CANNED: &str = "/api/v1/canned-responses";

/// A client signed in as a new user with this email, name and role, plus the user's JSON.
async fn sign_in_named(app: &TestApp, admin: &Client, email: &str, name: &str, role: &str) -> (Client, Value) {
    let response = admin
        .post(app.url("/api/v1/users"))
        .json(&json!({"email": email, "name": name, "role": role, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "create {email}");
    let user = body_json(response).await;
    let client = app.browser();
    assert_eq!(app.login(&client, email, PASSWORD).await.status(), 200, "login {email}");
    (client, user)
}

async fn create_canned(app: &TestApp, client: &Client, title: &str, body: &str, shared: bool) -> Value {
    let response = client
        .post(app.url(CANNED))
        .json(&json!({"title": title, "body": body, "shared": shared}))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 201, "create canned {title}: {text}");
    serde_json::from_str(&text).unwrap()
}

async fn patch_canned(app: &TestApp, client: &Client, id: &str, change: Value) -> Response {
    client.patch(app.url(&format!("{CANNED}/{id}"))).json(&change).send().await.unwrap()
}

async fn delete_canned(app: &TestApp, client: &Client, id: &str) -> Response {
    client.delete(app.url(&format!("{CANNED}/{id}"))).send().await.unwrap()
}

/// The titles a canned-response list answers for `query` (e.g. `?q=refund`).
async fn listed_titles(app: &TestApp, client: &Client, query: &str) -> Vec<String> {
    let response = get(app, client, &format!("{CANNED}{query}")).await;
    assert_eq!(response.status(), 200, "list {query}");
    let page = body_json(response).await;
    let items = page["items"].as_array().expect("items");
    assert_eq!(page["total"].as_u64(), Some(items.len() as u64));
    items.iter().map(|item| item["title"].as_str().expect("title").to_string()).collect()
}

async fn personal_responses_are_invisible_to_other_agents(app: TestApp) {
    let admin = app.admin().await;
    let (ada, ada_user) = sign_in_named(&app, &admin, "ada@example.com", "Ada Agent", "agent").await;
    let (bob, _) = sign_in_named(&app, &admin, "bob@example.com", "Bob Agent", "agent").await;
    let personal = create_canned(&app, &ada, "Ada's own", "Only for me", false).await;
    let shared = create_canned(&app, &ada, "Greeting", "Hello {{customer.name}}", true).await;
    assert_eq!(personal["shared"], false);
    assert_eq!(shared["title"], "Greeting");
    assert_eq!(shared["body"], "Hello {{customer.name}}", "stored with placeholders unfilled");
    assert_eq!(shared["shared"], true);
    assert_eq!(shared["owner"], json!({"id": ada_user["id"], "name": "Ada Agent"}));
    assert!(rfc3339(shared["updated_at"].as_str().expect("updated_at")) <= chrono::Utc::now());

    assert_eq!(listed_titles(&app, &ada, "").await, ["Ada's own", "Greeting"]);
    assert_eq!(listed_titles(&app, &bob, "").await, ["Greeting"], "Bob never sees Ada's personal response");
    let id = id_of(&personal);
    let ticket_id = id_of(&customer_ticket_for(&app, &admin).await);
    let render = get(&app, &bob, &format!("{CANNED}/{id}/render?ticket_id={ticket_id}")).await;
    assert_eq!(render.status(), 404);
    assert_eq!(patch_canned(&app, &bob, &id, json!({"title": "Mine now"})).await.status(), 404);
    assert_eq!(delete_canned(&app, &bob, &id).await.status(), 404);
    assert_eq!(listed_titles(&app, &ada, "").await, ["Ada's own", "Greeting"], "nothing changed");
}

/// A ticket filed by a new customer.
async fn customer_ticket_for(app: &TestApp, admin: &Client) -> Value {
    let (customer, _) = sign_in(app, admin, "requester@example.com", "customer").await;
    customer_ticket(app, &customer, "Anything").await
}

async fn shared_responses_are_changed_only_by_their_owner_or_supervisors(app: TestApp) {
    let admin = app.admin().await;
    let (ada, _) = sign_in_named(&app, &admin, "ada@example.com", "Ada", "agent").await;
    let (bob, _) = sign_in_named(&app, &admin, "bob@example.com", "Bob", "agent").await;
    let (sue, _) = sign_in_named(&app, &admin, "sue@example.com", "Sue", "supervisor").await;
    let shared = id_of(&create_canned(&app, &ada, "Shared", "Text", true).await);
    let personal = id_of(&create_canned(&app, &ada, "Personal", "Text", false).await);

    let (status, code, _, _) = error_parts(patch_canned(&app, &bob, &shared, json!({"title": "Bob's"})).await).await;
    assert_eq!((status, code.as_str()), (403, "forbidden"), "another agent may use it but not change it");
    assert_eq!(delete_canned(&app, &bob, &shared).await.status(), 403);

    let owned = patch_canned(&app, &ada, &shared, json!({"title": "Shared v2", "body": "New text"})).await;
    assert_eq!(owned.status(), 200);
    let owned = body_json(owned).await;
    assert_eq!(
        (owned["title"].as_str(), owned["body"].as_str(), owned["shared"].as_bool()),
        (Some("Shared v2"), Some("New text"), Some(true))
    );

    let moderated = patch_canned(&app, &sue, &shared, json!({"body": "Reviewed"})).await;
    assert_eq!(moderated.status(), 200, "supervisors keep shared responses tidy");
    assert_eq!(body_json(moderated).await["title"], "Shared v2", "untouched fields stay");
    assert_eq!(
        patch_canned(&app, &sue, &personal, json!({"body": "x"})).await.status(),
        404,
        "personal stays personal"
    );
    assert_eq!(delete_canned(&app, &sue, &shared).await.status(), 204);
    assert_eq!(listed_titles(&app, &ada, "").await, ["Personal"], "deleted for everyone");
    assert_eq!(delete_canned(&app, &ada, &shared).await.status(), 404);

    assert_eq!(patch_canned(&app, &ada, &personal, json!({"shared": true})).await.status(), 200);
    assert_eq!(listed_titles(&app, &bob, "").await, ["Personal"], "shared once its owner says so");
    assert_eq!(delete_canned(&app, &ada, &personal).await.status(), 204);
    assert!(listed_titles(&app, &bob, "").await.is_empty());
}

async fn customers_are_refused_everywhere(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = sign_in_named(&app, &admin, "ada@example.com", "Ada", "agent").await;
    let (customer, me) = sign_in_named(&app, &admin, "cora@example.com", "Cora", "customer").await;
    let shared = id_of(&create_canned(&app, &agent, "Shared", "Text", true).await);
    let ticket = id_of(&customer_ticket(&app, &customer, "My ticket").await);
    let me = id_of(&me);
    let answers = [
        get(&app, &customer, CANNED).await,
        customer.post(app.url(CANNED)).json(&json!({"title": "t", "body": "b"})).send().await.unwrap(),
        patch_canned(&app, &customer, &shared, json!({"title": "t"})).await,
        delete_canned(&app, &customer, &shared).await,
        get(&app, &customer, &format!("{CANNED}/{shared}/render?ticket_id={ticket}")).await,
        get(&app, &customer, "/api/v1/customers").await,
        get(&app, &customer, &format!("/api/v1/customers/{me}")).await,
    ];
    for answer in answers {
        let url = answer.url().to_string();
        let (status, code, _, _) = error_parts(answer).await;
        assert_eq!((status, code.as_str()), (403, "forbidden"), "{url}");
    }
    assert_eq!(listed_titles(&app, &agent, "").await, ["Shared"], "nothing changed");
}

async fn responses_are_searched_in_titles_and_bodies_ignoring_case(app: TestApp) {
    let admin = app.admin().await;
    let (ada, _) = sign_in_named(&app, &admin, "ada@example.com", "Ada", "agent").await;
    let (bob, _) = sign_in_named(&app, &admin, "bob@example.com", "Bob", "agent").await;
    create_canned(&app, &ada, "Refund policy", "Refunds take 5 days.", true).await;
    create_canned(&app, &ada, "Shipping", "We ship worldwide; no REFUND on postage.", true).await;
    create_canned(&app, &ada, "Discount", "Take 100% off", true).await;
    create_canned(&app, &ada, "Percent", "Take 100 percent", true).await;
    create_canned(&app, &bob, "Bob's refund note", "private", false).await;

    assert_eq!(listed_titles(&app, &ada, "?q=rEfUnD").await, ["Refund policy", "Shipping"]);
    assert_eq!(listed_titles(&app, &bob, "?q=refund").await, ["Bob's refund note", "Refund policy", "Shipping"]);
    assert_eq!(listed_titles(&app, &ada, "?q=100%25").await, ["Discount"], "% is a character, not a wildcard");
    assert_eq!(listed_titles(&app, &ada, "?q=worldwide").await, ["Shipping"]);
    assert!(listed_titles(&app, &ada, "?q=nothing+like+this").await.is_empty());
    assert_eq!(listed_titles(&app, &ada, "?q=+").await.len(), 4, "a blank search lists everything");
    let (status, _, field, _) = error_parts(get(&app, &ada, &format!("{CANNED}?q={}", "x".repeat(201))).await).await;
    assert_eq!((status, field.as_deref()), (422, Some("q")));
}

async fn rendering_fills_placeholders_from_the_ticket_and_the_agent(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = sign_in_named(&app, &admin, "grace@example.com", "Grace Hopper", "agent").await;
    let (customer, _) =
        sign_in_named(&app, &admin, "ada.l@example.com", "Ada {{agent.name}} Lovelace", "customer").await;
    customer_ticket(&app, &customer, "Earlier question").await;
    let ticket = customer_ticket(&app, &customer, "Invoice missing").await;
    assert_eq!(ticket["number"], 1002);
    let body = "Hi {{ customer.name }} <{{customer.email}}>,\nabout {{ticket.number}} \"{{ticket.subject}}\": \
                {{unknown.thing}}\n-- {{agent.name}}";
    let canned = id_of(&create_canned(&app, &agent, "Reply {{ticket.number}}", body, false).await);

    let response = get(&app, &agent, &format!("{CANNED}/{canned}/render?ticket_id={}", id_of(&ticket))).await;
    assert_eq!(response.status(), 200);
    let rendered = body_json(response).await;
    assert_eq!(
        rendered,
        json!({
            "title": "Reply {{ticket.number}}",
            "body": "Hi Ada {{agent.name}} Lovelace <ada.l@example.com>,\nabout #1002 \"Invoice missing\": \
                     {{unknown.thing}}\n-- Grace Hopper"
        }),
        "values verbatim, never expanded again; unknown placeholders kept"
    );
    let stored = listed_titles(&app, &agent, "?q=customer.name").await;
    assert_eq!(stored, ["Reply {{ticket.number}}"], "rendering does not change the stored text");

    let (status, _, field, _) = error_parts(get(&app, &agent, &format!("{CANNED}/{canned}/render")).await).await;
    assert_eq!((status, field.as_deref()), (422, Some("ticket_id")));
    let missing = get(&app, &agent, &format!("{CANNED}/{canned}/render?ticket_id=no-such-ticket")).await;
    assert_eq!(missing.status(), 404);
    let missing = get(&app, &agent, &format!("{CANNED}/no-such-response/render?ticket_id={}", id_of(&ticket))).await;
    assert_eq!(missing.status(), 404);
}

async fn invalid_responses_name_their_field_and_change_nothing(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = sign_in_named(&app, &admin, "ada@example.com", "Ada", "agent").await;
    let cases = [
        (json!({"title": "  ", "body": "text"}), "title", "required"),
        (json!({"title": "t".repeat(121), "body": "text"}), "title", "too_long"),
        (json!({"title": "two\nlines", "body": "text"}), "title", "invalid_characters"),
        (json!({"title": "Title", "body": "\n \t"}), "body", "required"),
        (json!({"title": "Title", "body": "b".repeat(10_001)}), "body", "too_long"),
    ];
    for (input, field, code) in cases {
        let response = agent.post(app.url(CANNED)).json(&input).send().await.unwrap();
        let (status, got_code, got_field, message) = error_parts(response).await;
        assert_eq!((status, got_field.as_deref(), got_code.as_str()), (422, Some(field), code), "{field}");
        assert!(!message.is_empty());
    }
    let extra =
        agent.post(app.url(CANNED)).json(&json!({"title": "t", "body": "b", "share": true})).send().await.unwrap();
    assert_eq!(extra.status(), 422, "a misspelt field is an error, not silently personal");
    assert!(listed_titles(&app, &agent, "").await.is_empty(), "nothing was created");

    let id = id_of(&create_canned(&app, &agent, "Keep me", "As I am", false).await);
    let (status, _, field, _) =
        error_parts(patch_canned(&app, &agent, &id, json!({"title": "ok", "body": ""})).await).await;
    assert_eq!((status, field.as_deref()), (422, Some("body")));
    assert_eq!(patch_canned(&app, &agent, &id, json!({"titel": "typo"})).await.status(), 422);
    assert_eq!(patch_canned(&app, &agent, &id, json!({"shared": "yes"})).await.status(), 422);
    assert_eq!(listed_titles(&app, &agent, "").await, ["Keep me"], "a refused change changes nothing");
    assert_eq!(patch_canned(&app, &agent, "no-such-id", json!({"title": "x"})).await.status(), 404);
}

async fn customers_are_found_by_part_of_their_email_or_name_and_never_staff(app: TestApp) {
    let admin = app.admin().await;
    let (agent, _) = sign_in_named(&app, &admin, "agent@acme.example", "Acme Agent", "agent").await;
    let (carla, _) = sign_in_named(&app, &admin, "carla.jones@acme.example", "Carla Jones", "customer").await;
    sign_in_named(&app, &admin, "dan@other.example", "Dan Acmeson", "customer").await;
    sign_in_named(&app, &admin, "erin@other.example", "Erin", "customer").await;
    sign_in_named(&app, &admin, "sue@acme.example", "Sue Jones", "supervisor").await;
    customer_ticket(&app, &carla, "First").await;
    let second = customer_ticket(&app, &carla, "Second").await;
    patch_ok(&app, &agent, &id_of(&second), json!({"status": "resolved"})).await;

    let names = |query: &'static str| {
        let (app, agent) = (&app, &agent);
        async move {
            let response = get(app, agent, &format!("/api/v1/customers{query}")).await;
            assert_eq!(response.status(), 200, "{query}");
            let page = body_json(response).await;
            let items = page["items"].as_array().expect("items").clone();
            (items.iter().map(|c| c["name"].as_str().unwrap().to_string()).collect::<Vec<_>>(), page, items)
        }
    };
    let (all, page, items) = names("").await;
    assert_eq!(all, ["Erin", "Dan Acmeson", "Carla Jones"], "customers only, newest first");
    assert_eq!(
        (page["total"].as_u64(), page["page"].as_u64(), page["per_page"].as_u64()),
        (Some(3), Some(1), Some(25))
    );
    let carla_row = &items[2];
    assert_eq!(carla_row["email"], "carla.jones@acme.example");
    assert_eq!((carla_row["ticket_count"].as_u64(), carla_row["open_ticket_count"].as_u64()), (Some(2), Some(1)));
    assert!(carla_row["created_at"].as_str().is_some_and(|at| rfc3339(at) <= chrono::Utc::now()));

    assert_eq!(names("?q=ACME.EX").await.0, ["Carla Jones"], "part of an email, any case; staff never listed");
    assert_eq!(names("?q=acme").await.0, ["Dan Acmeson", "Carla Jones"], "names and emails both count");
    assert_eq!(names("?q=jones").await.0, ["Carla Jones"], "the supervisor named Jones is not a customer");
    assert!(names("?q=%25").await.0.is_empty());
    let (second_page, page, _) = names("?per_page=2&page=2").await;
    assert_eq!(
        (second_page, page["total"].as_u64(), page["per_page"].as_u64()),
        (vec!["Carla Jones".to_string()], Some(3), Some(2))
    );
    let (status, _, _, _) = error_parts(get(&app, &agent, "/api/v1/customers?page=first").await).await;
    assert_eq!(status, 422);
}

async fn a_customer_profile_lists_exactly_their_tickets_newest_first(app: TestApp) {
    let admin = app.admin().await;
    let (agent, agent_user) = sign_in_named(&app, &admin, "ada@example.com", "Ada", "agent").await;
    let (carla, carla_user) = sign_in_named(&app, &admin, "carla@example.com", "Carla", "customer").await;
    let (dan, _) = sign_in_named(&app, &admin, "dan@example.com", "Dan", "customer").await;
    let first = customer_ticket(&app, &carla, "Carla one").await;
    customer_ticket(&app, &dan, "Dan's").await;
    let second = staff_ticket(&app, &agent, "carla@example.com", "Carla two", json!({})).await;
    let third = customer_ticket(&app, &carla, "Carla three").await;
    patch_ok(&app, &agent, &id_of(&first), json!({"status": "resolved"})).await;

    let response = get(&app, &agent, &format!("/api/v1/customers/{}", id_of(&carla_user))).await;
    assert_eq!(response.status(), 200);
    let profile = body_json(response).await;
    assert_eq!(profile["customer"]["id"], carla_user["id"]);
    assert_eq!(profile["customer"]["name"], "Carla");
    assert_eq!(profile["customer"]["email"], "carla@example.com");
    assert_eq!(
        (profile["customer"]["ticket_count"].as_u64(), profile["customer"]["open_ticket_count"].as_u64()),
        (Some(3), Some(2))
    );
    let tickets = profile["tickets"].as_array().expect("tickets");
    let ids: Vec<String> = tickets.iter().map(id_of).collect();
    assert_eq!(ids, [id_of(&third), id_of(&second), id_of(&first)], "exactly hers, newest first");
    assert!(tickets.iter().all(|t| t["requester"]["id"] == carla_user["id"]));
    assert_eq!(tickets[2]["status"], "resolved");

    let empty = body_json(get(&app, &agent, &format!("/api/v1/customers/{}", id_of(&agent_user))).await).await;
    assert_eq!(empty["error"]["code"], "not_found", "staff accounts have no customer profile");
    assert_eq!(get(&app, &agent, "/api/v1/customers/no-such-id").await.status(), 404);

    let openapi = body_json(get(&app, &agent, "/api/v1/openapi.json").await).await;
    for path in [
        "/api/v1/customers",
        "/api/v1/customers/{id}",
        CANNED,
        "/api/v1/canned-responses/{id}",
        "/api/v1/canned-responses/{id}/render",
    ] {
        assert!(openapi["paths"][path].is_object(), "OpenAPI describes {path}");
    }
}
