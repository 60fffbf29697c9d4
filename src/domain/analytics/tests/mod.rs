//! Tests of the analytics module, one file per concern, with the fixture history whose metrics were worked out by
//! hand in `history.rs`.

mod chart;
mod csat;
mod csat_token;
mod daily;
mod dashboard;
mod distribution;
mod filter;
mod fixture;
mod heatmap;
mod history;
mod percentile;
mod period;
mod properties;
mod rollup;
mod summary;
mod weekly_report;

use chrono::{DateTime, TimeZone, Utc};

use crate::domain::sla::{BusinessCalendar, MinuteOfDay, OpenInterval, StatusChange, Tz, WeeklyHours};
use crate::domain::ticket::TicketStatus;

/// Monday to Friday, 08:00 to 17:00, in Berlin (UTC+1 in the fixture's March weeks, before the DST change).
fn berlin_office() -> BusinessCalendar {
    let hours = OpenInterval::new(MinuteOfDay::from_hm(8, 0).unwrap(), MinuteOfDay::from_hm(17, 0).unwrap());
    BusinessCalendar::new(Tz::Europe__Berlin, WeeklyHours::weekdays(&[hours]), []).expect("valid calendar")
}

/// A Berlin wall-clock time in March 2026 (2026-03-02 is a Monday).
fn berlin(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Tz::Europe__Berlin.with_ymd_and_hms(2026, 3, day, hour, minute, 0).single().expect("unambiguous").to_utc()
}

fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0).single().expect("valid")
}

fn change(at: DateTime<Utc>, from: TicketStatus, to: TicketStatus) -> StatusChange {
    StatusChange { at, from, to }
}
