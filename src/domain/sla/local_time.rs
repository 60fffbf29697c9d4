//! Turning "08:00 on 2026-03-29 in Berlin" into an instant, deterministically on days when the clocks change.
//!
//! The rule: an ambiguous local time (it happens twice when clocks go back) means its *first* occurrence; a local time
//! that does not exist (skipped when clocks go forward) means the first minute that does exist after it, which for
//! every modern zone is the very moment the clocks jump. Both choices keep the mapping from local time to instants
//! non-decreasing, so intervals stay in order, never overlap and open time is the real time elapsed between the
//! wall-clock boundaries: an `08:00-17:00` day is 9 hours on both DST days in Europe/Berlin, a `00:00-24:00` day is 23
//! or 25 hours, and hours wholly inside a skipped gap count as zero.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::calendar::MinuteOfDay;

/// The longest run of skipped local time we look past; the longest in the tz database is a whole day (Samoa, 2011).
const LONGEST_GAP_MINUTES: u32 = 2 * 24 * 60;

/// The instant at which `date` reaches `minute` on the wall clocks of `time_zone` (see the module notes for DST).
pub(super) fn local_instant(time_zone: Tz, date: NaiveDate, minute: MinuteOfDay) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    match midnight.checked_add_signed(Duration::minutes(i64::from(minute.minutes()))) {
        Some(local) => resolve(time_zone, local),
        None => DateTime::<Utc>::MAX_UTC,
    }
}

fn resolve(time_zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    if let Some(instant) = earliest_instant(time_zone, local) {
        return instant;
    }
    let mut later = local;
    for _ in 0..LONGEST_GAP_MINUTES {
        let Some(next) = later.checked_add_signed(Duration::minutes(1)) else { break };
        later = next;
        if let Some(instant) = earliest_instant(time_zone, later) {
            return instant;
        }
    }
    // Not reachable with real zone data: no gap is longer than a day. Reading the time as UTC keeps this total.
    local.and_utc()
}

fn earliest_instant(time_zone: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match time_zone.from_local_datetime(&local) {
        LocalResult::Single(instant) | LocalResult::Ambiguous(instant, _) => Some(instant.to_utc()),
        LocalResult::None => None,
    }
}
