//! A ticket's history turned into the facts reports count: when it was created, first answered, finally resolved,
//! how long each took, whether it was reopened, and when it entered or left the backlog. Computed from the timeline
//! (status changes) and the first public staff reply, never from counters, so numbers can always be rebuilt.
//!
//! Definitions (also in the README's Analytics section):
//! - **First response time**: open time of the ticket's calendar from creation to the first public staff reply
//!   (internal notes and automatic messages do not count). Pending does not pause it, as for the SLA clock.
//! - **Resolved**: a ticket counts as resolved at its *final* resolution, the last time it entered `resolved` (or
//!   `closed` without passing through `resolved`), and only if it is resolved or closed now. A reopened ticket is not
//!   resolved until it is resolved again. Merged duplicates are never resolved: they were closed, not solved.
//! - **Resolution time**: open time from creation to the final resolution, minus the open time spent in `pending`
//!   (waiting on the customer), exactly like the SLA resolution clock.
//! - **Reopened**: the ticket went from `resolved` or `closed` back to `new`, `open` or `pending` at least once.
//! - **Backlog**: tickets in `new`, `open` or `pending` at an instant; each ticket contributes +1 when it enters
//!   that set (creation, reopening) and -1 when it leaves it, so backlog at `t` is the sum of changes up to `t`.
//!
//! Business time uses the SLA module's clock and calendars; without a calendar it is wall-clock time.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::sla::{business_time_between, ticket_sla_history, BusinessCalendar, StatusChange, TicketStamps};
use crate::domain::ticket::TicketStatus;

/// What a report needs to know of one ticket's past.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketHistory {
    pub created_at: DateTime<Utc>,
    /// The first public reply by staff.
    pub first_public_staff_reply_at: Option<DateTime<Utc>>,
    /// The status now.
    pub status: TicketStatus,
    /// The `resolved_at` column: used only for tickets resolved without any status change on their timeline
    /// (imported ones).
    pub resolved_at_stamp: Option<DateTime<Utc>>,
    /// Every `status_changed` entry, in any order.
    pub status_changes: Vec<StatusChange>,
    /// Closed because it was merged into another ticket.
    pub merged_duplicate: bool,
}

/// One +1 / -1 step of the backlog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BacklogChange {
    pub at: DateTime<Utc>,
    pub delta: i8,
}

/// What reports count about one ticket; durations in whole seconds (truncated).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketFacts {
    pub created_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub first_response_seconds: Option<i64>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolution_seconds: Option<i64>,
    /// How many times it went from resolved or closed back to work.
    pub reopen_count: u32,
    pub backlog_changes: Vec<BacklogChange>,
}

impl TicketFacts {
    pub fn reopened(&self) -> bool {
        self.reopen_count > 0
    }
}

fn is_finished(status: TicketStatus) -> bool {
    matches!(status, TicketStatus::Resolved | TicketStatus::Closed)
}

/// The facts of `history`, with durations counted in `calendar`'s open time (`None`: around the clock).
pub fn ticket_facts(history: &TicketHistory, calendar: Option<&BusinessCalendar>) -> TicketFacts {
    let around_the_clock = BusinessCalendar::always_open();
    let calendar = calendar.unwrap_or(&around_the_clock);
    let mut changes: Vec<StatusChange> =
        history.status_changes.iter().copied().filter(|change| change.at >= history.created_at).collect();
    changes.sort_by_key(|change| change.at);

    let first_response_at = history.first_public_staff_reply_at.map(|at| at.max(history.created_at));
    let first_response_seconds =
        first_response_at.map(|at| business_time_between(calendar, history.created_at, at).num_seconds());
    let resolved_at = final_resolution(history, &changes);
    let resolution_seconds = resolved_at.map(|at| counted_resolution_time(history, &changes, calendar, at));
    let reopen_count = changes.iter().filter(|change| is_finished(change.from) && !is_finished(change.to)).count();
    TicketFacts {
        created_at: history.created_at,
        first_response_at,
        first_response_seconds,
        resolved_at,
        resolution_seconds,
        reopen_count: u32::try_from(reopen_count).unwrap_or(u32::MAX),
        backlog_changes: backlog_changes(history.created_at, &changes),
    }
}

/// The last entry into a finished status, if the ticket is finished now and was not merged away.
fn final_resolution(history: &TicketHistory, changes: &[StatusChange]) -> Option<DateTime<Utc>> {
    if history.merged_duplicate || !is_finished(history.status) {
        return None;
    }
    let last_entry = changes.iter().rev().find(|change| is_finished(change.to) && !is_finished(change.from));
    match last_entry {
        Some(change) => Some(change.at),
        None => history.resolved_at_stamp.map(|at| at.max(history.created_at)),
    }
}

/// Open time from creation to `resolved_at` outside the stretches in pending (the SLA module's pauses).
fn counted_resolution_time(
    history: &TicketHistory,
    changes: &[StatusChange],
    calendar: &BusinessCalendar,
    resolved_at: DateTime<Utc>,
) -> i64 {
    let stamps = TicketStamps {
        created_at: history.created_at,
        first_response_at: history.first_public_staff_reply_at,
        resolved_at: Some(resolved_at),
        status: history.status,
    };
    let pauses = ticket_sla_history(stamps, changes).pauses;
    let paused: Duration = pauses
        .iter()
        .map(|pause| {
            let until = pause.until.unwrap_or(resolved_at).min(resolved_at);
            business_time_between(calendar, pause.from.max(history.created_at), until)
        })
        .sum();
    (business_time_between(calendar, history.created_at, resolved_at) - paused).num_seconds().max(0)
}

/// +1 at creation and at every reopening, -1 at every entry into resolved or closed.
fn backlog_changes(created_at: DateTime<Utc>, changes: &[StatusChange]) -> Vec<BacklogChange> {
    let mut steps = vec![BacklogChange { at: created_at, delta: 1 }];
    let mut finished = false;
    for change in changes {
        let now_finished = is_finished(change.to);
        if now_finished != finished {
            steps.push(BacklogChange { at: change.at, delta: if now_finished { -1 } else { 1 } });
            finished = now_finished;
        }
    }
    steps
}
