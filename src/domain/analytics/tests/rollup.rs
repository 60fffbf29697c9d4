use std::collections::BTreeMap;

use super::fixture::{reported_tickets, week_of_the_9th};
use super::utc;
use crate::domain::analytics::{
    hour_of, hourly_contributions, rollup_changes, summarize, AnalyticsFilter, HourlyCounts, ReportPeriod,
    ReportedTicket, RolledUpPeriod, RollupKey,
};

type Rows = BTreeMap<RollupKey, HourlyCounts>;

fn apply(rows: &mut Rows, old: Option<&ReportedTicket>, new: Option<&ReportedTicket>) {
    for (key, change) in rollup_changes(old, new) {
        rows.entry(key).or_default().add_scaled(&change, 1);
    }
    rows.retain(|_, counts| !counts.is_zero());
}

/// The summary as the service computes it from rollup rows plus per-ticket durations.
fn summary_from_rollup(rows: &Rows, tickets: &[ReportedTicket], period: ReportPeriod, filter: &AnalyticsFilter) {
    let taken = |key: &RollupKey| filter.matches_rollup(key);
    let mut rolled_up = RolledUpPeriod {
        rows: rows
            .iter()
            .filter(|(key, _)| taken(key) && period.contains(key.hour))
            .map(|(k, c)| (k.clone(), *c))
            .collect(),
        backlog: rows.iter().filter(|(key, _)| taken(key) && key.hour < period.to).map(|(_, c)| c.backlog_delta).sum(),
        ..RolledUpPeriod::default()
    };
    for ticket in tickets.iter().filter(|ticket| filter.matches(&ticket.dimensions)) {
        let facts = &ticket.facts;
        if let (Some(at), Some(seconds)) = (facts.first_response_at, facts.first_response_seconds) {
            if period.contains(at) {
                rolled_up.first_response_seconds.push(seconds);
            }
        }
        if let (Some(at), Some(seconds)) = (facts.resolved_at, facts.resolution_seconds) {
            if period.contains(at) {
                rolled_up.resolution_seconds.push(seconds);
            }
        }
    }
    assert_eq!(rolled_up.summary(period), summarize(tickets, period, filter), "{period:?} {filter:?}");
}

#[test]
fn rolled_up_numbers_equal_the_raw_ones_for_every_filter_and_period() {
    let tickets = reported_tickets();
    let mut rows = Rows::new();
    for ticket in &tickets {
        apply(&mut rows, None, Some(ticket));
    }
    let week = week_of_the_9th();
    let filters = [
        AnalyticsFilter::default(),
        AnalyticsFilter::for_agent("ada"),
        AnalyticsFilter { team_id: Some("billing".into()), ..AnalyticsFilter::default() },
        AnalyticsFilter { channel: Some(crate::domain::ticket::Channel::Email), ..AnalyticsFilter::default() },
    ];
    for period in [week, week.previous(), ReportPeriod::new(utc(2026, 3, 9, 8, 0), utc(2026, 3, 9, 11, 0)).unwrap()] {
        assert!(period.is_whole_hours());
        for filter in &filters {
            summary_from_rollup(&rows, &tickets, period, filter);
        }
    }
}

#[test]
fn moving_a_ticket_moves_all_its_numbers_and_removing_it_leaves_nothing() {
    let tickets = reported_tickets();
    let mut rows = Rows::new();
    for ticket in &tickets {
        apply(&mut rows, None, Some(ticket));
    }
    let mut moved = tickets.clone();
    moved[0].dimensions.agent_id = Some("bob".into());
    apply(&mut rows, Some(&tickets[0]), Some(&moved[0]));
    summary_from_rollup(&rows, &moved, week_of_the_9th(), &AnalyticsFilter::for_agent("bob"));
    summary_from_rollup(&rows, &moved, week_of_the_9th(), &AnalyticsFilter::for_agent("ada"));
    for old in &moved {
        apply(&mut rows, Some(old), None);
    }
    assert!(rows.is_empty(), "{rows:?}");
}

#[test]
fn an_unchanged_ticket_changes_no_row_and_contributions_sit_in_their_hour() {
    let tickets = reported_tickets();
    assert!(rollup_changes(Some(&tickets[1]), Some(&tickets[1])).is_empty());
    let b = hourly_contributions(&tickets[1]);
    // B (Berlin = UTC+1): created 07:00Z, first reply 07:20Z, resolved 08:00Z, reopened 09:00Z, resolved 11:00Z.
    let created_hour = &b[&utc(2026, 3, 9, 7, 0)];
    assert_eq!((created_hour.created, created_hour.backlog_delta, created_hour.first_responses), (1, 1, 1));
    assert_eq!(created_hour.first_response_s_sum, 1200);
    assert_eq!(b[&utc(2026, 3, 9, 8, 0)].backlog_delta, -1);
    let final_hour = &b[&utc(2026, 3, 9, 11, 0)];
    assert_eq!((final_hour.resolved, final_hour.reopened_resolved, final_hour.sla_decided), (1, 1, 1));
    assert_eq!((final_hour.csat_sent, final_hour.backlog_delta), (1, -1));
    assert_eq!(hour_of(utc(2026, 3, 9, 11, 59)), utc(2026, 3, 9, 11, 0));
}
