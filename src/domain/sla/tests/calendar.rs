//! Building calendars: validation with reasons, time-of-day parsing and the JSON shape.

use chrono::{NaiveDate, Weekday};

use super::{berlin_office, hours};
use crate::domain::sla::{BusinessCalendar, CalendarError, CalendarSpec, MinuteOfDay, Tz, WeeklyHours};

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
}

#[test]
fn times_of_day_parse_only_hh_mm_up_to_24_00() {
    assert_eq!(MinuteOfDay::parse("00:00"), Some(MinuteOfDay::MIDNIGHT));
    assert_eq!(MinuteOfDay::parse("24:00"), Some(MinuteOfDay::END_OF_DAY));
    assert_eq!(MinuteOfDay::parse("08:30").map(MinuteOfDay::minutes), Some(510));
    for bad in ["8:00", "24:01", "25:00", "17:60", "08:00:00", "08-00", "", "ab:cd", "+8:00", "08:0"] {
        assert_eq!(MinuteOfDay::parse(bad), None, "{bad:?}");
    }
    assert_eq!(MinuteOfDay::new(1441), None);
    assert_eq!(MinuteOfDay::END_OF_DAY.to_string(), "24:00");
    assert_eq!(hours("08:05", "17:00").to_string(), "08:05-17:00");
}

#[test]
fn overlapping_hours_are_refused_naming_the_day() {
    let week = WeeklyHours::weekdays(&[hours("08:00", "17:00")])
        .with_day(Weekday::Tue, vec![hours("11:00", "17:00"), hours("08:00", "12:00")]);
    let error = BusinessCalendar::new(Tz::Europe__Berlin, week, []).unwrap_err();
    assert_eq!(
        error,
        CalendarError::Overlapping {
            day: Weekday::Tue,
            first: hours("08:00", "12:00"),
            second: hours("11:00", "17:00")
        }
    );
    assert_eq!(error.to_string(), "Tuesday: the hours 08:00-12:00 and 11:00-17:00 overlap");
}

#[test]
fn adjacent_hours_are_fine_and_kept_sorted() {
    let week = WeeklyHours::closed().with_day(Weekday::Mon, vec![hours("12:00", "24:00"), hours("00:00", "12:00")]);
    let calendar = BusinessCalendar::new(Tz::UTC, week, []).expect("adjacent hours are allowed");
    assert_eq!(calendar.weekly().day(Weekday::Mon), [hours("00:00", "12:00"), hours("12:00", "24:00")]);
}

#[test]
fn hours_that_do_not_start_before_they_end_are_refused() {
    for (start, end) in [("17:00", "08:00"), ("09:00", "09:00"), ("24:00", "24:00")] {
        let week = WeeklyHours::closed().with_day(Weekday::Wed, vec![hours(start, end)]);
        let error = BusinessCalendar::new(Tz::UTC, week, []).unwrap_err();
        assert_eq!(error.to_string(), format!("Wednesday: the hours {start}-{end} must start before they end"));
    }
}

#[test]
fn a_week_without_open_hours_is_refused() {
    let error = BusinessCalendar::new(Tz::UTC, WeeklyHours::closed(), [date(2026, 1, 1)]).unwrap_err();
    assert_eq!(error, CalendarError::EmptyWeek);
    assert!(error.to_string().starts_with("empty hours"), "{error}");
}

#[test]
fn holidays_close_whole_days_and_are_kept_in_order_without_duplicates() {
    let calendar = BusinessCalendar::new(
        Tz::Europe__Berlin,
        WeeklyHours::weekdays(&[hours("08:00", "17:00")]),
        [date(2026, 12, 26), date(2026, 12, 25), date(2026, 12, 25)],
    )
    .expect("valid");
    assert_eq!(calendar.holidays().collect::<Vec<_>>(), [date(2026, 12, 25), date(2026, 12, 26)]);
    assert!(calendar.open_intervals_on(date(2026, 12, 25)).is_empty());
    assert_eq!(calendar.open_intervals_on(date(2026, 12, 24)), [hours("08:00", "17:00")]);
    assert!(calendar.open_intervals_on(date(2026, 12, 27)).is_empty(), "a Sunday");
}

#[test]
fn json_round_trips_in_the_documented_shape() {
    let json = r#"{"time_zone":"Europe/Berlin","weekly":{"mon":[["08:00","17:00"]],"tue":[["08:00","12:00"],["13:00","17:00"]],"wed":[],"thu":[],"fri":[["08:00","24:00"]],"sat":[],"sun":[]},"holidays":["2026-12-25"]}"#;
    let calendar: BusinessCalendar = serde_json::from_str(json).expect("valid calendar");
    assert_eq!(calendar.time_zone(), Tz::Europe__Berlin);
    assert_eq!(calendar.weekly().day(Weekday::Tue), [hours("08:00", "12:00"), hours("13:00", "17:00")]);
    assert_eq!(calendar.weekly().day(Weekday::Fri), [hours("08:00", "24:00")]);
    assert_eq!(serde_json::to_string(&calendar).expect("serialises"), json);
}

#[test]
fn json_may_leave_out_closed_days_and_holidays() {
    let calendar: BusinessCalendar =
        serde_json::from_str(r#"{"time_zone":"UTC","weekly":{"sat":[["10:00","14:00"]]}}"#).expect("valid");
    assert_eq!(calendar.weekly().day(Weekday::Sat), [hours("10:00", "14:00")]);
    assert!(calendar.weekly().day(Weekday::Mon).is_empty());
    assert_eq!(calendar.holidays().count(), 0);
}

#[test]
fn json_goes_through_validation() {
    let cases = [
        (
            r#"{"time_zone":"Europe/Berlln","weekly":{"mon":[["08:00","17:00"]]}}"#,
            r#"unknown time zone "Europe/Berlln"; use an IANA name such as Europe/Berlin"#,
        ),
        (
            r#"{"time_zone":"UTC","weekly":{"thu":[["08:00","12:00"],["09:00","10:00"]]}}"#,
            "Thursday: the hours 08:00-12:00 and 09:00-10:00 overlap",
        ),
        (
            r#"{"time_zone":"UTC","weekly":{"fri":[["8:00","17:00"]]}}"#,
            r#"Friday: "8:00" is not a time of day; write HH:MM from 00:00 to 24:00"#,
        ),
        (r#"{"time_zone":"UTC","weekly":{}}"#, "empty hours: the week has no open time at all; open at least one day"),
    ];
    for (json, reason) in cases {
        let error = serde_json::from_str::<BusinessCalendar>(json).unwrap_err().to_string();
        assert!(error.starts_with(reason), "{json}: {error}");
    }
    let unknown_field = r#"{"time_zone":"UTC","weekly":{"monday":[["08:00","17:00"]]}}"#;
    assert!(serde_json::from_str::<BusinessCalendar>(unknown_field).is_err());
}

#[test]
fn an_unknown_time_zone_is_refused_when_parsed() {
    let spec = CalendarSpec { time_zone: "Mars/Olympus".into(), weekly: Default::default(), holidays: vec![] };
    let error = BusinessCalendar::try_from(spec).unwrap_err();
    assert_eq!(error, CalendarError::UnknownTimeZone { name: "Mars/Olympus".into() });
    assert_eq!(crate::domain::sla::parse_time_zone("America/New_York"), Ok(Tz::America__New_York));
}

#[test]
fn the_always_open_calendar_is_utc_around_the_clock() {
    let calendar = BusinessCalendar::always_open();
    assert_eq!(calendar.time_zone(), Tz::UTC);
    let json = serde_json::to_string(&calendar).expect("serialises");
    assert!(json.contains(r#""sun":[["00:00","24:00"]]"#), "{json}");
    assert_eq!(serde_json::from_str::<BusinessCalendar>(&json).expect("round trip"), calendar);
    assert_ne!(calendar, berlin_office());
}
