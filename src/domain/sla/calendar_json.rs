//! The JSON shape of a calendar, for the REST API and for storing it in settings:
//!
//! ```json
//! {"time_zone":"Europe/Berlin",
//!  "weekly":{"mon":[["08:00","17:00"]],"tue":[["08:00","12:00"],["13:00","17:00"]],"wed":[],...,"sun":[]},
//!  "holidays":["2026-12-25"]}
//! ```
//!
//! Missing days are closed and `holidays` may be left out. Deserialising goes through [`BusinessCalendar::new`], so a
//! calendar read from JSON is as trustworthy as one built in code.

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::calendar::{parse_time_zone, BusinessCalendar, CalendarError, MinuteOfDay, OpenInterval, WeeklyHours, WEEK};

/// A calendar as written in JSON, before validation; convert with `BusinessCalendar::try_from`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// An IANA name such as `Europe/Berlin`.
    pub time_zone: String,
    pub weekly: WeeklySpec,
    /// Whole local days closed, as `YYYY-MM-DD`.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
}

/// Each day's hours as `["HH:MM", "HH:MM"]` pairs, start included and end excluded; `"24:00"` ends at midnight.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct WeeklySpec {
    pub mon: Vec<[String; 2]>,
    pub tue: Vec<[String; 2]>,
    pub wed: Vec<[String; 2]>,
    pub thu: Vec<[String; 2]>,
    pub fri: Vec<[String; 2]>,
    pub sat: Vec<[String; 2]>,
    pub sun: Vec<[String; 2]>,
}

impl WeeklySpec {
    /// The days Monday first, in the order of [`WEEK`].
    fn into_days(self) -> [Vec<[String; 2]>; 7] {
        [self.mon, self.tue, self.wed, self.thu, self.fri, self.sat, self.sun]
    }

    fn from_days(days: [Vec<[String; 2]>; 7]) -> WeeklySpec {
        let [mon, tue, wed, thu, fri, sat, sun] = days;
        WeeklySpec { mon, tue, wed, thu, fri, sat, sun }
    }
}

impl TryFrom<CalendarSpec> for BusinessCalendar {
    type Error = CalendarError;

    fn try_from(spec: CalendarSpec) -> Result<BusinessCalendar, CalendarError> {
        let time_zone = parse_time_zone(&spec.time_zone)?;
        let mut weekly = WeeklyHours::closed();
        for (day, pairs) in WEEK.into_iter().zip(spec.weekly.into_days()) {
            let intervals = pairs
                .iter()
                .map(|[start, end]| Ok(OpenInterval::new(parse_minute(day, start)?, parse_minute(day, end)?)))
                .collect::<Result<Vec<_>, CalendarError>>()?;
            weekly = weekly.with_day(day, intervals);
        }
        BusinessCalendar::new(time_zone, weekly, spec.holidays)
    }
}

impl From<BusinessCalendar> for CalendarSpec {
    fn from(calendar: BusinessCalendar) -> CalendarSpec {
        let days = WEEK.map(|day| {
            calendar.weekly().day(day).iter().map(|interval| [interval.start.to_string(), interval.end.to_string()])
        });
        CalendarSpec {
            time_zone: calendar.time_zone().name().to_string(),
            weekly: WeeklySpec::from_days(days.map(Iterator::collect)),
            holidays: calendar.holidays().collect(),
        }
    }
}

fn parse_minute(day: Weekday, text: &str) -> Result<MinuteOfDay, CalendarError> {
    MinuteOfDay::parse(text).ok_or_else(|| CalendarError::InvalidTime { day, text: text.to_string() })
}
