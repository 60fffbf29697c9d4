//! SLA calendars, policies and a ticket's computed SLA as the store reads and writes them. Definitions stay the JSON
//! the service validated (the domain's `CalendarSpec` / `SlaPolicySpec`), so the store never judges them.

use chrono::{DateTime, Utc};

use super::ticket_records::EventRecord;
use crate::domain::sla::{SlaAlertKind, SlaClockKind, SlaState};

/// A business-hours calendar. `team_id` and `brand` link it to the tickets it covers (one calendar per team and per
/// brand); the default one covers the rest.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct SlaCalendarRecord {
    pub id: String,
    pub name: String,
    /// The calendar's JSON: `{"time_zone", "weekly", "holidays"}`.
    pub definition: String,
    pub team_id: Option<String>,
    /// A brand's slug.
    pub brand: Option<String>,
    pub is_default: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An SLA policy; `position` orders the list (the tie-breaker between equally specific policies).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct SlaPolicyRecord {
    pub id: String,
    pub name: String,
    pub position: i64,
    /// Hours of its own, overriding the team / brand / default calendar.
    pub calendar_id: Option<String>,
    /// The policy's JSON: `{"name", "channel"?, "segment"?, "targets", "warning"}`.
    pub definition: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The SLA columns of a ticket, as last computed. All `None` when no policy applies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TicketSlaRecord {
    pub policy_id: Option<String>,
    /// The calendar the clocks count in; `None` with a policy means around the clock.
    pub calendar_id: Option<String>,
    pub first_response_due_at: Option<DateTime<Utc>>,
    pub resolution_due_at: Option<DateTime<Utc>>,
    /// The soonest due time of a clock still asking something of staff: the queue's "due soonest" key.
    pub next_due_at: Option<DateTime<Utc>>,
    /// When a clock next turns warning or breached on its own: when the watcher should look again.
    pub next_change_at: Option<DateTime<Utc>>,
    /// The most pressing clock's state.
    pub state: Option<SlaState>,
}

/// A warning or breach to announce on a ticket, with the timeline entry that records it. Stored at most once per
/// ticket, clock, kind and due time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlaAlertRecord {
    pub ticket_id: String,
    pub clock: SlaClockKind,
    pub kind: SlaAlertKind,
    pub due_at: DateTime<Utc>,
    /// `sla_warning` / `sla_breached`, written only if the alert is new.
    pub event: EventRecord,
}

/// A ticket the watcher should look at, and where the next page of them starts.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct SlaDueTicket {
    pub id: String,
    pub next_change_at: DateTime<Utc>,
}
