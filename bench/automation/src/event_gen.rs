//! Generated ticket events and the ticket snapshots they happen on: 30 % ticket_created, 40 % ticket_updated
//! (with a status, priority or tag change), 30 % message_received, on tickets with random status, priority,
//! channel, 0-4 tags, a subject from a bilingual list and a requester from a few domains and segments. Created and
//! message events carry a fixture message as their text, so `message_text contains` works on real-sized texts.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use tidings::domain::rules::{
    AutomationMemory, Change, Changes, EventActor, EventKind, RequesterFacts, RuleEvent, RuleSubject, TicketClock,
    TicketFacts,
};
use tidings::domain::{Channel, Priority, TicketStatus};

use crate::fixture::Labelled;
use crate::rng::Rng;
use crate::rule_gen::{agent_id, tag, DOMAINS, SEGMENTS, TEAMS, TICKET_TAGS};

/// Subjects in English and German, with the words rule conditions look for.
const SUBJECTS: [&str; 20] = [
    "Invoice for my course is missing",
    "Refund request: wrong plan",
    "Cannot reset my password",
    "Login fails with two-factor code",
    "Video in module 3 does not play",
    "Certificate shows the wrong name",
    "Payment declined twice",
    "Please delete my account",
    "Question about the exam date",
    "Rechnung doppelt abgebucht",
    "Zugang zum Kurs gesperrt",
    "Prüfung lässt sich nicht starten",
    "Datenschutz: Auskunft über meine Daten",
    "Zertifikat fehlt nach Abschluss",
    "Passwort vergessen",
    "Kurs auf Deutsch verfügbar?",
    "DRINGEND: Zahlung fehlgeschlagen",
    "Video ruckelt in der App",
    "Team licence for 20 seats",
    "Thanks for the quick help",
];

/// One event and the ticket it happened to.
pub struct BenchEvent {
    pub event: RuleEvent,
    pub subject: RuleSubject,
}

/// A fixed "now" (Wednesday 12 November 2025, 09:00 UTC), so runs do not depend on the day they are made.
pub fn base_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 11, 12, 9, 0, 0).single().expect("a valid fixed date")
}

/// `count` events, one second apart, each on its own ticket snapshot.
pub fn generate_events(count: usize, messages: &[Labelled], rng: &mut Rng) -> Vec<BenchEvent> {
    (0..count).map(|index| generate_event(index, messages, rng)).collect()
}

fn generate_event(index: usize, messages: &[Labelled], rng: &mut Rng) -> BenchEvent {
    let now = base_time() + TimeDelta::seconds(index as i64);
    let roll = rng.below(100);
    let kind = match roll {
        0..=29 => EventKind::TicketCreated,
        30..=69 => EventKind::TicketUpdated,
        _ => EventKind::MessageReceived,
    };
    let status = match kind {
        EventKind::TicketCreated => TicketStatus::New,
        EventKind::TicketUpdated => *rng.pick(&TicketStatus::ALL[..4]),
        _ => *rng.pick(&[TicketStatus::Open, TicketStatus::Pending, TicketStatus::Resolved]),
    };
    let priority = *rng.pick(&[Priority::Low, Priority::Normal, Priority::Normal, Priority::High, Priority::Urgent]);
    let tag_count = rng.below(5) as usize;
    let ticket = TicketFacts {
        status,
        priority,
        team_id: rng.percent(50).then(|| rng.pick(&TEAMS).to_string()),
        assignee_id: rng.percent(40).then(|| agent_id(rng.below(20) as usize)),
        tags: rng.pick_distinct(&TICKET_TAGS, tag_count).into_iter().map(tag).collect(),
        channel: *rng.pick(&Channel::ALL),
        subject: rng.pick(&SUBJECTS).to_string(),
        category: None,
        ticket_type: None,
        brand: None,
    };
    let requester = RequesterFacts {
        email_domain: Some(rng.pick(&DOMAINS).to_string()),
        is_vip: rng.percent(10),
        segment: rng.percent(70).then(|| rng.pick(&SEGMENTS).to_string()),
        language: Some(rng.pick(&["en", "de"]).to_string()),
    };
    let created_at = now - TimeDelta::minutes(rng.below(30 * 24 * 60) as i64);
    let clock = TicketClock {
        created_at,
        updated_at: now,
        status_changed_at: created_at,
        last_customer_message_at: Some(created_at),
        last_agent_reply_at: rng.percent(50).then_some(created_at + TimeDelta::minutes(30)),
    };
    let (actor, changes) = match kind {
        EventKind::TicketUpdated => (*rng.pick(&[EventActor::Agent, EventActor::System]), changes(&ticket, rng)),
        _ => (EventActor::Customer, Changes::default()),
    };
    let message_text = (kind != EventKind::TicketUpdated).then(|| rng.pick(messages).text.clone());
    let subject = RuleSubject {
        ticket_id: format!("t{index}"),
        ticket,
        requester,
        message_text,
        within_business_hours: rng.percent(60),
        clock,
        automation: AutomationMemory::default(),
    };
    let event = RuleEvent::originating(kind, actor, format!("ev-{index}"), now).with_changes(changes);
    BenchEvent { event, subject }
}

/// What an update changed to reach `ticket`: its status, its priority or one of its tags.
fn changes(ticket: &TicketFacts, rng: &mut Rng) -> Changes {
    let mut changes = Changes::default();
    match rng.below(3) {
        0 => {
            let from = *rng.pick(&TicketStatus::ALL[..4]);
            changes.status = (from != ticket.status).then_some(Change { from, to: ticket.status });
        }
        1 => {
            let from = *rng.pick(&Priority::ALL);
            changes.priority = (from != ticket.priority).then_some(Change { from, to: ticket.priority });
        }
        _ => changes.tags_added = ticket.tags.iter().take(1).cloned().collect(),
    }
    changes
}
