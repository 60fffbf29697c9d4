//! One Telegram `Update` (the webhook body), turned into an event.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::channel::provider::{file_extension_for, WebhookError};
use crate::channel::{AttachmentSource, InboundAttachment, InboundEvent, InboundMessage, ThreadHints};
use crate::domain::attachment::sanitize_file_name;
use crate::domain::delivery::{Identity, IdentityKind};
use crate::domain::Channel;

/// Message contents we cannot show but a customer did send: a message with the placeholder
/// `[Unsupported Telegram message: poll]` rather than nothing. Other messages without content are service
/// messages (pins, joins, payments) and are ignored.
const UNSUPPORTED_CONTENT: [&str; 8] =
    ["poll", "dice", "game", "story", "invoice", "giveaway", "paid_media", "checklist"];

/// Parses one webhook body.
///
/// - `message` in a private chat from a person → a message; `edited_message` → a new message with `edited: true`
///   and the id `<chat id>:<message id>:edit:<edit_date>` (each edit is its own message, a retried edit is not).
/// - Text or caption becomes the text (plain; entities such as bold are dropped, HTML-looking text stays text);
///   `photo` (its largest size), `document`, `audio`, `voice`, `video` and `video_note` become
///   [`AttachmentSource::TelegramFile`] attachments; `location`, `venue`, `contact` and `sticker` become
///   `[Location] …`-style text.
/// - Ignored: `channel_post` / `edited_channel_post` (a channel is a broadcast, not a customer talking to us),
///   messages in groups, from bots or without a sender, service messages, and every other update kind
///   (`callback_query`, `inline_query`, `my_chat_member`, …), each with its reason.
///
/// Not a JSON object with a numeric `update_id`, or a message without `message_id`/`chat`/`date`, is
/// [`WebhookError::Malformed`]. Unknown fields are ignored.
pub fn parse_update(body: &[u8]) -> Result<InboundEvent, WebhookError> {
    let update: Map<String, Value> = serde_json::from_slice(body).map_err(malformed)?;
    if !update.get("update_id").is_some_and(Value::is_i64) {
        return Err(WebhookError::Malformed("an update without a numeric update_id".to_string()));
    }
    let (raw, edited) = match (update.get("message"), update.get("edited_message")) {
        (Some(message), _) => (message, false),
        (None, Some(message)) => (message, true),
        (None, None) => return Ok(ignored_update(&update)),
    };
    let message: Message = serde_json::from_value(raw.clone()).map_err(malformed)?;
    Ok(message_event(message, edited))
}

fn malformed(err: serde_json::Error) -> WebhookError {
    WebhookError::Malformed(err.to_string())
}

fn ignored_update(update: &Map<String, Value>) -> InboundEvent {
    let reason = if update.contains_key("channel_post") || update.contains_key("edited_channel_post") {
        "a channel post (channels are broadcasts, not support conversations)".to_string()
    } else {
        match update.iter().find(|(_, value)| value.is_object()) {
            Some((kind, _)) => format!("`{kind}` updates are not handled"),
            None => "an update without content".to_string(),
        }
    };
    InboundEvent::Ignored { reason }
}

#[derive(Deserialize)]
struct Message {
    message_id: i64,
    date: i64,
    edit_date: Option<i64>,
    chat: Chat,
    from: Option<User>,
    text: Option<String>,
    caption: Option<String>,
    photo: Option<Vec<PhotoSize>>,
    document: Option<File>,
    audio: Option<File>,
    voice: Option<File>,
    video: Option<File>,
    video_note: Option<File>,
    sticker: Option<Sticker>,
    location: Option<Location>,
    venue: Option<Venue>,
    contact: Option<Contact>,
    reply_to_message: Option<MessageRef>,
    #[serde(flatten)]
    other: Map<String, Value>,
}

#[derive(Deserialize)]
struct Chat {
    id: i64,
    #[serde(rename = "type")]
    kind: Option<String>,
}

#[derive(Deserialize)]
struct User {
    id: i64,
    #[serde(default)]
    is_bot: bool,
    first_name: Option<String>,
    last_name: Option<String>,
    username: Option<String>,
}

#[derive(Deserialize)]
struct PhotoSize {
    file_id: String,
    #[serde(default)]
    width: u64,
    #[serde(default)]
    height: u64,
    file_size: Option<u64>,
}

#[derive(Deserialize)]
struct File {
    file_id: String,
    file_name: Option<String>,
    mime_type: Option<String>,
}

#[derive(Deserialize)]
struct Sticker {
    emoji: Option<String>,
}

#[derive(Deserialize)]
struct Location {
    latitude: f64,
    longitude: f64,
}

#[derive(Deserialize)]
struct Venue {
    location: Location,
    title: Option<String>,
    address: Option<String>,
}

#[derive(Deserialize)]
struct Contact {
    phone_number: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
}

#[derive(Deserialize)]
struct MessageRef {
    message_id: i64,
    chat: Chat,
}

fn message_event(message: Message, edited: bool) -> InboundEvent {
    let ignore = |reason: &str| InboundEvent::Ignored { reason: reason.to_string() };
    let Some(from) = &message.from else {
        return ignore("a message without a sender");
    };
    if from.is_bot {
        return ignore("a message from a bot");
    }
    // Old updates (the docs' samples) have no chat type; a private chat is the one whose id is the user's.
    let private = match message.chat.kind.as_deref() {
        Some(kind) => kind == "private",
        None => message.chat.id == from.id,
    };
    if !private {
        return ignore("a message in a group chat (only private chats are support conversations)");
    }

    let attachments = attachments(&message);
    let mut text = message.text.clone().or(message.caption.clone()).unwrap_or_default();
    if text.is_empty() && attachments.is_empty() {
        match placeholder(&message) {
            Some(placeholder) => text = placeholder,
            None => return ignore("a service message without content"),
        }
    }
    let mut provider_message_id = format!("{}:{}", message.chat.id, message.message_id);
    if edited {
        provider_message_id.push_str(&format!(":edit:{}", message.edit_date.unwrap_or(message.date)));
    }
    let sent_at = if edited { message.edit_date.unwrap_or(message.date) } else { message.date };
    let references =
        message.reply_to_message.iter().map(|reply| format!("{}:{}", reply.chat.id, reply.message_id)).collect();
    InboundEvent::Message(InboundMessage {
        channel: Channel::Telegram,
        provider_message_id,
        sender: Identity::new(IdentityKind::Telegram, &from.id.to_string()),
        sender_name: display_name(from),
        subject: None,
        text,
        html: None,
        attachments,
        thread: ThreadHints { references, ticket_number: None },
        sent_at: DateTime::<Utc>::from_timestamp(sent_at, 0),
        edited,
    })
}

fn display_name(user: &User) -> Option<String> {
    let parts: Vec<&str> = [user.first_name.as_deref(), user.last_name.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    if parts.is_empty() {
        user.username.clone().filter(|name| !name.is_empty())
    } else {
        Some(parts.join(" "))
    }
}

fn attachments(message: &Message) -> Vec<InboundAttachment> {
    let mut found = Vec::new();
    // Telegram sends each photo in several sizes; the largest is the original.
    let largest =
        message.photo.iter().flatten().max_by_key(|size| (size.width.saturating_mul(size.height), size.file_size));
    if let Some(photo) = largest {
        found.push(attachment(&photo.file_id, "photo", None, "image/jpeg"));
    }
    let files = [
        (&message.document, "document", "application/octet-stream"),
        (&message.audio, "audio", "audio/mpeg"),
        (&message.voice, "voice", "audio/ogg"),
        (&message.video, "video", "video/mp4"),
        (&message.video_note, "video_note", "video/mp4"),
    ];
    for (file, stem, default_type) in files {
        if let Some(file) = file {
            let content_type = file.mime_type.as_deref().unwrap_or(default_type);
            found.push(attachment(&file.file_id, stem, file.file_name.as_deref(), content_type));
        }
    }
    found
}

fn attachment(file_id: &str, stem: &str, file_name: Option<&str>, content_type: &str) -> InboundAttachment {
    let name = match file_name.map(str::trim) {
        Some(name) if !name.is_empty() => sanitize_file_name(name),
        _ => format!("{stem}.{}", file_extension_for(content_type)),
    };
    InboundAttachment {
        name,
        content_type: content_type.to_string(),
        inline: false,
        content_id: None,
        source: AttachmentSource::TelegramFile { file_id: file_id.to_string() },
    }
}

/// Text standing in for content that is not text or a file.
fn placeholder(message: &Message) -> Option<String> {
    if let Some(venue) = &message.venue {
        let label: Vec<&str> = [venue.title.as_deref(), venue.address.as_deref()].into_iter().flatten().collect();
        let (lat, lon) = (venue.location.latitude, venue.location.longitude);
        return Some(format!("[Location] {} ({lat}, {lon})", label.join(", ")));
    }
    if let Some(location) = &message.location {
        return Some(format!("[Location] ({}, {})", location.latitude, location.longitude));
    }
    if let Some(contact) = &message.contact {
        let parts = [contact.first_name.as_deref(), contact.last_name.as_deref(), contact.phone_number.as_deref()];
        let parts: Vec<&str> = parts.into_iter().flatten().filter(|part| !part.is_empty()).collect();
        return Some(format!("[Contact] {}", parts.join(" ")));
    }
    if let Some(sticker) = &message.sticker {
        return Some(format!("[Sticker] {}", sticker.emoji.as_deref().unwrap_or_default()).trim_end().to_string());
    }
    let kind = UNSUPPORTED_CONTENT.iter().find(|kind| message.other.contains_key(**kind))?;
    Some(format!("[Unsupported Telegram message: {kind}]"))
}
