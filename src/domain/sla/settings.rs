//! SLA calendars and policies as admins see and edit them (REST and the admin page).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::calendar_json::CalendarSpec;
use super::policy_json::{TargetsSpec, WarningSpec};
use crate::domain::ticket::Channel;

/// `{id, name, hours, team_id, brand, is_default, created_at, updated_at}`: business hours and what they cover (a
/// team's tickets, a brand's, or, as the default, every other ticket).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SlaCalendarView {
    pub id: String,
    pub name: String,
    /// `{"time_zone", "weekly", "holidays"}`.
    pub hours: CalendarSpec,
    pub team_id: Option<String>,
    /// A brand's slug.
    pub brand: Option<String>,
    pub is_default: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `{id, name, position, calendar_id, active, channel, segment, targets, warning, created_at, updated_at}`. Targets
/// are in minutes of business time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SlaPolicyView {
    pub id: String,
    pub name: String,
    /// The list order; among equally specific matching policies the lowest position wins.
    pub position: i64,
    /// Hours of its own instead of the ticket's team / brand / default calendar.
    pub calendar_id: Option<String>,
    pub active: bool,
    /// Only tickets from this channel; `null` for any.
    pub channel: Option<Channel>,
    /// Only customers in this segment; `null` for anyone.
    pub segment: Option<String>,
    pub targets: TargetsSpec,
    pub warning: WarningSpec,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
