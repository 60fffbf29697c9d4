//! A ticket's SLA history as the store knows it: its stamps and the status changes on its timeline, turned into
//! the [`TicketSlaHistory`] the clocks are computed from. Pure, so both backends derive pauses the same way.

use chrono::{DateTime, Utc};

use super::status::{PauseInterval, SlaState, SlaStatus, TicketSlaHistory};
use crate::domain::ticket::TicketStatus;

/// One `status_changed` timeline entry: `{"from": …, "to": …}` at `at`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusChange {
    pub at: DateTime<Utc>,
    pub from: TicketStatus,
    pub to: TicketStatus,
}

/// What a ticket row says about its clocks, before the status changes are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TicketStamps {
    pub created_at: DateTime<Utc>,
    /// The first public staff reply (the `first_response_at` column).
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub status: TicketStatus,
}

/// The history of a ticket: a pause for every stretch in `pending` (still open when the ticket is pending now), and
/// the clocks stopped at resolution. A ticket closed without being resolved (a merged duplicate) stops its clocks
/// when it was closed, so it never breaches forever. `changes` may come in any order.
pub fn ticket_sla_history(stamps: TicketStamps, changes: &[StatusChange]) -> TicketSlaHistory {
    let mut changes = changes.to_vec();
    changes.sort_by_key(|change| change.at);
    let mut pauses = Vec::new();
    let mut pending_since: Option<DateTime<Utc>> = None;
    let mut closed_at = None;
    for change in &changes {
        match (change.to == TicketStatus::Pending, pending_since) {
            (true, None) => pending_since = Some(change.at),
            (false, Some(from)) => {
                pauses.push(PauseInterval { from, until: Some(change.at) });
                pending_since = None;
            }
            _ => {}
        }
        if change.to == TicketStatus::Closed && change.from != TicketStatus::Closed {
            closed_at = Some(change.at);
        }
    }
    if let Some(from) = pending_since.filter(|_| stamps.status == TicketStatus::Pending) {
        pauses.push(PauseInterval { from, until: None });
    }
    let resolved_at = match stamps.status {
        TicketStatus::Resolved => stamps.resolved_at,
        TicketStatus::Closed => stamps.resolved_at.or(closed_at),
        TicketStatus::New | TicketStatus::Open | TicketStatus::Pending => None,
    };
    TicketSlaHistory {
        created_at: stamps.created_at,
        first_staff_reply_at: stamps.first_response_at,
        resolved_at,
        pauses,
    }
}

/// The one state that sums a ticket's clocks up for lists and filters: the most pressing of them (breached, then
/// warning, running, paused, missed then met, met); `None` when the ticket has no clock.
pub fn headline_state(status: &SlaStatus) -> Option<SlaState> {
    const URGENCY: [SlaState; 6] = [
        SlaState::Breached,
        SlaState::Warning,
        SlaState::Running,
        SlaState::Paused,
        SlaState::MissedThenMet,
        SlaState::Met,
    ];
    status.clocks().map(|clock| clock.state).min_by_key(|state| URGENCY.iter().position(|s| s == state))
}
