//! The shapes of a period beyond single numbers: resolution times in buckets, tickets created per weekday and hour
//! (the peak-hours heatmap), and day-by-day series (created, resolved, backlog) for the charts.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::period::ReportPeriod;
use super::summary::ReportedTicket;

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

/// The resolution-time buckets: `[lower, upper)` in seconds, the last one open-ended.
pub const RESOLUTION_BUCKETS: [(i64, Option<i64>, &str); 7] = [
    (0, Some(HOUR), "under 1 h"),
    (HOUR, Some(4 * HOUR), "1-4 h"),
    (4 * HOUR, Some(8 * HOUR), "4-8 h"),
    (8 * HOUR, Some(DAY), "8-24 h"),
    (DAY, Some(3 * DAY), "1-3 days"),
    (3 * DAY, Some(7 * DAY), "3-7 days"),
    (7 * DAY, None, "7 days or more"),
];

/// The bucket index of a duration (negative durations, which the history never yields, count as the first).
pub fn resolution_bucket(seconds: i64) -> usize {
    RESOLUTION_BUCKETS
        .iter()
        .position(|(_, upper, _)| upper.is_none_or(|upper| seconds < upper))
        .unwrap_or(RESOLUTION_BUCKETS.len() - 1)
}

/// One bar of the distribution chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BucketCount {
    pub label: &'static str,
    pub lower_s: i64,
    pub upper_s: Option<i64>,
    pub tickets: u64,
}

/// How many of the resolution times fall in each bucket.
pub fn resolution_distribution(resolution_seconds: &[i64]) -> Vec<BucketCount> {
    let mut counts = [0u64; RESOLUTION_BUCKETS.len()];
    for seconds in resolution_seconds {
        counts[resolution_bucket(*seconds)] += 1;
    }
    RESOLUTION_BUCKETS
        .iter()
        .zip(counts)
        .map(|(&(lower_s, upper_s, label), tickets)| BucketCount { label, lower_s, upper_s, tickets })
        .collect()
}

/// Tickets created per local weekday (Monday first) and hour.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeakHours {
    pub cells: [[u64; 24]; 7],
}

impl PeakHours {
    /// Counts each instant in its local weekday and hour in `time_zone`.
    pub fn of(instants: impl IntoIterator<Item = DateTime<Utc>>, time_zone: Tz) -> PeakHours {
        let mut cells = [[0u64; 24]; 7];
        for instant in instants {
            let local = instant.with_timezone(&time_zone);
            let day = local.weekday().num_days_from_monday() as usize;
            cells[day][local.hour() as usize] += 1;
        }
        PeakHours { cells }
    }

    pub fn busiest(&self) -> u64 {
        self.cells.iter().flatten().copied().max().unwrap_or(0)
    }
}

/// A day's numbers in the charts' series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyPoint {
    pub day: NaiveDate,
    pub created: u64,
    pub resolved: u64,
    /// Unfinished tickets at the end of the day (or of the period, for its last day).
    pub backlog: i64,
}

/// Created, resolved and the backlog at each UTC day's end over `period`.
pub fn daily_series(tickets: &[&ReportedTicket], period: ReportPeriod) -> Vec<DailyPoint> {
    let days = period.days();
    let index_of = |at: DateTime<Utc>| days.iter().position(|day| *day == at.date_naive());
    let mut points: Vec<DailyPoint> =
        days.iter().map(|&day| DailyPoint { day, created: 0, resolved: 0, backlog: 0 }).collect();
    let mut backlog_before_period = 0i64;
    let mut backlog_deltas = vec![0i64; days.len()];
    for ticket in tickets {
        let facts = &ticket.facts;
        if let Some(index) = Some(facts.created_at).filter(|at| period.contains(*at)).and_then(index_of) {
            points[index].created += 1;
        }
        if let Some(index) = facts.resolved_at.filter(|at| period.contains(*at)).and_then(index_of) {
            points[index].resolved += 1;
        }
        for change in &facts.backlog_changes {
            if change.at < period.from {
                backlog_before_period += i64::from(change.delta);
            } else if let Some(index) = Some(change.at).filter(|at| period.contains(*at)).and_then(index_of) {
                backlog_deltas[index] += i64::from(change.delta);
            }
        }
    }
    let mut running = backlog_before_period;
    for (point, delta) in points.iter_mut().zip(backlog_deltas) {
        running += delta;
        point.backlog = running;
    }
    points
}
