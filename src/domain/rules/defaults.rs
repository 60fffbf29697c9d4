//! The rules a fresh installation starts with: acknowledge new tickets, answer outside business hours, and
//! follow up on tickets that wait on the customer. They name canned replies by well-known ids; the service
//! seeds replies with these ids, and if an admin deletes one, the health check disables its rule visibly.

use serde_json::json;

use super::action::Action;
use super::condition::{Condition, ConditionField, ConditionGroup, ConditionNode, Operator};
use super::duration::RuleDuration;
use super::rule::{Rule, TimeAnchor, Trigger};

pub const ACKNOWLEDGEMENT_CANNED_ID: &str = "acknowledgement";
pub const OUT_OF_HOURS_CANNED_ID: &str = "out_of_hours";
pub const REMINDER_CANNED_ID: &str = "reminder";

pub const ACKNOWLEDGEMENT_RULE_ID: &str = "default-acknowledgement";
pub const OUT_OF_HOURS_RULE_ID: &str = "default-out-of-hours";
pub const PENDING_REMINDER_RULE_ID: &str = "default-pending-reminder";
pub const PENDING_RESOLVE_RULE_ID: &str = "default-pending-resolve";

/// The shipped rules, in position order.
pub fn default_rules() -> Vec<Rule> {
    vec![acknowledgement(), out_of_hours(), pending_reminder(), pending_resolve()]
}

fn condition(field: ConditionField, op: Operator, value: serde_json::Value) -> ConditionNode {
    ConditionNode::Condition(Condition::new(field, op, value))
}

/// A customer who wrote by email, widget or portal learns at once that the ticket arrived. Chat and
/// messengers are left out: there the conversation itself is the acknowledgement.
fn acknowledgement() -> Rule {
    Rule {
        id: ACKNOWLEDGEMENT_RULE_ID.into(),
        name: "Acknowledge new customer tickets".into(),
        enabled: true,
        trigger: Trigger::TicketCreated,
        conditions: ConditionGroup::All(vec![
            condition(ConditionField::Actor, Operator::Is, json!("customer")),
            condition(ConditionField::Channel, Operator::OneOf, json!(["email", "widget", "portal"])),
        ]),
        actions: vec![Action::SendCannedReply { canned_id: ACKNOWLEDGEMENT_CANNED_ID.into() }],
        position: 10,
        once_per: None,
    }
}

/// Outside business hours a customer's message gets a reply saying when to expect an answer, at most once
/// a day per ticket so a conversation at night does not collect a pile of identical replies.
fn out_of_hours() -> Rule {
    Rule {
        id: OUT_OF_HOURS_RULE_ID.into(),
        name: "Reply outside business hours".into(),
        enabled: true,
        trigger: Trigger::MessageReceived,
        conditions: ConditionGroup::All(vec![condition(
            ConditionField::WithinBusinessHours,
            Operator::Is,
            json!(false),
        )]),
        actions: vec![Action::SendCannedReply { canned_id: OUT_OF_HOURS_CANNED_ID.into() }],
        position: 20,
        once_per: Some(RuleDuration::Days(1)),
    }
}

/// Three days waiting on the customer: remind them, and leave a note so agents see why the ticket moved.
fn pending_reminder() -> Rule {
    Rule {
        id: PENDING_REMINDER_RULE_ID.into(),
        name: "Remind the customer after 3 days pending".into(),
        enabled: true,
        trigger: Trigger::Elapsed { since: TimeAnchor::StatusChangedAt, at_least: RuleDuration::Days(3) },
        conditions: ConditionGroup::All(vec![condition(ConditionField::Status, Operator::Is, json!("pending"))]),
        actions: vec![
            Action::SendCannedReply { canned_id: REMINDER_CANNED_ID.into() },
            Action::AddInternalNote { text: "Reminder sent: the ticket has been pending for 3 days.".into() },
        ],
        position: 30,
        once_per: None,
    }
}

/// Seven days without an answer: resolve. A later customer reply reopens the ticket as usual.
fn pending_resolve() -> Rule {
    Rule {
        id: PENDING_RESOLVE_RULE_ID.into(),
        name: "Resolve after 7 days pending".into(),
        enabled: true,
        trigger: Trigger::Elapsed { since: TimeAnchor::StatusChangedAt, at_least: RuleDuration::Days(7) },
        conditions: ConditionGroup::All(vec![condition(ConditionField::Status, Operator::Is, json!("pending"))]),
        actions: vec![
            Action::resolve(),
            Action::AddInternalNote { text: "Resolved automatically after 7 days pending.".into() },
        ],
        position: 40,
        once_per: None,
    }
}
