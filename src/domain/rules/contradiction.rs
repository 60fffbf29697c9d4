//! Finding conditions that no ticket can ever satisfy together ("status is open and status is pending",
//! "priority above urgent", "tag vip and not tag vip"), so an admin learns at save time that a rule is dead
//! instead of wondering why it never fires.

use std::collections::BTreeMap;

use chrono::TimeDelta;

use super::compile::CompiledCondition;
use super::condition::{ConditionField, Operator};
use super::event::EventActor;
use super::fields::{value_kind, Operand, Scalar, ValueKind};
use super::matching::value_matches;
use crate::domain::ticket::{Channel, Priority, TicketStatus};

/// Why `conditions`, all required together, can never hold; `None` if some ticket could satisfy them.
pub(crate) fn impossible_reason(conditions: &[&CompiledCondition]) -> Option<String> {
    let mut by_field: BTreeMap<ConditionField, Vec<&CompiledCondition>> = BTreeMap::new();
    for condition in conditions {
        by_field.entry(condition.field).or_default().push(condition);
    }
    by_field.into_iter().find_map(|(field, conditions)| match value_kind(field) {
        ValueKind::Tag => contradicting_tags(field, &conditions),
        ValueKind::Text => contradicting_text(field, &conditions),
        ValueKind::Duration => contradicting_bounds(field, &conditions),
        _ => contradicting_text(field, &conditions).or_else(|| no_value_left(field, &conditions)),
    })
}

/// A value a single-valued field could take: one of the listed values (or unset), or any value the
/// conditions do not mention.
enum Candidate {
    Value(Option<Scalar>),
    Unmentioned,
}

/// Tries every value the field could take against every equality-like condition on it.
fn no_value_left(field: ConditionField, conditions: &[&CompiledCondition]) -> Option<String> {
    let relevant: Vec<&&CompiledCondition> = conditions
        .iter()
        .filter(|c| !matches!(c.op, Operator::Contains | Operator::NotContains | Operator::Changed))
        .collect();
    if relevant.is_empty() {
        return None;
    }
    let candidates: Vec<Candidate> = match value_kind(field) {
        ValueKind::Status => TicketStatus::ALL.into_iter().map(|v| Candidate::Value(Some(Scalar::Status(v)))).collect(),
        ValueKind::Priority => Priority::ALL.into_iter().map(|v| Candidate::Value(Some(Scalar::Priority(v)))).collect(),
        ValueKind::Channel => Channel::ALL.into_iter().map(|v| Candidate::Value(Some(Scalar::Channel(v)))).collect(),
        ValueKind::Actor => EventActor::ALL.into_iter().map(|v| Candidate::Value(Some(Scalar::Actor(v)))).collect(),
        ValueKind::Bool => [true, false].into_iter().map(|v| Candidate::Value(Some(Scalar::Bool(v)))).collect(),
        _ => {
            let mut mentioned: Vec<Option<Scalar>> = vec![None];
            for condition in &relevant {
                let values = match &condition.operand {
                    Operand::One(value) => std::slice::from_ref(value),
                    Operand::Many(values) => values.as_slice(),
                    Operand::Nothing => &[],
                };
                mentioned.extend(values.iter().filter(|value| value.is_some()).cloned());
            }
            mentioned.into_iter().map(Candidate::Value).chain([Candidate::Unmentioned]).collect()
        }
    };
    let possible = candidates.iter().any(|candidate| {
        relevant.iter().all(|condition| match candidate {
            Candidate::Value(value) => value_matches(value.as_ref(), condition.op, &condition.operand),
            Candidate::Unmentioned => {
                matches!(condition.op, Operator::IsNot | Operator::NotOneOf | Operator::ChangedFrom)
            }
        })
    });
    (!possible).then(|| format!("no {} satisfies all of its conditions together", field.as_str()))
}

/// "contains vip" with "not_contains vip" (or a `not_one_of` listing it), or a `one_of` whose every tag is
/// excluded.
fn contradicting_tags(field: ConditionField, conditions: &[&CompiledCondition]) -> Option<String> {
    let values_of = |ops: &[Operator]| -> Vec<&Scalar> {
        conditions
            .iter()
            .filter(|c| ops.contains(&c.op))
            .flat_map(|c| match &c.operand {
                Operand::One(value) => value.iter().collect::<Vec<_>>(),
                Operand::Many(values) => values.iter().flatten().collect(),
                Operand::Nothing => Vec::new(),
            })
            .collect()
    };
    let required = values_of(&[Operator::Contains]);
    let excluded = values_of(&[Operator::NotContains, Operator::NotOneOf]);
    if required.iter().any(|tag| excluded.contains(tag)) {
        return Some(format!("{} requires and excludes the same tag", field.as_str()));
    }
    let dead_choice = conditions.iter().any(|c| match (&c.op, &c.operand) {
        (Operator::OneOf, Operand::Many(values)) => values.iter().flatten().all(|tag| excluded.contains(&tag)),
        _ => false,
    });
    dead_choice.then(|| format!("every tag {} may have is also excluded", field.as_str()))
}

/// "contains refund" with "not_contains fund": any text holding the first holds the second.
fn contradicting_text(field: ConditionField, conditions: &[&CompiledCondition]) -> Option<String> {
    let needles = |op: Operator| {
        conditions.iter().filter(move |c| c.op == op).filter_map(|c| match &c.operand {
            Operand::One(Some(Scalar::Text(needle))) => Some(needle),
            _ => None,
        })
    };
    let clash = needles(Operator::Contains)
        .any(|wanted| needles(Operator::NotContains).any(|unwanted| wanted.includes(unwanted)));
    clash.then(|| format!("{} must contain text it must not contain", field.as_str()))
}

/// "longer than 3 days and shorter than 2 days".
fn contradicting_bounds(field: ConditionField, conditions: &[&CompiledCondition]) -> Option<String> {
    let bound = |op: Operator| {
        conditions.iter().filter(move |c| c.op == op).filter_map(|c| match &c.operand {
            Operand::One(Some(Scalar::Duration(bound))) => Some(*bound),
            _ => None,
        })
    };
    let longer_than: Option<TimeDelta> = bound(Operator::Gt).max();
    let shorter_than: Option<TimeDelta> = bound(Operator::Lt).min();
    match (longer_than, shorter_than) {
        (Some(low), Some(high)) if high <= low => {
            Some(format!("{} cannot be both longer than the first and shorter than the second bound", field.as_str()))
        }
        _ => None,
    }
}
