//! Spans of time as an admin types them ("3 days", "4 hours"), kept in the unit they were written in so the
//! editor shows the rule back the way it was saved.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

/// A length of time in one unit: `{"days": 3}`, `{"hours": 4}` or `{"minutes": 30}`. Days are 24 hours of
/// wall-clock time, not business days: "pending for 3 days" means what the customer experiences.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleDuration {
    Minutes(u32),
    Hours(u32),
    Days(u32),
}

impl RuleDuration {
    /// The span as a signed chrono delta, for adding to timestamps. A `u32` of days always fits.
    pub fn to_delta(self) -> TimeDelta {
        match self {
            RuleDuration::Minutes(minutes) => TimeDelta::minutes(i64::from(minutes)),
            RuleDuration::Hours(hours) => TimeDelta::hours(i64::from(hours)),
            RuleDuration::Days(days) => TimeDelta::days(i64::from(days)),
        }
    }

    /// A zero span makes a time rule fire at once and a throttle do nothing, so validation refuses it.
    pub fn is_zero(self) -> bool {
        matches!(self, RuleDuration::Minutes(0) | RuleDuration::Hours(0) | RuleDuration::Days(0))
    }
}
