//! Unit tests for inbound email parsing: whole mails through [`parse_email`] here, the single rules
//! (automated detection, subject tags, references, quote folding, sanitising) in `tests/rules.rs`.

mod rules;

use super::*;
use crate::channel::AttachmentSource;

/// A raw mail from header lines and a body, with CRLF line endings as on the wire.
pub(super) fn mail(headers: &[&str], body: &str) -> Vec<u8> {
    let mut raw = headers.join("\r\n");
    raw.push_str("\r\n\r\n");
    raw.push_str(&body.replace('\n', "\r\n"));
    raw.into_bytes()
}

pub(super) fn parse(raw: &[u8]) -> ParsedEmail {
    parse_email(raw).unwrap_or_else(|err| panic!("{err}: {}", String::from_utf8_lossy(raw)))
}

fn bytes_of(attachment: &crate::channel::InboundAttachment) -> &[u8] {
    match &attachment.source {
        AttachmentSource::Bytes(bytes) => bytes,
        other => panic!("email attachments carry their bytes, got {other:?}"),
    }
}

#[test]
fn a_plain_mail_becomes_an_inbound_message() {
    let parsed = parse(&mail(
        &[
            "From: \"Anna Berger\" <Anna.Berger@Example.COM>",
            "To: Support <SUPPORT@tidings.test>, sales@tidings.test",
            "Cc: Boss <boss@example.com>",
            "Subject: Printer broken",
            "Date: Tue, 02 Jan 2024 10:30:00 +0100",
            "Message-ID: <abc.123@mail.example.com>",
        ],
        "Hello,\nthe printer is broken.\n",
    ));
    let message = &parsed.message;
    assert_eq!(message.channel, Channel::Email);
    assert_eq!(message.provider_message_id, "abc.123@mail.example.com");
    assert_eq!(message.sender, Identity::new(IdentityKind::Email, "anna.berger@example.com"));
    assert_eq!(message.sender_name.as_deref(), Some("Anna Berger"));
    assert_eq!(message.subject.as_deref(), Some("Printer broken"));
    assert_eq!(message.text, "Hello,\nthe printer is broken.");
    assert_eq!(message.html, None);
    assert!(message.attachments.is_empty());
    assert_eq!(message.sent_at.map(|at| at.to_rfc3339()).as_deref(), Some("2024-01-02T09:30:00+00:00"));
    assert_eq!(parsed.to, vec!["support@tidings.test", "sales@tidings.test"]);
    assert_eq!(parsed.cc, vec!["boss@example.com"]);
    assert_eq!(parsed.automated, None);
    assert_eq!(parsed.text_without_quote, message.text);
}

#[test]
fn refuses_what_is_not_a_mail_or_too_large() {
    assert!(matches!(parse_email(b""), Err(EmailParseError::Malformed(_))));
    assert!(matches!(parse_email(&[0xff, 0x00, 0x13, 0x37, 0x80, 0x81]), Err(EmailParseError::Malformed(_))));
    let no_sender = mail(&["Subject: hi", "To: support@tidings.test"], "text");
    assert!(matches!(parse_email(&no_sender), Err(EmailParseError::Malformed(_))));

    let mut huge = mail(&["From: a@example.com", "Subject: big"], "x");
    huge.resize(MAX_EMAIL_BYTES + 1, b'x');
    assert_eq!(parse_email(&huge), Err(EmailParseError::TooLarge));
}

#[test]
fn without_message_id_the_id_is_a_stable_hash_of_the_bytes() {
    let raw = mail(&["From: a@example.com", "Subject: no id"], "body");
    let id = parse(&raw).message.provider_message_id;
    assert!(id.starts_with("sha256:") && id.len() == "sha256:".len() + 64, "{id}");
    assert_eq!(parse(&raw).message.provider_message_id, id);
    let other = mail(&["From: a@example.com", "Subject: no id"], "other body");
    assert_ne!(parse(&other).message.provider_message_id, id);
}

#[test]
fn sender_falls_back_to_reply_to_then_return_path() {
    let reply_to = parse(&mail(&["Reply-To: Kim <Kim@Example.com>", "Subject: x"], "hi"));
    assert_eq!(reply_to.message.sender.address, "kim@example.com");
    assert_eq!(reply_to.message.sender_name.as_deref(), Some("Kim"));
    let return_path = parse(&mail(&["Return-Path: <bounce@example.org>", "Subject: x"], "hi"));
    assert_eq!(return_path.message.sender.address, "bounce@example.org");
}

#[test]
fn encoded_headers_and_bodies_keep_their_umlauts() {
    let parsed = parse(&mail(
        &[
            "From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <j@example.de>",
            "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=iso-8859-1",
            "Content-Transfer-Encoding: quoted-printable",
        ],
        "Sch=F6ne Gr=FC=DFe,\nJ=FCrgen\n",
    ));
    assert_eq!(parsed.message.sender_name.as_deref(), Some("Jürgen Müller"));
    assert_eq!(parsed.message.subject.as_deref(), Some("Grüße aus Köln"));
    assert_eq!(parsed.message.text, "Schöne Grüße,\nJürgen");

    let base64 = parse(&mail(
        &[
            "From: a@example.de",
            "Subject: =?utf-8?B?w6TDtsO8?=",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ],
        "R3LDvMOfZSDDpMO2w7w=\n",
    ));
    assert_eq!(base64.message.subject.as_deref(), Some("äöü"));
    assert_eq!(base64.message.text, "Grüße äöü");

    let mut windows_1252 = mail(
        &[
            "From: a@example.de",
            "Subject: x",
            "Content-Type: text/plain; charset=windows-1252",
            "Content-Transfer-Encoding: 8bit",
        ],
        "",
    );
    windows_1252.extend_from_slice(b"Preis: 10 \x80, Gr\xfc\xdfe");
    assert_eq!(parse(&windows_1252).message.text, "Preis: 10 €, Grüße");
}

#[test]
fn subject_line_breaks_are_flattened() {
    // An encoded word can smuggle CR LF into a subject; it must come out as one line.
    let parsed = parse(&mail(&["From: a@example.com", "Subject: =?UTF-8?B?SGkNCkJjYzogeEBldmlsLmNvbQ==?="], "x"));
    assert_eq!(parsed.message.subject.as_deref(), Some("Hi  Bcc: x@evil.com"));
}

#[test]
fn alternative_mail_has_text_from_the_text_part_and_sanitised_html() {
    let parsed = parse(&mail(
        &["From: a@example.com", "Subject: alt", "MIME-Version: 1.0", "Content-Type: multipart/alternative; boundary=\"b1\""],
        "--b1\nContent-Type: text/plain; charset=utf-8\n\nPlain version\n--b1\nContent-Type: text/html; charset=utf-8\n\n\
         <p onclick=\"steal()\">HTML <b>version</b></p><script>alert(1)</script>\n--b1--\n",
    ));
    assert_eq!(parsed.message.text, "Plain version");
    let html = parsed.message.html.expect("html kept");
    assert!(html.contains("<b>version</b>"), "{html}");
    assert!(!html.contains("script") && !html.contains("onclick"), "{html}");
    assert!(parsed.message.attachments.is_empty());
}

#[test]
fn html_only_mail_gets_its_text_from_the_html() {
    let parsed = parse(&mail(
        &["From: a@example.com", "Subject: html", "Content-Type: text/html; charset=utf-8"],
        "<html><head><title>Newsletter</title><style>p{color:red}</style></head>\
         <body><p>Hello <b>there</b></p><p>Visit <a href=\"https://example.com\">our site</a></p></body></html>",
    ));
    let text = &parsed.message.text;
    assert!(text.contains("Hello there") && text.contains("our site"), "{text}");
    assert!(!text.contains("Newsletter") && !text.contains("color"), "{text}");
}

#[test]
fn attachments_and_inline_images_are_kept_with_their_bytes() {
    let parsed = parse(&mail(
        &["From: a@example.com", "Subject: files", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"m\""],
        "--m\nContent-Type: multipart/related; boundary=\"r\"\n\n\
         --r\nContent-Type: text/html; charset=utf-8\n\n<p>Logo: <img src=\"cid:logo@x\"></p>\n\
         --r\nContent-Type: image/png\nContent-ID: <logo@x>\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--r--\n\
         --m\nContent-Type: application/pdf; name=\"invoice.pdf\"\nContent-Disposition: attachment; filename=\"=?UTF-8?Q?Rechnung_M=C3=A4rz.pdf?=\"\n\
         Content-Transfer-Encoding: base64\n\nJVBERi0xLjQ=\n--m--\n",
    ));
    let attachments = &parsed.message.attachments;
    assert_eq!(attachments.len(), 2, "{attachments:?}");
    let logo = &attachments[0];
    assert_eq!(
        (logo.content_type.as_str(), logo.inline, logo.content_id.as_deref()),
        ("image/png", true, Some("logo@x"))
    );
    assert_eq!(bytes_of(logo), b"\x89PNG\r\n\x1a\n");
    let invoice = &attachments[1];
    assert_eq!(
        (invoice.name.as_str(), invoice.content_type.as_str(), invoice.inline),
        ("Rechnung März.pdf", "application/pdf", false)
    );
    assert_eq!(bytes_of(invoice), b"%PDF-1.4");
    let html = parsed.message.html.expect("html body");
    assert!(html.contains("src=\"cid:logo@x\""), "{html}");
}

#[test]
fn an_attached_mail_keeps_its_raw_bytes() {
    let inner = "From: x@example.com\nSubject: Original\n\nInner body\n";
    let parsed = parse(&mail(
        &["From: a@example.com", "Subject: fwd", "Content-Type: multipart/mixed; boundary=\"m\""],
        &format!(
            "--m\nContent-Type: text/plain\n\nSee attached.\n--m\nContent-Type: message/rfc822\n\n{inner}\n--m--\n"
        ),
    ));
    assert_eq!(parsed.message.text, "See attached.");
    let attached = &parsed.message.attachments[0];
    assert_eq!((attached.name.as_str(), attached.content_type.as_str()), ("Original.eml", "message/rfc822"));
    let raw = String::from_utf8_lossy(bytes_of(attached));
    assert!(raw.starts_with("From: x@example.com\r\nSubject: Original\r\n\r\nInner body"), "{raw:?}");
    assert!(!raw.contains("--m"), "the boundary is not part of the attached mail: {raw:?}");
}

#[test]
fn uuencoded_attachments_are_decoded() {
    assert_eq!(attachments::uudecode(b",2&5L;&\\@6F%M;6%D\n`\n").as_deref(), Some(&b"Hello Zammad"[..]));
    assert_eq!(attachments::uudecode(b"begin 644 a.txt\n#86)C\n`\nend\n").as_deref(), Some(&b"abc"[..]));
    assert_eq!(attachments::uudecode(b"not {uuencoded}"), None);
}

#[test]
fn flowed_text_is_joined_and_thread_hints_are_read() {
    let parsed = parse(&mail(
        &[
            "From: a@example.com",
            "Subject: Re: Printer [#1042]",
            "In-Reply-To: <parent@tidings.test>",
            "References: <root@tidings.test>\n <middle@tidings.test> <parent@tidings.test>",
            "Content-Type: text/plain; charset=utf-8; format=flowed",
        ],
        "This line is soft \nwrapped by the client.\n\n-- \nAnna\n",
    ));
    assert_eq!(parsed.message.text, "This line is soft wrapped by the client.\n\n--\nAnna");
    assert_eq!(parsed.message.thread.ticket_number, Some(1042));
    assert_eq!(
        parsed.message.thread.references,
        vec!["parent@tidings.test", "middle@tidings.test", "root@tidings.test"]
    );
}

#[test]
fn an_empty_mail_still_has_text_and_a_bad_date_is_dropped() {
    let parsed =
        parse(&mail(&["From: a@example.com", "Subject: see subject", "Date: Mon, 32 Jan 2024 29:00:00 +0000"], ""));
    assert_eq!(parsed.message.text, EMPTY_BODY_TEXT);
    assert_eq!(parsed.text_without_quote, EMPTY_BODY_TEXT);
    assert_eq!(parsed.message.sent_at, None);
}

#[test]
fn reply_history_is_folded_in_text_without_quote() {
    let parsed = parse(&mail(
        &["From: a@example.com", "Subject: Re: x"],
        "Thanks, that fixed it.\n\nOn Tue, 2 Jan 2024 at 10:00, Support <support@tidings.test> wrote:\n> Please restart it.\n",
    ));
    assert_eq!(parsed.text_without_quote, "Thanks, that fixed it.");
    assert!(parsed.message.text.contains("> Please restart it."));
}
