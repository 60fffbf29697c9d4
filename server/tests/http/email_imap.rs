//! Email in by IMAP polling against a real dovecot (common/imap_server.rs): mail in the mailbox becomes tickets and
//! replies exactly once, is flagged \Seen only after it was stored, a second copy of a mail stores nothing, mail
//! that is not an email is marked seen instead of blocking the mailbox, and new mail is picked up within seconds.

use serde_json::Value;
use std::time::{Duration, Instant};

use tidings::channel::imap::{ImapError, ImapMailbox};

use crate::common::imap_server::{ImapServer, PASSWORD};
use crate::common::tickets::all_tickets;
use crate::common::{spawn, Backend, TestApp};

macro_rules! with_imap_mailbox {
    ($($case:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                super::$case(super::Backend::Sqlite).await;
            })*
        }
        mod on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                super::$case(super::Backend::Postgres).await;
            })*
        }
    };
}

with_imap_mailbox!(
    mailbox_mail_becomes_tickets_once_and_is_flagged_seen,
    mail_arriving_while_the_app_runs_is_picked_up_within_seconds,
    each_round_reports_what_it_did_and_names_what_failed,
);

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/email/zammad");
/// Umlauts in the sender's name, the subject (ISO-8859-1, quoted-printable) and the body.
const UMLAUTS: &str = "mail065";
const UMLAUTS_ID: &str = "BC182994-03FA-4DC5-8202-98CBFACA0887@example.com";
/// A text attachment whose RFC 2231 file name has an umlaut.
const ATTACHMENT: &str = "mail081";

fn corpus_mail(stem: &str) -> Vec<u8> {
    std::fs::read(format!("{CORPUS}/{stem}.box")).unwrap_or_else(|err| panic!("{stem}.box: {err}"))
}

fn mail(from: &str, message_id: &str, subject: &str, extra_headers: &str, body: &str) -> Vec<u8> {
    crate::common::tickets::plain_mail(from, message_id, subject, extra_headers, body)
}

fn message_count(tickets: &[Value]) -> usize {
    tickets.iter().map(|ticket| ticket["messages"].as_array().map_or(0, Vec::len)).sum()
}

/// Polls the REST API (up to `limit`) until `done` holds for the tickets; returns them.
async fn wait_for_tickets(
    app: &TestApp,
    server: &ImapServer,
    limit: Duration,
    what: &str,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let admin = app.admin().await;
    let started = Instant::now();
    loop {
        let tickets = all_tickets(app, &admin).await;
        if done(&tickets) {
            return tickets;
        }
        if started.elapsed() > limit {
            panic!("{what}: not within {limit:?}; tickets: {tickets:#?}\ndovecot log:\n{}", server.log());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn by_subject<'a>(tickets: &'a [Value], subject: &str) -> &'a Value {
    tickets
        .iter()
        .find(|ticket| ticket["subject"] == subject)
        .unwrap_or_else(|| panic!("no ticket {subject:?} in {tickets:#?}"))
}

async fn mailbox_mail_becomes_tickets_once_and_is_flagged_seen(backend: Backend) {
    let server = ImapServer::start().await;
    let opening = server.deliver(&corpus_mail(UMLAUTS));
    let with_file = server.deliver(&corpus_mail(ATTACHMENT));
    let reply = server.deliver(&mail(
        "smith@example.com",
        "reply-1@mail.example",
        "Re: aaäöüßad asd",
        &format!("In-Reply-To: <{UMLAUTS_ID}>\r\nReferences: <{UMLAUTS_ID}>\r\n"),
        "Noch eine Frage zu Größe und Maßen.",
    ));
    let env = server.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(key, value)| (*key, value.as_str())).collect();
    let Some(app) = spawn(backend, &env).await else { return };

    let tickets = wait_for_tickets(&app, &server, Duration::from_secs(20), "two tickets, three messages", |t| {
        t.len() >= 2 && message_count(t) >= 3
    })
    .await;
    assert_eq!(tickets.len(), 2, "the reply continues its ticket: {tickets:#?}");

    let umlauts = by_subject(&tickets, "aaäöüßad asd");
    assert_eq!(umlauts["channel"], "email");
    assert_eq!(umlauts["requester"]["email"], "smith@example.com");
    let bodies: Vec<&str> =
        umlauts["messages"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap_or_default()).collect();
    assert_eq!(bodies.len(), 2, "{bodies:?}");
    assert!(bodies[0].contains("äöüß ad asd"), "decoded from ISO-8859-1: {bodies:?}");
    assert_eq!(bodies[1], "Noch eine Frage zu Größe und Maßen.", "the reply is on the first ticket");

    let attached = by_subject(&tickets, "UTF-8-Attachment-Test");
    assert_eq!(attached["requester"]["email"], "redacted@redacted");
    let files = attached["messages"][0]["attachments"].as_array().expect("attachments").clone();
    let names: Vec<&str> = files.iter().map(|file| file["name"].as_str().unwrap_or_default()).collect();
    assert_eq!(names, ["Erklärung.txt"], "{attached:#}");

    // Flagged \Seen once stored: moved to cur/ with S among the Maildir flags.
    let started = Instant::now();
    while ![&opening, &with_file, &reply].iter().all(|name| server.is_seen(name)) {
        assert!(started.elapsed() < Duration::from_secs(10), "not all seen:\n{}", server.log());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(server.new_count(), 0);

    // A second copy of a stored mail (same Message-ID, new UID) is marked seen and stores nothing; and further
    // rounds double nothing.
    let copy = server.deliver(&corpus_mail(UMLAUTS));
    let started = Instant::now();
    while !server.is_seen(&copy) {
        assert!(started.elapsed() < Duration::from_secs(10), "the copy was not marked seen:\n{}", server.log());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let admin = app.admin().await;
    let again = all_tickets(&app, &admin).await;
    assert_eq!((again.len(), message_count(&again)), (2, 3), "nothing doubled: {again:#?}");
}

async fn mail_arriving_while_the_app_runs_is_picked_up_within_seconds(backend: Backend) {
    let server = ImapServer::start().await;
    let env = server.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(key, value)| (*key, value.as_str())).collect();
    let Some(app) = spawn(backend, &env).await else { return };
    tokio::time::sleep(Duration::from_millis(1500)).await;

    // Not an email at all: refused for what it is, marked seen, and it does not hold up the mail behind it.
    let junk = server.deliver(b"this is not an email at all");
    let fresh =
        server.deliver(&mail("Carla Kunde <carla@example.com>", "c1@mail.example", "Zugang gesperrt", "", "Grüße"));
    let delivered = Instant::now();
    let tickets =
        wait_for_tickets(&app, &server, Duration::from_secs(10), "the new mail's ticket", |t| !t.is_empty()).await;
    assert!(delivered.elapsed() < Duration::from_secs(8), "picked up after {:?}", delivered.elapsed());
    let ticket = by_subject(&tickets, "Zugang gesperrt");
    assert_eq!(ticket["requester"]["email"], "carla@example.com");
    assert_eq!(ticket["messages"][0]["body"], "Grüße");

    let started = Instant::now();
    while !(server.is_seen(&fresh) && server.is_seen(&junk)) {
        assert!(started.elapsed() < Duration::from_secs(10), "not marked seen:\n{}", server.log());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(all_tickets(&app, &app.admin().await).await.len(), 1, "the junk opened no ticket");
}

async fn each_round_reports_what_it_did_and_names_what_failed(backend: Backend) {
    let server = ImapServer::start().await;
    // No TIDINGS_IMAP_URLS: no poller runs, the test drives the rounds itself.
    let Some(app) = spawn(backend, &[]).await else { return };
    let services = &app.state.services;
    let mailbox: ImapMailbox = server.url().parse().unwrap();

    let first = server.deliver(&mail("carla@example.com", "r1@mail.example", "Drucker", "", "Er druckt nicht."));
    let junk = server.deliver(b"this is not an email at all");
    let away = server.deliver(&mail(
        "carla@example.com",
        "r2@mail.example",
        "Abwesend",
        "Auto-Submitted: auto-replied\r\n",
        "Weg",
    ));
    let report = services.poll_mailbox_once(&mailbox).await.expect("first round");
    assert_eq!((report.stored, report.rejected, report.ignored, report.retry_later), (1, 1, 1, 0), "{report:?}");
    assert!([&first, &junk, &away].iter().all(|name| server.is_seen(name)), "{:?}", server.flags(&first));

    let copy = server.deliver(&mail("carla@example.com", "r1@mail.example", "Drucker", "", "Er druckt nicht."));
    let report = services.poll_mailbox_once(&mailbox).await.expect("second round");
    assert_eq!((report.stored, report.duplicates), (0, 1), "{report:?}");
    assert!(server.is_seen(&copy));
    let report = services.poll_mailbox_once(&mailbox).await.expect("third round");
    assert_eq!(report, Default::default(), "nothing unseen is left");

    let wrong_password: ImapMailbox = server.url().replace(PASSWORD, "wrong").parse().unwrap();
    let err = services.poll_mailbox_once(&wrong_password).await.expect_err("wrong password");
    assert!(matches!(err, ImapError::Auth(_)) && !err.to_string().contains("wrong"), "{err:?}");
    let no_folder: ImapMailbox = server.url().replace("/INBOX", "/Nowhere").parse().unwrap();
    let err = services.poll_mailbox_once(&no_folder).await.expect_err("no such folder");
    assert!(matches!(err, ImapError::Folder { .. }), "{err:?}");
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let nobody_home: ImapMailbox = format!("imap://u:p@127.0.0.1:{closed_port}/INBOX").parse().unwrap();
    let err = services.poll_mailbox_once(&nobody_home).await.expect_err("nothing listens");
    assert!(matches!(err, ImapError::Connect(_)) && err.is_connection(), "{err:?}");
}
