//! Properties: the nearest-rank percentile over random samples, and backlog changes over random status walks.

use chrono::Duration;
use proptest::prelude::*;

use super::{berlin_office, change, utc};
use crate::domain::analytics::{nearest_rank, percentile, ticket_facts, Percent, ReportPeriod, TicketHistory};
use crate::domain::ticket::TicketStatus;

proptest! {
    #[test]
    fn the_percentile_is_the_smallest_value_with_enough_at_or_below_it(
        values in prop::collection::vec(-1_000_000i64..1_000_000, 1..200),
        percent in 1u8..=100,
    ) {
        let percent = Percent::new(percent).unwrap();
        let found = percentile(&values, percent).unwrap();
        let rank = nearest_rank(percent, values.len());
        prop_assert!(values.contains(&found));
        prop_assert!(values.iter().filter(|v| **v <= found).count() >= rank);
        prop_assert!(values.iter().filter(|v| **v < found).count() < rank);
    }

    #[test]
    fn a_previous_period_is_as_long_and_ends_where_the_period_starts(
        start in 0i64..400_000_000, minutes in 1i64..=(366 * 24 * 60),
    ) {
        let from = utc(2015, 1, 1, 0, 0) + Duration::seconds(start);
        let period = ReportPeriod::new(from, from + Duration::minutes(minutes)).unwrap();
        let previous = period.previous();
        prop_assert_eq!(previous.to, period.from);
        prop_assert_eq!(previous.length(), period.length());
    }

    #[test]
    fn backlog_changes_alternate_and_end_at_one_exactly_when_unfinished(
        steps in prop::collection::vec((1i64..20_000, 0usize..5), 0..12),
    ) {
        let created_at = utc(2026, 3, 2, 7, 0);
        let mut at = created_at;
        let mut status = TicketStatus::New;
        let mut changes = Vec::new();
        for (minutes, next) in steps {
            at += Duration::minutes(minutes);
            let to = TicketStatus::ALL[next];
            if to != status {
                changes.push(change(at, status, to));
                status = to;
            }
        }
        let history = TicketHistory {
            created_at,
            first_public_staff_reply_at: None,
            status,
            resolved_at_stamp: None,
            status_changes: changes,
            merged_duplicate: false,
        };
        let facts = ticket_facts(&history, Some(&berlin_office()));
        let mut running = 0i64;
        for step in &facts.backlog_changes {
            running += i64::from(step.delta);
            prop_assert!(running == 0 || running == 1);
        }
        let finished = matches!(status, TicketStatus::Resolved | TicketStatus::Closed);
        prop_assert_eq!(running, i64::from(!finished));
        prop_assert_eq!(facts.resolved_at.is_some(), finished);
        if let Some(seconds) = facts.resolution_seconds {
            prop_assert!(seconds >= 0);
        }
    }
}
