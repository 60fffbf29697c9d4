//! Every update in tests/corpus/telegram, parsed and compared with the full expected result.

use chrono::DateTime;

use super::parse_update;
use crate::channel::provider::WebhookError;
use crate::channel::{AttachmentSource, InboundAttachment, InboundEvent, InboundMessage, ThreadHints};
use crate::domain::delivery::{Identity, IdentityKind};
use crate::domain::Channel;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/telegram");

fn message(from: &str, name: &str, id: &str, date: i64, text: &str) -> InboundMessage {
    InboundMessage {
        channel: Channel::Telegram,
        provider_message_id: id.to_string(),
        sender: Identity { kind: IdentityKind::Telegram, address: from.to_string() },
        sender_name: Some(name.to_string()),
        subject: None,
        text: text.to_string(),
        html: None,
        attachments: Vec::new(),
        thread: ThreadHints::default(),
        sent_at: DateTime::from_timestamp(date, 0),
        edited: false,
    }
}

/// The docs samples' user 1111111, message 1365.
fn docs(text: &str) -> InboundMessage {
    message("1111111", "Test Firstname Test Lastname", "1111111:1365", 1441645532, text)
}

/// The Zammad fixtures' user 111111.
fn zammad(message_id: i64, date: i64, text: &str) -> InboundMessage {
    message("111111", "Test Firstname Test Lastname", &format!("111111:{message_id}"), date, text)
}

fn with_file(mut message: InboundMessage, name: &str, content_type: &str, file_id: &str) -> InboundMessage {
    message.attachments.push(InboundAttachment {
        name: name.to_string(),
        content_type: content_type.to_string(),
        inline: false,
        content_id: None,
        source: AttachmentSource::TelegramFile { file_id: file_id.to_string() },
    });
    message
}

fn msg(message: InboundMessage) -> InboundEvent {
    InboundEvent::Message(message)
}

fn ignored(reason: &str) -> InboundEvent {
    InboundEvent::Ignored { reason: reason.to_string() }
}

fn expectations() -> Vec<(&'static str, InboundEvent)> {
    let docs_file = "AwADBAADbXXXXXXXXXXXGBdhD2l6_XX";
    let mut edited = docs("Edited text");
    edited.provider_message_id = "1111111:1365:edit:1441646600".to_string();
    edited.sent_at = DateTime::from_timestamp(1441646600, 0);
    edited.edited = true;
    let mut reply = docs("/start");
    reply.thread.references = vec!["1111112:1334".to_string()];
    let mut minimal = docs("/start");
    minimal.sender_name = Some("Test Test Lastname".to_string());
    vec![
        ("tg_docs_callback_query.json", ignored("`callback_query` updates are not handled")),
        ("tg_docs_chosen_inline_result.json", ignored("`chosen_inline_result` updates are not handled")),
        ("tg_docs_edited_message.json", msg(edited)),
        ("tg_docs_inline_query.json", ignored("`inline_query` updates are not handled")),
        ("tg_docs_message_audio.json", msg(with_file(docs(""), "audio.mp3", "audio/mpeg", docs_file))),
        ("tg_docs_message_document.json", msg(with_file(docs(""), "Testfile.pdf", "application/pdf", docs_file))),
        ("tg_docs_message_entities.json", msg(docs("Bold and italics"))),
        ("tg_docs_message_forwarded.json", msg(docs("/start"))),
        ("tg_docs_message_forwarded_channel.json", msg(docs("/start"))),
        ("tg_docs_message_reply.json", msg(reply)),
        ("tg_docs_message_text.json", msg(docs("/start"))),
        ("tg_docs_message_text_minimal.json", msg(minimal)),
        ("tg_docs_message_voice.json", msg(with_file(docs(""), "voice.ogg", "audio/ogg", docs_file))),
        (
            "zammad_channel_post_text.json",
            ignored("a channel post (channels are broadcasts, not support conversations)"),
        ),
        (
            "zammad_private_document.json",
            msg(with_file(zammad(2, 1486036832, ""), "document.pdf", "application/pdf", "documentfileid")),
        ),
        ("zammad_private_my_chat_member_kicked.json", ignored("`my_chat_member` updates are not handled")),
        (
            "zammad_private_photo_caption.json",
            msg(with_file(zammad(3, 1486036832, "caption 123<b>abc</b>"), "photo.jpg", "image/jpeg", "photofileid3")),
        ),
        ("zammad_private_text.json", msg(zammad(5, 1441645532, "Hello, I need your Help"))),
    ]
}

#[test]
fn every_corpus_file_has_an_expectation_and_every_expectation_a_file() {
    let expected: Vec<&str> = expectations().iter().map(|(name, _)| *name).collect();
    crate::channel::corpus::assert_covers(CORPUS, "Telegram", 18, &expected);
}

#[test]
fn every_corpus_file_parses_to_its_expected_result() {
    for (name, expected) in expectations() {
        let raw = std::fs::read(format!("{CORPUS}/{name}")).unwrap_or_else(|err| panic!("{name}: {err}"));
        let parsed = parse_update(&raw).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(parsed, expected, "{name}");
    }
}

#[test]
fn a_retried_edit_keeps_its_id_and_a_second_edit_gets_another() {
    let update = |edit_date: i64| {
        format!(
            r#"{{"update_id":7,"edited_message":{{"message_id":9,"date":100,"edit_date":{edit_date},
            "chat":{{"id":42,"type":"private"}},"from":{{"id":42,"is_bot":false,"first_name":"Ann"}},"text":"v"}}}}"#
        )
    };
    let id = |body: String| match parse_update(body.as_bytes()).unwrap() {
        InboundEvent::Message(message) => message.provider_message_id,
        other => panic!("{other:?}"),
    };
    assert_eq!(id(update(200)), "42:9:edit:200");
    assert_eq!(id(update(200)), id(update(200)));
    assert_ne!(id(update(200)), id(update(300)));
}

#[test]
fn groups_bots_service_messages_and_other_content() {
    let parse = |message: &str| {
        let body = format!(r#"{{"update_id":1,"message":{{"message_id":5,"date":100,{message}}}}}"#);
        parse_update(body.as_bytes()).unwrap()
    };
    let person = r#""from":{"id":42,"is_bot":false,"first_name":"Ann","username":"ann"}"#;
    let private = r#""chat":{"id":42,"type":"private"}"#;
    let text_of = |event: InboundEvent| match event {
        InboundEvent::Message(message) => message.text,
        InboundEvent::Ignored { reason } => format!("ignored: {reason}"),
        other => panic!("{other:?}"),
    };
    let group = parse(&format!(r#"{person},"chat":{{"id":-100123,"type":"supergroup"}},"text":"hi""#));
    assert_eq!(text_of(group), "ignored: a message in a group chat (only private chats are support conversations)");
    let bot = parse(&format!(r#""from":{{"id":42,"is_bot":true,"first_name":"B"}},{private},"text":"hi""#));
    assert_eq!(text_of(bot), "ignored: a message from a bot");
    let pinned =
        parse(&format!(r#"{person},{private},"pinned_message":{{"message_id":1,"date":1,"chat":{{"id":42}}}}"#));
    assert_eq!(text_of(pinned), "ignored: a service message without content");
    let location = parse(&format!(r#"{person},{private},"location":{{"latitude":52.52,"longitude":13.405}}"#));
    assert_eq!(text_of(location), "[Location] (52.52, 13.405)");
    let contact =
        parse(&format!(r#"{person},{private},"contact":{{"phone_number":"+4915112345678","first_name":"Bo"}}"#));
    assert_eq!(text_of(contact), "[Contact] Bo +4915112345678");
    let sticker = parse(&format!(r#"{person},{private},"sticker":{{"file_id":"s","emoji":"👍"}}"#));
    assert_eq!(text_of(sticker), "[Sticker] 👍");
    let poll = parse(&format!(r#"{person},{private},"poll":{{"id":"p","question":"?"}}"#));
    assert_eq!(text_of(poll), "[Unsupported Telegram message: poll]");
    let Ok(InboundEvent::Message(nameless)) =
        parse_update(br#"{"update_id":1,"message":{"message_id":5,"date":1,"chat":{"id":7,"type":"private"},"from":{"id":7,"first_name":" ","username":"ann"},"text":"x"}}"#)
    else {
        panic!("a message")
    };
    assert_eq!(nameless.sender_name.as_deref(), Some("ann"), "the username when there is no name");
}

#[test]
fn malformed_updates_are_refused() {
    let cases: [&[u8]; 5] = [
        b"",
        b"[]",
        br#"{"message":{"message_id":1,"date":1,"chat":{"id":1},"text":"x"}}"#,
        br#"{"update_id":"1","message":{"message_id":1,"date":1,"chat":{"id":1},"text":"x"}}"#,
        br#"{"update_id":1,"message":{"date":1,"chat":{"id":1},"text":"x"}}"#,
    ];
    for body in cases {
        let result = parse_update(body);
        assert!(
            matches!(result, Err(WebhookError::Malformed(_))),
            "{:?} gave {result:?}",
            String::from_utf8_lossy(body)
        );
    }
}
