//! Tests of the rules engine, one file per concern; shared fixtures here. Rules are written as JSON, the
//! way the REST API receives them, so the wire shape is exercised everywhere.

mod defaults;
mod evaluation;
mod health;
mod json;
mod loops;
mod preview;
mod time_rules;
mod validation;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;

use super::*;
use crate::domain::ticket::{Channel, Priority, Tag, TicketStatus};

/// Monday 10 March 2025, noon UTC.
pub(super) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 10, 12, 0, 0).single().expect("a valid fixed date")
}

pub(super) fn days_ago(days: i64) -> DateTime<Utc> {
    now() - chrono::TimeDelta::days(days)
}

pub(super) fn tag(raw: &str) -> Tag {
    Tag::parse(raw).expect("a valid test tag")
}

/// An open, normal-priority email ticket from ada@example.com, created two days ago.
pub(super) fn subject() -> RuleSubject {
    subject_with_id("t1")
}

pub(super) fn subject_with_id(ticket_id: &str) -> RuleSubject {
    RuleSubject {
        ticket_id: ticket_id.into(),
        ticket: TicketFacts {
            status: TicketStatus::Open,
            priority: Priority::Normal,
            team_id: None,
            assignee_id: None,
            tags: Vec::new(),
            channel: Channel::Email,
            subject: "Invoice missing".into(),
            category: None,
            ticket_type: None,
            brand: None,
        },
        requester: RequesterFacts {
            email_domain: RequesterFacts::domain_of("Ada@Example.com"),
            is_vip: false,
            segment: None,
            language: Some("de".into()),
        },
        message_text: None,
        within_business_hours: true,
        clock: TicketClock::starting_at(days_ago(2)),
        automation: AutomationMemory::default(),
    }
}

pub(super) fn catalog() -> RuleCatalog {
    let set = |items: &[&str]| items.iter().map(|item| item.to_string()).collect();
    RuleCatalog {
        team_ids: set(&["billing", "support"]),
        active_agent_ids: set(&["ada", "grace"]),
        canned_ids: set(&[ACKNOWLEDGEMENT_CANNED_ID, OUT_OF_HOURS_CANNED_ID, REMINDER_CANNED_ID, "refund"]),
        categories: set(&["Billing", "Billing/Refunds"]),
        brands: set(&["acme"]),
    }
}

/// A rule from its JSON; `id`, `name` and `position` are filled in when missing.
pub(super) fn rule(mut body: Value) -> Rule {
    if let Some(object) = body.as_object_mut() {
        object.entry("id").or_insert_with(|| "r1".into());
        object.entry("name").or_insert_with(|| "Test rule".into());
        object.entry("position").or_insert_with(|| 0.into());
    }
    serde_json::from_value(body).expect("test rule JSON deserialises")
}

pub(super) fn valid(body: Value) -> ValidRule {
    let rule = rule(body);
    validate_rule(&rule, &catalog()).unwrap_or_else(|error| panic!("rule should be valid: {error}"))
}

pub(super) fn event(kind: EventKind, actor: EventActor) -> RuleEvent {
    RuleEvent::originating(kind, actor, "e1", now())
}
