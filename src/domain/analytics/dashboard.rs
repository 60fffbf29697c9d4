//! The supervisor dashboard's shapes beyond the KPI cards: created and resolved per day with the backlog at each
//! day's end, tickets created per weekday and hour, resolution times in buckets and breakdowns by dimension. Day
//! series and peak hours are summed from the day rollups (never from raw tickets), so they agree with the
//! cards; breakdowns are grouped in the store (from the rollups by team, channel and agent, from the per-ticket
//! facts by priority and category).

use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};

use super::daily::DayCounts;
use super::distribution::{resolution_distribution, DailyPoint, PeakHours};
use super::filter::{AnalyticsFilter, Dimension};
use super::period::ReportPeriod;
use super::summary::SummaryReport;

/// One group of a breakdown: its key (an id or wire name; `None` for no team, no assignee, no category) and the
/// tickets created and finally resolved in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakdownRow {
    pub key: Option<String>,
    pub created: u64,
    pub resolved: u64,
}

/// The groups of one dimension, busiest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub dimension: Dimension,
    pub rows: Vec<BreakdownRow>,
}

/// Everything the supervisor dashboard shows for a period and filter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DashboardReport {
    pub summary: SummaryReport,
    /// The filter the numbers are for (the drill-down links carry it to the queue).
    pub filter: AnalyticsFilter,
    pub daily: Vec<DailyPoint>,
    /// Tickets created per UTC weekday and hour.
    pub peak_hours: PeakHours,
    /// Tickets finally resolved in the period per bucket of [`RESOLUTION_BUCKETS`](super::RESOLUTION_BUCKETS).
    pub resolution_buckets: Vec<u64>,
    pub breakdowns: Vec<Breakdown>,
}

impl DashboardReport {
    pub fn period(&self) -> ReportPeriod {
        ReportPeriod { from: self.summary.from, to: self.summary.to }
    }
}

/// Created, resolved and the backlog at each UTC day's end over `period`, from the period's day rollups (days
/// outside it are ignored) and the backlog at the period's start.
pub fn daily_from_rollup(
    rolled_up_days: &[(DateTime<Utc>, DayCounts)],
    backlog_at_start: i64,
    period: ReportPeriod,
) -> Vec<DailyPoint> {
    let days = period.days();
    let mut points: Vec<DailyPoint> =
        days.iter().map(|&day| DailyPoint { day, created: 0, resolved: 0, backlog: 0 }).collect();
    let mut deltas = vec![0i64; days.len()];
    for (day, counts) in rolled_up_days {
        let Some(index) = days.iter().position(|known| *known == day.date_naive()) else { continue };
        points[index].created += u64::try_from(counts.counts.created).unwrap_or(0);
        points[index].resolved += u64::try_from(counts.counts.resolved).unwrap_or(0);
        deltas[index] += counts.counts.backlog_delta;
    }
    let mut running = backlog_at_start;
    for (point, delta) in points.iter_mut().zip(deltas) {
        running += delta;
        point.backlog = running;
    }
    points
}

/// Tickets created per UTC weekday (Monday first) and hour, from a period's day rollups.
pub fn peak_hours_from_rollup(rolled_up_days: &[(DateTime<Utc>, DayCounts)]) -> PeakHours {
    let mut cells = [[0u64; 24]; 7];
    for (day, counts) in rolled_up_days {
        let weekday = day.weekday().num_days_from_monday() as usize;
        for (hour, created) in counts.created_by_hour.iter().enumerate() {
            cells[weekday][hour] += u64::try_from(*created).unwrap_or(0);
        }
    }
    PeakHours { cells }
}

/// The count per resolution bucket of these resolution times.
pub fn resolution_bucket_counts(resolution_seconds: &[i64]) -> Vec<u64> {
    resolution_distribution(resolution_seconds).into_iter().map(|bucket| bucket.tickets).collect()
}

/// Orders groups busiest first (created, then resolved), then by key with "none" last, so the table is stable.
pub fn sort_breakdown(rows: &mut [BreakdownRow]) {
    rows.sort_by(|a, b| {
        (b.created, b.resolved)
            .cmp(&(a.created, a.resolved))
            .then_with(|| a.key.is_none().cmp(&b.key.is_none()))
            .then_with(|| a.key.cmp(&b.key))
    });
}

/// How a KPI moved against the previous period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Trend {
    Up,
    Down,
    Same,
    /// One of the two periods had nothing to measure.
    NoComparison,
}

/// The trend from `previous` to `current`.
pub fn trend(current: Option<f64>, previous: Option<f64>) -> Trend {
    match (current, previous) {
        (Some(current), Some(previous)) if (current - previous).abs() < 1e-9 => Trend::Same,
        (Some(current), Some(previous)) if current > previous => Trend::Up,
        (Some(_), Some(_)) => Trend::Down,
        _ => Trend::NoComparison,
    }
}
