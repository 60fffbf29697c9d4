//! Time rules: when one becomes due for a ticket, which are due now, and the key that makes each fire only
//! once per (rule, ticket, anchor value) even across restarts and duplicate scheduler runs.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::evaluate::in_position_order;
use super::matching::{group_matches, MatchInput};
use super::rule::{Rule, TimeAnchor, Trigger};
use super::subject::RuleSubject;
use super::validate::ValidRule;
use crate::domain::ticket::TicketStatus;

/// Identifies one firing of a time rule: the same rule for the same ticket counting from the same moment.
/// When the anchor moves (the ticket went pending again), the key changes and the rule may fire again. A
/// durable job table can use its `Display` form (`to_string()`) as a unique key.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FireOnceKey {
    pub rule_id: String,
    pub ticket_id: String,
    pub anchor: TimeAnchor,
    pub anchor_at: DateTime<Utc>,
}

impl fmt::Display for FireOnceKey {
    /// `rule/ticket/anchor/milliseconds`: stable, sortable, and free of time-zone spelling differences.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.anchor_at.timestamp_millis();
        write!(f, "{}/{}/{}/{millis}", self.rule_id, self.ticket_id, self.anchor.as_str())
    }
}

/// The instant a time rule becomes due for `subject`: its anchor plus the wait. `None` for event rules and
/// when the anchor has not happened (no agent reply yet).
pub fn time_rule_due_at(rule: &Rule, subject: &RuleSubject) -> Option<DateTime<Utc>> {
    let Trigger::Elapsed { since, at_least } = &rule.trigger else { return None };
    subject.clock.anchor(*since)?.checked_add_signed(at_least.to_delta())
}

/// The fire-once key of a time rule for `subject`'s current anchor value.
pub fn fire_once_key(rule: &Rule, subject: &RuleSubject) -> Option<FireOnceKey> {
    let Trigger::Elapsed { since, .. } = &rule.trigger else { return None };
    Some(FireOnceKey {
        rule_id: rule.id.clone(),
        ticket_id: subject.ticket_id.clone(),
        anchor: *since,
        anchor_at: subject.clock.anchor(*since)?,
    })
}

/// A time rule that should fire now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DueTimeRule {
    pub rule_id: String,
    pub due_at: DateTime<Utc>,
    pub key: FireOnceKey,
}

/// Whether a time rule is due at `now` and has not fired for this anchor value yet (conditions aside).
pub(crate) fn due_key(rule: &Rule, subject: &RuleSubject, now: DateTime<Utc>) -> Option<(DateTime<Utc>, FireOnceKey)> {
    let due_at = time_rule_due_at(rule, subject)?;
    let key = fire_once_key(rule, subject)?;
    (due_at <= now && !subject.automation.fired_once.contains(&key)).then_some((due_at, key))
}

/// The enabled time rules due for `subject` at `now` whose conditions hold, in position order. Closed
/// tickets have none. Event conditions (actor) count as met, as in the preview.
pub fn due_time_rules(rules: &[ValidRule], subject: &RuleSubject, now: DateTime<Utc>) -> Vec<DueTimeRule> {
    if subject.ticket.status == TicketStatus::Closed {
        return Vec::new();
    }
    let input = MatchInput { subject, event: None, now };
    in_position_order(rules)
        .filter(|rule| rule.rule().enabled)
        .filter_map(|rule| {
            let (due_at, key) = due_key(rule.rule(), subject, now)?;
            group_matches(&rule.conditions, input).then(|| DueTimeRule { rule_id: rule.id().to_string(), due_at, key })
        })
        .collect()
}

/// The next instant after `now` at which one of the enabled time rules becomes due for `subject`: when the
/// scheduler should look at this ticket again. Conditions are not checked, since they may hold by then.
pub fn next_due_at(rules: &[ValidRule], subject: &RuleSubject, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    rules
        .iter()
        .filter(|rule| rule.rule().enabled)
        .filter_map(|rule| time_rule_due_at(rule.rule(), subject))
        .filter(|due_at| *due_at > now)
        .min()
}
