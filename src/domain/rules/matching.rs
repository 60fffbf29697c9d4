//! Deciding whether compiled conditions hold for a subject, an event and a moment.

use chrono::{DateTime, TimeDelta, Utc};

use super::compile::{CompiledCondition, CompiledGroup, CompiledNode};
use super::condition::{ConditionField, Operator};
use super::event::{Changes, RuleEvent};
use super::fields::{value_kind, Operand, Scalar, ValueKind};
use super::rule::TimeAnchor;
use super::subject::RuleSubject;
use crate::domain::ticket::Tag;

/// What conditions are checked against. Without an event (the admin preview), conditions about the event
/// (actor, changes) count as met: the preview shows the tickets a rule could apply to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MatchInput<'a> {
    pub(crate) subject: &'a RuleSubject,
    pub(crate) event: Option<&'a RuleEvent>,
    pub(crate) now: DateTime<Utc>,
}

pub(crate) fn group_matches(group: &CompiledGroup, input: MatchInput<'_>) -> bool {
    match group {
        CompiledGroup::All(nodes) => nodes.iter().all(|node| node_matches(node, input)),
        CompiledGroup::Any(nodes) => nodes.iter().any(|node| node_matches(node, input)),
    }
}

fn node_matches(node: &CompiledNode, input: MatchInput<'_>) -> bool {
    match node {
        CompiledNode::Condition(condition) => condition_matches(condition, input),
        CompiledNode::Group(group) => group_matches(group, input),
    }
}

fn condition_matches(condition: &CompiledCondition, input: MatchInput<'_>) -> bool {
    let CompiledCondition { field, op, operand } = condition;
    let subject = input.subject;
    if op.reads_changes() {
        return input.event.is_none_or(|event| change_matches(*field, *op, operand, &event.changes));
    }
    match value_kind(*field) {
        ValueKind::Tag => tags_match(&subject.ticket.tags, *op, operand),
        ValueKind::Duration => {
            let elapsed = time_anchor(*field)
                .and_then(|anchor| subject.clock.anchor(anchor))
                .map(|since| input.now.signed_duration_since(since));
            elapsed.is_some_and(|elapsed| duration_matches(elapsed, *op, operand))
        }
        ValueKind::Text => text_matches(text_of(*field, subject).unwrap_or_default(), *op, operand),
        ValueKind::Label if matches!(op, Operator::Contains | Operator::NotContains) => {
            text_matches(text_of(*field, subject).unwrap_or_default(), *op, operand)
        }
        ValueKind::Actor => {
            input.event.is_none_or(|event| value_matches(Some(&Scalar::Actor(event.actor)), *op, operand))
        }
        _ => value_matches(observe(*field, subject).as_ref(), *op, operand),
    }
}

/// Comparison of a single-valued field; shared with the contradiction check, which tries candidate values.
pub(crate) fn value_matches(value: Option<&Scalar>, op: Operator, operand: &Operand) -> bool {
    let one = match operand {
        Operand::One(one) => Some(one.as_ref()),
        Operand::Nothing | Operand::Many(_) => None,
    };
    let listed = |value: Option<&Scalar>| match operand {
        Operand::Many(items) => items.iter().any(|item| item.as_ref() == value),
        Operand::Nothing | Operand::One(_) => false,
    };
    match op {
        Operator::Is | Operator::ChangedTo => one == Some(value),
        Operator::IsNot | Operator::ChangedFrom => one.is_some_and(|one| one != value),
        Operator::OneOf => listed(value),
        Operator::NotOneOf => !listed(value),
        Operator::Gt | Operator::Lt => match (value, one.flatten()) {
            (Some(Scalar::Priority(value)), Some(Scalar::Priority(bound))) => {
                if op == Operator::Gt {
                    value > bound
                } else {
                    value < bound
                }
            }
            _ => false,
        },
        Operator::Contains | Operator::NotContains | Operator::Changed => false,
    }
}

fn change_matches(field: ConditionField, op: Operator, operand: &Operand, changes: &Changes) -> bool {
    let change = match field {
        ConditionField::Status => {
            changes.status.as_ref().map(|c| (Some(Scalar::Status(c.from)), Some(Scalar::Status(c.to))))
        }
        ConditionField::Priority => {
            changes.priority.as_ref().map(|c| (Some(Scalar::Priority(c.from)), Some(Scalar::Priority(c.to))))
        }
        ConditionField::TeamId => changes.team_id.as_ref().map(|c| (id(&c.from), id(&c.to))),
        ConditionField::AssigneeId => changes.assignee_id.as_ref().map(|c| (id(&c.from), id(&c.to))),
        _ => None,
    };
    let Some((from, to)) = change else { return false };
    match op {
        Operator::Changed => true,
        Operator::ChangedFrom => value_matches(from.as_ref(), Operator::Is, operand),
        Operator::ChangedTo => value_matches(to.as_ref(), Operator::Is, operand),
        _ => false,
    }
}

fn id(value: &Option<String>) -> Option<Scalar> {
    value.clone().map(Scalar::Id)
}

fn tags_match(tags: &[Tag], op: Operator, operand: &Operand) -> bool {
    let has = |scalar: &Option<Scalar>| matches!(scalar, Some(Scalar::Tag(tag)) if tags.contains(tag));
    match (op, operand) {
        (Operator::Contains, Operand::One(tag)) => has(tag),
        (Operator::NotContains, Operand::One(tag)) => !has(tag),
        (Operator::OneOf, Operand::Many(listed)) => listed.iter().any(has),
        (Operator::NotOneOf, Operand::Many(listed)) => !listed.iter().any(has),
        _ => false,
    }
}

fn text_matches(text: &str, op: Operator, operand: &Operand) -> bool {
    let found = matches!(operand, Operand::One(Some(Scalar::Text(needle))) if needle.is_found_in(text));
    match op {
        Operator::Contains => found,
        Operator::NotContains => !found,
        _ => false,
    }
}

fn duration_matches(elapsed: TimeDelta, op: Operator, operand: &Operand) -> bool {
    match (op, operand) {
        (Operator::Gt, Operand::One(Some(Scalar::Duration(bound)))) => elapsed > *bound,
        (Operator::Lt, Operand::One(Some(Scalar::Duration(bound)))) => elapsed < *bound,
        _ => false,
    }
}

pub(crate) fn time_anchor(field: ConditionField) -> Option<TimeAnchor> {
    match field {
        ConditionField::TimeSinceCreated => Some(TimeAnchor::CreatedAt),
        ConditionField::TimeSinceUpdated => Some(TimeAnchor::UpdatedAt),
        ConditionField::TimeSinceStatusChange => Some(TimeAnchor::StatusChangedAt),
        ConditionField::TimeSinceCustomerMessage => Some(TimeAnchor::LastCustomerMessageAt),
        ConditionField::TimeSinceAgentReply => Some(TimeAnchor::LastAgentReplyAt),
        _ => None,
    }
}

fn text_of(field: ConditionField, subject: &RuleSubject) -> Option<&str> {
    match field {
        ConditionField::Subject => Some(&subject.ticket.subject),
        ConditionField::MessageText => subject.message_text.as_deref(),
        ConditionField::RequesterEmailDomain => subject.requester.email_domain.as_deref(),
        _ => None,
    }
}

/// The current value of a single-valued field, in the form operands are compiled to.
fn observe(field: ConditionField, subject: &RuleSubject) -> Option<Scalar> {
    let ticket = &subject.ticket;
    let requester = &subject.requester;
    let label = |value: &Option<String>| value.as_deref().map(|raw| Scalar::Label(super::text::fold_label(raw)));
    match field {
        ConditionField::Status => Some(Scalar::Status(ticket.status)),
        ConditionField::Priority => Some(Scalar::Priority(ticket.priority)),
        ConditionField::Channel => Some(Scalar::Channel(ticket.channel)),
        ConditionField::TeamId => id(&ticket.team_id),
        ConditionField::AssigneeId => id(&ticket.assignee_id),
        ConditionField::Category => ticket.category.clone().map(Scalar::Category),
        ConditionField::TicketType => label(&ticket.ticket_type),
        ConditionField::Brand => label(&ticket.brand),
        ConditionField::RequesterEmailDomain => label(&requester.email_domain),
        ConditionField::RequesterSegment => label(&requester.segment),
        ConditionField::RequesterLanguage => label(&requester.language),
        ConditionField::RequesterVip => Some(Scalar::Bool(requester.is_vip)),
        ConditionField::WithinBusinessHours => Some(Scalar::Bool(subject.within_business_hours)),
        _ => None,
    }
}
