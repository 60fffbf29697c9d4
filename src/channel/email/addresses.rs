//! Who wrote, to whom, and which earlier mails and ticket a mail continues.

use mail_parser::{Address, HeaderName, HeaderValue, Message};

use super::headers::header_safe;

/// The address to answer to and the sender's display name: From (as parsed, else salvaged from its raw
/// text), or when it has no usable address Reply-To, Sender and Return-Path in that order.
pub(super) fn sender(mail: &Message<'_>) -> Option<(String, Option<String>)> {
    if let Some(found) = structured_sender(mail, HeaderName::From) {
        return Some(found);
    }
    if let Some(email) = mail.header_raw(HeaderName::From).and_then(salvage_address) {
        return Some((email, None));
    }
    for name in [HeaderName::ReplyTo, HeaderName::Sender] {
        if let Some(found) = structured_sender(mail, name) {
            return Some(found);
        }
    }
    let return_path = mail.header_values(HeaderName::ReturnPath).find_map(|value| match value {
        HeaderValue::Text(text) => usable_address(text),
        HeaderValue::TextList(list) => list.iter().find_map(|text| usable_address(text)),
        _ => None,
    });
    return_path.map(|email| (email, None))
}

fn structured_sender(mail: &Message<'_>, name: HeaderName<'_>) -> Option<(String, Option<String>)> {
    mail.header_values(name).find_map(|value| {
        value.as_address()?.iter().find_map(|addr| {
            let email = usable_address(addr.address.as_deref()?)?;
            let display = addr.name.as_deref().map(header_safe).filter(|name| !name.is_empty());
            Some((email, display))
        })
    })
}

/// An address from a From header too malformed for the parser, such as
/// `"Millions Lottery" @example.com>`: the text between angle brackets, or the whole value without a
/// stray bracket.
fn salvage_address(raw: &str) -> Option<String> {
    let value = raw.replace(['\r', '\n'], " ");
    let value = value.trim();
    let inner = match (value.rfind('<'), value.rfind('>')) {
        (Some(start), Some(end)) if start < end => &value[start + 1..end],
        _ => value,
    };
    usable_address(inner)
}

/// Every address of the given header fields (To or Cc, possibly repeated, possibly with groups),
/// lower-cased; entries that are not addresses (a bare word, an empty group) are left out.
pub(super) fn all_addresses<'a>(values: impl Iterator<Item = &'a HeaderValue<'a>>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for value in values {
        let Some(address) = value.as_address() else { continue };
        let emails = match address {
            Address::List(list) => list.iter().filter_map(|addr| addr.address.as_deref()).collect::<Vec<_>>(),
            Address::Group(groups) => groups
                .iter()
                .flat_map(|group| group.addresses.iter())
                .filter_map(|addr| addr.address.as_deref())
                .collect(),
        };
        for email in emails.into_iter().filter_map(usable_address) {
            if !found.contains(&email) {
                found.push(email);
            }
        }
    }
    found
}

/// An address we can store: trimmed, without brackets, lower-cased, with something on both sides of its
/// last "@" and no control characters.
fn usable_address(raw: &str) -> Option<String> {
    let address = raw.trim().trim_start_matches('<').trim_end_matches('>').trim();
    let (local, domain) = address.rsplit_once('@')?;
    let usable = !local.trim().is_empty() && !domain.trim().is_empty() && !address.chars().any(char::is_control);
    usable.then(|| address.to_lowercase())
}

/// The ids of the mails this one answers, newest first: the In-Reply-To ids, then the References ids from the
/// last (the parent) to the first (the thread's root), each once and without angle brackets. The arguments are
/// the raw values of every In-Reply-To and References header field.
pub fn thread_references(in_reply_to: &[&str], references: &[&str]) -> Vec<String> {
    let mut ordered: Vec<String> = Vec::new();
    let newest_references = references.iter().rev().flat_map(|value| message_ids(value).into_iter().rev());
    for id in in_reply_to.iter().flat_map(|value| message_ids(value)).chain(newest_references) {
        if !ordered.contains(&id) {
            ordered.push(id);
        }
    }
    ordered
}

/// The message ids in one header value, in order: each `<...>` token, or, for a value without brackets
/// (some mailers omit them), each whitespace-separated word containing an "@".
fn message_ids(value: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = value;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else { break };
        let id = after[..end].trim();
        if !id.is_empty() && !id.contains(char::is_whitespace) {
            ids.push(id.to_string());
        }
        rest = &after[end + 1..];
    }
    if ids.is_empty() && !value.contains('<') {
        ids = value.split_whitespace().filter(|word| word.contains('@')).map(str::to_string).collect();
    }
    ids
}

/// The ticket number of a subject tag such as "[#1042]" (the first well-formed one), as our outgoing mails
/// put it in the subject so that a reply finds its ticket even when the client dropped the References.
pub fn subject_ticket_number(subject: &str) -> Option<u64> {
    let mut rest = subject;
    while let Some(start) = rest.find("[#") {
        let after = &rest[start + 2..];
        let digits_len = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits_len > 0 && after[digits_len..].starts_with(']') {
            if let Ok(number) = after[..digits_len].parse::<u64>() {
                return Some(number);
            }
        }
        rest = after;
    }
    None
}
