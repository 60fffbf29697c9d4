use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::fixture::{reported_tickets, week_of_the_9th};
use crate::domain::analytics::{
    daily_from_rollup, daily_series, day_query, days_of_hours, drill_down_query, group_query, peak_hours_from_rollup,
    resolution_bucket_counts, rollup_changes, sort_breakdown, trend, AnalyticsFilter, BreakdownRow, DayCounts,
    Dimension, DrillMetric, HourlyCounts, PeakHours, ReportPeriod, RollupKey, Trend,
};
use crate::domain::sla::Tz;
use crate::domain::ticket::Channel;

/// The hourly rows the fixture's tickets roll up to.
fn rollup_rows() -> Vec<(RollupKey, HourlyCounts)> {
    reported_tickets().iter().flat_map(|ticket| rollup_changes(None, Some(ticket))).collect()
}

/// The period's days, from the hourly rows inside it.
fn days_in(period: ReportPeriod) -> Vec<(DateTime<Utc>, DayCounts)> {
    let inside = rollup_rows().into_iter().filter(|(key, _)| period.contains(key.hour));
    days_of_hours(inside.map(|(key, counts)| (key.hour, counts))).into_iter().collect()
}

#[test]
fn day_series_from_the_rollup_equal_those_from_the_raw_history() {
    let rows = rollup_rows();
    let tickets = reported_tickets();
    let all: Vec<_> = tickets.iter().collect();
    for period in [week_of_the_9th(), week_of_the_9th().previous()] {
        let backlog_at_start: i64 =
            rows.iter().filter(|(key, _)| key.hour < period.from).map(|(_, c)| c.backlog_delta).sum();
        assert_eq!(
            daily_from_rollup(&days_in(period), backlog_at_start, period),
            daily_series(&all, period),
            "{period:?}"
        );
    }
    let week = daily_from_rollup(&days_in(week_of_the_9th()), 1, week_of_the_9th());
    assert_eq!(week.len(), 7);
    let monday = &week[0];
    assert_eq!((monday.day, monday.created, monday.resolved), (NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(), 2, 1));
    assert_eq!(week.iter().map(|day| day.created).sum::<u64>(), 3, "B, C and D");
    assert_eq!(week.last().unwrap().backlog, 1, "D is still pending at the end of the week");
}

#[test]
fn peak_hours_from_the_rollup_count_created_tickets_per_utc_weekday_and_hour() {
    let week = week_of_the_9th();
    let heat = peak_hours_from_rollup(&days_in(week));
    let created = reported_tickets().into_iter().map(|t| t.facts.created_at).filter(|at| week.contains(*at));
    assert_eq!(heat, PeakHours::of(created, Tz::UTC));
    assert_eq!(heat.cells[0][7], 1, "B: Monday 08:00 in Berlin is 07:00 UTC");
    assert_eq!(heat.cells.iter().flatten().sum::<u64>(), 3);
    let before = ReportPeriod::new(week.from - Duration::days(30), week.from).unwrap();
    assert_eq!(peak_hours_from_rollup(&days_in(before)).cells[4][15], 1, "A: Friday 16:00 Berlin");
}

#[test]
fn buckets_and_breakdowns_are_ordered_and_complete() {
    assert_eq!(resolution_bucket_counts(&[25200, 14400]), vec![0, 0, 2, 0, 0, 0, 0]);
    let row = |key: Option<&str>, created, resolved| BreakdownRow { key: key.map(str::to_owned), created, resolved };
    let mut rows = vec![row(None, 2, 0), row(Some("b"), 1, 1), row(Some("a"), 2, 0), row(Some("c"), 2, 1)];
    sort_breakdown(&mut rows);
    assert_eq!(rows, vec![row(Some("c"), 2, 1), row(Some("a"), 2, 0), row(None, 2, 0), row(Some("b"), 1, 1)]);
}

#[test]
fn trends_compare_with_the_previous_period() {
    assert_eq!(trend(Some(3.0), Some(1.0)), Trend::Up);
    assert_eq!(trend(Some(0.25), Some(0.5)), Trend::Down);
    assert_eq!(trend(Some(2.0), Some(2.0)), Trend::Same);
    assert_eq!(trend(Some(2.0), None), Trend::NoComparison);
    assert_eq!(trend(None, Some(2.0)), Trend::NoComparison);
}

#[test]
fn every_number_drills_down_to_the_queue_filter_of_its_tickets() {
    let week = week_of_the_9th();
    let filter = AnalyticsFilter { team_id: Some("billing".into()), channel: Some(Channel::Email), agent_id: None };
    let created = drill_down_query(DrillMetric::Created, week, &filter);
    assert_eq!(
        created.href("/agent/tickets", 1),
        "/agent/tickets?team=billing&channel=email&created_from=2026-03-09&created_to=2026-03-15"
    );
    let resolved = drill_down_query(DrillMetric::Resolved, week, &AnalyticsFilter::for_agent("ada"));
    assert_eq!(
        resolved.query_string(1),
        "status=resolved%2Cclosed&assignee=ada&resolved_from=2026-03-09&resolved_to=2026-03-15"
    );
    let backlog = drill_down_query(DrillMetric::Backlog, week, &AnalyticsFilter::default());
    assert_eq!(backlog.query_string(1), "status=new%2Copen%2Cpending&created_to=2026-03-15");
    let odd = ReportPeriod::new(week.from + Duration::minutes(90), week.to).unwrap();
    assert_eq!(
        drill_down_query(DrillMetric::Created, odd, &AnalyticsFilter::default()).created_from.as_deref(),
        Some("2026-03-09T01:30:00.000000Z")
    );
    let monday = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    let day = day_query(DrillMetric::Created, monday, &AnalyticsFilter::default());
    assert_eq!((day.created_from.as_deref(), day.created_to.as_deref()), (Some("2026-03-09"), Some("2026-03-09")));
    let unassigned = group_query(DrillMetric::Created, week, &filter, Dimension::Agent, None).unwrap();
    assert_eq!(unassigned.assignee.as_deref(), Some("none"));
    let urgent = group_query(DrillMetric::Resolved, week, &filter, Dimension::Priority, Some("urgent")).unwrap();
    assert_eq!((urgent.priority.as_deref(), urgent.team.as_deref()), (Some("urgent"), Some("billing")));
    assert_eq!(
        group_query(DrillMetric::Created, week, &filter, Dimension::Team, None),
        None,
        "no team is not a filter"
    );
}
