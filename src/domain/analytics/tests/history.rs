use super::fixture::{history_a, history_b, history_c, history_d};
use super::{berlin, berlin_office};
use crate::domain::analytics::{ticket_facts, BacklogChange};

#[test]
fn business_hours_first_response_and_a_pause_while_pending() {
    let facts = ticket_facts(&history_a(), Some(&berlin_office()));
    assert_eq!(facts.first_response_at, Some(berlin(9, 9, 30)));
    assert_eq!(facts.first_response_seconds, Some(9000));
    assert_eq!(facts.resolved_at, Some(berlin(10, 15, 0)));
    assert_eq!(facts.resolution_seconds, Some(25200));
    assert!(!facts.reopened());
}

#[test]
fn without_a_calendar_durations_are_wall_clock_and_pending_still_pauses() {
    let facts = ticket_facts(&history_a(), None);
    assert_eq!(facts.first_response_seconds, Some(65 * 3600 + 1800));
    // Fri 16:00 -> Tue 15:00 is 95 h, pending Mon 10:00 -> Tue 11:00 is 25 h.
    assert_eq!(facts.resolution_seconds, Some(70 * 3600));
}

#[test]
fn a_reopened_ticket_counts_its_final_resolution() {
    let facts = ticket_facts(&history_b(), Some(&berlin_office()));
    assert_eq!(facts.first_response_seconds, Some(1200));
    assert_eq!(facts.resolved_at, Some(berlin(9, 12, 0)));
    assert_eq!(facts.resolution_seconds, Some(4 * 3600));
    assert_eq!(facts.reopen_count, 1);
    let deltas: Vec<(_, i8)> = facts.backlog_changes.iter().map(|c| (c.at, c.delta)).collect();
    assert_eq!(
        deltas,
        vec![(berlin(9, 8, 0), 1), (berlin(9, 9, 0), -1), (berlin(9, 10, 0), 1), (berlin(9, 12, 0), -1)]
    );
}

#[test]
fn a_merged_duplicate_is_never_resolved_but_leaves_the_backlog() {
    let facts = ticket_facts(&history_c(), Some(&berlin_office()));
    assert_eq!((facts.resolved_at, facts.resolution_seconds, facts.first_response_seconds), (None, None, None));
    assert_eq!(
        facts.backlog_changes,
        vec![BacklogChange { at: berlin(9, 9, 0), delta: 1 }, BacklogChange { at: berlin(9, 9, 5), delta: -1 }]
    );
}

#[test]
fn a_ticket_pending_now_is_unresolved_and_in_the_backlog() {
    let facts = ticket_facts(&history_d(), Some(&berlin_office()));
    assert_eq!(facts.first_response_seconds, Some(1800));
    assert_eq!(facts.resolved_at, None);
    assert_eq!(facts.backlog_changes.iter().map(|c| i64::from(c.delta)).sum::<i64>(), 1);
}

#[test]
fn a_ticket_resolved_without_status_changes_uses_its_stamp() {
    let mut imported = history_a();
    imported.status_changes.clear();
    let facts = ticket_facts(&imported, None);
    assert_eq!(facts.resolved_at, Some(berlin(10, 15, 0)));
    assert_eq!(facts.resolution_seconds, Some(95 * 3600));
}

#[test]
fn resolved_then_closed_is_one_resolution() {
    let mut closed = history_a();
    closed.status = crate::domain::ticket::TicketStatus::Closed;
    closed.status_changes.push(super::change(
        berlin(12, 9, 0),
        crate::domain::ticket::TicketStatus::Resolved,
        crate::domain::ticket::TicketStatus::Closed,
    ));
    let facts = ticket_facts(&closed, Some(&berlin_office()));
    assert_eq!(facts.resolved_at, Some(berlin(10, 15, 0)));
    assert_eq!(facts.backlog_changes.len(), 2);
}
