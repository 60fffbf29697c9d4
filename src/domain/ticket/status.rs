//! The ticket lifecycle: which status changes are allowed, and for whom. Kept in one table so the REST API,
//! server functions, bulk actions and automations refuse exactly the same moves.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::input::FieldError;
use crate::domain::user::Role;

/// Where a ticket is in its life: `new -> open -> pending -> resolved -> closed`, with the detours that
/// [`TicketStatus::can_transition_to`] allows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// Nobody on staff has looked at it yet; the queue's "needs triage" pile.
    #[default]
    New,
    /// Staff are working on it.
    Open,
    /// Waiting for the customer (or a third party); SLA clocks may pause here.
    Pending,
    /// Staff consider it answered; a customer reply brings it back.
    Resolved,
    /// Done for good: replies start a follow-up ticket instead of reopening this one.
    Closed,
}

/// Who asks for a status change, reduced to what the lifecycle cares about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TransitionActor {
    /// A customer never sets a status directly; replying is their lever ([`TicketStatus::on_customer_reply`]).
    Customer,
    /// Agents and supervisors.
    Staff,
    /// Admins: everything staff may do, and the only way back out of `closed`.
    Admin,
    /// Tidings itself: merging closes the source ticket, and a job may close resolved tickets after a while.
    System,
}

impl TransitionActor {
    pub const ALL: [TransitionActor; 4] =
        [TransitionActor::Customer, TransitionActor::Staff, TransitionActor::Admin, TransitionActor::System];

    /// The actor a signed-in person acts as, so services never map roles by hand.
    pub fn from_role(role: Role) -> TransitionActor {
        match role {
            Role::Customer => TransitionActor::Customer,
            Role::Agent | Role::Supervisor => TransitionActor::Staff,
            Role::Admin => TransitionActor::Admin,
        }
    }
}

impl TicketStatus {
    pub const ALL: [TicketStatus; 5] =
        [TicketStatus::New, TicketStatus::Open, TicketStatus::Pending, TicketStatus::Resolved, TicketStatus::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::New => "new",
            TicketStatus::Open => "open",
            TicketStatus::Pending => "pending",
            TicketStatus::Resolved => "resolved",
            TicketStatus::Closed => "closed",
        }
    }

    /// Parses the wire name of a status; anything else is refused (and reported as 422 upstream).
    pub fn parse(value: &str) -> Option<TicketStatus> {
        TicketStatus::ALL.into_iter().find(|status| status.as_str() == value)
    }

    /// Whether `by` may move a ticket from `self` to `to`. Keeping the status is not a transition, so it is
    /// never allowed (a PATCH that repeats the current status should simply not ask).
    ///
    /// | from \ to | new | open  | pending | resolved | closed        |
    /// |-----------|-----|-------|---------|----------|---------------|
    /// | new       | -   | staff | staff   | staff    | system        |
    /// | open      | no  | -     | staff   | staff    | system        |
    /// | pending   | no  | staff | -       | staff    | system        |
    /// | resolved  | no  | staff | staff   | -        | staff, system |
    /// | closed    | no  | admin | no      | no       | -             |
    ///
    /// "staff" means agents, supervisors and admins; "admin" means admins only; "system" means Tidings itself
    /// (merge, auto-close); customers may do nothing here. Why: nothing goes back to `new`, because `new`
    /// means "never handled" and the queue relies on that; staff close only what they resolved first, so every
    /// closed ticket has a resolution time; `closed` is final so reports and CSAT stay stable, and an admin
    /// reopening it is a deliberate exception.
    pub fn can_transition_to(self, to: TicketStatus, by: TransitionActor) -> bool {
        if self == to {
            return false;
        }
        match by {
            TransitionActor::Customer => false,
            TransitionActor::Staff => staff_may_move(self, to),
            TransitionActor::Admin => {
                staff_may_move(self, to) || (self == TicketStatus::Closed && to == TicketStatus::Open)
            }
            TransitionActor::System => to == TicketStatus::Closed,
        }
    }

    /// The statuses `by` may move a ticket to from here, in lifecycle order (what a status picker offers).
    pub fn allowed_targets(self, by: TransitionActor) -> Vec<TicketStatus> {
        TicketStatus::ALL.into_iter().filter(|to| self.can_transition_to(*to, by)).collect()
    }

    /// Checks a requested change; the error names the allowed targets so the 422 can tell the client.
    pub fn transition(self, to: TicketStatus, by: TransitionActor) -> Result<TicketStatus, TransitionError> {
        if self.can_transition_to(to, by) {
            Ok(to)
        } else {
            Err(TransitionError { from: self, to, by, allowed: self.allowed_targets(by) })
        }
    }

    /// The status after a customer's public reply: a ticket waiting on them or believed solved needs staff
    /// again. `new` stays new (nobody has handled it yet) and `closed` stays closed (the reply belongs in a
    /// follow-up ticket). This is not a [`TransitionActor::Customer`] transition, because customers cannot
    /// choose where the ticket goes.
    pub fn on_customer_reply(self) -> TicketStatus {
        match self {
            TicketStatus::Pending | TicketStatus::Resolved => TicketStatus::Open,
            TicketStatus::New | TicketStatus::Open | TicketStatus::Closed => self,
        }
    }
}

/// Staff rules, shared by staff and admins: never back to `new`, never out of `closed`, and `closed` only
/// from `resolved`; everything else among new/open/pending/resolved is free.
fn staff_may_move(from: TicketStatus, to: TicketStatus) -> bool {
    match (from, to) {
        (TicketStatus::Closed, _) | (_, TicketStatus::New) => false,
        (TicketStatus::Resolved, TicketStatus::Closed) => true,
        (_, TicketStatus::Closed) => false,
        _ => true,
    }
}

impl fmt::Display for TicketStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused status change, with what would have been accepted instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransitionError {
    pub from: TicketStatus,
    pub to: TicketStatus,
    pub by: TransitionActor,
    /// Every status `by` may move to from `from`, in lifecycle order; empty when nothing is allowed.
    pub allowed: Vec<TicketStatus>,
}

impl TransitionError {
    /// The allowed targets as the 422 message lists them: `open, pending`, or `none`.
    pub fn allowed_list(&self) -> String {
        if self.allowed.is_empty() {
            return "none".to_string();
        }
        self.allowed.iter().map(|status| status.as_str()).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "The ticket is already {}; allowed: {}", self.to, self.allowed_list())
        } else {
            write!(f, "A ticket cannot move from {} to {}; allowed: {}", self.from, self.to, self.allowed_list())
        }
    }
}

impl std::error::Error for TransitionError {}

impl From<TransitionError> for FieldError {
    fn from(error: TransitionError) -> FieldError {
        FieldError::new("status", "invalid_transition", error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{value::StrDeserializer, IntoDeserializer};
    use TicketStatus::*;

    /// The whole lifecycle, written out: (from, to, customer, staff, admin, system).
    const TABLE: [(TicketStatus, TicketStatus, bool, bool, bool, bool); 25] = [
        (New, New, false, false, false, false),
        (New, Open, false, true, true, false),
        (New, Pending, false, true, true, false),
        (New, Resolved, false, true, true, false),
        (New, Closed, false, false, false, true),
        (Open, New, false, false, false, false),
        (Open, Open, false, false, false, false),
        (Open, Pending, false, true, true, false),
        (Open, Resolved, false, true, true, false),
        (Open, Closed, false, false, false, true),
        (Pending, New, false, false, false, false),
        (Pending, Open, false, true, true, false),
        (Pending, Pending, false, false, false, false),
        (Pending, Resolved, false, true, true, false),
        (Pending, Closed, false, false, false, true),
        (Resolved, New, false, false, false, false),
        (Resolved, Open, false, true, true, false),
        (Resolved, Pending, false, true, true, false),
        (Resolved, Resolved, false, false, false, false),
        (Resolved, Closed, false, true, true, true),
        (Closed, New, false, false, false, false),
        (Closed, Open, false, false, true, false),
        (Closed, Pending, false, false, false, false),
        (Closed, Resolved, false, false, false, false),
        (Closed, Closed, false, false, false, false),
    ];

    #[test]
    fn every_status_pair_and_actor_is_decided_as_the_table_says() {
        for from in TicketStatus::ALL {
            for to in TicketStatus::ALL {
                let row = TABLE.iter().find(|row| row.0 == from && row.1 == to).expect("pair missing from table");
                let expected = [row.2, row.3, row.4, row.5];
                for (by, allowed) in TransitionActor::ALL.into_iter().zip(expected) {
                    assert_eq!(from.can_transition_to(to, by), allowed, "{from} -> {to} by {by:?}");
                    match from.transition(to, by) {
                        Ok(status) => assert!(allowed && status == to, "{from} -> {to} by {by:?}"),
                        Err(error) => {
                            assert!(!allowed, "{from} -> {to} by {by:?}");
                            assert_eq!((error.from, error.to, error.by), (from, to, by));
                            assert_eq!(error.allowed, from.allowed_targets(by));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn allowed_targets_follow_the_table_in_lifecycle_order() {
        for from in TicketStatus::ALL {
            for by in TransitionActor::ALL {
                let column = TransitionActor::ALL.iter().position(|actor| *actor == by).expect("actor listed");
                let expected: Vec<TicketStatus> = TABLE
                    .iter()
                    .filter(|row| row.0 == from && [row.2, row.3, row.4, row.5][column])
                    .map(|row| row.1)
                    .collect();
                assert_eq!(from.allowed_targets(by), expected, "{from} by {by:?}");
            }
        }
    }

    #[test]
    fn refusals_name_the_allowed_statuses_for_the_422() {
        let error = Resolved.transition(New, TransitionActor::Staff).unwrap_err();
        assert_eq!(error.allowed_list(), "open, pending, closed");
        assert_eq!(error.to_string(), "A ticket cannot move from resolved to new; allowed: open, pending, closed");

        let same = Open.transition(Open, TransitionActor::Staff).unwrap_err();
        assert_eq!(same.to_string(), "The ticket is already open; allowed: pending, resolved");

        let closed = Closed.transition(Open, TransitionActor::Staff).unwrap_err();
        assert_eq!(closed.allowed_list(), "none");

        let field = FieldError::from(Pending.transition(New, TransitionActor::Staff).unwrap_err());
        assert_eq!((field.field, field.code), ("status", "invalid_transition"));
        assert!(field.message.ends_with("allowed: open, resolved"), "{}", field.message);
    }

    #[test]
    fn a_customer_reply_reopens_only_waiting_or_resolved_tickets() {
        let expected = [(New, New), (Open, Open), (Pending, Open), (Resolved, Open), (Closed, Closed)];
        for (from, after) in expected {
            assert_eq!(from.on_customer_reply(), after, "{from}");
        }
    }

    #[test]
    fn roles_map_to_actors() {
        let expected =
            [TransitionActor::Customer, TransitionActor::Staff, TransitionActor::Staff, TransitionActor::Admin];
        for (role, actor) in Role::ALL.into_iter().zip(expected) {
            assert_eq!(TransitionActor::from_role(role), actor, "{role:?}");
        }
    }

    #[test]
    fn statuses_parse_only_their_wire_names_and_serde_agrees() {
        for status in TicketStatus::ALL {
            assert_eq!(TicketStatus::parse(status.as_str()), Some(status));
            let wire: StrDeserializer<serde::de::value::Error> = status.as_str().into_deserializer();
            assert_eq!(TicketStatus::deserialize(wire), Ok(status));
        }
        for bad in ["Open", "opened", "", " open", "solved"] {
            assert_eq!(TicketStatus::parse(bad), None, "{bad:?}");
        }
        assert_eq!(TicketStatus::default(), New);
    }
}
