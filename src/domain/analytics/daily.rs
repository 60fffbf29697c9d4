//! The daily rollup: the hourly rows summed per UTC day × team × channel × agent (`analytics_daily`), with the
//! tickets created in each hour of the day kept apart for the peak-hours heatmap. A long period reads one row per
//! day and group from it instead of one per hour: at 1,000,000 tickets a year the hourly table holds about as
//! many rows as there are tickets, and a 90-day dashboard summed 400,000 of them per period, and the backlog every
//! hourly row before it. The daily table changes in the same transaction as the hourly one, by the same
//! differences summed per day, so the two always agree.
//!
//! A period is read as its whole days from the daily table and the hours before its first midnight and after its
//! last from the hourly table ([`ReportPeriod::rollup_spans`]); presets and date bounds are whole days.

use std::collections::BTreeMap;

use chrono::{DateTime, DurationRound, TimeDelta, Timelike, Utc};

use super::period::ReportPeriod;
use super::rollup::{HourlyCounts, RollupKey};

/// One day's counters: the hourly counters summed, and the tickets created in each UTC hour of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayCounts {
    pub counts: HourlyCounts,
    /// Tickets created in hour 0-23 of the day (they add up to `counts.created`).
    pub created_by_hour: [i64; 24],
}

impl DayCounts {
    /// Adds the counters of the hourly row of `hour` times `sign` (1 or -1).
    pub fn add_hour(&mut self, hour: DateTime<Utc>, counts: &HourlyCounts, sign: i64) {
        self.counts.add_scaled(counts, sign);
        self.created_by_hour[hour.hour() as usize] += sign * counts.created;
    }

    pub fn add(&mut self, other: &DayCounts) {
        self.counts.add_scaled(&other.counts, 1);
        for (mine, theirs) in self.created_by_hour.iter_mut().zip(other.created_by_hour) {
            *mine += theirs;
        }
    }

    pub fn is_zero(&self) -> bool {
        *self == DayCounts::default()
    }
}

/// The start of the UTC day `instant` falls in.
pub fn day_of(instant: DateTime<Utc>) -> DateTime<Utc> {
    instant.duration_trunc(TimeDelta::days(1)).unwrap_or(instant)
}

/// The daily rows' changes that go with these hourly rows' changes ([`rollup_changes`](super::rollup_changes)):
/// each hour's change added to its day's row of the same team, channel and agent, whose key's `hour` is the day's
/// midnight. Days whose change comes to zero are left out.
pub fn daily_changes(hourly: &[(RollupKey, HourlyCounts)]) -> Vec<(RollupKey, DayCounts)> {
    let mut days: BTreeMap<RollupKey, DayCounts> = BTreeMap::new();
    for (key, counts) in hourly {
        let day = RollupKey { hour: day_of(key.hour), ..key.clone() };
        days.entry(day).or_default().add_hour(key.hour, counts, 1);
    }
    days.into_iter().filter(|(_, counts)| !counts.is_zero()).collect()
}

/// Hourly counters (each already summed over a filter's rows) folded into their days.
pub fn days_of_hours(
    hours: impl IntoIterator<Item = (DateTime<Utc>, HourlyCounts)>,
) -> BTreeMap<DateTime<Utc>, DayCounts> {
    let mut days: BTreeMap<DateTime<Utc>, DayCounts> = BTreeMap::new();
    for (hour, counts) in hours {
        days.entry(day_of(hour)).or_default().add_hour(hour, &counts, 1);
    }
    days
}

/// Where the rollup tables hold a whole-hours period: its whole UTC days in the daily table, the rest (at most a
/// day's hours at each end) in the hourly table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollupSpans {
    pub days: Option<ReportPeriod>,
    pub hours: Vec<ReportPeriod>,
}

impl ReportPeriod {
    /// The period as whole days and leftover hours.
    pub fn rollup_spans(self) -> RollupSpans {
        let first_midnight = match day_of(self.from) {
            midnight if midnight == self.from => midnight,
            midnight => midnight + TimeDelta::days(1),
        };
        let last_midnight = day_of(self.to);
        if first_midnight >= last_midnight {
            return RollupSpans { days: None, hours: vec![self] };
        }
        let hours = [(self.from, first_midnight), (last_midnight, self.to)]
            .into_iter()
            .filter(|(from, to)| from < to)
            .map(|(from, to)| ReportPeriod { from, to })
            .collect();
        RollupSpans { days: Some(ReportPeriod { from: first_midnight, to: last_midnight }), hours }
    }
}
