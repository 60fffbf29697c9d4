//! Customer satisfaction over REST: resolving a ticket sends its customer one message with a signed link; the link
//! records one rating (1-5, optional comment) that the ticket and the summary then show; a used, forged or altered
//! link is a 404 that looks the same whatever the reason; no second survey after a reopening, none for a merged
//! duplicate.

use reqwest::Client;
use serde_json::{json, Value};

use crate::common;
use common::pages::{location, page, post_urlencoded};
use common::tickets::{body_json, customer_ticket, error_parts, get, get_ticket, id_of, patch_ok, sign_in};
use common::TestApp;

on_both_backends!(
    a_resolved_ticket_asks_its_customer_once_and_takes_one_answer,
    a_survey_is_not_sent_twice_nor_for_merged_duplicates,
    the_survey_page_takes_a_rating_without_javascript,
);

/// The survey tokens in the ticket's thread as its customer sees it.
async fn survey_tokens(app: &TestApp, customer: &Client, ticket_id: &str) -> Vec<String> {
    let ticket = get_ticket(app, customer, ticket_id).await;
    let messages = ticket["messages"].as_array().expect("messages");
    messages
        .iter()
        .filter_map(|message| {
            let body = message["body"].as_str()?;
            let (_, rest) = body.split_once("/csat/")?;
            assert_eq!(message["author"]["id"], "automation", "the survey is sent by Tidings itself");
            assert_eq!(message["internal"], false);
            Some(rest.split_whitespace().next()?.to_owned())
        })
        .collect()
}

async fn answer(app: &TestApp, path_prefix: &str, token: &str, body: Value) -> reqwest::Response {
    // No session: the link is the only credential.
    reqwest::Client::new().post(app.url(&format!("{path_prefix}/{token}"))).json(&body).send().await.unwrap()
}

async fn a_resolved_ticket_asks_its_customer_once_and_takes_one_answer(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let (agent, _) = sign_in(&app, &admin, "ada@example.com", "agent").await;
    let ticket = customer_ticket(&app, &customer, "Printer on fire").await;
    let id = id_of(&ticket);
    assert!(survey_tokens(&app, &customer, &id).await.is_empty(), "nobody is asked before the ticket is resolved");
    patch_ok(&app, &agent, &id, json!({"status": "resolved"})).await;
    let tokens = survey_tokens(&app, &customer, &id).await;
    assert_eq!(tokens.len(), 1, "one survey message");
    let token = &tokens[0];
    assert!(!token.contains(&id), "the link does not name the ticket");

    let (status, code, field, _) = error_parts(answer(&app, "/api/v1/csat", token, json!({"rating": 7})).await).await;
    assert_eq!((status, code.as_str(), field.as_deref()), (422, "out_of_range", Some("rating")));
    let recorded = answer(&app, "/api/v1/csat", token, json!({"rating": 4, "comment": " Quick, thanks "})).await;
    assert_eq!(recorded.status(), 200);
    assert_eq!(body_json(recorded).await, json!({"rating": 4, "comment": "Quick, thanks"}));

    let reused = answer(&app, "/api/v1/csat", token, json!({"rating": 1})).await;
    assert_eq!(reused.status(), 404, "a link works once");
    let reused = body_json(reused).await;
    let mut forged = token.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == '0' { '1' } else { '0' });
    let garbage = "csat1.0196a7b2-0000-7000-8000-000000000000.9999999999.".to_owned() + &"ab".repeat(32);
    for bad in [forged.as_str(), garbage.as_str(), "nonsense", id.as_str()] {
        for prefix in ["/api/v1/csat", "/csat"] {
            let response = answer(&app, prefix, bad, json!({"rating": 5})).await;
            assert_eq!(response.status(), 404, "{prefix}/{bad}");
            assert_eq!(body_json(response).await, reused, "every bad link is answered alike");
        }
    }

    for client in [&agent, &customer] {
        let seen = get_ticket(&app, client, &id).await;
        assert_eq!(seen["csat"], json!({"rating": 4, "comment": "Quick, thanks"}));
    }
    let summary = body_json(get(&app, &admin, "/api/v1/analytics/summary?preset=7d").await).await;
    assert_eq!((&summary["csat_avg"], &summary["csat_responses"]), (&json!(4.0), &json!(1)), "{summary}");
    assert_eq!((&summary["csat_surveys_sent"], &summary["csat_response_rate"]), (&json!(1), &json!(1.0)));

    // The address in the message (`/csat/{token}`) takes the answer too.
    let other = id_of(&customer_ticket(&app, &customer, "Second problem").await);
    patch_ok(&app, &agent, &other, json!({"status": "resolved"})).await;
    let token = survey_tokens(&app, &customer, &other).await.pop().expect("a survey");
    let recorded = answer(&app, "/csat", &token, json!({"rating": 2})).await;
    assert_eq!(recorded.status(), 200);
    assert_eq!(get_ticket(&app, &agent, &other).await["csat"], json!({"rating": 2, "comment": null}));
}

async fn a_survey_is_not_sent_twice_nor_for_merged_duplicates(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let (agent, _) = sign_in(&app, &admin, "ada@example.com", "agent").await;
    let id = id_of(&customer_ticket(&app, &customer, "Invoice wrong").await);
    patch_ok(&app, &agent, &id, json!({"status": "resolved"})).await;
    // The customer writes back, which reopens the ticket; it is resolved again.
    let response = customer
        .post(app.url(&format!("/api/v1/tickets/{id}/messages")))
        .json(&json!({"body": "Still wrong, sorry"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(get_ticket(&app, &agent, &id).await["status"], "open");
    patch_ok(&app, &agent, &id, json!({"status": "resolved"})).await;
    assert_eq!(survey_tokens(&app, &customer, &id).await.len(), 1, "asked once, whatever happens after");

    let duplicate = id_of(&customer_ticket(&app, &customer, "Invoice wrong (again)").await);
    let kept = id_of(&customer_ticket(&app, &customer, "Invoice wrong, the real one").await);
    let merged = agent
        .post(app.url(&format!("/api/v1/tickets/{duplicate}/merge")))
        .json(&json!({"into_id": kept}))
        .send()
        .await
        .unwrap();
    assert_eq!(merged.status(), 200);
    patch_ok(&app, &agent, &kept, json!({"status": "resolved"})).await;
    assert_eq!(survey_tokens(&app, &customer, &kept).await.len(), 1, "the ticket that carries on is asked");
    let summary = body_json(get(&app, &admin, "/api/v1/analytics/summary?preset=7d").await).await;
    assert_eq!(summary["csat_surveys_sent"], 2, "one for each ticket resolved, none for the duplicate: {summary}");
}

async fn the_survey_page_takes_a_rating_without_javascript(app: TestApp) {
    let admin = app.admin().await;
    let (customer, _) = sign_in(&app, &admin, "carla@example.com", "customer").await;
    let (agent, _) = sign_in(&app, &admin, "ada@example.com", "agent").await;
    let id = id_of(&customer_ticket(&app, &customer, "Slow login").await);
    patch_ok(&app, &agent, &id, json!({"status": "resolved"})).await;
    let token = survey_tokens(&app, &customer, &id).await.pop().expect("a survey");
    let path = format!("/csat/{token}");
    // Someone who follows the link from their mail: no session.
    let visitor = app.browser();
    let (status, html) = page(&app, &visitor, &path).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("action=\"{path}\"")) && html.contains("method=\"post\""), "a plain form: {html}");
    assert!(html.contains("<legend"), "the radio group has a legend");
    for value in 1..=5 {
        assert!(html.contains(&format!("for=\"csat-rating-{value}\"")), "rating {value} is labelled");
    }
    assert!(html.contains("name=\"comment\""));
    assert!(!html.contains("Slow login"), "the page does not show the ticket");

    let refused = post_urlencoded(&app, &visitor, &path, &[("comment", "no rating")]).await;
    assert_eq!((refused.status().as_u16(), location(&refused)), (303, format!("{path}?error=rating")));
    let sent = post_urlencoded(&app, &visitor, &path, &[("rating", "5"), ("comment", "Great <b>help</b>")]).await;
    assert_eq!((sent.status().as_u16(), location(&sent)), (303, format!("{path}?answered=1")));
    let (_, thanks) = page(&app, &visitor, &format!("{path}?answered=1")).await;
    assert!(thanks.contains("Thank you"), "{thanks}");
    let (_, used) = page(&app, &visitor, &path).await;
    assert!(used.contains("no longer valid") && !used.contains("<form method=\"post\""), "a used link: {used}");
    assert_eq!(get_ticket(&app, &agent, &id).await["csat"], json!({"rating": 5, "comment": "Great <b>help</b>"}));
    let again = post_urlencoded(&app, &visitor, &path, &[("rating", "1")]).await;
    assert_eq!(location(&again), path, "a used link goes back to the page, which says so");
}
