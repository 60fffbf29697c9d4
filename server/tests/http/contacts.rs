//! One contact across channels: the customer who wrote by email and later on WhatsApp is merged into one contact
//! with both identities and all tickets; the requester card and customer page show every identity, and the next
//! WhatsApp message continues the merged contact's conversation.

use serde_json::{json, Value};

use crate::common;
use crate::common::pages::{location, page, post_urlencoded};
use crate::common::providers::{post_whatsapp, FakeProviders};
use crate::common::tickets::{get_ticket, list_ids, sign_in, staff_ticket};
use crate::common::{error_code, TestApp};

crate::with_fake_providers!(an_agent_merges_the_email_and_the_whatsapp_contact);

async fn whatsapp_text(app: &TestApp, id: &str, text: &str) {
    let raw = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/whatsapp/pywa_message_text.json"));
    let mut body: Value = serde_json::from_slice(&raw.unwrap()).unwrap();
    let message = &mut body["entry"][0]["changes"][0]["value"]["messages"][0];
    message["id"] = json!(id);
    message["text"]["body"] = json!(text);
    let (status, answer) = post_whatsapp(app, &serde_json::to_vec(&body).unwrap(), None).await;
    assert_eq!(status, 200, "{answer}");
}

async fn an_agent_merges_the_email_and_the_whatsapp_contact(app: TestApp, _fake: FakeProviders) {
    let admin = app.admin().await;
    let (agent, _) = sign_in(&app, &admin, "agent@example.com", "agent").await;
    app.create_user(&admin, "test.name@example.com", "customer").await;
    let by_email = staff_ticket(&app, &agent, "test.name@example.com", "Zertifikat fehlt", json!({})).await;
    let email_contact = by_email["requester"]["id"].as_str().unwrap().to_string();
    whatsapp_text(&app, "wamid.one", "Hallo, ich habe per E-Mail geschrieben").await;
    let ids = list_ids(&app, &agent, "channel=whatsapp").await;
    assert_eq!(ids.len(), 1);
    let on_whatsapp = get_ticket(&app, &agent, &ids[0]).await;
    let whatsapp_contact = on_whatsapp["requester"]["id"].as_str().unwrap().to_string();
    assert_ne!(whatsapp_contact, email_contact, "two addresses, two contacts until someone merges them");

    // A customer may not merge; merging into oneself or an unknown contact is refused with the field named.
    let (customer, _) = sign_in(&app, &admin, "someone@example.com", "customer").await;
    let url = app.url(&format!("/api/v1/customers/{whatsapp_contact}/merge"));
    let refused = customer.post(&url).json(&json!({"into": email_contact})).send().await.unwrap();
    assert_eq!(refused.status(), 403);
    let same = agent.post(&url).json(&json!({"into": whatsapp_contact})).send().await.unwrap();
    assert_eq!((same.status().as_u16(), error_code(same).await.as_str()), (422, "same_contact"));
    let form = post_urlencoded(
        &app,
        &agent,
        &format!("/agent/customers/{whatsapp_contact}/merge"),
        &[("into", "nobody@example.com")],
    )
    .await;
    assert!(location(&form).contains("error=unknown_contact"), "{}", location(&form));

    // The agent merges by the email address on the customer page.
    let form = post_urlencoded(
        &app,
        &agent,
        &format!("/agent/customers/{whatsapp_contact}/merge"),
        &[("into", "Test.Name@example.com")],
    )
    .await;
    assert_eq!(location(&form), format!("/agent/customers/{email_contact}?notice=contacts_merged"));
    let profile: Value =
        agent.get(app.url(&format!("/api/v1/customers/{email_contact}"))).send().await.unwrap().json().await.unwrap();
    let identities: Vec<(String, String)> = profile["identities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|identity| (identity["kind"].as_str().unwrap().into(), identity["address"].as_str().unwrap().into()))
        .collect();
    assert!(identities.contains(&("email".into(), "test.name@example.com".into())), "{identities:?}");
    assert!(identities.contains(&("whatsapp".into(), "972987654321".into())), "{identities:?}");
    assert_eq!(profile["tickets"].as_array().unwrap().len(), 2, "both tickets are the merged contact's");

    // The requester card and the customer page show every identity.
    let (status, html) = page(&app, &agent, &format!("/agent/tickets/{}", ids[0])).await;
    assert_eq!(status, 200);
    assert!(html.contains("+972987654321") && html.contains("test.name@example.com"), "requester card: identities");
    let (_, html) = page(&app, &agent, &format!("/agent/customers/{email_contact}")).await;
    assert!(html.contains("data-identity=\"whatsapp\""), "customer page: identities");

    // The customer writes again on WhatsApp: it continues the same conversation, now the merged contact's.
    whatsapp_text(&app, "wamid.two", "Noch eine Frage").await;
    assert_eq!(list_ids(&app, &agent, "channel=whatsapp").await, ids, "no new ticket");
    let thread = get_ticket(&app, &agent, &ids[0]).await;
    assert_eq!(thread["requester"]["id"], email_contact.as_str());
    assert_eq!(thread["messages"].as_array().unwrap().len(), 2);
}
