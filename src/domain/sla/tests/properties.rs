//! Properties of the business-time clock over random calendars, including zones whose clocks change at midnight
//! (Havana, Beirut, São Paulo until 2019), by half an hour (Lord Howe) or skipped a whole day (Apia, 2011).

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
use proptest::prelude::*;

use crate::domain::sla::calendar::WEEK;
use crate::domain::sla::local_time::local_instant;
use crate::domain::sla::{add_business_time, business_time_between, compute_sla};
use crate::domain::sla::{
    BusinessCalendar, MinuteOfDay, OpenInterval, PauseInterval, SlaState, SlaTargets, TicketSlaHistory, Tz,
    WarningThreshold, WeeklyHours,
};

const ZONES: [Tz; 10] = [
    Tz::UTC,
    Tz::Europe__Berlin,
    Tz::America__New_York,
    Tz::America__Havana,
    Tz::America__Sao_Paulo,
    Tz::Asia__Beirut,
    Tz::Australia__Lord_Howe,
    Tz::Pacific__Apia,
    Tz::Asia__Kolkata,
    Tz::Pacific__Chatham,
];

/// Starts between 2011-01-01 and 2028-01-01 (seconds since the epoch), covering Apia's skipped day.
const EARLIEST: i64 = 1_293_840_000;
const LATEST: i64 = 1_830_297_600;
const SPAN_SECONDS: i64 = 60 * 24 * 3600;
const SPAN_DAYS: u64 = 60;

fn minute_of_day() -> impl Strategy<Value = u16> {
    prop_oneof![3 => (0u16..=96).prop_map(|quarter| quarter * 15), 1 => 0u16..=1440]
}

/// Zero to three intervals: sorted, distinct cut points taken in pairs.
fn day_hours() -> impl Strategy<Value = Vec<OpenInterval>> {
    prop::collection::vec(minute_of_day(), 0..=6).prop_map(|mut cuts| {
        cuts.sort_unstable();
        cuts.dedup();
        cuts.chunks_exact(2).map(|pair| OpenInterval::new(minute(pair[0]), minute(pair[1]))).collect()
    })
}

fn minute(minutes: u16) -> MinuteOfDay {
    MinuteOfDay::new(minutes).expect("generated within a day")
}

fn week() -> impl Strategy<Value = WeeklyHours> {
    prop::array::uniform7(day_hours()).prop_map(|days| {
        let week =
            WEEK.into_iter().zip(days).fold(WeeklyHours::closed(), |week, (day, hours)| week.with_day(day, hours));
        if WEEK.iter().all(|day| week.day(*day).is_empty()) {
            week.with_day(chrono::Weekday::Mon, vec![OpenInterval::new(minute(540), minute(1020))])
        } else {
            week
        }
    })
}

fn instant(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).expect("generated in range")
}

/// A random calendar and a start instant, with holidays among the days after the start.
fn scenario() -> impl Strategy<Value = (BusinessCalendar, DateTime<Utc>)> {
    let holiday_offsets = prop::collection::vec(0..SPAN_DAYS + 7, 0..8);
    (prop::sample::select(&ZONES[..]), week(), holiday_offsets, EARLIEST..LATEST).prop_map(
        |(zone, week, holiday_offsets, start_seconds)| {
            let start = instant(start_seconds);
            let first_day = start.with_timezone(&zone).date_naive();
            let holidays =
                holiday_offsets.into_iter().filter_map(|offset| first_day.checked_add_days(Days::new(offset)));
            (BusinessCalendar::new(zone, week, holidays).expect("generated calendars are valid"), start)
        },
    )
}

/// The instants at which a local date starts and ends.
fn local_day(calendar: &BusinessCalendar, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let zone = calendar.time_zone();
    (local_instant(zone, date, MinuteOfDay::MIDNIGHT), local_instant(zone, date, MinuteOfDay::END_OF_DAY))
}

fn offset(start: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
    start + Duration::seconds(seconds)
}

// 256 cases each by default; set PROPTEST_CASES to search harder.
proptest! {
    #[test]
    fn adding_then_measuring_gives_the_amount_back_at_the_earliest_instant(
        (calendar, start) in scenario(),
        seconds in 1i64..=100 * 3600,
        nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000],
    ) {
        let amount = Duration::seconds(seconds) + Duration::nanoseconds(i64::from(nanos));
        let due = add_business_time(&calendar, start, amount);
        prop_assert!(due > start);
        prop_assert_eq!(business_time_between(&calendar, start, due), amount);
        let just_before = due - Duration::nanoseconds(1);
        prop_assert!(business_time_between(&calendar, start, just_before) < amount);
    }

    #[test]
    fn business_time_adds_up_over_a_split_point(
        (calendar, start) in scenario(),
        mut offsets in prop::array::uniform3(0..SPAN_SECONDS),
    ) {
        offsets.sort_unstable();
        let [a, b, c] = offsets.map(|seconds| offset(start, seconds));
        let whole = business_time_between(&calendar, a, c);
        prop_assert_eq!(whole, business_time_between(&calendar, a, b) + business_time_between(&calendar, b, c));
        prop_assert!(whole <= c - a);
    }

    #[test]
    fn the_clock_is_monotonic(
        (calendar, start) in scenario(),
        mut moving in prop::array::uniform2(0..SPAN_SECONDS),
        fixed in 0..SPAN_SECONDS,
        mut amounts in prop::array::uniform2(0i64..=50 * 3600),
    ) {
        moving.sort_unstable();
        amounts.sort_unstable();
        let [early, late] = moving.map(|seconds| offset(start, seconds));
        let fixed = offset(start, fixed);
        prop_assert!(business_time_between(&calendar, fixed, early) <= business_time_between(&calendar, fixed, late));
        prop_assert!(business_time_between(&calendar, early, fixed) >= business_time_between(&calendar, late, fixed));
        let [less, more] = amounts.map(Duration::seconds);
        prop_assert!(add_business_time(&calendar, early, less) <= add_business_time(&calendar, early, more));
        prop_assert!(add_business_time(&calendar, early, more) <= add_business_time(&calendar, late, more));
    }

    #[test]
    fn holidays_and_closed_days_never_count(
        (calendar, start) in scenario(),
        day_offset in 0..SPAN_DAYS,
        probe in 0..SPAN_SECONDS,
    ) {
        let first_day = start.with_timezone(&calendar.time_zone()).date_naive();
        let date = first_day.checked_add_days(Days::new(day_offset)).expect("in range");
        let with_holiday = BusinessCalendar::new(
            calendar.time_zone(),
            calendar.weekly().clone(),
            calendar.holidays().chain([date]),
        ).expect("still valid");
        let (day_start, day_end) = local_day(&with_holiday, date);
        prop_assert_eq!(business_time_between(&with_holiday, day_start, day_end), Duration::zero());
        for day in WEEK.iter().filter(|day| calendar.weekly().day(**day).is_empty()) {
            let closed = (0..7).filter_map(|ahead| date.checked_add_days(Days::new(ahead))).find(|d| d.weekday() == *day);
            let (closed_start, closed_end) = local_day(&calendar, closed.expect("within a week"));
            prop_assert_eq!(business_time_between(&calendar, closed_start, closed_end), Duration::zero());
        }
        let probe = offset(start, probe);
        if calendar.is_open_at(probe) {
            let local_date = probe.with_timezone(&calendar.time_zone()).date_naive();
            prop_assert!(!calendar.open_intervals_on(local_date).is_empty(), "open at {} on {}", probe, local_date);
        }
    }

    #[test]
    fn the_always_open_calendar_counts_wall_clock_time(
        start in (EARLIEST..LATEST).prop_map(instant),
        span in 0..SPAN_SECONDS,
        nanos in 0i64..1_000_000_000,
    ) {
        let calendar = BusinessCalendar::always_open();
        let span = Duration::seconds(span) + Duration::nanoseconds(nanos);
        prop_assert_eq!(business_time_between(&calendar, start, start + span), span);
        prop_assert_eq!(add_business_time(&calendar, start, span), start + span);
    }

    #[test]
    fn pauses_never_make_the_resolution_due_earlier(
        (calendar, created) in scenario(),
        pauses in prop::collection::vec((0..30 * 86_400i64, 0..5 * 86_400i64, any::<bool>()), 0..4),
        extra in (0..30 * 86_400i64, 0..5 * 86_400i64),
        now in 0..40 * 86_400i64,
        target_minutes in 1i64..=60 * 60,
    ) {
        let target = Duration::minutes(target_minutes);
        let targets = SlaTargets { first_response: Some(target), resolution: Some(target) };
        let now = offset(created, now);
        let to_pause = |(from, length, open): (i64, i64, bool)| PauseInterval {
            from: offset(created, from),
            until: (!open).then(|| offset(created, from + length)),
        };
        let mut history =
            TicketSlaHistory { created_at: created, first_staff_reply_at: None, resolved_at: None, pauses: vec![] };
        let warning = WarningThreshold::PercentRemaining(20);
        let unpaused = compute_sla(&calendar, targets, warning, &history, now);
        history.pauses = pauses.into_iter().map(to_pause).collect();
        let paused = compute_sla(&calendar, targets, warning, &history, now);
        history.pauses.push(to_pause((extra.0, extra.1, false)));
        let more_paused = compute_sla(&calendar, targets, warning, &history, now);

        let due = |status: &crate::domain::sla::SlaStatus| status.resolution.expect("a target").due_at;
        prop_assert!(due(&unpaused) <= due(&paused));
        prop_assert!(due(&paused) <= due(&more_paused));
        prop_assert_eq!(unpaused.first_response, more_paused.first_response, "first response never pauses");
        for clock in [unpaused, paused, more_paused].iter().flat_map(|status| status.clocks().copied().collect::<Vec<_>>()) {
            prop_assert!(clock.warning_at <= clock.due_at);
            prop_assert_eq!(clock.state == SlaState::Breached, clock.remaining <= Duration::zero());
        }
    }
}
