//! `/admin/channels`: every channel's setup with its secrets masked (never shown back, not even in part), and a
//! test message through each configured channel, refused to anyone but admins.

use serde_json::Value;

use crate::common;
use crate::common::pages::page;
use crate::common::providers::{
    FakeProviders, TELEGRAM_SECRET, TELEGRAM_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_TOKEN, WHATSAPP_VERIFY_TOKEN,
};
use crate::common::TestApp;

crate::with_fake_providers!(admins_see_masked_settings_and_send_test_messages);

async fn send_test(app: &TestApp, client: &reqwest::Client, channel: &str, to: &str) -> (u16, Value) {
    let response =
        client.post(app.url("/api/send_channel_test")).form(&[("channel", channel), ("to", to)]).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn admins_see_masked_settings_and_send_test_messages(app: TestApp, fake: FakeProviders) {
    let admin = app.admin().await;
    let (status, html) = page(&app, &admin, "/admin/channels").await;
    assert_eq!(status, 200);
    for shown in ["TIDINGS_WHATSAPP_APP_SECRET", "1122334455667", "/api/v1/channels/whatsapp/webhook", "follow_up:de"] {
        assert!(html.contains(shown), "{shown} is on the page");
    }
    assert!(html.contains(&format!("({} characters)", WHATSAPP_APP_SECRET.len())), "a secret shows as set");
    for secret in [WHATSAPP_APP_SECRET, WHATSAPP_TOKEN, WHATSAPP_VERIFY_TOKEN, TELEGRAM_TOKEN, TELEGRAM_SECRET] {
        assert!(!html.contains(secret), "a secret is never shown back");
        assert!(!html.contains(&secret[secret.len() / 2..]), "not even half of it");
    }
    assert!(html.contains("data-configured=\"false\""), "email has no SMTP here: not configured");

    let (status, provider_id) = send_test(&app, &admin, "telegram", "111111").await;
    assert_eq!(status, 200, "{provider_id}");
    let sent = fake.wait_for("/sendMessage", 1).await;
    assert_eq!(sent[0].json()["chat_id"], 111111);
    assert!(provider_id.as_str().is_some_and(|id| id.starts_with("111111:")), "{provider_id}");
    let (status, _) = send_test(&app, &admin, "whatsapp", "+49 151 2345678").await;
    assert_eq!(status, 200);
    assert_eq!(fake.wait_for("/messages", 1).await[0].json()["to"], "491512345678");

    let (status, refused) = send_test(&app, &admin, "email", "someone@example.com").await;
    assert!(status >= 400, "{refused}");
    assert_eq!(refused["code"], "channel_disabled", "{refused}");
    let (status, refused) = send_test(&app, &admin, "telegram", "not-a-chat").await;
    assert!(status >= 400);
    assert_eq!(refused["code"], "provider_refused", "{refused}");

    let (agent, _) = app.signed_in_as("agent").await;
    let (status, refused) = send_test(&app, &agent, "telegram", "111111").await;
    assert!(status >= 400);
    assert_eq!(refused["code"], "forbidden");
    assert_eq!(fake.sent("/sendMessage").len(), 1, "nothing more was sent");
}
