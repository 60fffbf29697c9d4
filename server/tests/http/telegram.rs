//! Telegram over real HTTP against a local fake of the Bot API: the secret token header checked first, every
//! corpus update stored exactly once with its files fetched, and replies sent back with sendMessage.

use serde_json::{json, Value};

use crate::common;
use crate::common::providers::{post_telegram, sample_bytes, FakeProviders};
use crate::common::tickets::reply_ok;
use crate::common::TestApp;

crate::with_fake_providers!(every_corpus_update_is_stored_once_with_its_files, a_wrong_secret_stores_nothing);

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/telegram");

/// The corpus updates, each message given an id and file ids of its own (the Bot API docs' samples share them).
fn corpus() -> Vec<(String, Value)> {
    let mut names: Vec<String> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 15, "the Telegram corpus looks incomplete: {names:?}");
    names
        .into_iter()
        .enumerate()
        .map(|(index, name)| {
            let raw = std::fs::read(format!("{CORPUS}/{name}")).unwrap();
            let mut update: Value = serde_json::from_slice(&raw).unwrap();
            for key in ["message", "edited_message"] {
                if update[key].is_object() {
                    update[key]["message_id"] = json!(1000 + index);
                }
            }
            suffix_file_ids(&mut update, &format!("-{index}"));
            (name, update)
        })
        .collect()
}

fn suffix_file_ids(value: &mut Value, suffix: &str) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields.iter_mut() {
                match field {
                    Value::String(id) if key == "file_id" => id.push_str(suffix),
                    other => suffix_file_ids(other, suffix),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| suffix_file_ids(item, suffix)),
        _ => {}
    }
}

/// The private-chat message in an update (what becomes a ticket message), if any.
fn customer_message(update: &Value) -> Option<&Value> {
    let message = update.get("message").or_else(|| update.get("edited_message"))?;
    // The parser takes a chat without a type (the docs' minimal sample) as private.
    let private = message["chat"].get("type").is_none_or(|kind| kind == "private");
    private.then_some(message)
}

/// The file a message carries (the largest photo size for a photo) and its media type.
fn file_of(message: &Value) -> Option<(String, String)> {
    if let Some(sizes) = message["photo"].as_array() {
        return Some((sizes.last()?["file_id"].as_str()?.into(), "image/jpeg".into()));
    }
    ["document", "audio", "voice", "video"].iter().find_map(|kind| {
        let file = &message[*kind];
        Some((file["file_id"].as_str()?.into(), file["mime_type"].as_str().unwrap_or("image/jpeg").into()))
    })
}

async fn all_tickets(app: &TestApp) -> Vec<Value> {
    common::tickets::all_tickets(app, &app.admin().await).await
}

async fn every_corpus_update_is_stored_once_with_its_files(app: TestApp, fake: FakeProviders) {
    let corpus = corpus();
    let (mut expected_messages, mut expected_files) = (0, 0);
    let mut chats = std::collections::BTreeSet::new();
    for (_, update) in &corpus {
        let Some(message) = customer_message(update) else { continue };
        expected_messages += 1;
        chats.insert(message["chat"]["id"].to_string());
        if let Some((file_id, mime)) = file_of(message) {
            fake.add_file(&file_id, &mime, &sample_bytes(&mime));
            expected_files += 1;
        }
    }
    assert!(expected_messages >= 10 && expected_files >= 4, "{expected_messages} messages, {expected_files} files");
    for round in 0..2 {
        for (name, update) in &corpus {
            let (status, text) = post_telegram(&app, &serde_json::to_vec(update).unwrap(), None).await;
            assert_eq!(status, 200, "round {round}, {name}: {text}");
        }
    }
    let tickets = all_tickets(&app).await;
    assert_eq!(tickets.len(), chats.len(), "one conversation per private chat");
    let (messages, files) = common::tickets::messages_and_files(&tickets);
    assert_eq!(messages.len(), expected_messages, "every message once, however often it was delivered");
    assert_eq!(files, expected_files, "every photo, voice note and document was fetched and kept");
    let bodies: Vec<&str> = messages.iter().filter_map(|m| m["body"].as_str()).collect();
    assert!(bodies.iter().any(|b| b.contains("caption 123<b>abc</b>")), "HTML-looking text stays text: {bodies:?}");

    // The agent answers in the chat of the first conversation.
    let admin = app.admin().await;
    let ticket = tickets[0]["id"].as_str().unwrap();
    reply_ok(&app, &admin, ticket, json!({"body": "Danke für Ihre Nachricht!"})).await;
    let sent = fake.wait_for("/sendMessage", 1).await;
    let request = sent[0].json();
    assert_eq!(request["text"], "Danke für Ihre Nachricht!");
    assert!(chats.contains(&request["chat_id"].to_string()), "{request}");
}

async fn a_wrong_secret_stores_nothing(app: TestApp, _fake: FakeProviders) {
    let raw = std::fs::read(format!("{CORPUS}/zammad_private_text.json")).unwrap();
    assert_eq!(post_telegram(&app, &raw, Some("wrong-secret")).await.0, 403);
    assert_eq!(post_telegram(&app, &raw, Some("")).await.0, 403);
    let (status, text) = post_telegram(&app, b"{\"update_id\": \"x\"}", None).await;
    assert_eq!(status, 400, "{text}");
    assert!(all_tickets(&app).await.is_empty());
    assert_eq!(post_telegram(&app, &raw, None).await.0, 200, "the right secret is accepted");
    assert_eq!(all_tickets(&app).await.len(), 1);
}
