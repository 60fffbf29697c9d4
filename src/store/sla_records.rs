//! SLA calendars, policies and a ticket's computed SLA as the store reads and writes them. Definitions stay the JSON
//! the service validated (the domain's `CalendarSpec` / `SlaPolicySpec`), so the store never judges them.

use chrono::{DateTime, Utc};

use super::ticket_records::EventRecord;
use super::DbError;
use crate::domain::sla::{
    ticket_sla_history, SlaAlertKind, SlaClockKind, SlaState, StatusChange, TicketSlaHistory, TicketStamps,
};
use crate::domain::TicketStatus;

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

pub(crate) const CALENDAR_COLUMNS: &str = "id, name, definition, team_id, brand, is_default, created_at, updated_at";
pub(crate) const POLICY_COLUMNS: &str = "id, name, position, calendar_id, definition, active, created_at, updated_at";

/// A `status_changed` entry's data: `{"from": "open", "to": "pending"}`.
#[derive(serde::Deserialize)]
struct StatusChangeData {
    from: TicketStatus,
    to: TicketStatus,
}

type StampsRow = (String, String, DateTime<Utc>, Option<DateTime<Utc>>, Option<DateTime<Utc>>);
/// A `status_changed` timeline entry as read: `(ticket_id, data, created_at)`.
pub(crate) type StatusChangeRow = (String, String, DateTime<Utc>);

/// The status changes of ticket `id` among `changes` (entries of several tickets).
pub(crate) fn status_changes_of(id: &str, changes: &[StatusChangeRow]) -> Result<Vec<StatusChange>, DbError> {
    changes
        .iter()
        .filter(|(ticket_id, _, _)| ticket_id == id)
        .map(|(_, data, at)| {
            let data: StatusChangeData = serde_json::from_str(data)
                .map_err(|err| DbError::Corrupt(format!("ticket {id} status change {data:?}: {err}")))?;
            Ok(StatusChange { at: *at, from: data.from, to: data.to })
        })
        .collect()
}

/// Joins ticket rows and their status changes into histories.
pub(crate) fn histories_from_rows(
    tickets: Vec<StampsRow>,
    changes: Vec<StatusChangeRow>,
) -> Result<Vec<(String, TicketSlaHistory)>, DbError> {
    let mut histories = Vec::with_capacity(tickets.len());
    for (id, status, created_at, first_response_at, resolved_at) in tickets {
        let status =
            TicketStatus::parse(&status).ok_or_else(|| DbError::Corrupt(format!("ticket {id} status {status:?}")))?;
        let own = status_changes_of(&id, &changes)?;
        let stamps = TicketStamps { created_at, first_response_at, resolved_at, status };
        histories.push((id, ticket_sla_history(stamps, &own)));
    }
    Ok(histories)
}
