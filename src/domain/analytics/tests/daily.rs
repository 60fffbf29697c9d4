use super::utc;
use crate::domain::analytics::{daily_changes, days_of_hours, HourlyCounts, ReportPeriod, RollupKey, RollupSpans};
#[test]
fn a_period_splits_into_whole_days_and_the_hours_around_them() {
    let period = ReportPeriod { from: utc(2026, 3, 9, 9, 0), to: utc(2026, 3, 12, 10, 0) };
    let spans = period.rollup_spans();
    assert_eq!(spans.days, Some(ReportPeriod { from: utc(2026, 3, 10, 0, 0), to: utc(2026, 3, 12, 0, 0) }));
    assert_eq!(
        spans.hours,
        vec![
            ReportPeriod { from: utc(2026, 3, 9, 9, 0), to: utc(2026, 3, 10, 0, 0) },
            ReportPeriod { from: utc(2026, 3, 12, 0, 0), to: utc(2026, 3, 12, 10, 0) },
        ]
    );
    let days = ReportPeriod { from: utc(2026, 3, 9, 0, 0), to: utc(2026, 3, 16, 0, 0) };
    assert_eq!(days.rollup_spans(), RollupSpans { days: Some(days), hours: vec![] });
    let within = ReportPeriod { from: utc(2026, 3, 9, 9, 0), to: utc(2026, 3, 10, 3, 0) };
    assert_eq!(within.rollup_spans(), RollupSpans { days: None, hours: vec![within] });
}

#[test]
fn daily_changes_sum_each_days_hours_and_keep_created_per_hour() {
    let key = |day, hour| RollupKey {
        hour: utc(2026, 3, day, hour, 0),
        team_id: None,
        channel: "email".into(),
        agent_id: Some("ada".into()),
    };
    let created = |n| HourlyCounts { created: n, backlog_delta: n, ..HourlyCounts::default() };
    let gone = HourlyCounts { created: -1, backlog_delta: -1, ..HourlyCounts::default() };
    let changes = daily_changes(&[(key(9, 8), created(2)), (key(9, 15), created(1)), (key(10, 1), created(1))]);
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0].0, key(9, 0));
    assert_eq!(
        (changes[0].1.counts.created, changes[0].1.created_by_hour[8], changes[0].1.created_by_hour[15]),
        (3, 2, 1)
    );
    assert_eq!(changes[1].1.created_by_hour[1], 1);
    let moved = daily_changes(&[(key(9, 8), gone), (key(9, 8), created(1))]);
    assert!(moved.is_empty(), "a change that cancels out within the day writes nothing");
    let folded = days_of_hours([(utc(2026, 3, 9, 8, 0), created(2)), (utc(2026, 3, 9, 23, 0), created(1))]);
    assert_eq!(folded[&utc(2026, 3, 9, 0, 0)].counts.created, 3);
    assert_eq!(folded[&utc(2026, 3, 9, 0, 0)].created_by_hour[23], 1);
}
