//! A small history with every metric worked out by hand (Berlin office hours, Mon-Fri 08:00-17:00, March 2026).
//!
//! - **A** (email, team billing, agent ada, sla met): created Fri 6th 16:00, first public reply Mon 9th 09:30,
//!   pending Mon 10:00 to Tue 11:00, resolved Tue 15:00. First response: Fri 16-17 + Mon 08-09:30 = 2.5 h = 9000 s
//!   (wall clock 65.5 h). Resolution: Fri 1 h + Mon 9 h + Tue 7 h = 17 h, minus pending Mon 7 h + Tue 3 h = 7 h =
//!   25200 s. CSAT sent Tue 15:00, answered Wed 11th 09:00 with 4.
//! - **B** (chat, team billing, agent bob, sla missed): created Mon 9th 08:00, reply 08:20 (1200 s), resolved
//!   09:00, reopened 10:00, resolved again 12:00: final resolution 12:00, 4 h = 14400 s, reopened once. CSAT sent
//!   12:00, never answered.
//! - **C** (email, no team): created Mon 9th 09:00, merged away (closed) 09:05: never resolved, leaves the backlog.
//! - **D** (email, team billing, agent ada): created Tue 10th 10:00, reply 10:30 (1800 s), pending since 11:00 and
//!   still pending: in the backlog.

use super::{berlin, change, utc};
use crate::domain::analytics::{
    ticket_facts, CsatFact, CsatRating, ReportPeriod, ReportedTicket, TicketDimensions, TicketHistory,
};
use crate::domain::ticket::{Channel, Priority, TicketStatus::*};

pub(super) fn history_a() -> TicketHistory {
    TicketHistory {
        created_at: berlin(6, 16, 0),
        first_public_staff_reply_at: Some(berlin(9, 9, 30)),
        status: Resolved,
        resolved_at_stamp: Some(berlin(10, 15, 0)),
        status_changes: vec![
            change(berlin(10, 15, 0), Open, Resolved),
            change(berlin(9, 9, 30), New, Open),
            change(berlin(9, 10, 0), Open, Pending),
            change(berlin(10, 11, 0), Pending, Open),
        ],
        merged_duplicate: false,
    }
}

pub(super) fn history_b() -> TicketHistory {
    TicketHistory {
        created_at: berlin(9, 8, 0),
        first_public_staff_reply_at: Some(berlin(9, 8, 20)),
        status: Resolved,
        resolved_at_stamp: Some(berlin(9, 12, 0)),
        status_changes: vec![
            change(berlin(9, 8, 20), New, Open),
            change(berlin(9, 9, 0), Open, Resolved),
            change(berlin(9, 10, 0), Resolved, Open),
            change(berlin(9, 12, 0), Open, Resolved),
        ],
        merged_duplicate: false,
    }
}

pub(super) fn history_c() -> TicketHistory {
    TicketHistory {
        created_at: berlin(9, 9, 0),
        first_public_staff_reply_at: None,
        status: Closed,
        resolved_at_stamp: None,
        status_changes: vec![change(berlin(9, 9, 5), New, Closed)],
        merged_duplicate: true,
    }
}

pub(super) fn history_d() -> TicketHistory {
    TicketHistory {
        created_at: berlin(10, 10, 0),
        first_public_staff_reply_at: Some(berlin(10, 10, 30)),
        status: Pending,
        resolved_at_stamp: None,
        status_changes: vec![change(berlin(10, 10, 30), New, Open), change(berlin(10, 11, 0), Open, Pending)],
        merged_duplicate: false,
    }
}

fn dimensions(team: Option<&str>, channel: Channel, agent: Option<&str>) -> TicketDimensions {
    TicketDimensions {
        team_id: team.map(str::to_owned),
        channel,
        agent_id: agent.map(str::to_owned),
        priority: Priority::Normal,
        category: None,
    }
}

/// The four tickets as reports see them, in the Berlin office's hours.
pub(super) fn reported_tickets() -> Vec<ReportedTicket> {
    let office = super::berlin_office();
    let rating = |value| Some(CsatRating::new(value).unwrap());
    vec![
        ReportedTicket {
            id: "A".into(),
            dimensions: dimensions(Some("billing"), Channel::Email, Some("ada")),
            facts: ticket_facts(&history_a(), Some(&office)),
            sla_met: Some(true),
            csat: Some(CsatFact { sent_at: berlin(10, 15, 0), answered_at: Some(berlin(11, 9, 0)), rating: rating(4) }),
        },
        ReportedTicket {
            id: "B".into(),
            dimensions: dimensions(Some("billing"), Channel::Chat, Some("bob")),
            facts: ticket_facts(&history_b(), Some(&office)),
            sla_met: Some(false),
            csat: Some(CsatFact { sent_at: berlin(9, 12, 0), answered_at: None, rating: None }),
        },
        ReportedTicket {
            id: "C".into(),
            dimensions: dimensions(None, Channel::Email, None),
            facts: ticket_facts(&history_c(), Some(&office)),
            sla_met: None,
            csat: None,
        },
        ReportedTicket {
            id: "D".into(),
            dimensions: dimensions(Some("billing"), Channel::Email, Some("ada")),
            facts: ticket_facts(&history_d(), Some(&office)),
            sla_met: None,
            csat: None,
        },
    ]
}

/// The week of Monday 9 March 2026 (UTC days).
pub(super) fn week_of_the_9th() -> ReportPeriod {
    ReportPeriod::new(utc(2026, 3, 9, 0, 0), utc(2026, 3, 16, 0, 0)).unwrap()
}
