use chrono::{Duration, NaiveDate};

use super::utc;
use crate::domain::analytics::{PeriodPreset, ReportPeriod, MAX_PERIOD_DAYS};

#[test]
fn presets_end_with_today_and_previous_periods_come_just_before() {
    let now = utc(2026, 3, 10, 14, 30);
    let week = PeriodPreset::Last7Days.period_at(now);
    assert_eq!(week, ReportPeriod { from: utc(2026, 3, 4, 0, 0), to: utc(2026, 3, 11, 0, 0) });
    assert_eq!(week.previous(), ReportPeriod { from: utc(2026, 2, 25, 0, 0), to: utc(2026, 3, 4, 0, 0) });
    assert_eq!(PeriodPreset::Last90Days.period_at(now).length(), Duration::days(90));
    assert_eq!(ReportPeriod::parse(Some("30d"), None, None, now).unwrap().from, utc(2026, 2, 9, 0, 0));
    assert_eq!(ReportPeriod::parse(None, Some(""), Some("  "), now).unwrap().length(), Duration::days(30));
}

#[test]
fn today_is_the_utc_day_of_now_against_yesterday() {
    let today = ReportPeriod::parse(Some("today"), None, None, utc(2026, 3, 10, 23, 59)).unwrap();
    assert_eq!(today, ReportPeriod { from: utc(2026, 3, 10, 0, 0), to: utc(2026, 3, 11, 0, 0) });
    assert_eq!(today.previous(), ReportPeriod { from: utc(2026, 3, 9, 0, 0), to: utc(2026, 3, 10, 0, 0) });
    assert!(today.is_whole_hours(), "today's numbers come from the hourly rollup");
    assert_eq!(PeriodPreset::parse("today"), Some(PeriodPreset::Today));
}

#[test]
fn days_as_bounds_cover_whole_days() {
    let now = utc(2026, 4, 1, 0, 0);
    let march = ReportPeriod::parse(None, Some("2026-03-01"), Some("2026-03-31"), now).unwrap();
    assert_eq!(march, ReportPeriod { from: utc(2026, 3, 1, 0, 0), to: utc(2026, 4, 1, 0, 0) });
    assert_eq!(march.days().len(), 31);
    assert_eq!(march.days()[30], NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    let instants = ReportPeriod::parse(None, Some("2026-03-01T09:00:00Z"), Some("2026-03-01T11:30:00+01:00"), now);
    assert_eq!(instants.unwrap().length(), Duration::minutes(90));
}

#[test]
fn bad_ranges_are_refused_on_a_named_field() {
    let now = utc(2026, 4, 1, 0, 0);
    let refused = |preset, from, to| ReportPeriod::parse(preset, from, to, now).unwrap_err();
    let backwards = refused(None, Some("2026-03-10"), Some("2026-03-01"));
    assert_eq!((backwards.field, backwards.code), ("to", "invalid_range"));
    let too_long = refused(None, Some("2025-01-01"), Some("2026-01-02"));
    assert_eq!((too_long.field, too_long.code), ("to", "range_too_long"));
    assert_eq!(refused(None, Some("2026-13-01"), Some("2026-03-01")).field, "from");
    assert_eq!(refused(None, Some("2026-03-01"), None).code, "required");
    assert_eq!(refused(None, None, Some("2026-03-01")).field, "from");
    assert_eq!(refused(Some("14d"), None, None).field, "preset");
}

#[test]
fn the_maximum_is_inclusive() {
    let from = utc(2024, 1, 1, 0, 0);
    assert!(ReportPeriod::new(from, from + Duration::days(MAX_PERIOD_DAYS)).is_ok());
    assert!(ReportPeriod::new(from, from + Duration::days(MAX_PERIOD_DAYS) + Duration::seconds(1)).is_err());
    assert!(ReportPeriod::new(from, from).is_err());
}
