//! The body of a mail as text and as HTML, from whichever parts the sender provided.

use mail_parser::{Message, MessagePart, MimeHeaders, PartType};

use super::html::html_to_text;

/// The text of the mail: its text/plain body parts (format=flowed lines joined), or for a part that exists
/// only as HTML the text of that HTML. `sanitized_html` is the mail's sanitised HTML body, used when the
/// text parts carry nothing at all (e.g. an empty text/plain alternative beside a full HTML one).
pub(super) fn plain_body(mail: &Message<'_>, sanitized_html: Option<&str>) -> String {
    let pieces: Vec<String> = mail
        .text_body
        .iter()
        .filter_map(|&id| mail.parts.get(id as usize))
        .filter_map(|part| match &part.body {
            PartType::Text(text) => Some(normalize_text(&unflow_if_flowed(part, text))),
            PartType::Html(html) => Some(html_to_text(html)),
            _ => None,
        })
        .filter(|text| !text.trim().is_empty())
        .collect();
    let text = pieces.join("\n\n");
    if text.trim().is_empty() {
        sanitized_html.map(html_to_text).unwrap_or_default()
    } else {
        text
    }
}

/// The mail's HTML body before sanitising.
pub(super) struct HtmlBody {
    pub html: String,
    /// A text/html part mail-parser could not decode (e.g. a missing closing boundary) that was recovered
    /// as the body; it is the body, so it is not also an attachment.
    pub recovered_part: Option<usize>,
}

/// The raw (not yet sanitised) HTML of the mail, when the sender sent HTML: its text/html body parts, with
/// plain text parts that sit between them (e.g. a mailing-list footer) escaped into `<pre>` blocks.
pub(super) fn html_body(mail: &Message<'_>) -> Option<HtmlBody> {
    let parts: Vec<&MessagePart<'_>> = mail.html_body.iter().filter_map(|&id| mail.parts.get(id as usize)).collect();
    if !parts.iter().any(|part| matches!(part.body, PartType::Html(_))) {
        return recover_broken_html(mail);
    }
    let mut html = String::new();
    for part in parts {
        match &part.body {
            PartType::Html(fragment) => html.push_str(fragment),
            PartType::Text(text) => {
                html.push_str("<pre>");
                html.push_str(&escape_html(text));
                html.push_str("</pre>");
            }
            _ => {}
        }
    }
    Some(HtmlBody { html, recovered_part: None })
}

/// When a text/html part's transfer encoding could not be decoded because its MIME boundary never came
/// (Outlook sometimes omits the closing one), mail-parser keeps its raw bytes; decode them here, up to the
/// next boundary of any enclosing multipart.
fn recover_broken_html(mail: &Message<'_>) -> Option<HtmlBody> {
    let (index, part) = mail.parts.iter().enumerate().find(|(_, part)| {
        part.is_encoding_problem
            && part.content_type().is_some_and(|ct| {
                ct.ctype().eq_ignore_ascii_case("text")
                    && ct.subtype().is_some_and(|sub| sub.eq_ignore_ascii_case("html"))
            })
    })?;
    let raw = mail.raw_message.get(part.offset_body as usize..part.offset_end as usize)?;
    let boundaries: Vec<String> = mail
        .parts
        .iter()
        .filter_map(|part| part.content_type()?.attribute("boundary").map(|b| format!("\n--{b}")))
        .collect();
    let end = boundaries.iter().filter_map(|boundary| find_bytes(raw, boundary.as_bytes())).min().unwrap_or(raw.len());
    let encoded = &raw[..end];
    let decoded = match part.content_transfer_encoding().map(str::to_ascii_lowercase).as_deref() {
        Some("quoted-printable") => mail_parser::decoders::quoted_printable::quoted_printable_decode(encoded),
        Some("base64") => mail_parser::decoders::base64::base64_decode(encoded),
        _ => Some(encoded.to_vec()),
    }?;
    let charset = part.content_type().and_then(|ct| ct.attribute("charset"));
    let html = match charset.and_then(|name| mail_parser::decoders::charsets::map::charset_decoder(name.as_bytes())) {
        Some(decode) => decode(&decoded),
        None => String::from_utf8_lossy(&decoded).into_owned(),
    };
    Some(HtmlBody { html, recovered_part: Some(index) })
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// A raw header value as one line: folding line breaks removed, ends trimmed.
pub(super) fn unfold(value: &str) -> String {
    value.replace("\r\n", "").replace('\n', "").trim().to_string()
}

/// Line endings as "\n", no trailing spaces, no leading or trailing blank lines.
fn normalize_text(text: &str) -> String {
    let unix = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = unix.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

fn unflow_if_flowed(part: &MessagePart<'_>, text: &str) -> String {
    let content_type = part.content_type();
    let flowed =
        content_type.and_then(|ct| ct.attribute("format")).is_some_and(|format| format.eq_ignore_ascii_case("flowed"));
    if !flowed {
        return text.to_string();
    }
    let delete_space =
        content_type.and_then(|ct| ct.attribute("delsp")).is_some_and(|delsp| delsp.eq_ignore_ascii_case("yes"));
    unflow(text, delete_space)
}

/// RFC 3676 format=flowed: a line ending in a space continues on the next line of the same quote depth;
/// the signature separator "-- " is never joined, and a leading space added for stuffing is removed.
pub(super) fn unflow(text: &str, delete_space: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for raw_line in text.replace("\r\n", "\n").split('\n') {
        let depth = raw_line.chars().take_while(|&ch| ch == '>').count();
        let content = &raw_line[depth..];
        let content = content.strip_prefix(' ').unwrap_or(content);
        let soft_break = content.ends_with(' ') && content != "-- ";
        let piece = if soft_break && delete_space { &content[..content.len() - 1] } else { content };
        match open.take() {
            Some((open_depth, mut joined)) if open_depth == depth => {
                joined.push_str(piece);
                open = Some((depth, joined));
            }
            Some((open_depth, joined)) => {
                out.push(quoted_line(open_depth, &joined));
                open = Some((depth, piece.to_string()));
            }
            None => open = Some((depth, piece.to_string())),
        }
        if !soft_break {
            if let Some((depth, joined)) = open.take() {
                out.push(quoted_line(depth, &joined));
            }
        }
    }
    if let Some((depth, joined)) = open {
        out.push(quoted_line(depth, &joined));
    }
    out.join("\n")
}

fn quoted_line(depth: usize, content: &str) -> String {
    if depth == 0 {
        content.to_string()
    } else {
        format!("{} {}", ">".repeat(depth), content)
    }
}

fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            _ => escaped.push(ch),
        }
    }
    escaped
}
