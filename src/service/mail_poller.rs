//! Email in by polling IMAP mailboxes: each round reads the unseen mail, ingests it, and only then marks it
//! `\Seen`. Exactly once comes from ingestion's Message-ID dedupe, not from the flag: a mail read but not yet marked
//! (crash, lost connection) is read again next round and answers `Duplicate`. A mail that can never be stored
//! (malformed, too large) is marked seen and logged so it does not come back every round; a failure on our side
//! (the database) leaves it unseen for the next round.

use std::time::Duration;

use super::{Ingested, ServiceError, Services};
use crate::channel::imap::{ImapError, ImapMailbox, ImapSession, MAX_MESSAGES_PER_ROUND, MAX_MESSAGE_BYTES};

/// The longest wait between tries while a mailbox keeps failing.
const MAX_BACKOFF: Duration = Duration::from_secs(15 * 60);

/// What one round over a mailbox did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PollReport {
    /// Mails that opened a ticket or continued one.
    pub stored: usize,
    /// Mails stored in an earlier round (read again before they were marked seen).
    pub duplicates: usize,
    /// Machine mail (auto-replies, bounces) deliberately not stored.
    pub ignored: usize,
    /// Mails refused for what they are (malformed, too large): marked seen and logged, not stored.
    pub rejected: usize,
    /// Mails left unseen after a failure on our side; the next round tries them again.
    pub retry_later: usize,
    /// More mail was unseen than one round takes.
    pub more_waiting: bool,
}

/// What to do with one mail after trying to ingest it.
enum Outcome {
    Done(Ingested),
    Rejected,
    RetryLater,
}

impl Services {
    /// One round: connects, ingests every unseen mail (up to [`MAX_MESSAGES_PER_ROUND`], oldest first) and marks
    /// each one seen once it is stored or refused for good. An error means the mailbox could not be read; mail
    /// already marked stays marked, the rest is tried again next round.
    pub async fn poll_mailbox_once(&self, mailbox: &ImapMailbox) -> Result<PollReport, ImapError> {
        let mut session = mailbox.open().await?;
        let result = self.ingest_unseen(mailbox, &mut session).await;
        session.logout().await;
        result
    }

    async fn ingest_unseen(&self, mailbox: &ImapMailbox, session: &mut ImapSession) -> Result<PollReport, ImapError> {
        let unseen = session.unseen(MAX_MESSAGES_PER_ROUND).await?;
        let mut report = PollReport { more_waiting: unseen.more_waiting, ..PollReport::default() };
        for mail in unseen.mails {
            if mail.size.is_some_and(|size| size > MAX_MESSAGE_BYTES) {
                tracing::warn!(%mailbox, uid = mail.uid, size = mail.size, limit = MAX_MESSAGE_BYTES,
                    "mail too large to fetch: marked seen and not stored");
                session.mark_seen(mail.uid).await?;
                report.rejected += 1;
                continue;
            }
            let Some(raw) = session.read(mail.uid).await? else {
                continue; // Expunged meanwhile.
            };
            match self.ingest_polled(mailbox, mail.uid, &raw).await {
                Outcome::Done(ingested) => {
                    session.mark_seen(mail.uid).await?;
                    match ingested {
                        Ingested::Created { .. } | Ingested::Appended { .. } => report.stored += 1,
                        Ingested::Duplicate { .. } => report.duplicates += 1,
                        Ingested::Ignored { .. } => report.ignored += 1,
                    }
                }
                Outcome::Rejected => {
                    session.mark_seen(mail.uid).await?;
                    report.rejected += 1;
                }
                Outcome::RetryLater => report.retry_later += 1,
            }
        }
        Ok(report)
    }

    async fn ingest_polled(&self, mailbox: &ImapMailbox, uid: u32, raw: &[u8]) -> Outcome {
        match self.ingest_email(raw).await {
            Ok(ingested) => Outcome::Done(ingested),
            Err(err) if is_about_the_mail(&err) => {
                tracing::warn!(%mailbox, uid, message_id = message_id_of(raw).unwrap_or_default(),
                    code = err.code(), error = %err, "mail refused: marked seen and not stored");
                Outcome::Rejected
            }
            Err(err) => {
                tracing::warn!(%mailbox, uid, message_id = message_id_of(raw).unwrap_or_default(),
                    code = err.code(), error = ?err, "mail not stored, left unseen for the next round");
                Outcome::RetryLater
            }
        }
    }

    /// Polls `mailbox` forever, every `every`; after a failed round it waits longer each time (up to 15 minutes)
    /// so a server that is down or refuses the login is not hammered.
    pub async fn run_mail_poller(self, mailbox: ImapMailbox, every: Duration) {
        let every = every.max(Duration::from_secs(1));
        let mut failures: u32 = 0;
        loop {
            let wait = match self.poll_mailbox_once(&mailbox).await {
                Ok(report) => {
                    failures = 0;
                    if report != PollReport::default() {
                        tracing::info!(%mailbox, ?report, "mailbox polled");
                    }
                    if report.more_waiting && report.retry_later == 0 {
                        continue;
                    }
                    every
                }
                Err(err) => {
                    failures = failures.saturating_add(1);
                    let wait = backoff(every, failures, err.is_connection());
                    tracing::warn!(%mailbox, error = %err, failures, retry_in_secs = wait.as_secs(),
                        "polling the mailbox failed");
                    wait
                }
            };
            tokio::time::sleep(wait).await;
        }
    }
}

/// Refusals that are about the mail itself, so reading it again would end the same way.
fn is_about_the_mail(err: &ServiceError) -> bool {
    matches!(err, ServiceError::Invalid(_) | ServiceError::TooLarge { .. } | ServiceError::UnsupportedMediaType { .. })
}

/// The wait after `failures` failed rounds in a row: doubling for connection failures, capped.
fn backoff(every: Duration, failures: u32, connection: bool) -> Duration {
    if !connection {
        return every;
    }
    let factor = 1u32 << failures.saturating_sub(1).min(10);
    every.saturating_mul(factor).min(MAX_BACKOFF.max(every))
}

/// The Message-ID header of a raw mail, for the log (the mail may be malformed: only the header lines are looked at).
fn message_id_of(raw: &[u8]) -> Option<String> {
    let head = &raw[..raw.len().min(64 * 1024)];
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines().take_while(|line| !line.is_empty()).peekable();
    while let Some(line) = lines.next() {
        let Some((name, value)) = line.split_once(':') else { continue };
        if name.trim().eq_ignore_ascii_case("message-id") {
            let mut value = value.trim().to_string();
            while let Some(folded) = lines.next_if(|next| next.starts_with([' ', '\t'])) {
                value.push_str(folded.trim());
            }
            return Some(value.chars().take(200).collect());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FieldError;

    #[test]
    fn only_refusals_of_the_mail_itself_mark_it_seen() {
        let malformed = ServiceError::Invalid(FieldError::new("message", "malformed_email", "no"));
        assert!(is_about_the_mail(&malformed));
        assert!(is_about_the_mail(&ServiceError::TooLarge { field: "message", message: "big".into() }));
        assert!(!is_about_the_mail(&ServiceError::Internal("database is locked".into())));
        assert!(!is_about_the_mail(&ServiceError::RateLimited { retry_after_secs: 1 }));
    }

    #[test]
    fn connection_failures_back_off_up_to_a_cap() {
        let minute = Duration::from_secs(60);
        assert_eq!(backoff(minute, 1, true), minute);
        assert_eq!(backoff(minute, 3, true), minute * 4);
        assert_eq!(backoff(minute, 40, true), MAX_BACKOFF);
        assert_eq!(backoff(minute, 5, false), minute, "a failed command mid-round waits the usual interval");
        assert_eq!(backoff(Duration::from_secs(3600), 9, true), Duration::from_secs(3600));
    }

    #[test]
    fn the_message_id_is_read_from_the_header_only() {
        let raw = b"From: a@b.example\r\nMessage-ID:\r\n <x1@mail.example>\r\n\r\nMessage-ID: <body@nope>\r\n";
        assert_eq!(message_id_of(raw).as_deref(), Some("<x1@mail.example>"));
        assert_eq!(message_id_of(b"Subject: hi\r\n\r\nMessage-ID: <body@nope>"), None);
    }
}
