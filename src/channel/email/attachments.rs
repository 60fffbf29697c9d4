//! The files a mail carries: attachments proper, inline images of its HTML, and attached mails.

use mail_parser::{Message, MessagePart, MimeHeaders, PartType};

use super::headers::header_safe;
use crate::channel::{AttachmentSource, InboundAttachment};

/// Every part of the mail that is not its body, in MIME order. `html` (the mail's sanitised HTML) decides
/// which parts are inline images: those whose Content-ID it references as `cid:`. `body_part` is a part
/// that was recovered as the body and so is left out.
pub(super) fn collect(mail: &Message<'_>, html: Option<&str>, body_part: Option<usize>) -> Vec<InboundAttachment> {
    mail.attachments
        .iter()
        .filter(|&&id| Some(id as usize) != body_part)
        .filter_map(|&id| mail.parts.get(id as usize))
        .filter(|part| !matches!(part.body, PartType::Multipart(_)))
        .map(|part| attachment(mail, part, html))
        .collect()
}

/// Whether the mail is a delivery status notification: a multipart/report of report-type delivery-status,
/// or a message/delivery-status part anywhere at its top level.
pub(super) fn has_delivery_report(mail: &Message<'_>) -> bool {
    let report = mail.parts.first().and_then(|root| root.content_type()).is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct.subtype().is_some_and(|sub| sub.eq_ignore_ascii_case("report"))
            && ct.attribute("report-type").is_some_and(|kind| kind.eq_ignore_ascii_case("delivery-status"))
    });
    report
        || mail.parts.iter().any(|part| {
            part.content_type().is_some_and(|ct| {
                ct.ctype().eq_ignore_ascii_case("message")
                    && ct.subtype().is_some_and(|sub| {
                        sub.eq_ignore_ascii_case("delivery-status")
                            || sub.eq_ignore_ascii_case("global-delivery-status")
                    })
            })
        })
}

fn attachment(mail: &Message<'_>, part: &MessagePart<'_>, html: Option<&str>) -> InboundAttachment {
    let content_type = mime_type(part);
    let content_id = part
        .content_id()
        .map(|id| id.trim().trim_start_matches('<').trim_end_matches('>').trim().to_string())
        .filter(|id| !id.is_empty());
    let explicitly_inline = part.content_disposition().is_some_and(|cd| cd.is_inline());
    let referenced = match (&content_id, html) {
        (Some(id), Some(html)) => html.contains(&format!("cid:{id}")),
        _ => false,
    };
    InboundAttachment {
        name: file_name(part, &content_type),
        inline: content_id.is_some() && (referenced || explicitly_inline),
        content_id,
        source: AttachmentSource::Bytes(contents(mail, part)),
        content_type,
    }
}

/// `type/subtype`, lower-cased, without parameters; a part without Content-Type is text/plain (RFC 2045).
fn mime_type(part: &MessagePart<'_>) -> String {
    match part.content_type() {
        Some(ct) => match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub).to_lowercase(),
            None => ct.ctype().to_lowercase(),
        },
        None if matches!(part.body, PartType::Message(_)) => "message/rfc822".to_string(),
        None => "text/plain".to_string(),
    }
}

/// The file name the sender gave (RFC 2231 and RFC 2047 decoded), else one made from the part's
/// description or an attached mail's subject, else "attachment", with an extension for the type.
fn file_name(part: &MessagePart<'_>, content_type: &str) -> String {
    if let Some(name) = part.attachment_name().map(header_safe).filter(|name| !name.is_empty()) {
        return name;
    }
    let stem = match &part.body {
        PartType::Message(nested) => nested.subject().map(header_safe),
        _ => None,
    }
    .or_else(|| part.content_description().map(header_safe))
    .filter(|stem| !stem.is_empty())
    .unwrap_or_else(|| "attachment".to_string());
    format!("{stem}{}", extension_for(content_type))
}

fn extension_for(content_type: &str) -> &'static str {
    match content_type {
        "message/rfc822" | "message/global" => ".eml",
        "text/html" => ".html",
        "text/plain" | "message/delivery-status" | "text/rfc822-headers" => ".txt",
        "text/csv" => ".csv",
        "text/calendar" => ".ics",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/gif" => ".gif",
        "application/pdf" => ".pdf",
        _ => "",
    }
}

/// The decoded bytes of a part. An attached mail is kept exactly as it was sent; text parts come decoded
/// to UTF-8 (mail-parser applies their charset); x-uuencode parts are uudecoded.
fn contents(mail: &Message<'_>, part: &MessagePart<'_>) -> Vec<u8> {
    if let PartType::Message(nested) = &part.body {
        // A message/rfc822 part without transfer encoding points into the outer message's bytes.
        let raw = mail.raw_message.get(part.offset_body as usize..part.offset_end as usize);
        return match (part.encoding, raw) {
            (mail_parser::Encoding::None, Some(raw)) => raw.to_vec(),
            _ => nested.raw_message.to_vec(),
        };
    }
    let bytes = part.contents();
    let uuencoded = part.content_transfer_encoding().is_some_and(|cte| {
        ["x-uuencode", "uuencode", "x-uue"].iter().any(|name| cte.trim().eq_ignore_ascii_case(name))
    });
    if uuencoded {
        if let Some(decoded) = uudecode(bytes) {
            return decoded;
        }
    }
    bytes.to_vec()
}

/// Decodes a uuencoded body: data lines, optionally between "begin <mode> <name>" and "end" (mailers
/// that declare `Content-Transfer-Encoding: x-uuencode` often leave both out). `None` if a line is not
/// uuencoded, so that the bytes are kept as they came.
pub(super) fn uudecode(encoded: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(encoded).ok()?;
    let mut lines = text.lines().map(|line| line.trim_end_matches('\r')).peekable();
    while lines.peek().is_some_and(|line| line.trim().is_empty()) {
        lines.next();
    }
    if lines.peek().is_some_and(|line| line.starts_with("begin ")) {
        lines.next();
    }
    let mut out = Vec::new();
    for line in lines {
        if line == "end" {
            break;
        }
        let bytes = line.as_bytes();
        if bytes.iter().any(|&ch| !(b' '..=b'`').contains(&ch)) {
            return None;
        }
        let Some(&length_char) = bytes.first() else { continue };
        let length = usize::from((length_char - b' ') & 0x3f);
        let sextets: Vec<u32> = bytes[1..].iter().map(|&ch| u32::from((ch - b' ') & 0x3f)).collect();
        let mut decoded = Vec::with_capacity(length + 2);
        for group in sextets.chunks(4) {
            let sextet = |index: usize| group.get(index).copied().unwrap_or(0);
            let triple = (sextet(0) << 18) | (sextet(1) << 12) | (sextet(2) << 6) | sextet(3);
            decoded.extend_from_slice(&[(triple >> 16) as u8, (triple >> 8) as u8, triple as u8]);
        }
        if decoded.len() < length {
            return None;
        }
        out.extend_from_slice(&decoded[..length]);
    }
    Some(out)
}
