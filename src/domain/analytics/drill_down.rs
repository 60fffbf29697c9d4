//! From a dashboard number to the ticket queue filtered to the tickets behind it: each KPI, day and breakdown
//! group becomes a [`TicketListQuery`] (status, team, channel, assignee, created or resolved range), so every
//! number on the dashboard is a plain link to `/agent/tickets`.
//!
//! The queue filters tickets as they are now, so a link is exact for the current period and close for older ones:
//! "resolved" links find tickets whose final resolution (`resolved_at`) is in the range and that are still resolved
//! or closed; the backlog link finds unfinished tickets created before the period's end.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use super::filter::{AnalyticsFilter, Dimension};
use super::period::ReportPeriod;
use crate::domain::ticket::TicketListQuery;

/// Which tickets a number counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DrillMetric {
    /// Created in the period (also first response times, which are taken over the period's new tickets' replies).
    Created,
    /// Finally resolved in the period (resolution times, SLA compliance, reopen rate, CSAT).
    Resolved,
    /// Unfinished at the period's end.
    Backlog,
}

/// The statuses of unfinished tickets, as the queue's status filter takes them.
pub const UNFINISHED_STATUSES: &str = "new,open,pending";
/// The statuses of resolved tickets.
pub const FINISHED_STATUSES: &str = "resolved,closed";

/// The queue filter of the tickets behind `metric` over `period` under `filter`.
pub fn drill_down_query(metric: DrillMetric, period: ReportPeriod, filter: &AnalyticsFilter) -> TicketListQuery {
    let mut query = TicketListQuery {
        team: filter.team_id.clone(),
        channel: filter.channel.map(|channel| channel.as_str().to_owned()),
        assignee: filter.agent_id.clone(),
        ..TicketListQuery::default()
    };
    let (from, to) = (lower_bound(period.from), upper_bound(period.to));
    match metric {
        DrillMetric::Created => (query.created_from, query.created_to) = (Some(from), Some(to)),
        DrillMetric::Resolved => {
            query.status = Some(FINISHED_STATUSES.to_owned());
            (query.resolved_from, query.resolved_to) = (Some(from), Some(to));
        }
        DrillMetric::Backlog => {
            query.status = Some(UNFINISHED_STATUSES.to_owned());
            query.created_to = Some(to);
        }
    }
    query
}

/// The same for one UTC day of the period.
pub fn day_query(metric: DrillMetric, day: NaiveDate, filter: &AnalyticsFilter) -> TicketListQuery {
    let from = day.and_time(NaiveTime::MIN).and_utc();
    drill_down_query(metric, ReportPeriod { from, to: from + Duration::days(1) }, filter)
}

/// The same narrowed to one group of a breakdown; `None` for the "no team" and "no category" groups, which the
/// queue cannot select.
pub fn group_query(
    metric: DrillMetric,
    period: ReportPeriod,
    filter: &AnalyticsFilter,
    dimension: Dimension,
    key: Option<&str>,
) -> Option<TicketListQuery> {
    let mut query = drill_down_query(metric, period, filter);
    match (dimension, key) {
        (Dimension::Agent, None) => query.assignee = Some("none".to_owned()),
        (Dimension::Agent, Some(agent)) => query.assignee = Some(agent.to_owned()),
        (Dimension::Team, Some(team)) => query.team = Some(team.to_owned()),
        (Dimension::Channel, Some(channel)) => query.channel = Some(channel.to_owned()),
        (Dimension::Priority, Some(priority)) => query.priority = Some(priority.to_owned()),
        (Dimension::Category, Some(category)) => query.category = Some(category.to_owned()),
        (_, None) => return None,
    }
    Some(query)
}

/// A day for a midnight, else the instant.
fn lower_bound(at: DateTime<Utc>) -> String {
    if at.time() == NaiveTime::MIN {
        at.format("%Y-%m-%d").to_string()
    } else {
        at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
    }
}

/// The queue's upper bounds are inclusive: the day before a midnight, else the last microsecond before `at`.
fn upper_bound(at: DateTime<Utc>) -> String {
    if at.time() == NaiveTime::MIN {
        (at - Duration::days(1)).format("%Y-%m-%d").to_string()
    } else {
        (at - Duration::microseconds(1)).to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
    }
}
