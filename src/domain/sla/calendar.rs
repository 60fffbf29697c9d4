//! Business-hours calendars: when a support team counts as open. SLA clocks only run while the calendar is open, so a
//! ticket sent on Friday evening is not overdue on Saturday morning.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::calendar_json::CalendarSpec;

/// A wall-clock time on a local day in whole minutes, from `00:00` to `24:00`. Minutes rather than `NaiveTime`
/// because opening hours must be able to end at the very end of a day (`24:00`), which `NaiveTime` cannot say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MinuteOfDay(u16);

impl MinuteOfDay {
    pub const MIDNIGHT: MinuteOfDay = MinuteOfDay(0);
    /// `24:00`: the midnight that ends the day (and starts the next one).
    pub const END_OF_DAY: MinuteOfDay = MinuteOfDay(MINUTES_PER_DAY);

    /// `minutes` since local midnight; `None` past `24:00`.
    pub fn new(minutes: u16) -> Option<MinuteOfDay> {
        (minutes <= MINUTES_PER_DAY).then_some(MinuteOfDay(minutes))
    }

    /// `hour:minute`, where `24:00` is the only time with hour 24.
    pub fn from_hm(hour: u16, minute: u16) -> Option<MinuteOfDay> {
        if minute >= 60 {
            return None;
        }
        MinuteOfDay::new(hour.checked_mul(60)?.checked_add(minute)?)
    }

    /// Parses the `HH:MM` form the JSON uses (two digits each, `24:00` allowed), so a typo such as `8:00pm` or
    /// `17:60` is refused instead of guessed at.
    pub fn parse(text: &str) -> Option<MinuteOfDay> {
        let (hour, minute) = text.split_once(':')?;
        let two_digits = |part: &str| part.len() == 2 && part.bytes().all(|byte| byte.is_ascii_digit());
        if !two_digits(hour) || !two_digits(minute) {
            return None;
        }
        MinuteOfDay::from_hm(hour.parse().ok()?, minute.parse().ok()?)
    }

    pub fn minutes(self) -> u16 {
        self.0
    }
}

const MINUTES_PER_DAY: u16 = 24 * 60;

impl fmt::Display for MinuteOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// One stretch of opening hours on a local day, `start` included and `end` excluded. Checked only as part of a
/// [`BusinessCalendar`], because a good error has to name the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OpenInterval {
    pub start: MinuteOfDay,
    pub end: MinuteOfDay,
}

impl OpenInterval {
    pub fn new(start: MinuteOfDay, end: MinuteOfDay) -> OpenInterval {
        OpenInterval { start, end }
    }
}

impl fmt::Display for OpenInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// Opening hours for each day of the week, Monday first; a day without intervals is closed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WeeklyHours([Vec<OpenInterval>; 7]);

impl WeeklyHours {
    /// A week with every day closed, to add days to with [`WeeklyHours::with_day`].
    pub fn closed() -> WeeklyHours {
        WeeklyHours::default()
    }

    /// The same hours on every day of the week.
    pub fn every_day(intervals: &[OpenInterval]) -> WeeklyHours {
        WeeklyHours(std::array::from_fn(|_| intervals.to_vec()))
    }

    /// The same hours Monday to Friday, closed at the weekend: the common office week.
    pub fn weekdays(intervals: &[OpenInterval]) -> WeeklyHours {
        WEEK[..5].iter().fold(WeeklyHours::closed(), |week, day| week.with_day(*day, intervals.to_vec()))
    }

    /// Replaces one day's hours.
    pub fn with_day(mut self, day: Weekday, intervals: Vec<OpenInterval>) -> WeeklyHours {
        self.0[day.num_days_from_monday() as usize] = intervals;
        self
    }

    /// One day's hours, sorted by start once they belong to a [`BusinessCalendar`].
    pub fn day(&self, day: Weekday) -> &[OpenInterval] {
        &self.0[day.num_days_from_monday() as usize]
    }
}

/// The days of the week, Monday first, in the order [`WeeklyHours`] keeps them.
pub(super) const WEEK: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

/// When a team is open: weekly hours in a time zone, minus holidays (whole local days). Always valid once built: every
/// interval starts before it ends, no two overlap and the week has some open time, so the SLA clock can rely on
/// reaching an opening. Serialised as a [`CalendarSpec`]; deserialising validates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CalendarSpec", into = "CalendarSpec")]
pub struct BusinessCalendar {
    time_zone: Tz,
    weekly: WeeklyHours,
    holidays: BTreeSet<NaiveDate>,
}

impl BusinessCalendar {
    /// Checks and builds a calendar; each day's intervals are sorted by start (adjacent ones such as `08:00-12:00`
    /// and `12:00-17:00` are fine, overlapping ones are refused with the day named).
    pub fn new(
        time_zone: Tz,
        mut weekly: WeeklyHours,
        holidays: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<BusinessCalendar, CalendarError> {
        for (day, intervals) in WEEK.into_iter().zip(weekly.0.iter_mut()) {
            intervals.sort_by_key(|interval| (interval.start, interval.end));
            if let Some(interval) = intervals.iter().find(|interval| interval.start >= interval.end) {
                return Err(CalendarError::StartNotBeforeEnd { day, interval: *interval });
            }
            if let Some(pair) = intervals.windows(2).find(|pair| pair[0].end > pair[1].start) {
                return Err(CalendarError::Overlapping { day, first: pair[0], second: pair[1] });
            }
        }
        if weekly.0.iter().all(Vec::is_empty) {
            return Err(CalendarError::EmptyWeek);
        }
        Ok(BusinessCalendar { time_zone, weekly, holidays: holidays.into_iter().collect() })
    }

    /// Open around the clock in UTC with no holidays: the calendar for teams (or policies) that promise wall-clock
    /// times, where business time and elapsed time are the same.
    pub fn always_open() -> BusinessCalendar {
        let whole_day = OpenInterval::new(MinuteOfDay::MIDNIGHT, MinuteOfDay::END_OF_DAY);
        BusinessCalendar { time_zone: Tz::UTC, weekly: WeeklyHours::every_day(&[whole_day]), holidays: BTreeSet::new() }
    }

    pub fn time_zone(&self) -> Tz {
        self.time_zone
    }

    pub fn weekly(&self) -> &WeeklyHours {
        &self.weekly
    }

    /// The holidays in date order.
    pub fn holidays(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.holidays.iter().copied()
    }

    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.contains(&date)
    }

    /// The hours open on one local date: the weekday's hours, or none on a holiday.
    pub fn open_intervals_on(&self, date: NaiveDate) -> &[OpenInterval] {
        if self.is_holiday(date) {
            &[]
        } else {
            self.weekly.day(date.weekday())
        }
    }
}

/// Looks up an IANA time-zone name such as `Europe/Berlin` (exact spelling), the form the JSON and admin UI use.
pub fn parse_time_zone(name: &str) -> Result<Tz, CalendarError> {
    name.parse::<Tz>().map_err(|_| CalendarError::UnknownTimeZone { name: name.to_string() })
}

/// Why a calendar was refused, worded for the admin who typed it (each message names the day at fault).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CalendarError {
    #[error("unknown time zone {name:?}; use an IANA name such as Europe/Berlin")]
    UnknownTimeZone { name: String },
    #[error("{}: {text:?} is not a time of day; write HH:MM from 00:00 to 24:00", weekday_name(.day))]
    InvalidTime { day: Weekday, text: String },
    #[error("{}: the hours {interval} must start before they end", weekday_name(.day))]
    StartNotBeforeEnd { day: Weekday, interval: OpenInterval },
    #[error("{}: the hours {first} and {second} overlap", weekday_name(.day))]
    Overlapping { day: Weekday, first: OpenInterval, second: OpenInterval },
    #[error("empty hours: the week has no open time at all; open at least one day")]
    EmptyWeek,
}

/// The English day name used in error messages.
fn weekday_name(day: &Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}
