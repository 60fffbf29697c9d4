//! The business-time clock on written-out cases: weekends, holidays, DST days in Berlin and long spans.

use chrono::{Duration, NaiveDate, Weekday};

use super::{berlin, berlin_every_day, berlin_office, hours, utc};
use crate::domain::sla::{add_business_time, business_time_between, signed_business_time};
use crate::domain::sla::{BusinessCalendar, Tz, WeeklyHours};

fn berlin_around_the_clock() -> BusinessCalendar {
    BusinessCalendar::new(Tz::Europe__Berlin, WeeklyHours::every_day(&[hours("00:00", "24:00")]), []).expect("valid")
}

#[test]
fn friday_afternoon_plus_two_hours_is_monday_morning() {
    let due = add_business_time(&berlin_office(), berlin(2026, 1, 9, 16, 0), Duration::hours(2));
    assert_eq!(due, berlin(2026, 1, 12, 9, 0));
    assert_eq!(business_time_between(&berlin_office(), berlin(2026, 1, 9, 16, 0), due), Duration::hours(2));
}

#[test]
fn the_due_time_is_the_end_of_the_day_rather_than_the_next_opening() {
    let due = add_business_time(&berlin_office(), berlin(2026, 1, 9, 15, 0), Duration::hours(2));
    assert_eq!(due, berlin(2026, 1, 9, 17, 0));
}

#[test]
fn a_holiday_is_skipped() {
    let holiday = NaiveDate::from_ymd_opt(2026, 1, 12).expect("date");
    let calendar =
        BusinessCalendar::new(Tz::Europe__Berlin, WeeklyHours::weekdays(&[hours("08:00", "17:00")]), [holiday])
            .expect("valid");
    let due = add_business_time(&calendar, berlin(2026, 1, 9, 16, 0), Duration::hours(2));
    assert_eq!(due, berlin(2026, 1, 13, 9, 0));
    assert_eq!(
        business_time_between(&calendar, berlin(2026, 1, 12, 0, 0), berlin(2026, 1, 13, 0, 0)),
        Duration::zero()
    );
}

#[test]
fn a_ticket_created_on_saturday_counts_from_the_monday_opening() {
    let calendar = berlin_office();
    let saturday = berlin(2026, 1, 10, 10, 30);
    assert_eq!(add_business_time(&calendar, saturday, Duration::minutes(90)), berlin(2026, 1, 12, 9, 30));
    assert_eq!(calendar.next_open_at(saturday), berlin(2026, 1, 12, 8, 0));
    assert!(!calendar.is_open_at(saturday));
    assert!(calendar.is_open_at(berlin(2026, 1, 12, 8, 0)));
    assert!(!calendar.is_open_at(berlin(2026, 1, 12, 17, 0)), "the end is excluded");
}

#[test]
fn zero_or_negative_amounts_leave_the_start_alone() {
    let saturday = berlin(2026, 1, 10, 10, 30);
    assert_eq!(add_business_time(&berlin_office(), saturday, Duration::zero()), saturday);
    assert_eq!(add_business_time(&berlin_office(), saturday, Duration::hours(-3)), saturday);
}

#[test]
fn between_is_zero_backwards_and_signed_says_how_far_overdue() {
    let (monday_ten, monday_noon) = (berlin(2026, 1, 12, 10, 0), berlin(2026, 1, 12, 12, 0));
    assert_eq!(business_time_between(&berlin_office(), monday_noon, monday_ten), Duration::zero());
    assert_eq!(signed_business_time(&berlin_office(), monday_noon, monday_ten), Duration::hours(-2));
    assert_eq!(signed_business_time(&berlin_office(), monday_ten, monday_noon), Duration::hours(2));
}

#[test]
fn the_spring_forward_day_keeps_nine_office_hours_in_a_23_hour_day() {
    // 2026-03-29: Berlin clocks go from 02:00 CET to 03:00 CEST.
    let (sunday, monday) = (berlin(2026, 3, 29, 0, 0), berlin(2026, 3, 30, 0, 0));
    assert_eq!(business_time_between(&berlin_every_day(), sunday, monday), Duration::hours(9));
    assert_eq!(business_time_between(&berlin_around_the_clock(), sunday, monday), Duration::hours(23));
    let saturday_four = berlin(2026, 3, 28, 16, 0);
    assert_eq!(add_business_time(&berlin_every_day(), saturday_four, Duration::hours(2)), utc(2026, 3, 29, 7, 0));
    // Friday 16:00 CET plus two office hours is Monday 09:00 CEST.
    let due = add_business_time(&berlin_office(), berlin(2026, 3, 27, 16, 0), Duration::hours(2));
    assert_eq!(due, utc(2026, 3, 30, 7, 0));
}

#[test]
fn skipped_local_times_mean_the_moment_clocks_jump() {
    let week = WeeklyHours::closed().with_day(Weekday::Sun, vec![hours("02:00", "03:00"), hours("03:00", "04:00")]);
    let calendar = BusinessCalendar::new(Tz::Europe__Berlin, week, []).expect("valid");
    let (sunday, monday) = (berlin(2026, 3, 29, 0, 0), berlin(2026, 3, 30, 0, 0));
    // 02:00-03:00 does not exist that night, so only 03:00-04:00 CEST is open.
    assert_eq!(business_time_between(&calendar, sunday, monday), Duration::hours(1));
    assert_eq!(calendar.next_open_at(sunday), utc(2026, 3, 29, 1, 0));
    assert_eq!(add_business_time(&calendar, sunday, Duration::minutes(30)), utc(2026, 3, 29, 1, 30));
    // Hours starting inside the gap start when the clocks jump: 02:30-04:00 is one hour that night.
    let week = WeeklyHours::closed().with_day(Weekday::Sun, vec![hours("02:30", "04:00")]);
    let calendar = BusinessCalendar::new(Tz::Europe__Berlin, week, []).expect("valid");
    assert_eq!(business_time_between(&calendar, sunday, monday), Duration::hours(1));
    assert_eq!(calendar.next_open_at(sunday), utc(2026, 3, 29, 1, 0));
}

#[test]
fn the_fall_back_day_keeps_nine_office_hours_in_a_25_hour_day() {
    // 2026-10-25: Berlin clocks go from 03:00 CEST back to 02:00 CET.
    let (sunday, monday) = (berlin(2026, 10, 25, 0, 0), berlin(2026, 10, 26, 0, 0));
    assert_eq!(business_time_between(&berlin_every_day(), sunday, monday), Duration::hours(9));
    assert_eq!(business_time_between(&berlin_around_the_clock(), sunday, monday), Duration::hours(25));
    let saturday_four = berlin(2026, 10, 24, 16, 0);
    assert_eq!(add_business_time(&berlin_every_day(), saturday_four, Duration::hours(2)), utc(2026, 10, 25, 8, 0));
}

#[test]
fn ambiguous_local_times_mean_their_first_occurrence() {
    // 02:30 happens twice on 2026-10-25: first at 00:30 UTC (CEST), then at 01:30 UTC (CET).
    let week = WeeklyHours::closed().with_day(Weekday::Sun, vec![hours("02:30", "03:00")]);
    let calendar = BusinessCalendar::new(Tz::Europe__Berlin, week, []).expect("valid");
    let (sunday, monday) = (berlin(2026, 10, 25, 0, 0), berlin(2026, 10, 26, 0, 0));
    assert_eq!(calendar.next_open_at(sunday), utc(2026, 10, 25, 0, 30));
    assert_eq!(business_time_between(&calendar, sunday, monday), Duration::minutes(90));
}

#[test]
fn thirty_business_days_span_six_weeks_and_end_at_a_closing_time() {
    let start = berlin(2026, 1, 5, 8, 0);
    let due = add_business_time(&berlin_office(), start, Duration::hours(30 * 9));
    assert_eq!(due, berlin(2026, 2, 13, 17, 0));
    assert_eq!(business_time_between(&berlin_office(), start, due), Duration::hours(270));
    // Across both DST changes of the year, every weekday is still 9 hours.
    let year = business_time_between(&berlin_office(), berlin(2026, 1, 1, 0, 0), berlin(2027, 1, 1, 0, 0));
    assert_eq!(year, Duration::hours(261 * 9));
}

#[test]
fn midnight_hours_join_across_days() {
    let week = WeeklyHours::closed()
        .with_day(Weekday::Mon, vec![hours("22:00", "24:00")])
        .with_day(Weekday::Tue, vec![hours("00:00", "06:00")]);
    let calendar = BusinessCalendar::new(Tz::UTC, week, []).expect("valid");
    assert_eq!(add_business_time(&calendar, utc(2026, 1, 12, 12, 0), Duration::hours(5)), utc(2026, 1, 13, 3, 0));
}

#[test]
fn the_always_open_calendar_counts_wall_clock_time() {
    let calendar = BusinessCalendar::always_open();
    let start = utc(2026, 3, 29, 0, 30);
    assert_eq!(add_business_time(&calendar, start, Duration::hours(50)), start + Duration::hours(50));
    assert_eq!(business_time_between(&calendar, start, start + Duration::days(3)), Duration::days(3));
}
