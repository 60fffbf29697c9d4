//! Whether a ticket kept its SLA, for the compliance rate.

use crate::domain::sla::{SlaState, SlaStatus};

/// `Some(true)` when every clock the ticket has was met, `Some(false)` as soon as one was breached or met late,
/// `None` without clocks or while one is still counting or paused (not decided yet).
pub fn sla_met(status: &SlaStatus) -> Option<bool> {
    let states: Vec<SlaState> = status.clocks().map(|clock| clock.state).collect();
    if states.is_empty() {
        return None;
    }
    if states.iter().any(|state| matches!(state, SlaState::Breached | SlaState::MissedThenMet)) {
        return Some(false);
    }
    states.iter().all(|state| *state == SlaState::Met).then_some(true)
}

/// The same from the one state stored with a ticket ([`headline_state`](crate::domain::sla::headline_state), the most
/// pressing clock): met only when the headline is met, missed when it is breached or met late, else undecided.
pub fn sla_met_from_headline(headline: Option<SlaState>) -> Option<bool> {
    match headline? {
        SlaState::Met => Some(true),
        SlaState::MissedThenMet | SlaState::Breached => Some(false),
        SlaState::Running | SlaState::Warning | SlaState::Paused => None,
    }
}
