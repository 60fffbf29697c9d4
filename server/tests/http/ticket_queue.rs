//! The agent queue's filters and sorts over REST, and the browser context a ticket is filed with.

use crate::common;

use common::tickets::*;
use common::TestApp;
use serde_json::{json, Value};

on_both_backends!(
    context_is_kept_without_anything_secret,
    category_type_and_date_filters_narrow_the_queue,
    every_sort_is_accepted_and_bad_values_list_the_choices,
);

async fn context_is_kept_without_anything_secret(app: TestApp) {
    let (customer, _) = app.signed_in_as("customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let context = json!({
        "page_url": "https://shop.example.com/checkout?session=s3cr3t&coupon=x#pay",
        "browser": "Firefox 128",
        "os": "Linux",
        "screen": "1920x1080",
        "language": "de-DE",
        "time_zone": "Europe/Berlin",
    });
    let filed =
        create(&app, &customer, json!({"subject": "Checkout fails", "body": "Error 500", "context": context})).await;
    let want = json!({
        "page_url": "https://shop.example.com/checkout",
        "browser": "Firefox 128",
        "os": "Linux",
        "screen": "1920x1080",
        "language": "de-DE",
        "time_zone": "Europe/Berlin",
    });
    assert_eq!(filed["context"], want);
    let id = id_of(&filed);
    assert_eq!(get_ticket(&app, &agent, &id).await["context"], want, "staff see it");
    let listed = body_json(get(&app, &agent, "/api/v1/tickets").await).await;
    assert_eq!(listed["items"][0]["context"], want, "lists carry it too");
    let text = get(&app, &agent, &format!("/api/v1/tickets/{id}")).await.text().await.unwrap();
    assert!(!text.contains("s3cr3t"), "the query string was never stored: {text}");

    let plain = customer_ticket(&app, &customer, "No context").await;
    assert!(plain["context"].is_null() && plain["merged_into"].is_null() && plain["split_from"].is_null(), "{plain}");

    let count = list_ids(&app, &agent, "").await.len();
    for (bad, code) in [
        (json!({"cookie": "a=b"}), "unknown_context_field"),
        (json!({"screen": 1920}), "invalid_context"),
        (json!("https://example.com"), "invalid_context"),
    ] {
        let response = customer
            .post(app.url("/api/v1/tickets"))
            .json(&json!({"subject": "S", "body": "B", "context": bad}))
            .send()
            .await
            .unwrap();
        let (status, got, field, _) = error_parts(response).await;
        assert_eq!((status, got.as_str(), field.as_deref()), (422, code, Some("context")), "{bad}");
    }
    assert_eq!(list_ids(&app, &agent, "").await.len(), count, "refused tickets were not created");
}

async fn category_type_and_date_filters_narrow_the_queue(app: TestApp) {
    let (customer, _) = app.signed_in_as("customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let file = |category: Option<&str>, ticket_type: Option<&str>| {
        let mut ticket = json!({"subject": format!("{category:?} {ticket_type:?}"), "body": "details"});
        if let Some(category) = category {
            ticket["category"] = json!(category);
        }
        if let Some(ticket_type) = ticket_type {
            ticket["type"] = json!(ticket_type);
        }
        ticket
    };
    let mut ids = Vec::new();
    for (category, ticket_type) in [
        (Some("Billing"), Some("question")),
        (Some("Billing/Invoices"), Some("incident")),
        (Some("Billing Disputes"), Some("question")),
        (Some("Shipping/Billing"), None),
        (None, Some("question")),
    ] {
        ids.push(id_of(&create(&app, &customer, file(category, ticket_type)).await));
    }
    let pick = |which: &[usize]| set_of(which.iter().map(|i| &ids[*i]));
    let cases = [
        ("category=Billing", pick(&[0, 1])),
        ("category=Billing%2FInvoices", pick(&[1])),
        ("category=%20Billing%20%2F%20Invoices%20", pick(&[1])),
        ("category=billing", pick(&[])),
        ("category=Shipping", pick(&[3])),
        ("type=question", pick(&[0, 2, 4])),
        ("type=incident&category=Billing", pick(&[1])),
    ];
    for (query, want) in cases {
        assert_eq!(set_of(&list_ids(&app, &agent, query).await), want, "?{query}");
    }
    assert_eq!(set_of(&list_ids(&app, &customer, "category=Billing").await), pick(&[0, 1]), "customers filter too");

    let today = chrono::Utc::now().date_naive();
    let (yesterday, tomorrow) = (today.pred_opt().unwrap(), today.succ_opt().unwrap());
    let everything = pick(&[0, 1, 2, 3, 4]);
    let filed_at = get_ticket(&app, &agent, &ids[2]).await["created_at"].as_str().unwrap().to_string();
    let after_filing = filed_at.replace('+', "%2B");
    for (query, want) in [
        (format!("created_from={today}"), everything.clone()),
        (format!("created_from={yesterday}&created_to={today}"), everything.clone()),
        (format!("created_to={yesterday}"), pick(&[])),
        (format!("created_from={tomorrow}"), pick(&[])),
        (format!("created_from={after_filing}"), pick(&[2, 3, 4])),
        (format!("created_to={after_filing}"), pick(&[0, 1, 2])),
        (format!("created_from={after_filing}&created_to={after_filing}"), pick(&[2])),
    ] {
        assert_eq!(set_of(&list_ids(&app, &agent, &query).await), want, "?{query}");
    }
    // Resolving stamps the final resolution: only resolved tickets fall in a resolved range.
    patch_ok(&app, &agent, &ids[3], json!({"status": "resolved"})).await;
    for (query, want) in [
        (format!("resolved_from={today}"), pick(&[3])),
        (format!("resolved_from={yesterday}&resolved_to={today}"), pick(&[3])),
        (format!("resolved_to={yesterday}"), pick(&[])),
        (format!("resolved_from={today}&category=Billing"), pick(&[])),
    ] {
        assert_eq!(set_of(&list_ids(&app, &agent, &query).await), want, "?{query}");
    }

    for (query, field) in [
        ("created_from=yesterday", "created_from"),
        ("created_to=2024-02-30", "created_to"),
        ("created_from=2024-05-02&created_to=2024-05-01", "created_to"),
        ("category=a%2F%2Fb", "category"),
        ("type=%20", "type"),
        ("resolved_from=soon", "resolved_from"),
        ("resolved_from=2024-05-02&resolved_to=2024-05-01", "resolved_to"),
    ] {
        let (status, _, got, _) = error_parts(get(&app, &agent, &format!("/api/v1/tickets?{query}")).await).await;
        assert_eq!((status, got.as_deref()), (422, Some(field)), "?{query}");
    }
}

async fn every_sort_is_accepted_and_bad_values_list_the_choices(app: TestApp) {
    let (customer, _) = app.signed_in_as("customer").await;
    let (agent, _) = app.signed_in_as("agent").await;
    let mut ids = Vec::new();
    for (subject, priority) in [("First", "low"), ("Second", "urgent"), ("Third", "normal")] {
        ids.push(id_of(&create(&app, &customer, json!({"subject": subject, "body": "x", "priority": priority})).await));
    }
    patch_ok(&app, &agent, &ids[2], json!({"status": "open"})).await;
    let order = |which: [usize; 3]| which.map(|i| ids[i].clone()).to_vec();
    for (sort, want) in [
        ("number", Some(order([0, 1, 2]))),
        ("-number", Some(order([2, 1, 0]))),
        ("created_at", Some(order([0, 1, 2]))),
        ("-created_at", Some(order([2, 1, 0]))),
        ("priority", Some(order([1, 2, 0]))),
        ("-priority", Some(order([0, 2, 1]))),
        ("status", None),
        ("updated_at", None),
        ("-updated_at", None),
    ] {
        let got = list_ids(&app, &agent, &format!("sort={sort}")).await;
        assert_eq!(got.len(), 3, "sort={sort}");
        if let Some(want) = want {
            assert_eq!(got, want, "sort={sort}");
        }
    }
    assert_eq!(list_ids(&app, &agent, "sort=status").await.last(), Some(&ids[2]), "open after new");
    assert_eq!(list_ids(&app, &agent, "").await.first(), Some(&ids[2]), "-updated_at is the default");

    let response = get(&app, &agent, "/api/v1/tickets?sort=oldest").await;
    let (status, code, field, message) = error_parts(response).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (422, "unknown_sort", Some("sort")));
    for choice in ["-updated_at", "updated_at", "-created_at", "-priority", "number", "-number", "status"] {
        assert!(message.contains(choice), "{choice} is listed: {message}");
    }
    let doc = body_json(get(&app, &agent, "/api/v1/openapi.json").await).await;
    let params = doc["paths"]["/api/v1/tickets"]["get"]["parameters"].as_array().expect("documented parameters");
    let names: Vec<&str> = params.iter().filter_map(|p| p["name"].as_str()).collect();
    for name in ["category", "type", "created_from", "created_to", "sort"] {
        assert!(names.contains(&name), "{name} is documented: {names:?}");
    }
    let listed: Value = body_json(get(&app, &agent, "/api/v1/tickets?sort=-number&per_page=1").await).await;
    assert_eq!((listed["total"].as_u64(), id_of(&listed["items"][0])), (Some(3), ids[2].clone()));
}
