//! Generated demo data at size: customers, agents and tickets with long threads in German and English, for trying
//! Tidings out and for the benchmarks (`tidings demo --tickets 100000`). Deterministic for a seed, so two runs
//! produce the same data set. Operators only (the command line); nothing here is reachable over HTTP.

use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::secrets::{hash_password, new_id};
use super::{now, ServiceError, Services};
use crate::domain::{Channel, Locale, Priority, Role, Team, TicketStatus};
use crate::store::{DbError, ImportedTicket, MessageRecord, NewUserRecord};

/// How much to generate.
#[derive(Clone, Debug)]
pub struct DemoDataSpec {
    pub tickets: u64,
    /// Messages per ticket on average (threads have 1 to twice this many).
    pub messages_per_ticket: u32,
    pub customers: u32,
    pub agents: u32,
    /// The password of every generated account.
    pub password: String,
    pub seed: u64,
}

/// What was generated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoDataReport {
    pub tickets: u64,
    pub messages: u64,
    pub first_number: u64,
}

const BATCH: usize = 500;
/// The demo teams (ids `demo-team-support`, `demo-team-billing`).
pub const DEMO_TEAMS: [(&str, &str); 2] = [("demo-team-support", "Support"), ("demo-team-billing", "Billing")];
const CATEGORIES: [&str; 7] =
    ["Account", "Account/Login", "Billing", "Billing/Invoices", "Courses", "Courses/Certificates", "Technical"];
const TAGS: [&str; 6] = ["vip", "refund", "bug", "exam", "mobile", "feedback"];
/// Topics: a subject and the words its thread keeps coming back to. A topic word turns up in the tickets of its topic
/// (about one in twelve) and now and then elsewhere, as in real support mail.
const TOPICS: [(&str, [&str; 5]); 12] = [
    ("Cannot sign in to my account", ["login", "passwort", "zugang", "sperre", "twofactor"]),
    ("Invoice for my course is wrong", ["invoice", "rechnung", "betrag", "mehrwertsteuer", "iban"]),
    ("Kurszugang funktioniert nicht", ["kurszugang", "freischaltung", "lizenz", "code", "aktivierung"]),
    ("Rechnung doppelt abgebucht", ["abbuchung", "doppelt", "lastschrift", "erstattung", "kreditkarte"]),
    ("Certificate missing after the exam", ["certificate", "zertifikat", "exam", "prüfung", "bestanden"]),
    ("Video lessons do not play on mobile", ["video", "android", "iphone", "safari", "streaming"]),
    ("Passwort zurücksetzen klappt nicht", ["reset", "link", "spam", "postfach", "abgelaufen"]),
    ("Refund for a cancelled course", ["refund", "storno", "widerruf", "gutschrift", "kündigung"]),
    ("Prüfungstermin verschieben", ["termin", "verschieben", "krankheit", "attest", "frist"]),
    ("App crashes when I open the quiz", ["quiz", "absturz", "crash", "version", "update"]),
    ("Change the email address on my account", ["adresse", "email", "änderung", "bestätigung", "profil"]),
    ("Zertifikat enthält einen Tippfehler", ["tippfehler", "name", "korrektur", "urkunde", "druck"]),
];
/// Words every conversation is made of; they match most tickets.
const FILLER: [&str; 40] = [
    "hallo", "hello", "bitte", "please", "danke", "thanks", "ich", "habe", "mein", "meine", "kurs", "course", "seit",
    "heute", "gestern", "wieder", "noch", "nicht", "leider", "schon", "the", "and", "my", "is", "not", "since",
    "again", "können", "sie", "mir", "helfen", "help", "grüße", "regards", "problem", "frage", "question", "konto",
    "account", "schnell",
];

impl Services {
    /// Generates `spec.tickets` tickets in batches (one transaction each), calling `progress` with the running
    /// total after each batch. Accounts that exist already from an earlier run are reused.
    pub async fn generate_demo_data(
        &self,
        spec: &DemoDataSpec,
        mut progress: impl FnMut(u64),
    ) -> Result<DemoDataReport, ServiceError> {
        let mut rng = StdRng::seed_from_u64(spec.seed);
        self.ensure_demo_teams().await?;
        let password_hash = hash_password(spec.password.clone()).await?;
        let agents = self.demo_accounts(Role::Agent, "agent", spec.agents, &password_hash).await?;
        let customers = self.demo_accounts(Role::Customer, "customer", spec.customers, &password_hash).await?;
        let mut report = DemoDataReport::default();
        let start = now() - Duration::days(365);
        while report.tickets < spec.tickets {
            let size = usize::try_from((spec.tickets - report.tickets).min(BATCH as u64)).unwrap_or(BATCH);
            let batch: Vec<ImportedTicket> =
                (0..size).map(|_| demo_ticket(&mut rng, spec, start, &agents, &customers)).collect();
            let first = self.store().import_tickets(&batch).await?;
            if report.first_number == 0 {
                report.first_number = first;
            }
            report.tickets += batch.len() as u64;
            report.messages += batch.iter().map(|ticket| ticket.messages.len() as u64).sum::<u64>();
            progress(report.tickets);
        }
        Ok(report)
    }

    /// Creates the demo teams unless they exist.
    pub async fn ensure_demo_teams(&self) -> Result<(), ServiceError> {
        for (id, name) in DEMO_TEAMS {
            match self.store().insert_team(&Team { id: id.into(), name: name.into() }, now()).await {
                Ok(()) | Err(DbError::Conflict(_)) => {}
                Err(err) => return Err(err.into()),
            }
        }
        Ok(())
    }

    /// `count` accounts named `<kind>-<n>@demo.tidings.invalid`, created if missing; their ids.
    async fn demo_accounts(
        &self,
        role: Role,
        kind: &str,
        count: u32,
        password_hash: &str,
    ) -> Result<Vec<String>, ServiceError> {
        let mut ids = Vec::with_capacity(count as usize);
        for n in 1..=count.max(1) {
            let email = format!("{kind}-{n}@demo.tidings.invalid");
            let record = NewUserRecord {
                id: new_id(),
                email: email.clone(),
                name: format!("{} {n}", if role == Role::Agent { "Agent" } else { "Kundin" }),
                role,
                locale: if n % 3 == 0 { Locale::En } else { Locale::De },
                password_hash: password_hash.to_string(),
                created_at: now(),
            };
            match self.store().insert_user(&record).await {
                Ok(()) => ids.push(record.id),
                Err(DbError::Conflict(_)) => {
                    let (user, _) = self
                        .store()
                        .find_credentials(&email)
                        .await?
                        .ok_or_else(|| ServiceError::Internal(format!("{email} exists but cannot be read")))?;
                    ids.push(user.id);
                }
                Err(err) => return Err(err.into()),
            }
        }
        Ok(ids)
    }
}

fn demo_ticket(
    rng: &mut StdRng,
    spec: &DemoDataSpec,
    start: DateTime<Utc>,
    agents: &[String],
    customers: &[String],
) -> ImportedTicket {
    let id = new_id();
    let status = pick_weighted(
        rng,
        &[
            (TicketStatus::New, 10),
            (TicketStatus::Open, 25),
            (TicketStatus::Pending, 15),
            (TicketStatus::Resolved, 20),
            (TicketStatus::Closed, 30),
        ],
    );
    let priority =
        pick_weighted(rng, &[(Priority::Low, 20), (Priority::Normal, 55), (Priority::High, 20), (Priority::Urgent, 5)]);
    let requester_id = customers[rng.gen_range(0..customers.len())].clone();
    let assignee_id =
        (status != TicketStatus::New && rng.gen_bool(0.8)).then(|| agents[rng.gen_range(0..agents.len())].clone());
    let created_at = start + Duration::seconds(rng.gen_range(0..365 * 24 * 3600));
    let channel = pick_weighted(
        rng,
        &[(Channel::Portal, 40), (Channel::Email, 35), (Channel::Widget, 15), (Channel::Whatsapp, 10)],
    );
    let topic = rng.gen_range(0..TOPICS.len());
    let thread_len = rng.gen_range(1..=spec.messages_per_ticket.max(1) * 2 - 1);
    // Replies come 5 minutes to 3 days apart, closer together for recent tickets so that no thread ends in the future.
    let room_minutes = ((start + Duration::days(365) - created_at).num_minutes() / i64::from(thread_len)).max(6);
    let mut at = created_at;
    let mut first_response_at = None;
    let mut messages = Vec::with_capacity(thread_len as usize);
    for index in 0..thread_len {
        let from_customer = index % 2 == 0;
        let internal = !from_customer && rng.gen_bool(0.1);
        if !from_customer && !internal && first_response_at.is_none() {
            first_response_at = Some(at);
        }
        let author_id = if from_customer {
            requester_id.clone()
        } else {
            assignee_id.clone().unwrap_or_else(|| agents[rng.gen_range(0..agents.len())].clone())
        };
        messages.push(MessageRecord {
            id: new_id(),
            ticket_id: id.clone(),
            author_id,
            body: message_text(rng, topic),
            internal,
            channel,
            created_at: at,
            provider_message_id: None,
            delivery: None,
        });
        at += Duration::minutes(rng.gen_range(5..room_minutes.min(3 * 24 * 60)));
    }
    let updated_at = messages.last().map_or(created_at, |message| message.created_at);
    let resolved = matches!(status, TicketStatus::Resolved | TicketStatus::Closed);
    ImportedTicket {
        subject: format!("{} (modul{})", TOPICS[topic].0, rng.gen_range(100..400)),
        status,
        priority,
        ticket_type: Some(["question", "problem", "incident", "task"][rng.gen_range(0..4)].to_string()),
        category: Some(CATEGORIES[rng.gen_range(0..CATEGORIES.len())].to_string()),
        channel,
        requester_id,
        assignee_id,
        team_id: rng.gen_bool(0.7).then(|| DEMO_TEAMS[rng.gen_range(0..DEMO_TEAMS.len())].0.to_string()),
        language: Some(if rng.gen_bool(0.7) { "de" } else { "en" }.to_string()),
        tags: TAGS.iter().filter(|_| rng.gen_bool(0.12)).map(|tag| tag.to_string()).collect(),
        created_at,
        updated_at,
        first_response_at,
        resolved_at: resolved.then_some(updated_at),
        messages,
        id,
    }
}

fn pick_weighted<T: Copy>(rng: &mut StdRng, options: &[(T, u32)]) -> T {
    let total: u32 = options.iter().map(|(_, weight)| weight).sum();
    let mut roll = rng.gen_range(0..total);
    for (value, weight) in options {
        if roll < *weight {
            return *value;
        }
        roll -= weight;
    }
    options[0].0
}

/// A message: filler words with two or three of its topic's words, sometimes a word of another topic, a course
/// module (`modul100` to `modul399`: each in about one ticket in 300) or an order reference (rare).
fn message_text(rng: &mut StdRng, topic: usize) -> String {
    let count = rng.gen_range(12..40);
    let mut words: Vec<String> = (0..count).map(|_| FILLER[rng.gen_range(0..FILLER.len())].to_string()).collect();
    for _ in 0..rng.gen_range(2..=3) {
        let at = rng.gen_range(0..words.len());
        words[at] = TOPICS[topic].1[rng.gen_range(0..5)].to_string();
    }
    if rng.gen_bool(0.05) {
        let other = TOPICS[rng.gen_range(0..TOPICS.len())].1[rng.gen_range(0..5)];
        words.push(other.to_string());
    }
    if rng.gen_bool(0.05) {
        words.push(format!("modul{}", rng.gen_range(100..400)));
    }
    if rng.gen_bool(0.02) {
        words.push(format!("ref{}", rng.gen_range(10_000..99_999)));
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_text_and_weights_are_respected() {
        let mut a = StdRng::seed_from_u64(7);
        let mut b = StdRng::seed_from_u64(7);
        assert_eq!(message_text(&mut a, 3), message_text(&mut b, 3));
        let mut rng = StdRng::seed_from_u64(1);
        let picks: Vec<u8> = (0..1000).map(|_| pick_weighted(&mut rng, &[(0u8, 90), (1u8, 10)])).collect();
        let ones = picks.iter().filter(|pick| **pick == 1).count();
        assert!((50..150).contains(&ones), "about 10% ones, got {ones}");
    }
}
