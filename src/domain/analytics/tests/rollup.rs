use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::fixture::{reported_tickets, week_of_the_9th};
use super::utc;
use crate::domain::analytics::{
    daily_changes, days_of_hours, hour_of, hourly_contributions, rollup_changes, summarize, AnalyticsFilter, DayCounts,
    HourlyCounts, ReportPeriod, ReportedTicket, RolledUpPeriod, RollupKey,
};

type Rows = BTreeMap<RollupKey, HourlyCounts>;

/// The hourly rows and the daily rows, maintained as the store maintains them.
#[derive(Default)]
struct Rollups {
    hourly: Rows,
    daily: BTreeMap<RollupKey, DayCounts>,
}

fn apply(rows: &mut Rollups, old: Option<&ReportedTicket>, new: Option<&ReportedTicket>) {
    let changes = rollup_changes(old, new);
    for (key, change) in &changes {
        rows.hourly.entry(key.clone()).or_default().add_scaled(change, 1);
    }
    for (key, change) in daily_changes(&changes) {
        rows.daily.entry(key).or_default().add(&change);
    }
    rows.hourly.retain(|_, counts| !counts.is_zero());
    rows.daily.retain(|_, counts| !counts.is_zero());
}

/// A period's days as the store reads them: whole days from the daily rows, the other hours from the hourly ones.
fn period_days(rows: &Rollups, period: ReportPeriod, filter: &AnalyticsFilter) -> Vec<(DateTime<Utc>, DayCounts)> {
    let spans = period.rollup_spans();
    let hours = rows
        .hourly
        .iter()
        .filter(|(key, _)| filter.matches_rollup(key) && spans.hours.iter().any(|span| span.contains(key.hour)))
        .map(|(key, counts)| (key.hour, *counts));
    let mut days = days_of_hours(hours);
    for (key, counts) in &rows.daily {
        if filter.matches_rollup(key) && spans.days.is_some_and(|whole| whole.contains(key.hour)) {
            days.entry(key.hour).or_default().add(counts);
        }
    }
    days.into_iter().collect()
}

/// The summary as the service computes it from rollup rows plus per-ticket durations.
fn summary_from_rollup(rows: &Rollups, tickets: &[ReportedTicket], period: ReportPeriod, filter: &AnalyticsFilter) {
    let taken = |key: &RollupKey| filter.matches_rollup(key);
    let mut rolled_up = RolledUpPeriod {
        days: period_days(rows, period, filter),
        backlog: rows
            .hourly
            .iter()
            .filter(|(key, _)| taken(key) && key.hour < period.to)
            .map(|(_, c)| c.backlog_delta)
            .sum(),
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
    assert_eq!(rolled_up.summary(), summarize(tickets, period, filter), "{period:?} {filter:?}");
}

#[test]
fn rolled_up_numbers_equal_the_raw_ones_for_every_filter_and_period() {
    let tickets = reported_tickets();
    let mut rows = Rollups::default();
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
    let hours = ReportPeriod::new(utc(2026, 3, 9, 8, 0), utc(2026, 3, 9, 11, 0)).unwrap();
    let days_and_hours = ReportPeriod::new(utc(2026, 3, 8, 9, 0), utc(2026, 3, 12, 10, 0)).unwrap();
    for period in [week, week.previous(), hours, days_and_hours] {
        assert!(period.is_whole_hours());
        for filter in &filters {
            summary_from_rollup(&rows, &tickets, period, filter);
        }
    }
}

#[test]
fn moving_a_ticket_moves_all_its_numbers_and_removing_it_leaves_nothing() {
    let tickets = reported_tickets();
    let mut rows = Rollups::default();
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
    assert!(rows.hourly.is_empty(), "{:?}", rows.hourly);
    assert!(rows.daily.is_empty(), "{:?}", rows.daily);
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
