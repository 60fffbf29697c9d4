//! Deriving a ticket's pauses and stop time from its status changes, and the headline state of its clocks.

use chrono::{DateTime, Duration, Utc};

use super::utc;
use crate::domain::sla::{
    headline_state, ticket_sla_history, PauseInterval, SlaClock, SlaState, SlaStatus, StatusChange, TicketStamps,
};
use crate::domain::ticket::TicketStatus::{self, Closed, New, Open, Pending, Resolved};

fn at(hour: u32) -> DateTime<Utc> {
    utc(2026, 3, 2, hour, 0)
}

fn change(hour: u32, from: TicketStatus, to: TicketStatus) -> StatusChange {
    StatusChange { at: at(hour), from, to }
}

fn stamps(status: TicketStatus, resolved_at: Option<DateTime<Utc>>) -> TicketStamps {
    TicketStamps { created_at: at(8), first_response_at: Some(at(9)), resolved_at, status }
}

#[test]
fn each_stretch_in_pending_is_a_pause_and_the_current_one_stays_open() {
    let changes =
        [change(9, New, Open), change(10, Open, Pending), change(12, Pending, Open), change(14, Open, Pending)];
    let history = ticket_sla_history(stamps(Pending, None), &changes);
    assert_eq!(
        history.pauses,
        vec![PauseInterval { from: at(10), until: Some(at(12)) }, PauseInterval { from: at(14), until: None }]
    );
    assert_eq!((history.created_at, history.first_staff_reply_at, history.resolved_at), (at(8), Some(at(9)), None));
}

#[test]
fn changes_are_read_in_time_order_whatever_order_they_come_in() {
    let changes = [change(12, Pending, Resolved), change(10, Open, Pending)];
    let history = ticket_sla_history(stamps(Resolved, Some(at(12))), &changes);
    assert_eq!(history.pauses, vec![PauseInterval { from: at(10), until: Some(at(12)) }]);
    assert_eq!(history.resolved_at, Some(at(12)));
}

#[test]
fn a_reopened_ticket_has_no_resolution_and_a_merged_one_stops_when_closed() {
    let reopened = ticket_sla_history(stamps(Open, Some(at(11))), &[change(11, Open, Resolved)]);
    assert_eq!(reopened.resolved_at, None);
    let merged = ticket_sla_history(stamps(Closed, None), &[change(13, Open, Closed)]);
    assert_eq!(merged.resolved_at, Some(at(13)));
    let closed_after_resolving =
        ticket_sla_history(stamps(Closed, Some(at(11))), &[change(11, Open, Resolved), change(15, Resolved, Closed)]);
    assert_eq!(closed_after_resolving.resolved_at, Some(at(11)));
}

fn clock(state: SlaState) -> SlaClock {
    SlaClock { target: Duration::hours(1), due_at: at(9), warning_at: at(9), state, remaining: Duration::zero() }
}

#[test]
fn the_headline_is_the_most_pressing_clock() {
    let both = |first: SlaState, second: SlaState| SlaStatus {
        first_response: Some(clock(first)),
        resolution: Some(clock(second)),
    };
    assert_eq!(headline_state(&both(SlaState::Met, SlaState::Breached)), Some(SlaState::Breached));
    assert_eq!(headline_state(&both(SlaState::Warning, SlaState::Running)), Some(SlaState::Warning));
    assert_eq!(headline_state(&both(SlaState::Met, SlaState::Paused)), Some(SlaState::Paused));
    assert_eq!(headline_state(&SlaStatus::default()), None);
}
