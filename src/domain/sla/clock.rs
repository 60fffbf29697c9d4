//! The business-time clock: how much open time lies between two instants, and when a given amount of open time has
//! passed. Both walk the calendar one opening interval at a time (a few per day), never minute by minute, so a due
//! date 30 business days ahead costs about 40 days of lookups.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::calendar::BusinessCalendar;
use super::local_time::local_instant;

/// The instant at which `amount` of open time has passed since `start`: if `start` is outside opening hours, counting
/// begins at the next opening. It is the earliest such instant, so it can be the end of an interval (17:00) but never
/// the following opening. Amounts of zero or less return `start` unchanged.
pub fn add_business_time(calendar: &BusinessCalendar, start: DateTime<Utc>, amount: Duration) -> DateTime<Utc> {
    let mut remaining = amount;
    if remaining <= Duration::zero() {
        return start;
    }
    for (open, close) in OpenSpans::starting_at(calendar, start) {
        let length = close - open;
        if remaining <= length {
            return open.checked_add_signed(remaining).unwrap_or(close);
        }
        remaining -= length;
    }
    DateTime::<Utc>::MAX_UTC
}

/// The open time within `[from, to)`; zero when `to` is not after `from`.
pub fn business_time_between(calendar: &BusinessCalendar, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
    let mut total = Duration::zero();
    if to <= from {
        return total;
    }
    for (open, close) in OpenSpans::starting_at(calendar, from) {
        if open >= to {
            break;
        }
        total += close.min(to) - open;
    }
    total
}

/// Open time from `from` to `to`, negative when `to` comes first: how far ahead of (or past) a due time something is.
pub fn signed_business_time(calendar: &BusinessCalendar, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
    if to >= from {
        business_time_between(calendar, from, to)
    } else {
        -business_time_between(calendar, to, from)
    }
}

impl BusinessCalendar {
    /// Whether the team is open at `instant` (intervals include their start and exclude their end).
    pub fn is_open_at(&self, instant: DateTime<Utc>) -> bool {
        OpenSpans::starting_at(self, instant).next().is_some_and(|(open, _)| open == instant)
    }

    /// The first instant at or after `instant` when the team is open: where an SLA clock starts counting.
    pub fn next_open_at(&self, instant: DateTime<Utc>) -> DateTime<Utc> {
        OpenSpans::starting_at(self, instant).next().map_or(DateTime::<Utc>::MAX_UTC, |(open, _)| open)
    }
}

/// The calendar's open time from an instant on, as non-empty `[open, close)` ranges in time order. The first range is
/// cut to start at `from`. Because local times map to instants in order (see `local_time`), ranges of successive days
/// never overlap, and no interval of the day before `from`'s local date can reach past `from`.
struct OpenSpans<'a> {
    calendar: &'a BusinessCalendar,
    from: DateTime<Utc>,
    date: Option<NaiveDate>,
    next_interval: usize,
}

impl<'a> OpenSpans<'a> {
    fn starting_at(calendar: &'a BusinessCalendar, from: DateTime<Utc>) -> OpenSpans<'a> {
        let date = from.with_timezone(&calendar.time_zone()).date_naive();
        OpenSpans { calendar, from, date: Some(date), next_interval: 0 }
    }
}

impl Iterator for OpenSpans<'_> {
    type Item = (DateTime<Utc>, DateTime<Utc>);

    /// Ends only past the last representable date: a valid calendar opens at least once a week after its holidays.
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let date = self.date?;
            let Some(interval) = self.calendar.open_intervals_on(date).get(self.next_interval) else {
                self.date = date.succ_opt();
                self.next_interval = 0;
                continue;
            };
            self.next_interval += 1;
            let time_zone = self.calendar.time_zone();
            let close = local_instant(time_zone, date, interval.end);
            let open = local_instant(time_zone, date, interval.start).max(self.from);
            if open < close {
                return Some((open, close));
            }
        }
    }
}
