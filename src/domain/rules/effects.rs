//! Applying a rule's field actions to the subject, so later rules in the same pass see the ticket as it
//! will be. Status moves follow the ticket lifecycle with rules acting as staff.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::action::Action;
use super::subject::RuleSubject;
use crate::domain::ticket::{Tag, TicketStatus, TransitionActor};

/// What one action did to the subject.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Effect {
    /// A field changed.
    Changed,
    /// A field action that found the field already so; the service need not run it.
    AlreadySo,
    /// An action with an outside effect (reply, note, notification, webhook).
    Outside,
    Skipped(SkipReason),
}

/// Why a matching rule's action was left out of its firing. Reported, never silently dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum SkipReason {
    /// The lifecycle does not allow this move for staff (e.g. closing a ticket that is not resolved).
    TransitionNotAllowed { from: TicketStatus, to: TicketStatus },
    /// The ticket already carries [`Tag::MAX_PER_TICKET`] tags.
    TooManyTags,
}

/// Applies one action to `subject` at `now`.
pub(crate) fn apply_action(subject: &mut RuleSubject, action: &Action, now: DateTime<Utc>) -> Effect {
    let ticket = &mut subject.ticket;
    let effect = match action {
        Action::SetStatus { status } => {
            if ticket.status == *status {
                Effect::AlreadySo
            } else if ticket.status.can_transition_to(*status, TransitionActor::Staff) {
                ticket.status = *status;
                subject.clock.status_changed_at = now;
                Effect::Changed
            } else {
                Effect::Skipped(SkipReason::TransitionNotAllowed { from: ticket.status, to: *status })
            }
        }
        Action::SetPriority { priority } => set(&mut ticket.priority, *priority),
        Action::AssignTeam { team_id } => set(&mut ticket.team_id, Some(team_id.clone())),
        Action::AssignAgent { agent_id } => set(&mut ticket.assignee_id, Some(agent_id.clone())),
        Action::AddTag { tag } => add_tag(&mut ticket.tags, tag),
        Action::RemoveTag { tag } => {
            let before = ticket.tags.len();
            ticket.tags.retain(|present| present != tag);
            if ticket.tags.len() == before {
                Effect::AlreadySo
            } else {
                Effect::Changed
            }
        }
        Action::SendCannedReply { .. }
        | Action::AddInternalNote { .. }
        | Action::Notify { .. }
        | Action::Webhook { .. } => Effect::Outside,
    };
    if effect == Effect::Changed {
        subject.clock.updated_at = now;
    }
    effect
}

fn set<T: PartialEq>(slot: &mut T, value: T) -> Effect {
    if *slot == value {
        Effect::AlreadySo
    } else {
        *slot = value;
        Effect::Changed
    }
}

fn add_tag(tags: &mut Vec<Tag>, tag: &Tag) -> Effect {
    if tags.contains(tag) {
        Effect::AlreadySo
    } else if tags.len() >= Tag::MAX_PER_TICKET {
        Effect::Skipped(SkipReason::TooManyTags)
    } else {
        tags.push(tag.clone());
        Effect::Changed
    }
}

/// Whether running `actions` now would change any ticket field: the difference between a rule that merely
/// matches again (harmless) and one that would undo another rule's work (a loop).
pub(crate) fn would_change(subject: &RuleSubject, actions: &[Action], now: DateTime<Utc>) -> bool {
    let mut trial = subject.clone();
    actions.iter().any(|action| apply_action(&mut trial, action, now) == Effect::Changed)
}
