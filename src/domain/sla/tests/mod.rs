//! Tests of the SLA module, one file per concern, with shared builders for the cases they write out.

mod calendar;
mod clock;
mod history;
mod policy;
mod properties;
mod status;

use chrono::{DateTime, TimeZone, Utc};

use super::{BusinessCalendar, MinuteOfDay, OpenInterval, Tz, WeeklyHours};

/// `["08:00", "17:00"]` as an interval.
fn hours(start: &str, end: &str) -> OpenInterval {
    OpenInterval::new(MinuteOfDay::parse(start).expect("start"), MinuteOfDay::parse(end).expect("end"))
}

/// Monday to Friday, 08:00 to 17:00, in Berlin: the office used by most cases.
fn berlin_office() -> BusinessCalendar {
    BusinessCalendar::new(Tz::Europe__Berlin, WeeklyHours::weekdays(&[hours("08:00", "17:00")]), [])
        .expect("valid calendar")
}

/// Every day 08:00 to 17:00 in Berlin, so the DST Sundays are working days.
fn berlin_every_day() -> BusinessCalendar {
    BusinessCalendar::new(Tz::Europe__Berlin, WeeklyHours::every_day(&[hours("08:00", "17:00")]), [])
        .expect("valid calendar")
}

/// A Berlin wall-clock time that exists exactly once.
fn berlin(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Tz::Europe__Berlin.with_ymd_and_hms(year, month, day, hour, minute, 0).single().expect("unambiguous").to_utc()
}

fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0).single().expect("valid")
}
