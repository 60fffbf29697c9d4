//! The Cloud API webhook body (`object: whatsapp_business_account`, `entry[].changes[].value`), turned into events.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::channel::provider::{file_extension_for, WebhookError};
use crate::channel::{AttachmentSource, DeliveryUpdate, InboundAttachment, InboundEvent, InboundMessage, ThreadHints};
use crate::domain::attachment::sanitize_file_name;
use crate::domain::delivery::{DeliveryStatus, Identity, IdentityKind};
use crate::domain::Channel;

/// Parses one webhook POST body into events, in payload order (a body may batch several messages and statuses).
///
/// - `text`, `image`, `document`, `audio` (voice notes too), `video`, `sticker`: a message; media become
///   [`AttachmentSource::WhatsappMedia`] named from the document's file name or as `image.jpg`, `voice.ogg`, … from
///   the media type, and a caption becomes the text.
/// - `location` → `[Location] name, address (lat, lon)`; `contacts` → `[Contact] name, phone`; `interactive`
///   (`button_reply`, `list_reply`) and `button` (template quick reply) → the title of the reply chosen.
/// - `unsupported` and types we do not know → a message with the text `[Unsupported WhatsApp message: …]`, so the
///   agent sees that the customer sent something (and can ask for it another way) instead of it vanishing.
/// - `reaction`, `system` (the customer changed number) and `request_welcome` → [`InboundEvent::Ignored`].
/// - `statuses` → [`InboundEvent::Delivery`] (`sent`, `delivered`, `read`, `failed` with the first error).
/// - Another `object` or another `field` (template and account updates) → [`InboundEvent::Ignored`].
///
/// Anything that is not this shape (bad JSON, a message without `id` or `from`, a `text` message without `text`)
/// is [`WebhookError::Malformed`].
pub fn parse_webhook(body: &[u8]) -> Result<Vec<InboundEvent>, WebhookError> {
    let notification: Notification = serde_json::from_slice(body).map_err(malformed)?;
    if notification.object != "whatsapp_business_account" {
        let reason = format!("webhook object `{}` is not a WhatsApp Business Account", notification.object);
        return Ok(vec![InboundEvent::Ignored { reason }]);
    }
    let mut events = Vec::new();
    for change in notification.entry.into_iter().flat_map(|entry| entry.changes) {
        if change.field != "messages" {
            events.push(InboundEvent::Ignored { reason: format!("webhook field `{}` is not handled", change.field) });
            continue;
        }
        let value: MessagesValue = serde_json::from_value(change.value).map_err(malformed)?;
        let names: HashMap<&str, &str> = value
            .contacts
            .iter()
            .filter_map(|contact| Some((contact.wa_id.as_str(), contact.profile.as_ref()?.name.as_deref()?)))
            .collect();
        for message in &value.messages {
            events.push(message_event(message, names.get(message.from.as_str()).copied())?);
        }
        events.extend(value.statuses.iter().map(status_event));
    }
    Ok(events)
}

fn malformed(err: serde_json::Error) -> WebhookError {
    WebhookError::Malformed(err.to_string())
}

#[derive(Deserialize)]
struct Notification {
    object: String,
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    changes: Vec<Change>,
}

#[derive(Deserialize)]
struct Change {
    field: String,
    value: serde_json::Value,
}

#[derive(Deserialize)]
struct MessagesValue {
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    messages: Vec<Message>,
    #[serde(default)]
    statuses: Vec<Status>,
}

#[derive(Deserialize)]
struct Contact {
    wa_id: String,
    profile: Option<Profile>,
}

#[derive(Deserialize)]
struct Profile {
    name: Option<String>,
}

#[derive(Deserialize)]
struct Message {
    from: String,
    id: String,
    timestamp: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    context: Option<Context>,
    text: Option<Text>,
    image: Option<Media>,
    document: Option<Media>,
    audio: Option<Media>,
    video: Option<Media>,
    sticker: Option<Media>,
    location: Option<Location>,
    contacts: Option<Vec<SharedContact>>,
    interactive: Option<Interactive>,
    button: Option<Button>,
    #[serde(default)]
    errors: Vec<GraphError>,
}

#[derive(Deserialize)]
struct Context {
    /// The wamid of the message this one replies to (absent on a plain forward).
    id: Option<String>,
}

#[derive(Deserialize)]
struct Text {
    body: String,
}

#[derive(Deserialize)]
struct Media {
    id: String,
    mime_type: Option<String>,
    caption: Option<String>,
    filename: Option<String>,
    #[serde(default)]
    voice: bool,
}

#[derive(Deserialize)]
struct Location {
    latitude: f64,
    longitude: f64,
    name: Option<String>,
    address: Option<String>,
}

#[derive(Deserialize)]
struct SharedContact {
    name: Option<SharedName>,
    #[serde(default)]
    phones: Vec<SharedPhone>,
}

#[derive(Deserialize)]
struct SharedName {
    formatted_name: Option<String>,
}

#[derive(Deserialize)]
struct SharedPhone {
    phone: Option<String>,
}

#[derive(Deserialize)]
struct Interactive {
    #[serde(rename = "type")]
    kind: String,
    button_reply: Option<Reply>,
    list_reply: Option<Reply>,
}

#[derive(Deserialize)]
struct Reply {
    title: String,
}

#[derive(Deserialize)]
struct Button {
    text: String,
}

#[derive(Deserialize)]
struct Status {
    id: String,
    status: String,
    #[serde(default)]
    errors: Vec<GraphError>,
}

#[derive(Deserialize)]
struct GraphError {
    code: Option<i64>,
    title: Option<String>,
    message: Option<String>,
    error_data: Option<ErrorData>,
}

#[derive(Deserialize)]
struct ErrorData {
    details: Option<String>,
}

/// What a message carries once its type is understood.
enum Content {
    Text(String),
    Media { text: Option<String>, attachment: InboundAttachment },
    Ignored(String),
}

fn message_event(message: &Message, sender_name: Option<&str>) -> Result<InboundEvent, WebhookError> {
    let sender = Identity::new(IdentityKind::Whatsapp, &message.from);
    if sender.address.is_empty() || message.id.is_empty() {
        return Err(WebhookError::Malformed("a message without a sender or an id".to_string()));
    }
    let missing =
        || WebhookError::Malformed(format!("a `{}` message without its `{}` object", message.kind, message.kind));
    let content = match message.kind.as_str() {
        "text" => Content::Text(message.text.as_ref().ok_or_else(missing)?.body.clone()),
        "image" => media_content("image", message.image.as_ref().ok_or_else(missing)?),
        "document" => media_content("document", message.document.as_ref().ok_or_else(missing)?),
        "audio" => media_content("audio", message.audio.as_ref().ok_or_else(missing)?),
        "video" => media_content("video", message.video.as_ref().ok_or_else(missing)?),
        "sticker" => media_content("sticker", message.sticker.as_ref().ok_or_else(missing)?),
        "location" => Content::Text(location_text(message.location.as_ref().ok_or_else(missing)?)),
        "contacts" => Content::Text(contacts_text(message.contacts.as_deref().ok_or_else(missing)?)),
        "interactive" => interactive_content(message.interactive.as_ref().ok_or_else(missing)?),
        "button" => Content::Text(message.button.as_ref().ok_or_else(missing)?.text.clone()),
        "reaction" => Content::Ignored("a reaction to an earlier message".to_string()),
        "system" => Content::Ignored("a system notice (the customer changed number)".to_string()),
        "request_welcome" => Content::Ignored("a request for a welcome message".to_string()),
        other => Content::Text(unsupported_text(other, message.errors.first())),
    };
    let (text, attachments) = match content {
        Content::Ignored(reason) => return Ok(InboundEvent::Ignored { reason }),
        Content::Text(text) => (text, Vec::new()),
        Content::Media { text, attachment } => (text.unwrap_or_default(), vec![attachment]),
    };
    let references = message.context.as_ref().and_then(|context| context.id.clone()).into_iter().collect();
    Ok(InboundEvent::Message(InboundMessage {
        channel: Channel::Whatsapp,
        provider_message_id: message.id.clone(),
        sender,
        sender_name: sender_name.map(str::to_string),
        subject: None,
        text,
        html: None,
        attachments,
        thread: ThreadHints { references, ticket_number: None },
        sent_at: message.timestamp.as_deref().and_then(unix_time),
        edited: false,
    }))
}

fn media_content(kind: &'static str, media: &Media) -> Content {
    let content_type = media.mime_type.clone().unwrap_or_else(|| "application/octet-stream".to_string());
    let stem = if kind == "audio" && media.voice { "voice" } else { kind };
    let name = match media.filename.as_deref().map(str::trim) {
        Some(filename) if !filename.is_empty() => sanitize_file_name(filename),
        _ => format!("{stem}.{}", file_extension_for(&content_type)),
    };
    let attachment = InboundAttachment {
        name,
        content_type,
        inline: false,
        content_id: None,
        source: AttachmentSource::WhatsappMedia { media_id: media.id.clone() },
    };
    Content::Media { text: media.caption.clone(), attachment }
}

fn location_text(location: &Location) -> String {
    let label: Vec<&str> = [location.name.as_deref(), location.address.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    let coordinates = format!("({}, {})", location.latitude, location.longitude);
    if label.is_empty() {
        format!("[Location] {coordinates}")
    } else {
        format!("[Location] {} {coordinates}", label.join(", "))
    }
}

fn contacts_text(contacts: &[SharedContact]) -> String {
    let cards: Vec<String> = contacts
        .iter()
        .map(|contact| {
            let name = contact.name.as_ref().and_then(|name| name.formatted_name.as_deref());
            let phones = contact.phones.iter().filter_map(|phone| phone.phone.as_deref());
            name.into_iter().chain(phones).collect::<Vec<_>>().join(", ")
        })
        .collect();
    format!("[Contact] {}", cards.join("; "))
}

fn interactive_content(interactive: &Interactive) -> Content {
    let reply = match interactive.kind.as_str() {
        "button_reply" => interactive.button_reply.as_ref(),
        "list_reply" => interactive.list_reply.as_ref(),
        _ => None,
    };
    match reply {
        Some(reply) => Content::Text(reply.title.clone()),
        None => Content::Text(format!("[Unsupported WhatsApp message: interactive {}]", interactive.kind)),
    }
}

fn unsupported_text(kind: &str, error: Option<&GraphError>) -> String {
    let reason = error
        .and_then(|error| {
            error
                .error_data
                .as_ref()
                .and_then(|data| data.details.clone())
                .or(error.title.clone())
                .or(error.message.clone())
        })
        .unwrap_or_else(|| format!("type `{kind}`"));
    format!("[Unsupported WhatsApp message: {reason}]")
}

fn status_event(status: &Status) -> InboundEvent {
    let delivery_status = match status.status.as_str() {
        "sent" => DeliveryStatus::Sent,
        "delivered" => DeliveryStatus::Delivered,
        "read" => DeliveryStatus::Read,
        "failed" => DeliveryStatus::Failed,
        other => return InboundEvent::Ignored { reason: format!("message status `{other}` is not tracked") },
    };
    let error = (delivery_status == DeliveryStatus::Failed)
        .then(|| status.errors.first().map(describe_error).unwrap_or_else(|| "failed (no reason given)".to_string()));
    InboundEvent::Delivery(DeliveryUpdate { provider_message_id: status.id.clone(), status: delivery_status, error })
}

/// `Title (#code): details`, leaving out what is missing or repeated.
fn describe_error(error: &GraphError) -> String {
    let title = error.title.as_deref().or(error.message.as_deref()).unwrap_or("unknown error");
    let mut text = match error.code {
        Some(code) => format!("{title} (#{code})"),
        None => title.to_string(),
    };
    if let Some(details) = error.error_data.as_ref().and_then(|data| data.details.as_deref()) {
        if details != title {
            text = format!("{text}: {details}");
        }
    }
    text
}

fn unix_time(seconds: &str) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(seconds.trim().parse().ok()?, 0)
}
