//! The two moments reports are built on: when staff first answered, and when the ticket was last resolved.
//! Decided here, from the status change and the reply, so every path that touches a ticket (reply, PATCH,
//! bulk, "Send and resolve", merge) stamps them the same way.

use chrono::{DateTime, Utc};

use super::status::TicketStatus;

/// A ticket's `first_response_at` and `resolved_at`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stamps {
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
}

impl Stamps {
    /// The stamps after one action: a status change `from -> to` (equal when the status did not change)
    /// and/or a public staff reply. A service writes back whichever field differs from before.
    pub fn after(self, from: TicketStatus, to: TicketStatus, staff_public_reply: bool, now: DateTime<Utc>) -> Stamps {
        Stamps {
            first_response_at: next_first_response_at(self.first_response_at, staff_public_reply, now),
            resolved_at: next_resolved_at(self.resolved_at, from, to, now),
        }
    }
}

/// Set once, by the first public reply from staff, and never moved: first-response time measures how long the
/// customer waited for a human answer. Internal notes, status changes and customer messages do not count
/// (the caller passes `false` for them). A ticket opened by an agent on a customer's behalf is not answered
/// by its opening message either.
pub fn next_first_response_at(
    current: Option<DateTime<Utc>>,
    staff_public_reply: bool,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    match current {
        Some(at) => Some(at),
        None if staff_public_reply => Some(now),
        None => None,
    }
}

/// Set on entering `resolved`, kept while the ticket stays resolved or goes on to `closed`, and cleared
/// when it goes back to work (new, open, pending), so resolution time always measures the latest
/// resolution. A ticket closed without being resolved (a merged duplicate) keeps whatever it had, usually
/// nothing, so it never counts as resolved.
pub fn next_resolved_at(
    current: Option<DateTime<Utc>>,
    from: TicketStatus,
    to: TicketStatus,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    match to {
        TicketStatus::Resolved if from == TicketStatus::Resolved => current.or(Some(now)),
        TicketStatus::Resolved => Some(now),
        TicketStatus::Closed => current,
        TicketStatus::New | TicketStatus::Open | TicketStatus::Pending => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use TicketStatus::*;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 14, hour, 0, 0).single().expect("valid time")
    }

    #[test]
    fn first_response_is_stamped_once_by_a_public_staff_reply() {
        assert_eq!(next_first_response_at(None, false, at(9)), None);
        assert_eq!(next_first_response_at(None, true, at(9)), Some(at(9)));
        assert_eq!(next_first_response_at(Some(at(9)), true, at(11)), Some(at(9)));
        assert_eq!(next_first_response_at(Some(at(9)), false, at(11)), Some(at(9)));
    }

    #[test]
    fn resolved_at_follows_every_status_pair() {
        let earlier = Some(at(8));
        // (from, to, resolved_at afterwards when it was unset, resolved_at afterwards when it was `earlier`)
        let table = [
            (New, New, None, None),
            (New, Open, None, None),
            (New, Pending, None, None),
            (New, Resolved, Some(at(10)), Some(at(10))),
            (New, Closed, None, earlier),
            (Open, New, None, None),
            (Open, Open, None, None),
            (Open, Pending, None, None),
            (Open, Resolved, Some(at(10)), Some(at(10))),
            (Open, Closed, None, earlier),
            (Pending, New, None, None),
            (Pending, Open, None, None),
            (Pending, Pending, None, None),
            (Pending, Resolved, Some(at(10)), Some(at(10))),
            (Pending, Closed, None, earlier),
            (Resolved, New, None, None),
            (Resolved, Open, None, None),
            (Resolved, Pending, None, None),
            (Resolved, Resolved, Some(at(10)), earlier),
            (Resolved, Closed, None, earlier),
            (Closed, New, None, None),
            (Closed, Open, None, None),
            (Closed, Pending, None, None),
            (Closed, Resolved, Some(at(10)), Some(at(10))),
            (Closed, Closed, None, earlier),
        ];
        assert_eq!(table.len(), TicketStatus::ALL.len() * TicketStatus::ALL.len());
        for (from, to, when_unset, when_set) in table {
            assert_eq!(next_resolved_at(None, from, to, at(10)), when_unset, "{from} -> {to}, unset");
            assert_eq!(next_resolved_at(earlier, from, to, at(10)), when_set, "{from} -> {to}, set");
        }
    }

    #[test]
    fn a_ticket_s_life_stamps_as_reports_expect() {
        let created = Stamps::default();
        let answered = created.after(New, Pending, true, at(9));
        assert_eq!(answered, Stamps { first_response_at: Some(at(9)), resolved_at: None });

        let resolved = answered.after(Pending, Resolved, true, at(10));
        assert_eq!(resolved, Stamps { first_response_at: Some(at(9)), resolved_at: Some(at(10)) });

        let reopened = resolved.after(Resolved, Resolved.on_customer_reply(), false, at(11));
        assert_eq!(reopened, Stamps { first_response_at: Some(at(9)), resolved_at: None });

        let closed = reopened.after(Open, Resolved, false, at(12)).after(Resolved, Closed, false, at(13));
        assert_eq!(closed, Stamps { first_response_at: Some(at(9)), resolved_at: Some(at(12)) });

        let merged = Stamps::default().after(Open, Closed, false, at(14));
        assert_eq!(merged, Stamps::default());
    }
}
