//! A ticket's SLA as clients see it (the `sla` object of the ticket JSON), and the names of its clocks and of the
//! moments the watcher announces.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::status::{SlaClock, SlaState, SlaStatus};
use crate::domain::ticket::NamedRef;

/// `{policy, first_response, resolution}` plus the contract's summary fields of shared/API.md
/// (`first_response_due_at`, `resolution_due_at`, `breached`), computed at the moment of the answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TicketSla {
    /// The policy the clocks follow.
    pub policy: NamedRef,
    /// `null` when the policy sets no first-response target for the ticket's priority.
    pub first_response: Option<SlaClockView>,
    /// `null` when the policy sets no resolution target for the ticket's priority.
    pub resolution: Option<SlaClockView>,
    pub first_response_due_at: Option<DateTime<Utc>>,
    pub resolution_due_at: Option<DateTime<Utc>>,
    /// Whether a clock is breached now or was met late.
    pub breached: bool,
}

/// One clock: `{due_at, state, remaining_seconds}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SlaClockView {
    pub due_at: DateTime<Utc>,
    pub state: SlaState,
    /// Business time left (negative when overdue); for a met or missed clock, what was left when it stopped.
    pub remaining_seconds: i64,
}

impl From<&SlaClock> for SlaClockView {
    fn from(clock: &SlaClock) -> SlaClockView {
        SlaClockView { due_at: clock.due_at, state: clock.state, remaining_seconds: clock.remaining.num_seconds() }
    }
}

impl TicketSla {
    pub fn new(policy: NamedRef, status: &SlaStatus) -> TicketSla {
        let breached = status.clocks().any(|clock| matches!(clock.state, SlaState::Breached | SlaState::MissedThenMet));
        TicketSla {
            policy,
            first_response: status.first_response.as_ref().map(SlaClockView::from),
            resolution: status.resolution.as_ref().map(SlaClockView::from),
            first_response_due_at: status.first_response.map(|clock| clock.due_at),
            resolution_due_at: status.resolution.map(|clock| clock.due_at),
            breached,
        }
    }
}

/// Which of a ticket's two clocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaClockKind {
    FirstResponse,
    Resolution,
}

impl SlaClockKind {
    pub const ALL: [SlaClockKind; 2] = [SlaClockKind::FirstResponse, SlaClockKind::Resolution];

    pub fn as_str(self) -> &'static str {
        match self {
            SlaClockKind::FirstResponse => "first_response",
            SlaClockKind::Resolution => "resolution",
        }
    }

    pub fn parse(raw: &str) -> Option<SlaClockKind> {
        SlaClockKind::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }

    /// This clock of a ticket's status.
    pub fn of(self, status: &SlaStatus) -> Option<&SlaClock> {
        match self {
            SlaClockKind::FirstResponse => status.first_response.as_ref(),
            SlaClockKind::Resolution => status.resolution.as_ref(),
        }
    }
}

/// What the watcher announces about a clock: it started warning, or it breached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaAlertKind {
    Warning,
    Breached,
}

impl SlaAlertKind {
    pub const ALL: [SlaAlertKind; 2] = [SlaAlertKind::Warning, SlaAlertKind::Breached];

    pub fn as_str(self) -> &'static str {
        match self {
            SlaAlertKind::Warning => "warning",
            SlaAlertKind::Breached => "breached",
        }
    }

    pub fn parse(raw: &str) -> Option<SlaAlertKind> {
        SlaAlertKind::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }

    /// The timeline event that records it: `sla_warning` or `sla_breached`.
    pub fn event_kind(self) -> &'static str {
        match self {
            SlaAlertKind::Warning => "sla_warning",
            SlaAlertKind::Breached => "sla_breached",
        }
    }

    /// The announcement a clock in `state` calls for, if any.
    pub fn for_state(state: SlaState) -> Option<SlaAlertKind> {
        match state {
            SlaState::Warning => Some(SlaAlertKind::Warning),
            SlaState::Breached => Some(SlaAlertKind::Breached),
            SlaState::Running | SlaState::Met | SlaState::MissedThenMet | SlaState::Paused => None,
        }
    }
}

/// A clock that turned warning or breached, announced once per due time. What the rules engine (escalations) acts
/// on: see `Services::subscribe_sla_transitions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaTransition {
    pub ticket_id: String,
    pub clock: SlaClockKind,
    pub kind: SlaAlertKind,
    pub due_at: DateTime<Utc>,
}
