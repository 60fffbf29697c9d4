//! The Zammad mail corpus (tests/corpus/email/zammad, see its README): every `.box` parsed, and the sender,
//! subject and attachment count compared with what Zammad's own test suite expects in the matching `.yml`.

use std::path::{Path, PathBuf};

use serde_yaml::Value;

use super::{parse_email, AutomatedKind, ParsedEmail};
use crate::channel::AttachmentSource;

const CORPUS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/email/zammad");

/// Expectations where Zammad's answer is a Zammad quirk rather than the mail's content. Each entry is
/// (file stem, what we expect instead, why). Everything not listed here is compared as the yml says.
const SENDER_EXCEPTIONS: &[(&str, &str, &str)] = &[(
    "mail076",
    "\"millions lottery spain transfer\"@example.com",
    "the From header is malformed (`\"…\"@example.com>`); Zammad keeps its stray closing '>' in the address, \
     we drop it (the quoted local part itself is valid RFC 5322)",
)];

/// Attachment counts that differ for a reason specific to Zammad: (file stem, our count, why).
const ATTACHMENT_COUNT_EXCEPTIONS: &[(&str, usize, &str)] = &[(
    "mail071",
    0,
    "the mail declares multipart/mixed but has no body at all; Zammad stores that empty body as an \
     attachment named \"file\" with no bytes, we store no file for zero bytes that were never attached",
)];

/// One corpus mail: its raw bytes and Zammad's expectations.
struct Case {
    stem: String,
    raw: Vec<u8>,
    expected: Value,
}

fn corpus() -> Vec<Case> {
    let dir = Path::new(CORPUS_DIR);
    assert!(dir.is_dir(), "the email corpus is missing at {}", dir.display());
    let mut boxes: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus directory is readable")
        .map(|entry| entry.expect("corpus entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "box"))
        .collect();
    boxes.sort();
    assert!(boxes.len() >= 30, "expected the 32 corpus mails, found {}", boxes.len());
    boxes
        .into_iter()
        .map(|path| {
            let stem = path.file_stem().expect("file stem").to_string_lossy().into_owned();
            let raw = std::fs::read(&path).expect("box is readable");
            let yml = std::fs::read_to_string(path.with_extension("yml")).expect("every .box has its .yml");
            let expected = untag(serde_yaml::from_str(&yml).unwrap_or_else(|err| panic!("{stem}.yml: {err}")));
            Case { stem, raw, expected }
        })
        .collect()
}

/// Drops the Ruby type tags (`!ruby/hash:…`, `!binary`) the ymls carry, keeping the tagged values.
fn untag(value: Value) -> Value {
    match value {
        Value::Tagged(tagged) => untag(tagged.value),
        Value::Mapping(map) => Value::Mapping(map.into_iter().map(|(key, value)| (untag(key), untag(value))).collect()),
        Value::Sequence(items) => Value::Sequence(items.into_iter().map(untag).collect()),
        other => other,
    }
}

fn text_field<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// The sender Zammad expects: `from_email`, or the address inside `from`'s angle brackets, or `from` itself.
fn expected_sender(expected: &Value) -> Option<String> {
    if let Some(email) = text_field(expected, "from_email") {
        return Some(email.trim().to_lowercase());
    }
    let from = text_field(expected, "from")?;
    let address = match (from.rfind('<'), from.rfind('>')) {
        (Some(start), Some(end)) if start < end => &from[start + 1..end],
        _ => from.split_whitespace().next().unwrap_or(from),
    };
    Some(address.trim().to_lowercase())
}

/// Zammad keeps the original HTML body as an extra attachment named "message.html", marked with the
/// preferences `content-alternative` / `original-format`; that is the body, not a file the sender attached,
/// so such entries are not counted.
fn is_zammad_html_body_copy(attachment: &Value) -> bool {
    let preferences = attachment.get("preferences");
    let marked = ["content-alternative", "original-format"]
        .iter()
        .any(|key| preferences.and_then(|prefs| prefs.get(*key)).is_some_and(|flag| flag.as_bool() == Some(true)));
    text_field(attachment, "filename") == Some("message.html") && marked
}

fn parse(case: &Case) -> ParsedEmail {
    parse_email(&case.raw).unwrap_or_else(|err| panic!("{}: {err}", case.stem))
}

#[test]
fn every_corpus_mail_has_the_expected_sender_subject_and_attachments() {
    let mut failures = Vec::new();
    let cases = corpus();
    for case in &cases {
        let parsed = parse(case);
        let message = &parsed.message;

        let sender_exception = SENDER_EXCEPTIONS.iter().find(|(stem, _, _)| *stem == case.stem);
        let expected_sender = match sender_exception {
            Some((_, ours, _)) => Some(ours.to_string()),
            None => expected_sender(&case.expected),
        };
        if let Some(expected) = expected_sender {
            if message.sender.address != expected {
                failures.push(format!("{}: sender {:?}, expected {expected:?}", case.stem, message.sender.address));
            }
        }

        // We trim subjects (Zammad keeps a trailing space, e.g. mail001); otherwise they must be equal.
        if let Some(expected) = text_field(&case.expected, "subject") {
            if message.subject.as_deref() != Some(expected.trim()) {
                failures.push(format!("{}: subject {:?}, expected {:?}", case.stem, message.subject, expected.trim()));
            }
        }

        let count_exception = ATTACHMENT_COUNT_EXCEPTIONS.iter().find(|(stem, _, _)| *stem == case.stem);
        let expected_count = match (count_exception, case.expected.get("attachments")) {
            (Some((_, ours, _)), _) => Some(*ours),
            (None, Some(Value::Sequence(list))) => Some(list.iter().filter(|a| !is_zammad_html_body_copy(a)).count()),
            (None, Some(_)) => Some(0),
            (None, None) => None,
        };
        if let Some(expected) = expected_count {
            if message.attachments.len() != expected {
                let names: Vec<&str> = message.attachments.iter().map(|a| a.name.as_str()).collect();
                failures.push(format!("{}: attachments {names:?}, expected {expected}", case.stem));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} corpus mails differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

fn case(stem: &str) -> ParsedEmail {
    let cases = corpus();
    let case = cases.iter().find(|case| case.stem == stem).unwrap_or_else(|| panic!("{stem} is in the corpus"));
    parse(case)
}

#[test]
fn umlauts_survive_in_headers_and_bodies() {
    // ISO-8859-1, quoted-printable body and a Q-encoded subject.
    let mail001 = case("mail001");
    assert_eq!(mail001.message.subject.as_deref(), Some("CI Daten für PublicView"));
    assert!(mail001.message.text.contains("Daten für die Intranetseite"), "{}", mail001.message.text);
    assert!(mail001.message.text.contains("Mit freundlichem Gruß"), "{}", mail001.message.text);
    // B-encoded UTF-8 display name.
    let mail014 = case("mail014");
    assert_eq!(mail014.message.sender_name.as_deref(), Some("Müller, Bernd"));
    assert!(mail014.message.text.contains("äöüß ad asd"), "{}", mail014.message.text);
    // Raw 8-bit windows-1250 (Czech) HTML without MIME-Version.
    let mail068 = case("mail068");
    assert!(mail068.message.text.contains("Čtvrtek 2. srpna 2018"), "{}", mail068.message.text);
    assert!(mail068.message.text.contains("garáž není jeho, ale strýce"), "{}", mail068.message.text);
    // windows-1258 Q-encoded subject and display name.
    let mail072 = case("mail072");
    assert_eq!(mail072.message.sender_name.as_deref(), Some("Valérie Oury"));
    assert!(mail072.message.text.contains("référencée"), "{}", mail072.message.text);
}

#[test]
fn only_the_bounces_of_the_corpus_are_automated() {
    let bounces = ["mail033-undelivered-mail-returned-to-sender-notification", "mail052", "mail055"];
    for case in corpus() {
        let expected = bounces.contains(&case.stem.as_str()).then_some(AutomatedKind::Bounce);
        assert_eq!(parse(&case).automated, expected, "{}", case.stem);
    }
}

#[test]
fn corpus_attachments_carry_names_types_and_decoded_bytes() {
    let mail079 = case("mail079");
    let image = &mail079.message.attachments[0];
    assert_eq!((image.name.as_str(), image.content_type.as_str(), image.inline), ("a.jpg", "image/jpeg", true));
    assert_eq!(image.content_id.as_deref(), Some("5EF92182-3261-44C7-9835-E8A922AB4976@openvpn"));
    assert!(matches!(&image.source, AttachmentSource::Bytes(bytes) if bytes.starts_with(&[0xff, 0xd8, 0xff])));
    let html = mail079.message.html.as_deref().expect("mail079 has HTML");
    assert!(html.contains("cid:5EF92182-3261-44C7-9835-E8A922AB4976@openvpn"), "{html}");

    // RFC 2231 file name; x-uuencode transfer encoding.
    assert_eq!(case("mail081").message.attachments[0].name, "Erklärung.txt");
    let uuencoded = &case("mail078-content_transfer_encoding_x_uuencode").message.attachments[0];
    assert_eq!(uuencoded.source, AttachmentSource::Bytes(b"Hello Zammad".to_vec()));

    // A DSN: the report and the returned mail, named from their descriptions.
    let mail033 = case("mail033-undelivered-mail-returned-to-sender-notification");
    let names: Vec<&str> = mail033.message.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Delivery report.txt", "test [Ticket#10010].eml"]);
}

#[test]
fn corpus_replies_fold_their_history_and_keep_their_thread() {
    // Bottom-posted German reply: the quoted block and its attribution go, the answer stays.
    let mail005 = case("mail005");
    assert!(
        mail005.text_without_quote.starts_with("Hallo Martin,\n\nJohn und ich könnten"),
        "{}",
        mail005.text_without_quote
    );
    assert!(!mail005.text_without_quote.contains("schrieb") && !mail005.text_without_quote.contains("> "));
    assert_eq!(mail005.message.thread.references, ["20120507061007.259.822311@portal.znuny.com"]);
    // In-Reply-To first, then References newest first.
    assert_eq!(
        case("mail013").message.thread.references,
        ["20121212074433.2132.457157@portal.znuny.com", "20121211120033.55B04459C4@mail-int-02.noc.example.com"]
    );
    // No From at all: Reply-To answers; no Message-ID: a content hash identifies it.
    let mail016 = case("mail016");
    assert_eq!(mail016.message.sender.address, "vipyimin@126.com");
    assert!(mail016.message.provider_message_id.starts_with("sha256:"));
    // An impossible Date (hour 29) is dropped rather than guessed.
    assert_eq!(case("mail074").message.sent_at, None);
}
