//! A ticket's SLA clocks on written-out cases: met, missed, breached, warning, and pending pauses.

use chrono::{DateTime, Duration, Utc};

use super::{berlin, berlin_office};
use crate::domain::sla::{
    compute_sla, PauseInterval, SlaPolicy, SlaPolicyDraft, SlaState, SlaStatus, SlaTargets, TargetsByPriority,
    TicketSlaHistory, WarningThreshold,
};
use crate::domain::ticket::Priority;

const QUARTER_LEFT: WarningThreshold = WarningThreshold::PercentRemaining(25);

fn created(at: DateTime<Utc>) -> TicketSlaHistory {
    TicketSlaHistory { created_at: at, first_staff_reply_at: None, resolved_at: None, pauses: Vec::new() }
}

fn first_response(hours: i64) -> SlaTargets {
    SlaTargets { first_response: Some(Duration::hours(hours)), resolution: None }
}

fn resolution(hours: i64) -> SlaTargets {
    SlaTargets { first_response: None, resolution: Some(Duration::hours(hours)) }
}

fn pause(from: DateTime<Utc>, until: Option<DateTime<Utc>>) -> PauseInterval {
    PauseInterval { from, until }
}

/// Monday 2026-01-12 in Berlin at `hour`.
fn monday(hour: u32) -> DateTime<Utc> {
    berlin(2026, 1, 12, hour, 0)
}

fn status(targets: SlaTargets, history: &TicketSlaHistory, now: DateTime<Utc>) -> SlaStatus {
    compute_sla(&berlin_office(), targets, QUARTER_LEFT, history, now)
}

#[test]
fn a_reply_before_the_due_time_meets_the_first_response_target() {
    let history = TicketSlaHistory { first_staff_reply_at: Some(monday(11)), ..created(monday(10)) };
    let clock = status(first_response(2), &history, monday(15)).first_response.expect("a target");
    assert_eq!((clock.due_at, clock.state, clock.remaining), (monday(12), SlaState::Met, Duration::hours(1)));
    assert_eq!(clock.next_change_at(), None);
}

#[test]
fn a_late_reply_is_missed_then_met_and_says_by_how_much() {
    let history = TicketSlaHistory { first_staff_reply_at: Some(monday(13)), ..created(monday(10)) };
    let clock = status(first_response(2), &history, monday(15)).first_response.expect("a target");
    assert_eq!((clock.state, clock.remaining), (SlaState::MissedThenMet, Duration::hours(-1)));
}

#[test]
fn no_reply_after_the_due_time_is_a_breach_from_the_due_instant_on() {
    let history = created(monday(10));
    let breached = status(first_response(2), &history, berlin(2026, 1, 12, 12, 30)).first_response.expect("a target");
    assert_eq!((breached.state, breached.remaining), (SlaState::Breached, Duration::minutes(-30)));
    assert_eq!(breached.next_change_at(), None);
    let at_due = status(first_response(2), &history, monday(12)).first_response.expect("a target");
    assert_eq!((at_due.state, at_due.remaining), (SlaState::Breached, Duration::zero()));
    let replied_at_due = TicketSlaHistory { first_staff_reply_at: Some(monday(12)), ..created(monday(10)) };
    let late = status(first_response(2), &replied_at_due, monday(15)).first_response.expect("a target");
    assert_eq!(late.state, SlaState::MissedThenMet);
}

#[test]
fn a_clock_warns_once_a_quarter_of_its_target_is_left() {
    let history = created(monday(10));
    let running = status(first_response(4), &history, monday(12)).first_response.expect("a target");
    assert_eq!((running.state, running.warning_at, running.due_at), (SlaState::Running, monday(13), monday(14)));
    assert_eq!(running.next_change_at(), Some(monday(13)));
    let warning = status(first_response(4), &history, berlin(2026, 1, 12, 13, 30)).first_response.expect("target");
    assert_eq!((warning.state, warning.remaining), (SlaState::Warning, Duration::minutes(30)));
    assert_eq!(warning.next_change_at(), Some(monday(14)));
}

#[test]
fn the_warning_counts_business_time_across_the_weekend() {
    let history = created(berlin(2026, 1, 9, 16, 0));
    let clock = status(first_response(4), &history, berlin(2026, 1, 9, 16, 30)).first_response.expect("a target");
    assert_eq!((clock.warning_at, clock.due_at), (monday(10), monday(11)));
}

#[test]
fn three_pending_business_hours_move_the_resolution_due_time_by_three_business_hours() {
    let unpaused = status(resolution(8), &created(monday(9)), monday(14)).resolution.expect("a target");
    assert_eq!(unpaused.due_at, monday(17));
    let history = TicketSlaHistory { pauses: vec![pause(monday(10), Some(monday(13)))], ..created(monday(9)) };
    let clock = status(resolution(8), &history, monday(14)).resolution.expect("a target");
    assert_eq!((clock.due_at, clock.state), (berlin(2026, 1, 13, 11, 0), SlaState::Running));
    assert_eq!(clock.remaining, Duration::hours(6));
}

#[test]
fn a_pause_over_the_weekend_moves_the_due_time_only_by_its_business_hours() {
    let friday = |hour| berlin(2026, 1, 9, hour, 0);
    let history = TicketSlaHistory { pauses: vec![pause(friday(15), Some(monday(10)))], ..created(friday(9)) };
    let clock = status(resolution(8), &history, monday(11)).resolution.expect("a target");
    assert_eq!(clock.due_at, monday(12), "two paused hours on Friday and two on Monday");
    let weekend_only = berlin(2026, 1, 10, 9, 0)..berlin(2026, 1, 11, 20, 0);
    let history =
        TicketSlaHistory { pauses: vec![pause(weekend_only.start, Some(weekend_only.end))], ..created(friday(9)) };
    assert_eq!(status(resolution(8), &history, monday(11)).resolution.expect("target").due_at, friday(17));
}

#[test]
fn a_pending_ticket_pauses_resolution_but_not_first_response() {
    let history = TicketSlaHistory { pauses: vec![pause(monday(11), None)], ..created(monday(9)) };
    let both = SlaTargets { first_response: Some(Duration::hours(4)), resolution: Some(Duration::hours(8)) };
    let sla = status(both, &history, monday(14));
    let resolution = sla.resolution.expect("a target");
    assert_eq!((resolution.state, resolution.remaining), (SlaState::Paused, Duration::hours(6)));
    assert_eq!(resolution.due_at, berlin(2026, 1, 13, 11, 0), "as if the pause ended now");
    assert_eq!(resolution.next_change_at(), None);
    let first = sla.first_response.expect("a target");
    assert_eq!((first.state, first.due_at), (SlaState::Breached, monday(13)));
    assert_eq!(sla.next_due_at(), Some(monday(13)), "the paused clock does not compete");
}

#[test]
fn a_breach_before_the_pause_stays_a_breach() {
    let history = TicketSlaHistory { pauses: vec![pause(monday(12), None)], ..created(monday(9)) };
    let clock = status(resolution(2), &history, monday(14)).resolution.expect("a target");
    assert_eq!((clock.state, clock.due_at, clock.remaining), (SlaState::Breached, monday(11), Duration::hours(-1)));
}

#[test]
fn resolution_is_met_or_missed_by_the_resolved_time() {
    let on_time = TicketSlaHistory { resolved_at: Some(monday(15)), ..created(monday(9)) };
    let clock = status(resolution(8), &on_time, monday(16)).resolution.expect("a target");
    assert_eq!((clock.state, clock.remaining), (SlaState::Met, Duration::hours(2)));
    let late = TicketSlaHistory { resolved_at: Some(berlin(2026, 1, 13, 10, 0)), ..created(monday(9)) };
    let clock = status(resolution(8), &late, berlin(2026, 1, 14, 10, 0)).resolution.expect("a target");
    assert_eq!((clock.state, clock.remaining), (SlaState::MissedThenMet, Duration::hours(-2)));
}

#[test]
fn resolving_without_a_reply_stops_the_first_response_clock() {
    let history = TicketSlaHistory { resolved_at: Some(monday(10)), ..created(monday(9)) };
    let clock = status(first_response(2), &history, berlin(2026, 1, 20, 10, 0)).first_response.expect("a target");
    assert_eq!(clock.state, SlaState::Met);
}

#[test]
fn messy_pauses_are_cut_and_merged() {
    let history = TicketSlaHistory {
        pauses: vec![
            pause(monday(12), Some(monday(13))),
            pause(berlin(2026, 1, 11, 12, 0), Some(monday(10))),
            pause(monday(11), Some(berlin(2026, 1, 12, 12, 30))),
            pause(monday(15), Some(monday(14))),
        ],
        ..created(monday(9))
    };
    // Paused 09:00-10:00 (from before creation) and 11:00-13:00: three hours.
    let clock = status(resolution(4), &history, monday(17)).resolution.expect("a target");
    assert_eq!(clock.due_at, monday(16));
}

#[test]
fn the_scheduler_wakes_at_the_earliest_change_and_a_priority_without_targets_has_no_clocks() {
    let both = SlaTargets { first_response: Some(Duration::hours(2)), resolution: Some(Duration::hours(8)) };
    let sla = status(both, &created(monday(9)), monday(9));
    assert_eq!(sla.next_change_at(), Some(berlin(2026, 1, 12, 10, 30)));
    assert_eq!(sla.next_due_at(), Some(monday(11)));

    let policy = SlaPolicy::new(SlaPolicyDraft {
        name: "Default".into(),
        targets: TargetsByPriority { urgent: both, ..Default::default() },
        ..Default::default()
    })
    .expect("valid");
    let none = policy.status_for(Priority::Low, &berlin_office(), &created(monday(9)), monday(12));
    assert_eq!(none, SlaStatus::default());
    assert_eq!((none.next_change_at(), none.next_due_at()), (None, None));
    let urgent = policy.status_for(Priority::Urgent, &berlin_office(), &created(monday(9)), monday(9));
    assert_eq!(urgent, sla);
}

#[test]
fn states_have_snake_case_wire_names() {
    for state in SlaState::ALL {
        assert_eq!(serde_json::to_string(&state).expect("serialises"), format!("\"{}\"", state.as_str()));
    }
    assert!(SlaState::MissedThenMet.is_done() && !SlaState::Paused.is_done());
}
