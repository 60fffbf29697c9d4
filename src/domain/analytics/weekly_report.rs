//! The weekly report supervisors get by email: when it is due, which week it covers, and the mail itself (a
//! table of the summary's numbers for the week against the week before, in the reader's language, as plain text
//! and as HTML). Pure, so the scheduler, the tests and a preview all build the same mail.
//!
//! The week is the last whole ISO week in UTC (Monday 00:00 to Monday 00:00), the days the dashboard counts in.
//! It is sent once the current week has reached its send time (by default Monday 07:00 UTC).

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};

use super::chart::escape_markup;
use super::period::ReportPeriod;
use super::summary::{PeriodSummary, SummaryReport};
use crate::domain::input::FieldError;
use crate::domain::Locale;

/// When in the week the report goes out, e.g. `mon 07:00` (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeeklySchedule {
    pub weekday: Weekday,
    pub time: NaiveTime,
}

impl Default for WeeklySchedule {
    fn default() -> WeeklySchedule {
        WeeklySchedule { weekday: Weekday::Mon, time: NaiveTime::from_hms_opt(7, 0, 0).unwrap_or_default() }
    }
}

impl WeeklySchedule {
    /// `mon 07:00` … `sun 23:59` (day names in English, case ignored).
    pub fn parse(raw: &str) -> Result<WeeklySchedule, FieldError> {
        let refuse = || FieldError::new("weekly_report", "invalid", "write the day and time as `mon 07:00`");
        let (day, time) = raw.trim().split_once(' ').ok_or_else(refuse)?;
        let weekday = day.trim().parse::<Weekday>().map_err(|_| refuse())?;
        let time = NaiveTime::parse_from_str(time.trim(), "%H:%M").map_err(|_| refuse())?;
        Ok(WeeklySchedule { weekday, time })
    }

    /// The report due at `now`, if the current week's send time has come: its key (the ISO week reported on,
    /// `2026-W49`) and the week it covers. The key is the same all week, so a report is sent once a week.
    pub fn due_report(self, now: DateTime<Utc>) -> Option<(String, ReportPeriod)> {
        let monday = now.date_naive() - Duration::days(i64::from(now.weekday().num_days_from_monday()));
        let this_week = Utc.from_utc_datetime(&monday.and_time(NaiveTime::MIN));
        let send_at =
            this_week + Duration::days(i64::from(self.weekday.num_days_from_monday())) + (self.time - NaiveTime::MIN);
        if now < send_at {
            return None;
        }
        let last_week = this_week - Duration::days(7);
        let iso = last_week.iso_week();
        Some((format!("{}-W{:02}", iso.year(), iso.week()), ReportPeriod { from: last_week, to: this_week }))
    }
}

/// A mail ready to send.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportMail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// How one metric reads in the report.
struct MetricLine {
    label: &'static str,
    current: String,
    previous: String,
    change: String,
}

/// The weekly report for one reader: a line per metric with this week, the week before and the change, and a link
/// to the dashboard for the same days when the site's public address is known.
pub fn weekly_report_mail(report: &SummaryReport, week: &str, locale: Locale, public_url: Option<&str>) -> ReportMail {
    let german = locale == Locale::De;
    let lines = metric_lines(report, german);
    let (title, intro, headers, open) = if german {
        (
            format!("Wochenbericht {week}"),
            format!("Ihr Support vom {} bis {}, verglichen mit der Woche davor.", day(report.from), last_day(report)),
            ["Kennzahl", "Diese Woche", "Woche davor", "Veränderung"],
            "Im Dashboard öffnen",
        )
    } else {
        (
            format!("Weekly report {week}"),
            format!("Your support from {} to {}, compared with the week before.", day(report.from), last_day(report)),
            ["Metric", "This week", "Week before", "Change"],
            "Open the dashboard",
        )
    };
    let mut text = format!("{title}\n\n{intro}\n\n");
    for line in &lines {
        text.push_str(&format!(
            "{}: {} ({}: {}; {})\n",
            line.label, line.current, headers[2], line.previous, line.change
        ));
    }
    let mut rows = String::new();
    for line in &lines {
        rows.push_str(&format!(
            "<tr><th scope=\"row\" style=\"text-align:left\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape_markup(line.label),
            escape_markup(&line.current),
            escape_markup(&line.previous),
            escape_markup(&line.change)
        ));
    }
    let mut link_html = String::new();
    if let Some(base) = public_url {
        let url = format!("{base}/supervisor?from={}&to={}", day(report.from), last_day(report));
        text.push_str(&format!("\n{open}: {url}\n"));
        link_html = format!("<p><a href=\"{}\">{}</a></p>", escape_markup(&url), escape_markup(open));
    }
    let header_cells: String =
        headers.iter().map(|header| format!("<th scope=\"col\">{}</th>", escape_markup(header))).collect();
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\
         <h1>{title}</h1><p>{intro}</p><table cellpadding=\"6\"><caption>{title}</caption>\
         <thead><tr>{header_cells}</tr></thead><tbody>{rows}</tbody></table>{link_html}</body></html>",
        lang = if german { "de" } else { "en" },
        title = escape_markup(&title),
        intro = escape_markup(&intro),
    );
    ReportMail { subject: title, text, html }
}

fn day(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

/// The last day the half-open period covers.
fn last_day(report: &SummaryReport) -> String {
    day(report.to - Duration::seconds(1))
}

type Reading = fn(&PeriodSummary) -> Option<f64>;

fn count(value: u64) -> Option<f64> {
    Some(value as f64)
}

fn seconds(value: Option<i64>) -> Option<f64> {
    value.map(|seconds| seconds as f64)
}

fn metric_lines(report: &SummaryReport, german: bool) -> Vec<MetricLine> {
    let metrics: [(&str, &str, Reading, Format); 10] = [
        ("Tickets created", "Neue Tickets", |s| count(s.tickets_created), Format::Count),
        ("Tickets resolved", "Gelöste Tickets", |s| count(s.tickets_resolved), Format::Count),
        ("Backlog at the end", "Offen am Ende", |s| count(s.backlog), Format::Count),
        ("First response, median", "Erste Antwort, Median", |s| seconds(s.first_response_p50_s), Format::Duration),
        (
            "First response, 90th percentile",
            "Erste Antwort, 90. Perzentil",
            |s| seconds(s.first_response_p90_s),
            Format::Duration,
        ),
        ("Resolution, median", "Lösung, Median", |s| seconds(s.resolution_p50_s), Format::Duration),
        ("SLA compliance", "SLA eingehalten", |s| s.sla_compliance, Format::Percent),
        ("Reopen rate", "Wiedereröffnet", |s| s.reopen_rate, Format::Percent),
        ("CSAT average (1-5)", "Zufriedenheit (1-5)", |s| s.csat_avg, Format::Decimal),
        ("CSAT response rate", "Antwortquote Umfrage", |s| s.csat_response_rate, Format::Percent),
    ];
    metrics
        .into_iter()
        .map(|(english, deutsch, read, format)| {
            let (current, previous) = (read(&report.current), read(&report.previous));
            MetricLine {
                label: if german { deutsch } else { english },
                current: format.show(current, german),
                previous: format.show(previous, german),
                change: change(current, previous, format, german),
            }
        })
        .collect()
}

#[derive(Clone, Copy)]
enum Format {
    Count,
    Duration,
    Percent,
    Decimal,
}

impl Format {
    fn show(self, value: Option<f64>, german: bool) -> String {
        let Some(value) = value else { return "–".to_owned() };
        let text = match self {
            Format::Count => format!("{value:.0}"),
            Format::Duration => duration(value.abs()),
            Format::Percent => format!("{:.1} %", value * 100.0),
            Format::Decimal => format!("{value:.2}"),
        };
        if german {
            text.replace('.', ",")
        } else {
            text
        }
    }
}

/// A length of time as people read it: `45 s`, `12 min`, `3 h 20 min`, `2 d 4 h`.
fn duration(seconds: f64) -> String {
    let seconds = seconds.round() as i64;
    match seconds {
        ..60 => format!("{seconds} s"),
        60..3600 => format!("{} min", seconds / 60),
        3600..86_400 => format!("{} h {} min", seconds / 3600, seconds % 3600 / 60),
        _ => format!("{} d {} h", seconds / 86_400, seconds % 86_400 / 3600),
    }
}

/// The change from the week before, with its direction in words (not only a sign).
fn change(current: Option<f64>, previous: Option<f64>, format: Format, german: bool) -> String {
    let (Some(current), Some(previous)) = (current, previous) else { return "–".to_owned() };
    let difference = current - previous;
    if difference.abs() < 1e-9 {
        return if german { "unverändert" } else { "unchanged" }.to_owned();
    }
    let amount = match format {
        Format::Percent => {
            let points = format!("{:.1}", difference.abs() * 100.0);
            let points = if german { points.replace('.', ",") } else { points };
            format!("{points} {}", if german { "Prozentpunkte" } else { "points" })
        }
        _ => format.show(Some(difference.abs()), german),
    };
    let direction = match (difference > 0.0, german) {
        (true, false) => "up",
        (false, false) => "down",
        (true, true) => "mehr",
        (false, true) => "weniger",
    };
    format!("{direction} {amount}")
}
