//! Inbound email: a raw RFC 5322 message (as fetched over IMAP or handed over by an MTA) turned into the
//! channel-neutral [`InboundMessage`], plus what only email has: recipients, whether the mail was sent by a
//! machine (auto-reply, bounce, our own mail looping back) and the reply without its quoted history.
//!
//! Everything here is a pure function of the bytes: no database, no network. MIME structure, transfer
//! encodings (quoted-printable, base64, 8bit) and charsets (UTF-8, ISO-8859-x, windows-125x, GB2312 …) are
//! decoded by `mail-parser`; HTML is sanitised with `ammonia` before anyone may render it.

mod addresses;
mod attachments;
mod automated;
mod headers;
mod html;
mod quoted;
mod text;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use mail_parser::{HeaderName, MessageParser};
use sha2::{Digest, Sha256};

use super::{InboundMessage, ThreadHints};
use crate::domain::delivery::{Identity, IdentityKind};
use crate::domain::Channel;

pub use addresses::{subject_ticket_number, thread_references};
pub use automated::{is_automated, AutomatedKind, MailSignals, LOOP_HEADER};
pub use headers::header_safe;
pub use html::{html_to_text, sanitize_html};
pub use quoted::strip_quoted_history;

/// The largest raw message we accept at all (64 MiB); bigger ones are refused whole. Up to this size a mail is
/// stored with its text and as many files as fit in [`MAX_KEPT_FILE_BYTES`]; the files that do not fit are named in
/// the message instead.
pub const MAX_EMAIL_BYTES: usize = 64 * 1024 * 1024;

/// The most file bytes kept from one inbound message (25 MiB, the common SMTP size limit), whatever the channel.
pub const MAX_KEPT_FILE_BYTES: usize = 25 * 1024 * 1024;

/// The text of a mail that has neither text nor attachments (e.g. subject-only), so that
/// [`InboundMessage::text`] is never empty.
pub const EMPTY_BODY_TEXT: &str = "[no text]";

/// One parsed inbound mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedEmail {
    pub message: InboundMessage,
    /// The To addresses, lower-cased, in header order.
    pub to: Vec<String>,
    /// The Cc addresses, lower-cased, in header order.
    pub cc: Vec<String>,
    /// Set when a machine sent this mail: it must neither open a ticket nor be answered automatically.
    pub automated: Option<AutomatedKind>,
    /// `message.text` without the quoted reply history; never empty when the text is not.
    pub text_without_quote: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailParseError {
    #[error("the message is larger than {MAX_EMAIL_BYTES} bytes")]
    TooLarge,
    #[error("not an email message: {0}")]
    Malformed(String),
}

/// Parses one raw message. Fails only for oversized input and for bytes that carry no header or no address
/// to answer to; everything else (bad charsets, broken MIME, invalid dates) is recovered from as well as
/// the bytes allow.
pub fn parse_email(raw: &[u8]) -> Result<ParsedEmail, EmailParseError> {
    if raw.len() > MAX_EMAIL_BYTES {
        return Err(EmailParseError::TooLarge);
    }
    let mail = MessageParser::default()
        .parse(raw)
        .filter(|mail| !mail.parts.is_empty() && !mail.parts[0].headers.is_empty())
        .ok_or_else(|| EmailParseError::Malformed("no header found".to_string()))?;

    let (sender_address, sender_name) = addresses::sender(&mail).ok_or_else(|| {
        EmailParseError::Malformed("no sender address (From, Reply-To, Sender or Return-Path)".to_string())
    })?;
    let subject = mail.subject().map(header_safe).filter(|subject| !subject.is_empty());

    let html_body = text::html_body(&mail);
    let html = html_body.as_ref().map(|body| sanitize_html(&body.html));
    let recovered_part = html_body.and_then(|body| body.recovered_part);
    let attachments = attachments::collect(&mail, html.as_deref(), recovered_part);
    let mut body = text::plain_body(&mail, html.as_deref());
    if body.is_empty() && attachments.is_empty() {
        body = EMPTY_BODY_TEXT.to_string();
    }
    let text_without_quote = strip_quoted_history(&body);

    // Raw values, lossily decoded: a header with stray 8-bit bytes still counts for the rules below.
    let raw_headers: Vec<(String, String)> = mail
        .headers()
        .iter()
        .map(|header| {
            let value = raw.get(header.offset_start() as usize..header.offset_end() as usize).unwrap_or_default();
            (header.name().to_string(), text::unfold(&String::from_utf8_lossy(value)))
        })
        .collect();
    let header_pairs: Vec<(&str, &str)> =
        raw_headers.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
    let automated = is_automated(&MailSignals {
        headers: &header_pairs,
        sender: Some(&sender_address),
        has_delivery_report: attachments::has_delivery_report(&mail),
    });

    let in_reply_to = header_values(&header_pairs, "In-Reply-To");
    let references = header_values(&header_pairs, "References");

    let message = InboundMessage {
        channel: Channel::Email,
        provider_message_id: provider_message_id(mail.message_id(), raw),
        sender: Identity::new(IdentityKind::Email, &sender_address),
        sender_name,
        thread: ThreadHints {
            references: thread_references(&in_reply_to, &references),
            ticket_number: subject.as_deref().and_then(subject_ticket_number),
        },
        subject,
        text: body,
        html,
        attachments,
        sent_at: mail.date().and_then(to_utc),
        edited: false,
    };
    Ok(ParsedEmail {
        to: addresses::all_addresses(mail.header_values(HeaderName::To)),
        cc: addresses::all_addresses(mail.header_values(HeaderName::Cc)),
        message,
        automated,
        text_without_quote,
    })
}

/// The Message-ID without angle brackets, or a hash of the raw bytes when the mail has none, so that the
/// same mail fetched twice is still recognised.
fn provider_message_id(message_id: Option<&str>, raw: &[u8]) -> String {
    let id = message_id.map(|id| id.trim().trim_start_matches('<').trim_end_matches('>').trim());
    match id {
        Some(id) if !id.is_empty() => id.to_string(),
        _ => format!("sha256:{}", hex::encode(Sha256::digest(raw))),
    }
}

fn header_values<'a>(headers: &[(&str, &'a str)], name: &str) -> Vec<&'a str> {
    headers.iter().filter(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| *value).collect()
}

/// The Date header as UTC; `None` for a date that does not exist (e.g. hour 29), rather than a wrong one.
fn to_utc(date: &mail_parser::DateTime) -> Option<DateTime<Utc>> {
    let local = NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(date.month), u32::from(date.day))?
        .and_hms_opt(u32::from(date.hour), u32::from(date.minute), u32::from(date.second))?;
    let offset =
        (i64::from(date.tz_hour) * 3600 + i64::from(date.tz_minute) * 60) * if date.tz_before_gmt { 1 } else { -1 };
    Some(local.and_utc() + chrono::Duration::seconds(offset))
}
