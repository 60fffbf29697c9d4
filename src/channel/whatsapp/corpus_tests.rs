//! Every payload in tests/corpus/whatsapp, parsed and compared with the full expected result.

use chrono::DateTime;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

use super::{parse_webhook, verify_handshake, verify_signature};
use crate::channel::{AttachmentSource, DeliveryUpdate, InboundAttachment, InboundEvent, InboundMessage, ThreadHints};
use crate::domain::delivery::{DeliveryStatus, Identity, IdentityKind};
use crate::domain::Channel;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/whatsapp");

enum Expected {
    Events(Vec<InboundEvent>),
    /// `meta_docs_webhook_verification_request.json`: a GET handshake, not a body.
    Handshake {
        token: &'static str,
        challenge: &'static str,
    },
    /// `meta_docs_event_notification_signed_request.json`: a signed Graph notification for another object.
    SignedOtherObject,
}

fn message(from: &str, name: &str, id: &str, timestamp: i64, text: &str) -> InboundMessage {
    InboundMessage {
        channel: Channel::Whatsapp,
        provider_message_id: id.to_string(),
        sender: Identity { kind: IdentityKind::Whatsapp, address: from.to_string() },
        sender_name: Some(name.to_string()),
        subject: None,
        text: text.to_string(),
        html: None,
        attachments: Vec::new(),
        thread: ThreadHints::default(),
        sent_at: DateTime::from_timestamp(timestamp, 0),
        edited: false,
    }
}

/// The pywa fixtures' customer.
fn pywa(id: &str, timestamp: i64, text: &str) -> InboundMessage {
    message("972987654321", "Test Name", id, timestamp, text)
}

fn with_media(mut message: InboundMessage, name: &str, content_type: &str, media_id: &str) -> InboundMessage {
    message.attachments.push(InboundAttachment {
        name: name.to_string(),
        content_type: content_type.to_string(),
        inline: false,
        content_id: None,
        source: AttachmentSource::WhatsappMedia { media_id: media_id.to_string() },
    });
    message
}

fn replying_to(mut message: InboundMessage, wamid: &str) -> InboundMessage {
    message.thread.references = vec![wamid.to_string()];
    message
}

fn one(message: InboundMessage) -> Expected {
    Expected::Events(vec![InboundEvent::Message(message)])
}

fn delivery(status: DeliveryStatus, error: Option<&str>) -> Expected {
    Expected::Events(vec![InboundEvent::Delivery(DeliveryUpdate {
        provider_message_id: "wamid.xyzxyz".to_string(),
        status,
        error: error.map(str::to_string),
    })])
}

fn expectations() -> Vec<(&'static str, Expected)> {
    let opus = "audio/ogg; codecs=opus";
    vec![
        ("meta_docs_event_notification_signed_request.json", Expected::SignedOtherObject),
        (
            "meta_docs_messages_text.json",
            one(message(
                "16505551234",
                "Sheena Nelson",
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
                1749416383,
                "Does it come in another color?",
            )),
        ),
        (
            "meta_docs_webhook_verification_request.json",
            Expected::Handshake { token: "meatyhamhock", challenge: "1158201444" },
        ),
        ("pywa_interactive_button_reply.json", one(replying_to(pywa("wamid.xyzxyz", 1698266730, "title"), "wamid.xyzxyz"))),
        ("pywa_message_audio_file.json", one(with_media(pywa("wamid.xyzxyz", 1697043509, ""), "audio.ogg", opus, "1234567890987654321"))),
        (
            "pywa_message_audio_voice_note.json",
            one(with_media(pywa("wamid.xyzxyz", 1697043473, ""), "voice.ogg", opus, "1234567890987654321")),
        ),
        (
            "pywa_message_document_forwarded.json",
            one(with_media(pywa("wamid.xyzxyz", 1697043666, "caption"), "filename.pdf", "application/pdf", "1234567890987654321")),
        ),
        ("pywa_message_image.json", one(with_media(pywa("wamid.xyzxyz", 1697043379, ""), "image.jpg", "image/jpeg", "65463453"))),
        ("pywa_message_location_current.json", one(pywa("wamid.xyzxyz", 1697044557, "[Location] (12.25089, 43.90539)"))),
        (
            "pywa_message_location_named_place.json",
            one(pywa(
                "wamid.xyzxyz",
                1697044557,
                "[Location] Facebook HQ, 1 Hacker Way, Menlo Park, CA 94025 (37.4611978, -122.2164385)",
            )),
        ),
        ("pywa_message_text.json", one(pywa("wamid.xyzxyz", 1697043223, "Body Text"))),
        (
            "pywa_message_text_reply_with_context.json",
            one(replying_to(pywa("wamid.xyzxyz", 1697044746, "replied text"), "wamid.xyzxyz==")),
        ),
        (
            "pywa_message_unsupported_with_errors.json",
            one(pywa("wamid.xyzxyz", 1697044706, "[Unsupported WhatsApp message: Message type is currently not supported.]")),
        ),
        ("pywa_status_delivered.json", delivery(DeliveryStatus::Delivered, None)),
        (
            "pywa_status_failed.json",
            delivery(
                DeliveryStatus::Failed,
                Some("User's number is part of an experiment (#130472): Failed to send message because this user's phone number is part of an experiment"),
            ),
        ),
        ("pywa_status_read.json", delivery(DeliveryStatus::Read, None)),
        ("pywa_status_sent.json", delivery(DeliveryStatus::Sent, None)),
        ("pywa_template_quick_reply_button.json", one(replying_to(pywa("wamid.xsidjw", 1698269027, "title"), "wamid.xyzxyz=="))),
    ]
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{CORPUS}/{name}")).unwrap_or_else(|err| panic!("cannot read corpus file {name}: {err}"))
}

#[test]
fn every_corpus_file_has_an_expectation_and_every_expectation_a_file() {
    let expected: Vec<&str> = expectations().iter().map(|(name, _)| *name).collect();
    crate::channel::corpus::assert_covers(CORPUS, "WhatsApp", 18, &expected);
}

#[test]
fn every_corpus_file_parses_to_its_expected_result() {
    for (name, expected) in expectations() {
        let raw = read(name);
        match expected {
            Expected::Events(events) => {
                let parsed = parse_webhook(&raw).unwrap_or_else(|err| panic!("{name}: {err}"));
                assert_eq!(parsed, events, "{name}");
            }
            Expected::Handshake { token, challenge } => {
                let request: Value = serde_json::from_slice(&raw).unwrap();
                let query = |key: &str| request["query"][key].as_str().map(str::to_string);
                let (mode, sent_token, sent_challenge) =
                    (query("hub.mode"), query("hub.verify_token"), query("hub.challenge"));
                let echoed = verify_handshake(mode.as_deref(), sent_token.as_deref(), sent_challenge.as_deref(), token);
                assert_eq!(echoed.as_deref(), Some(challenge), "{name}");
                let refused =
                    verify_handshake(mode.as_deref(), sent_token.as_deref(), sent_challenge.as_deref(), "other");
                assert_eq!(refused, None, "{name}: another configured token refuses the handshake");
            }
            Expected::SignedOtherObject => signed_other_object(name, &raw),
        }
    }
}

fn signed_other_object(name: &str, raw: &[u8]) {
    let request: Value = serde_json::from_slice(raw).unwrap();
    let body = serde_json::to_vec(&request["body"]).unwrap();
    let parsed = parse_webhook(&body).unwrap_or_else(|err| panic!("{name}: {err}"));
    let reason = "webhook object `user` is not a WhatsApp Business Account".to_string();
    assert_eq!(parsed, vec![InboundEvent::Ignored { reason }], "{name}");

    let placeholder = request["headers"]["X-Hub-Signature-256"].as_str();
    assert_eq!(placeholder, Some("sha256={super-long-SHA256-signature}"), "{name}: the docs' header format");
    assert!(!verify_signature(b"test-app-secret", &body, placeholder), "the docs' placeholder is not a signature");
    let mut mac = Hmac::<Sha256>::new_from_slice(b"test-app-secret").unwrap();
    mac.update(&body);
    let header = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    assert!(verify_signature(b"test-app-secret", &body, Some(&header)), "{name}: signed with a test secret");
}

#[test]
fn every_message_body_in_the_corpus_verifies_when_signed_and_fails_when_altered() {
    // The expectation table names every corpus file (checked above).
    let names = expectations().into_iter().map(|(name, _)| name);
    for name in names.filter(|name| name.starts_with("pywa_") || *name == "meta_docs_messages_text.json") {
        let raw = read(name);
        let mut mac = Hmac::<Sha256>::new_from_slice(b"app-secret").unwrap();
        mac.update(&raw);
        let header = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
        assert!(verify_signature(b"app-secret", &raw, Some(&header)), "{name}");
        let mut altered = raw.clone();
        altered.push(b'\n');
        assert!(!verify_signature(b"app-secret", &altered, Some(&header)), "{name}: one extra byte fails");
    }
}

#[test]
fn batches_and_other_shapes() {
    let batch = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
        {"field":"messages","value":{"contacts":[{"profile":{"name":"Ann"},"wa_id":"4915112345678"}],
            "messages":[
                {"from":"4915112345678","id":"wamid.A","timestamp":"1700000000","type":"text","text":{"body":"one"}},
                {"from":"4915112345678","id":"wamid.B","timestamp":"1700000001","type":"interactive",
                 "interactive":{"type":"list_reply","list_reply":{"id":"r1","title":"Refund","description":"d"}}},
                {"from":"4915112345678","id":"wamid.C","timestamp":"1700000002","type":"reaction",
                 "reaction":{"message_id":"wamid.X","emoji":"👍"}},
                {"from":"4915112345678","id":"wamid.D","timestamp":"1700000003","type":"poll_v9"}],
            "statuses":[{"id":"wamid.S","status":"deleted","timestamp":"1","recipient_id":"1"}]}},
        {"field":"message_template_status_update","value":{"event":"APPROVED"}}]}]}"#;
    let events = parse_webhook(batch.as_bytes()).unwrap();
    let texts: Vec<String> = events
        .iter()
        .map(|event| match event {
            InboundEvent::Message(message) => format!("{}:{}", message.provider_message_id, message.text),
            InboundEvent::Ignored { reason } => format!("ignored:{reason}"),
            InboundEvent::Delivery(update) => format!("delivery:{}", update.provider_message_id),
        })
        .collect();
    assert_eq!(
        texts,
        [
            "wamid.A:one",
            "wamid.B:Refund",
            "ignored:a reaction to an earlier message",
            "wamid.D:[Unsupported WhatsApp message: type `poll_v9`]",
            "ignored:message status `deleted` is not tracked",
            "ignored:webhook field `message_template_status_update` is not handled",
        ]
    );
    let InboundEvent::Message(first) = &events[0] else { panic!("first event is a message") };
    assert_eq!(first.sender_name.as_deref(), Some("Ann"));
}

#[test]
fn malformed_bodies_are_refused() {
    let cases: [&[u8]; 6] = [
        b"",
        b"not json",
        br#"{"object":"whatsapp_business_account"}"#,
        br#"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":{}}}]}]}"#,
        br#"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"1","id":"w","type":"text"}]}}]}]}"#,
        br#"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"id":"w","type":"text","text":{"body":"x"}}]}}]}]}"#,
    ];
    for body in cases {
        let result = parse_webhook(body);
        assert!(
            matches!(result, Err(super::super::provider::WebhookError::Malformed(_))),
            "{:?} gave {result:?}",
            String::from_utf8_lossy(body)
        );
    }
}
