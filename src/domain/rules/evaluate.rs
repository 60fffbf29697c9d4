//! Running rules for one event: in position order, each firing rule's changes visible to the rules after
//! it (as Zendesk triggers do), at most once per rule per originating event, and with rule-caused changes
//! handed back as a follow-up event instead of being re-evaluated here, so the service stays in charge.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::action::Action;
use super::effects::{apply_action, would_change, Effect, SkipReason};
use super::event::{Changes, EventActor, EventKind, RuleEvent, RuleRunContext, MAX_CHAIN_DEPTH};
use super::matching::{group_matches, MatchInput};
use super::rule::Trigger;
use super::subject::RuleSubject;
use super::time::{due_key, FireOnceKey};
use super::validate::ValidRule;
use crate::domain::ticket::TicketStatus;

/// A rule that fired and the actions the service should carry out, in order. Field actions that found the
/// ticket already so, and actions that were skipped, are left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Firing {
    pub rule_id: String,
    pub actions: Vec<Action>,
    /// For time rules: the key to record so the rule does not fire again for this anchor value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fire_once_key: Option<FireOnceKey>,
}

/// A rule that matched but was not allowed to fire, because that would continue a loop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoopStopped {
    pub rule_id: String,
    pub reason: LoopStopReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum LoopStopReason {
    /// The rule already fired for this originating event and would now change the ticket again (undoing or
    /// redoing another rule's work).
    AlreadyFired,
    /// The chain of rule-caused updates is deeper than [`MAX_CHAIN_DEPTH`].
    ChainTooDeep { depth: u8 },
}

/// A matching rule's action that could not be applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SkippedAction {
    pub rule_id: String,
    pub action_index: usize,
    pub reason: SkipReason,
}

/// Everything one evaluation decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    pub firings: Vec<Firing>,
    pub loop_stopped: Vec<LoopStopped>,
    pub skipped_actions: Vec<SkippedAction>,
    /// The subject after all firings, with its automation memory updated (persist the new entries).
    pub subject: RuleSubject,
    /// When rules changed ticket fields: a `ticket_updated` event caused by automation, carrying the chain.
    /// The service applies the firings, then evaluates this event against the new subject.
    pub follow_up: Option<RuleEvent>,
}

/// Evaluates `rules` for `event` on `subject`. Only enabled rules whose trigger fits the event run; time
/// rules run on `time_reached` events when due. Closed tickets are final, so no rule touches them.
pub fn evaluate(rules: &[ValidRule], event: &RuleEvent, subject: &RuleSubject) -> Evaluation {
    let now = event.occurred_at;
    let mut current = subject.clone();
    let mut chain = event.run.fired_rule_ids.clone();
    let mut firings = Vec::new();
    let mut loop_stopped = Vec::new();
    let mut skipped_actions = Vec::new();
    for valid in in_position_order(rules).filter(|valid| valid.rule().enabled) {
        let rule = valid.rule();
        if current.ticket.status == TicketStatus::Closed || !trigger_fits(&rule.trigger, event.kind) {
            continue;
        }
        let fire_once_key = match rule.trigger {
            Trigger::Elapsed { .. } => match due_key(rule, &current, now) {
                Some((_, key)) => Some(key),
                None => continue,
            },
            _ => None,
        };
        let input = MatchInput { subject: &current, event: Some(event), now };
        if !group_matches(&valid.conditions, input) || is_throttled(valid, &current, now) {
            continue;
        }
        if chain.contains(&rule.id) {
            if would_change(&current, &rule.actions, now) {
                loop_stopped.push(LoopStopped { rule_id: rule.id.clone(), reason: LoopStopReason::AlreadyFired });
            }
            continue;
        }
        if event.run.depth > MAX_CHAIN_DEPTH {
            let reason = LoopStopReason::ChainTooDeep { depth: event.run.depth };
            loop_stopped.push(LoopStopped { rule_id: rule.id.clone(), reason });
            continue;
        }
        let mut actions = Vec::new();
        for (action_index, action) in rule.actions.iter().enumerate() {
            match apply_action(&mut current, action, now) {
                Effect::Changed | Effect::Outside => actions.push(action.clone()),
                Effect::AlreadySo => {}
                Effect::Skipped(reason) => {
                    skipped_actions.push(SkippedAction { rule_id: rule.id.clone(), action_index, reason })
                }
            }
        }
        // A time rule that ran is done for this anchor value even if it found nothing to do, so the
        // scheduler does not offer it again on every tick.
        if let Some(key) = &fire_once_key {
            current.automation.fired_once.insert(key.clone());
        }
        if actions.is_empty() {
            continue;
        }
        chain.push(rule.id.clone());
        current.automation.last_fired_at.insert(rule.id.clone(), now);
        firings.push(Firing { rule_id: rule.id.clone(), actions, fire_once_key });
    }
    let changes = Changes::between(&subject.ticket, &current.ticket);
    let follow_up = (!changes.is_empty()).then(|| RuleEvent {
        kind: EventKind::TicketUpdated,
        actor: EventActor::Automation,
        changes,
        occurred_at: now,
        run: RuleRunContext {
            origin_event_id: event.run.origin_event_id.clone(),
            fired_rule_ids: chain,
            depth: event.run.depth.saturating_add(1),
        },
    });
    Evaluation { firings, loop_stopped, skipped_actions, subject: current, follow_up }
}

fn trigger_fits(trigger: &Trigger, kind: EventKind) -> bool {
    matches!(
        (trigger, kind),
        (Trigger::TicketCreated, EventKind::TicketCreated)
            | (Trigger::TicketUpdated, EventKind::TicketUpdated)
            | (Trigger::MessageReceived, EventKind::MessageReceived)
            | (Trigger::SlaWarning, EventKind::SlaWarning)
            | (Trigger::SlaBreach, EventKind::SlaBreach)
            | (Trigger::Elapsed { .. }, EventKind::TimeReached)
    )
}

/// `once_per`: the rule fired on this ticket less than that span ago.
fn is_throttled(rule: &ValidRule, subject: &RuleSubject, now: DateTime<Utc>) -> bool {
    let Some(span) = rule.rule().once_per else { return false };
    subject
        .automation
        .last_fired_at
        .get(rule.id())
        .and_then(|last| last.checked_add_signed(span.to_delta()))
        .is_some_and(|free_again| now < free_again)
}

/// Rules by position, ties broken by id, so the order never depends on how the store returned them.
pub(crate) fn in_position_order(rules: &[ValidRule]) -> impl Iterator<Item = &ValidRule> {
    let mut ordered: Vec<&ValidRule> = rules.iter().collect();
    ordered.sort_by(|a, b| (a.rule().position, a.id()).cmp(&(b.rule().position, b.id())));
    ordered.into_iter()
}
