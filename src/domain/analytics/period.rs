//! The reporting period: a half-open range of instants `[from, to)`, chosen by a preset (today, or the last 7, 30 or
//! 90 days, today included) or by two bounds, and the previous period the KPI deltas compare with (as long, just before).
//!
//! Days are UTC days. A bound written as a day (`2026-03-01`) means its midnight for `from` and the whole day for
//! `to`, so `from=2026-03-01&to=2026-03-31` is all of March. Refused with a 422 naming the field: a bound that is
//! neither a day nor an RFC 3339 time, `to` not after `from`, a range longer than [`MAX_PERIOD_DAYS`], a custom range
//! with one bound only, an unknown preset.

use chrono::{DateTime, Days, Duration, NaiveDate, NaiveTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::input::FieldError;

/// The longest period a report covers: a leap year. Longer ranges are refused rather than silently cut.
pub const MAX_PERIOD_DAYS: i64 = 366;

/// The date-range presets of the dashboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodPreset {
    /// The UTC day of now, against yesterday: the dashboard's live "today" cards.
    Today,
    Last7Days,
    Last30Days,
    Last90Days,
}

impl PeriodPreset {
    pub const ALL: [PeriodPreset; 4] =
        [PeriodPreset::Today, PeriodPreset::Last7Days, PeriodPreset::Last30Days, PeriodPreset::Last90Days];

    /// The query value: `today`, `7d`, `30d`, `90d`.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodPreset::Today => "today",
            PeriodPreset::Last7Days => "7d",
            PeriodPreset::Last30Days => "30d",
            PeriodPreset::Last90Days => "90d",
        }
    }

    pub fn parse(raw: &str) -> Option<PeriodPreset> {
        PeriodPreset::ALL.into_iter().find(|preset| preset.as_str() == raw)
    }

    pub fn days(self) -> u64 {
        match self {
            PeriodPreset::Today => 1,
            PeriodPreset::Last7Days => 7,
            PeriodPreset::Last30Days => 30,
            PeriodPreset::Last90Days => 90,
        }
    }

    /// The last `days` UTC days up to and including the day of `now`.
    pub fn period_at(self, now: DateTime<Utc>) -> ReportPeriod {
        let today = now.date_naive();
        let to = midnight(today.checked_add_days(Days::new(1)).unwrap_or(today));
        let from = midnight(today.checked_sub_days(Days::new(self.days() - 1)).unwrap_or(today));
        ReportPeriod { from, to }
    }
}

/// Instants at or after `from` and strictly before `to`; `to` is always after `from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportPeriod {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl ReportPeriod {
    /// A checked period from two instants (the rules of the module docs, reported on field `to`).
    pub fn new(from: DateTime<Utc>, to: DateTime<Utc>) -> Result<ReportPeriod, FieldError> {
        if to <= from {
            return Err(FieldError::new("to", "invalid_range", "The period must end after it starts."));
        }
        if to - from > Duration::days(MAX_PERIOD_DAYS) {
            return Err(FieldError::new(
                "to",
                "range_too_long",
                format!("A report covers at most {MAX_PERIOD_DAYS} days; choose a shorter period."),
            ));
        }
        Ok(ReportPeriod { from, to })
    }

    /// Reads `preset`, `from` and `to` as a query gives them (blank counts as absent). Bounds win over a preset;
    /// nothing at all means the last 30 days.
    pub fn parse(
        preset: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<ReportPeriod, FieldError> {
        match (present(from), present(to)) {
            (Some(from), Some(to)) => ReportPeriod::new(parse_from(from)?, parse_to(to)?),
            (Some(_), None) => Err(FieldError::new("to", "required", "Give both ends of a custom period.")),
            (None, Some(_)) => Err(FieldError::new("from", "required", "Give both ends of a custom period.")),
            (None, None) => match present(preset) {
                None => Ok(PeriodPreset::Last30Days.period_at(now)),
                Some(raw) => PeriodPreset::parse(raw)
                    .map(|preset| preset.period_at(now))
                    .ok_or_else(|| FieldError::new("preset", "invalid_preset", "Choose today, 7d, 30d or 90d.")),
            },
        }
    }

    pub fn length(self) -> Duration {
        self.to - self.from
    }

    /// The period of the same length that ends where this one starts.
    pub fn previous(self) -> ReportPeriod {
        ReportPeriod { from: self.from - self.length(), to: self.from }
    }

    /// Whether both bounds are whole UTC hours: then the hourly rollup gives exactly the raw numbers.
    pub fn is_whole_hours(self) -> bool {
        [self.from, self.to].iter().all(|bound| super::rollup::hour_of(*bound) == *bound)
    }

    pub fn contains(self, instant: DateTime<Utc>) -> bool {
        self.from <= instant && instant < self.to
    }

    /// The UTC days the period touches, in order (a day chart's x axis).
    pub fn days(self) -> Vec<NaiveDate> {
        let last = (self.to - Duration::microseconds(1)).date_naive();
        self.from.date_naive().iter_days().take_while(|day| *day <= last).collect()
    }
}

/// A query value with blanks counting as absent.
pub(super) fn present(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|raw| !raw.is_empty())
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc()
}

fn invalid(field: &'static str) -> FieldError {
    FieldError::new(field, "invalid_date", "Give a date like 2026-03-01 or a time like 2026-03-01T09:30:00Z.")
}

fn parse_from(raw: &str) -> Result<DateTime<Utc>, FieldError> {
    if let Ok(day) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return Ok(midnight(day));
    }
    DateTime::parse_from_rfc3339(raw).map(|at| at.with_timezone(&Utc).trunc_subsecs(6)).map_err(|_| invalid("from"))
}

/// A day means up to the next midnight; an instant is taken as given (the end is exclusive).
fn parse_to(raw: &str) -> Result<DateTime<Utc>, FieldError> {
    if let Ok(day) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return day.checked_add_days(Days::new(1)).map(midnight).ok_or_else(|| invalid("to"));
    }
    DateTime::parse_from_rfc3339(raw).map(|at| at.with_timezone(&Utc).trunc_subsecs(6)).map_err(|_| invalid("to"))
}
