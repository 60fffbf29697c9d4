use chrono::NaiveDate;

use super::fixture::{reported_tickets, week_of_the_9th};
use super::utc;
use crate::domain::analytics::{daily_series, resolution_bucket, resolution_distribution, PeakHours};
use crate::domain::sla::Tz;

#[test]
fn buckets_include_their_lower_bound() {
    assert_eq!(resolution_bucket(0), 0);
    assert_eq!(resolution_bucket(3599), 0);
    assert_eq!(resolution_bucket(3600), 1);
    assert_eq!(resolution_bucket(4 * 3600), 2);
    assert_eq!(resolution_bucket(7 * 86400 - 1), 5);
    assert_eq!(resolution_bucket(400 * 86400), 6);
    let counts: Vec<u64> = resolution_distribution(&[25200, 14400, 10]).iter().map(|b| b.tickets).collect();
    assert_eq!(counts, vec![1, 0, 2, 0, 0, 0, 0]);
}

#[test]
fn peak_hours_count_in_the_local_weekday_and_hour() {
    let created = reported_tickets().into_iter().map(|ticket| ticket.facts.created_at);
    let heat = PeakHours::of(created, Tz::Europe__Berlin);
    assert_eq!(heat.cells[4][16], 1, "A: Friday 16:00");
    assert_eq!(heat.cells[0][8], 1, "B: Monday 08:00");
    assert_eq!(heat.cells[0][9], 1, "C: Monday 09:00");
    assert_eq!(heat.cells[1][10], 1, "D: Tuesday 10:00");
    assert_eq!(heat.cells.iter().flatten().sum::<u64>(), 4);
    assert_eq!(heat.busiest(), 1);
    let utc_heat = PeakHours::of([utc(2026, 3, 8, 23, 30)], Tz::UTC);
    assert_eq!(utc_heat.cells[6][23], 1, "a Sunday in UTC");
}

#[test]
fn the_daily_series_carries_the_backlog_from_before_the_period() {
    let tickets = reported_tickets();
    let refs: Vec<_> = tickets.iter().collect();
    let series = daily_series(&refs, week_of_the_9th());
    assert_eq!(series.len(), 7);
    assert_eq!(series[0].day, NaiveDate::from_ymd_opt(2026, 3, 9).unwrap());
    let rows: Vec<(u64, u64, i64)> = series.iter().map(|p| (p.created, p.resolved, p.backlog)).collect();
    assert_eq!(rows, vec![(2, 1, 1), (1, 1, 1), (0, 0, 1), (0, 0, 1), (0, 0, 1), (0, 0, 1), (0, 0, 1)]);
}
