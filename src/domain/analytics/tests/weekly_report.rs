use chrono::{NaiveTime, Weekday};

use super::utc;
use crate::domain::analytics::{weekly_report_mail, PeriodSummary, SummaryReport, WeeklySchedule};
use crate::domain::Locale;

#[test]
fn schedules_are_a_day_and_a_time() {
    let schedule = WeeklySchedule::parse("Tue 18:30").unwrap();
    assert_eq!((schedule.weekday, schedule.time), (Weekday::Tue, NaiveTime::from_hms_opt(18, 30, 0).unwrap()));
    assert_eq!(WeeklySchedule::default(), WeeklySchedule::parse("mon 07:00").unwrap());
    for bad in ["", "monday", "mon", "mon 25:00", "7:00 mon", "xyz 07:00"] {
        assert_eq!(WeeklySchedule::parse(bad).unwrap_err().field, "weekly_report", "{bad:?}");
    }
}

#[test]
fn the_report_covers_last_week_once_the_send_time_has_come() {
    let schedule = WeeklySchedule::default();
    // 2026-12-07 is a Monday.
    assert_eq!(schedule.due_report(utc(2026, 12, 7, 6, 59)), None, "before Monday 07:00: not yet");
    let (week, period) = schedule.due_report(utc(2026, 12, 7, 7, 0)).unwrap();
    assert_eq!(week, "2026-W49");
    assert_eq!((period.from, period.to), (utc(2026, 11, 30, 0, 0), utc(2026, 12, 7, 0, 0)));
    // The rest of the week asks for the same report (sent once), the next Monday for the next one.
    assert_eq!(schedule.due_report(utc(2026, 12, 13, 23, 59)).unwrap().0, "2026-W49");
    assert_eq!(schedule.due_report(utc(2026, 12, 14, 8, 0)).unwrap().0, "2026-W50");
    // Across a year: the week of 2026-12-28 is ISO week 53.
    assert_eq!(schedule.due_report(utc(2027, 1, 4, 7, 0)).unwrap().0, "2026-W53");
    let friday = WeeklySchedule::parse("fri 16:00").unwrap();
    assert_eq!(friday.due_report(utc(2026, 12, 10, 12, 0)), None);
    assert_eq!(friday.due_report(utc(2026, 12, 11, 16, 0)).unwrap().0, "2026-W49");
}

fn report() -> SummaryReport {
    let current = PeriodSummary {
        tickets_created: 42,
        tickets_resolved: 40,
        backlog: 7,
        first_response_p50_s: Some(45 * 60),
        first_response_p90_s: Some(3 * 3600 + 20 * 60),
        resolution_p50_s: Some(2 * 86_400 + 4 * 3600),
        sla_compliance: Some(0.925),
        reopen_rate: Some(0.05),
        csat_avg: Some(4.5),
        csat_response_rate: Some(0.4),
        ..PeriodSummary::default()
    };
    let previous = PeriodSummary {
        tickets_created: 30,
        tickets_resolved: 40,
        backlog: 9,
        first_response_p50_s: Some(50 * 60),
        sla_compliance: Some(0.9),
        ..PeriodSummary::default()
    };
    SummaryReport { from: utc(2026, 11, 30, 0, 0), to: utc(2026, 12, 7, 0, 0), current, previous }
}

#[test]
fn the_mail_lists_each_number_with_the_week_before_and_the_change_in_words() {
    let mail = weekly_report_mail(&report(), "2026-W49", Locale::En, Some("https://help.example.com"));
    assert_eq!(mail.subject, "Weekly report 2026-W49");
    assert!(mail.text.contains("from 2026-11-30 to 2026-12-06"), "{}", mail.text);
    assert!(mail.text.contains("Tickets created: 42 (Week before: 30; up 12)"), "{}", mail.text);
    assert!(mail.text.contains("Tickets resolved: 40 (Week before: 40; unchanged)"));
    assert!(mail.text.contains("Backlog at the end: 7 (Week before: 9; down 2)"));
    assert!(mail.text.contains("First response, median: 45 min (Week before: 50 min; down 5 min)"));
    assert!(mail.text.contains("First response, 90th percentile: 3 h 20 min (Week before: –; –)"));
    assert!(mail.text.contains("Resolution, median: 2 d 4 h"));
    assert!(mail.text.contains("SLA compliance: 92.5 % (Week before: 90.0 %; up 2.5 points)"), "{}", mail.text);
    assert!(mail.text.contains("https://help.example.com/supervisor"));
    assert!(mail.text.contains("https://help.example.com/supervisor?from=2026-11-30&to=2026-12-06"), "{}", mail.text);
    assert!(mail.html.contains(
        "<th scope=\"row\" style=\"text-align:left\">Tickets created</th><td>42</td><td>30</td><td>up 12</td>"
    ));
    assert!(
        mail.html.contains("<html lang=\"en\">") && mail.html.contains("<caption>Weekly report 2026-W49</caption>")
    );
}

#[test]
fn german_readers_get_german_words_and_decimal_commas() {
    let mail = weekly_report_mail(&report(), "2026-W49", Locale::De, None);
    assert_eq!(mail.subject, "Wochenbericht 2026-W49");
    assert!(mail.text.contains("Neue Tickets: 42 (Woche davor: 30; mehr 12)"), "{}", mail.text);
    assert!(mail.text.contains("SLA eingehalten: 92,5 % (Woche davor: 90,0 %; mehr 2,5 Prozentpunkte)"));
    assert!(mail.text.contains("Zufriedenheit (1-5): 4,50"));
    assert!(!mail.text.contains("Dashboard"), "no link without a public URL");
    assert!(mail.html.contains("<html lang=\"de\">"));
}
