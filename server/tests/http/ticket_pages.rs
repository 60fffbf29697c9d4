//! The ticket pages as the server renders them, and the plain HTML forms behind them (the no-JavaScript path):
//! customers never see internal notes nor other customers' tickets, and every form answers with a redirect that
//! the page turns into a notice or an error next to the field.

use crate::common;

use common::pages::{location, page};
use common::tickets::{body_json, customer_ticket, get_ticket, id_of, reply_ok, sign_in};
use common::TestApp;
use reqwest::multipart::{Form, Part};
use reqwest::Client;
use serde_json::json;

on_both_backends!(
    the_portal_thread_never_contains_internal_notes,
    another_customers_ticket_page_is_not_found,
    the_portal_form_files_a_request_and_returns_refusals_to_the_form,
    agents_reply_write_notes_and_resolve_through_the_form,
    the_properties_form_changes_only_what_differs,
    the_queue_page_lists_and_filters_tickets,
    ticket_pages_speak_german,
);

/// Multipart text fields, as a browser sends a form with an untouched file input.
fn form(fields: &[(&str, &str)]) -> Form {
    let mut form = Form::new();
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    form.part("files", Part::bytes(Vec::new()).file_name("").mime_str("application/octet-stream").unwrap())
}

async fn post_form(app: &TestApp, client: &Client, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    client.post(app.url(path)).multipart(form(fields)).send().await.unwrap()
}

async fn the_portal_thread_never_contains_internal_notes(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let (agent, _) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    let ticket = customer_ticket(&app, &customer, "Printer on fire").await;
    let id = id_of(&ticket);
    reply_ok(&app, &agent, &id, json!({"body": "Public answer: unplug it."})).await;
    reply_ok(&app, &agent, &id, json!({"body": "Secret note: customer owes us money", "internal": true})).await;

    let (status, html) = page(&app, &customer, &format!("/portal/tickets/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Public answer: unplug it."), "the customer sees the public answer");
    assert!(html.contains("Printer on fire: details"), "and their own message");
    assert!(!html.contains("Secret note"), "never the internal note, not even in the hydration data");
    assert!(!html.contains("customer owes us money"));

    let (status, html) = page(&app, &agent, &format!("/agent/tickets/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Secret note: customer owes us money"), "staff see the note");
    assert!(html.contains("Internal note"), "marked as one");
}

async fn another_customers_ticket_page_is_not_found(app: TestApp) {
    let admin = app.admin().await;
    let (owner, _) = sign_in(&app, &admin, "owner@example.com", "customer").await;
    let (other, _) = sign_in(&app, &admin, "other@example.com", "customer").await;
    let ticket = customer_ticket(&app, &owner, "Private matter").await;
    let id = id_of(&ticket);

    let (status, html) = page(&app, &other, &format!("/portal/tickets/{id}")).await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
    assert!(!html.contains("Private matter"), "nothing of the ticket leaks");
    let (status, _) = page(&app, &other, "/portal/tickets/no-such-ticket").await;
    assert_eq!(status, 404, "an unknown id looks the same");
    let (status, _) = page(&app, &owner, &format!("/portal/tickets/{id}")).await;
    assert_eq!(status, 200, "the owner opens it");
    let reply = post_form(&app, &other, &format!("/portal/tickets/{id}/messages"), &[("body", "me too")]).await;
    assert!(location(&reply).contains("error=not_found"), "replying to it is refused: {}", location(&reply));
    assert_eq!(get_ticket(&app, &owner, &id).await["messages"].as_array().unwrap().len(), 1);
}

async fn the_portal_form_files_a_request_and_returns_refusals_to_the_form(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "filer@example.com", "customer").await;
    let context = r#"{"browser":"Firefox 127","os":"Linux","time_zone":"Europe/Berlin"}"#;
    let fields = [
        ("type", "problem"),
        ("category", "Account/Login"),
        ("subject", "I can't sign in"),
        ("body", "It says my password is wrong."),
        ("context", context),
    ];
    let created = post_form(&app, &customer, "/portal/tickets", &fields).await;
    assert_eq!(created.status(), 303);
    let target = location(&created);
    assert!(target.starts_with("/portal/tickets/") && target.ends_with("?notice=created"), "{target}");
    let (status, html) = page(&app, &customer, &target).await;
    assert_eq!(status, 200);
    assert!(html.contains("I can&#x27;t sign in") || html.contains("I can't sign in"), "the new ticket is shown");
    assert!(html.contains("Your request was sent."), "with the notice");
    let listed = body_json(customer.get(app.url("/api/v1/tickets")).send().await.unwrap()).await;
    let ticket = &listed["items"][0];
    assert_eq!((ticket["type"].as_str(), ticket["category"].as_str()), (Some("problem"), Some("Account/Login")));
    assert_eq!(ticket["channel"], "portal");

    let refused = post_form(&app, &customer, "/portal/tickets", &[("subject", "  "), ("body", "Kept text")]).await;
    assert_eq!(refused.status(), 303);
    let back = location(&refused);
    assert!(back.starts_with("/portal/new?error=required&field=subject"), "{back}");
    assert!(back.contains("body=Kept+text"), "the description comes back: {back}");
    let (_, html) = page(&app, &customer, &back).await;
    assert!(html.contains(r#"id="ticket-subject-error""#), "the error sits under the subject");
    assert!(html.contains(r#"aria-describedby="ticket-subject-error""#));
    assert!(html.contains(">Kept text</textarea>"), "and the description is refilled");

    // A prefill from the query string is text, never markup: it cannot close the text area.
    let attack = "/portal/new?body=%3C%2Ftextarea%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E";
    let (status, html) = page(&app, &customer, attack).await;
    assert_eq!(status, 200);
    assert!(!html.contains("<img src=x"), "the prefill became markup");
    assert!(html.contains("&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;</textarea>"), "it is shown as text");

    let (_, quick) = page(&app, &customer, "/portal/new?quick=invoice").await;
    assert!(quick.contains(r#"value="Question about an invoice""#), "quick issues prefill the subject");
    assert!(quick.contains(r#"<option value="Billing/Invoices" selected"#), "and the category");
}

async fn agents_reply_write_notes_and_resolve_through_the_form(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "asker@example.com", "customer").await;
    let (agent, _) = sign_in(&app, &admin, "helper@example.com", "agent").await;
    let id = id_of(&customer_ticket(&app, &customer, "Where is my invoice?").await);
    let path = format!("/agent/tickets/{id}/messages");

    let note =
        post_form(&app, &agent, &path, &[("mode", "note"), ("body", "Checking billing"), ("intent", "send")]).await;
    assert_eq!(location(&note), format!("/agent/tickets/{id}?notice=note_added"));
    let resolved =
        post_form(&app, &agent, &path, &[("mode", "reply"), ("body", "Sent it again."), ("intent", "resolve")]).await;
    assert_eq!(location(&resolved), format!("/agent/tickets/{id}?notice=resolved"));
    let ticket = get_ticket(&app, &agent, &id).await;
    assert_eq!(ticket["status"], "resolved");
    let internal: Vec<bool> =
        ticket["messages"].as_array().unwrap().iter().map(|m| m["internal"].as_bool().unwrap()).collect();
    // The opening message, the note, the reply, and the satisfaction survey resolving sent the customer.
    assert_eq!(internal, [false, true, false, false]);
    assert!(ticket["messages"][3]["body"].as_str().unwrap().contains("/csat/"), "the last message is the survey");

    let empty = post_form(&app, &agent, &path, &[("mode", "note"), ("body", "")]).await;
    let back = location(&empty);
    assert!(back.starts_with(&format!("/agent/tickets/{id}?error=required&field=body")), "{back}");
    assert!(back.contains("mode=note"), "the mode is kept: {back}");
    let (_, html) = page(&app, &agent, &back).await;
    assert!(html.contains(r#"id="agent-reply-body-error""#), "the error sits under the message");
    let by_customer = post_form(&app, &customer, &path, &[("mode", "note"), ("body", "sneaky")]).await;
    assert!(location(&by_customer).contains("error=forbidden"), "{}", location(&by_customer));
}

async fn the_properties_form_changes_only_what_differs(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "props@example.com", "customer").await;
    let (agent, agent_user) = sign_in(&app, &admin, "worker@example.com", "agent").await;
    let id = id_of(&customer_ticket(&app, &customer, "Slow course videos").await);
    let path = app.url(&format!("/agent/tickets/{id}/properties"));
    let agent_id = id_of(&agent_user);
    let fields = [
        ("status", "new"),
        ("priority", "high"),
        ("category", "Courses/Access"),
        ("tags", "video, slow"),
        ("team_id", ""),
        ("assignee_id", agent_id.as_str()),
    ];
    let saved = agent.post(&path).form(&fields).send().await.unwrap();
    assert_eq!(location(&saved), format!("/agent/tickets/{id}?notice=saved"), "an unchanged status is no transition");
    let ticket = get_ticket(&app, &agent, &id).await;
    assert_eq!((ticket["status"].as_str(), ticket["priority"].as_str()), (Some("new"), Some("high")));
    assert_eq!(ticket["assignee"]["id"], agent_id.as_str());
    assert_eq!(ticket["tags"], json!(["slow", "video"]));

    let bad = agent.post(&path).form(&[("status", "closed"), ("priority", "high")]).send().await.unwrap();
    let back = location(&bad);
    assert!(back.contains("error=invalid_transition&field=status"), "{back}");
    let (_, html) = page(&app, &agent, &back).await;
    assert!(html.contains(r#"id="prop-status-error""#), "the refusal is shown under the status");
}

async fn the_queue_page_lists_and_filters_tickets(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "queue@example.com", "customer").await;
    let (agent, _) = sign_in(&app, &admin, "queuer@example.com", "agent").await;
    customer_ticket(&app, &customer, "Alpha printer jam").await;
    customer_ticket(&app, &customer, "Beta login loop").await;

    let (status, html) = page(&app, &agent, "/agent/tickets").await;
    assert_eq!(status, 200);
    assert!(html.contains("Alpha printer jam") && html.contains("Beta login loop"));
    let (_, html) = page(&app, &agent, "/agent/tickets?q=printer").await;
    assert!(html.contains("Alpha printer jam") && !html.contains("Beta login loop"), "search narrows the list");
    let (status, html) = page(&app, &agent, "/agent/tickets?status=bogus").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"id="filter-status-error""#), "a refused filter is explained next to it");
    let (status, _) = page(&app, &customer, "/agent/tickets").await;
    assert_eq!(status, 403, "customers have no queue");
}

async fn ticket_pages_speak_german(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "kundin@example.com", "customer").await;
    let (agent, _) = sign_in(&app, &admin, "agentin@example.com", "agent").await;
    let id = id_of(&customer_ticket(&app, &customer, "Rechnung fehlt").await);
    let german =
        |client: &Client, path: &str| client.get(app.url(path)).header("accept-language", "de-DE,de;q=0.9").send();
    let portal = german(&customer, "/portal").await.unwrap().text().await.unwrap();
    assert!(portal.contains("Meine Anfragen") && portal.contains("Neue Anfrage") && portal.contains("Filter anwenden"));
    let new = german(&customer, "/portal/new?quick=invoice").await.unwrap().text().await.unwrap();
    assert!(
        new.contains("Anfrage senden")
            && new.contains("Frage zu einer Rechnung")
            && new.contains("Abrechnung › Rechnungen")
    );
    let thread = german(&customer, &format!("/portal/tickets/{id}")).await.unwrap().text().await.unwrap();
    assert!(thread.contains("Ihre Antwort") && thread.contains("Antwort senden"));
    let queue = german(&agent, "/agent/tickets").await.unwrap().text().await.unwrap();
    assert!(queue.contains("Meine offenen") && queue.contains("Auf Auswahl anwenden") && queue.contains("Zuständig"));
    let workspace = german(&agent, &format!("/agent/tickets/{id}")).await.unwrap().text().await.unwrap();
    for text in ["Interne Notiz", "Senden und lösen", "Eigenschaften", "Aktivität", "In neues Ticket aufteilen"] {
        assert!(workspace.contains(text), "the workspace says {text:?}");
    }
    assert!(!workspace.contains(">Send and resolve<"), "and no English label is left");
}
