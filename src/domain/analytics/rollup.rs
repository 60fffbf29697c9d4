//! The hourly rollup: what one ticket adds to each hour × team × channel × agent row of `analytics_hourly`, and how
//! the rows change when a ticket's facts change (new contributions minus old ones, so the table is maintained
//! incrementally and never drifts from the history). A whole ticket is counted under its *current* team, channel and
//! assignee, exactly as the raw computation does, so moving a ticket moves all its numbers.
//!
//! Percentiles cannot be summed, so the rollup keeps sums and counts only; p50 / p90 are taken over the per-ticket
//! durations of `analytics_ticket_facts` (one narrow row per ticket, indexed by the instant it counts at). A period
//! summed from hourly rows equals the raw one when its bounds are whole hours ([`ReportPeriod::is_whole_hours`]).

use std::collections::BTreeMap;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::filter::{AnalyticsFilter, TicketDimensions};
use super::summary::{PeriodSummary, ReportedTicket, SummaryTally};

/// The counters of one rollup row. Sums of seconds let averages be shown; signed so a delta can subtract.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HourlyCounts {
    pub created: i64,
    pub resolved: i64,
    pub backlog_delta: i64,
    pub first_responses: i64,
    pub first_response_s_sum: i64,
    pub resolution_s_sum: i64,
    pub reopened_resolved: i64,
    pub sla_met: i64,
    pub sla_decided: i64,
    pub csat_sent: i64,
    pub csat_sent_answered: i64,
    pub csat_responses: i64,
    pub csat_rating_sum: i64,
}

impl HourlyCounts {
    fn fields_mut(&mut self) -> [&mut i64; 13] {
        [
            &mut self.created,
            &mut self.resolved,
            &mut self.backlog_delta,
            &mut self.first_responses,
            &mut self.first_response_s_sum,
            &mut self.resolution_s_sum,
            &mut self.reopened_resolved,
            &mut self.sla_met,
            &mut self.sla_decided,
            &mut self.csat_sent,
            &mut self.csat_sent_answered,
            &mut self.csat_responses,
            &mut self.csat_rating_sum,
        ]
    }

    /// Adds `other` times `sign` (1 or -1) field by field.
    pub fn add_scaled(&mut self, other: &HourlyCounts, sign: i64) {
        let mut other = *other;
        for (mine, theirs) in self.fields_mut().into_iter().zip(other.fields_mut()) {
            *mine += sign * *theirs;
        }
    }

    pub fn is_zero(&self) -> bool {
        *self == HourlyCounts::default()
    }
}

/// One row's key: the UTC hour it starts at and the ticket's dimensions (team and agent may be none).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RollupKey {
    pub hour: DateTime<Utc>,
    pub team_id: Option<String>,
    pub channel: String,
    pub agent_id: Option<String>,
}

/// The start of the UTC hour `instant` falls in.
pub fn hour_of(instant: DateTime<Utc>) -> DateTime<Utc> {
    instant.duration_trunc(TimeDelta::hours(1)).unwrap_or(instant)
}

/// What `ticket` adds to each hour, keyed by hour.
pub fn hourly_contributions(ticket: &ReportedTicket) -> BTreeMap<DateTime<Utc>, HourlyCounts> {
    let mut hours: BTreeMap<DateTime<Utc>, HourlyCounts> = BTreeMap::new();
    let facts = &ticket.facts;
    hour_entry(&mut hours, facts.created_at).created += 1;
    for change in &facts.backlog_changes {
        hour_entry(&mut hours, change.at).backlog_delta += i64::from(change.delta);
    }
    if let (Some(when), Some(seconds)) = (facts.first_response_at, facts.first_response_seconds) {
        let counts = hour_entry(&mut hours, when);
        counts.first_responses += 1;
        counts.first_response_s_sum += seconds;
    }
    if let (Some(when), Some(seconds)) = (facts.resolved_at, facts.resolution_seconds) {
        let counts = hour_entry(&mut hours, when);
        counts.resolved += 1;
        counts.resolution_s_sum += seconds;
        counts.reopened_resolved += i64::from(facts.reopened());
        if let Some(met) = ticket.sla_met {
            counts.sla_decided += 1;
            counts.sla_met += i64::from(met);
        }
    }
    if let Some(csat) = ticket.csat {
        let sent = hour_entry(&mut hours, csat.sent_at);
        sent.csat_sent += 1;
        sent.csat_sent_answered += i64::from(csat.answered_at.is_some());
        if let (Some(when), Some(rating)) = (csat.answered_at, csat.rating) {
            let answered = hour_entry(&mut hours, when);
            answered.csat_responses += 1;
            answered.csat_rating_sum += i64::from(rating.value());
        }
    }
    hours.retain(|_, counts| !counts.is_zero());
    hours
}

fn hour_entry(hours: &mut BTreeMap<DateTime<Utc>, HourlyCounts>, instant: DateTime<Utc>) -> &mut HourlyCounts {
    hours.entry(hour_of(instant)).or_default()
}

fn keyed(ticket: &ReportedTicket) -> impl Iterator<Item = (RollupKey, HourlyCounts)> + '_ {
    let TicketDimensions { team_id, channel, agent_id, .. } = &ticket.dimensions;
    hourly_contributions(ticket).into_iter().map(move |(hour, counts)| {
        let key = RollupKey {
            hour,
            team_id: team_id.clone(),
            channel: channel.as_str().to_owned(),
            agent_id: agent_id.clone(),
        };
        (key, counts)
    })
}

/// The row changes that take the rollup from `old` (the ticket as last rolled up; `None` if never) to `new` (`None`
/// to remove it): to be added to the rows, creating missing ones. Rows whose change is zero are left out.
pub fn rollup_changes(old: Option<&ReportedTicket>, new: Option<&ReportedTicket>) -> Vec<(RollupKey, HourlyCounts)> {
    let mut changes: BTreeMap<RollupKey, HourlyCounts> = BTreeMap::new();
    for (key, counts) in old.into_iter().flat_map(keyed) {
        changes.entry(key).or_default().add_scaled(&counts, -1);
    }
    for (key, counts) in new.into_iter().flat_map(keyed) {
        changes.entry(key).or_default().add_scaled(&counts, 1);
    }
    changes.into_iter().filter(|(_, counts)| !counts.is_zero()).collect()
}

/// What the rollup tables give for one period and filter: its days' counters (a day the period covers in part
/// holds only the period's hours; [`super::DayCounts`]), the backlog at its end (the backlog changes of everything
/// before it) and the per-ticket durations counted in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RolledUpPeriod {
    pub days: Vec<(DateTime<Utc>, super::DayCounts)>,
    pub backlog: i64,
    pub first_response_seconds: Vec<i64>,
    pub resolution_seconds: Vec<i64>,
}

impl RolledUpPeriod {
    /// The period's summary; equal to [`summarize`](super::summarize) over the same tickets when the period is
    /// whole hours.
    pub fn summary(self) -> PeriodSummary {
        let unsigned = |value: i64| u64::try_from(value).unwrap_or(0);
        let mut tally = SummaryTally {
            backlog: self.backlog,
            first_response_seconds: self.first_response_seconds,
            resolution_seconds: self.resolution_seconds,
            ..SummaryTally::default()
        };
        for (_, day) in &self.days {
            let counts = &day.counts;
            tally.created += unsigned(counts.created);
            tally.resolved += unsigned(counts.resolved);
            tally.reopened_resolved += unsigned(counts.reopened_resolved);
            tally.sla_met += unsigned(counts.sla_met);
            tally.sla_decided += unsigned(counts.sla_decided);
            tally.csat_sent += unsigned(counts.csat_sent);
            tally.csat_sent_answered += unsigned(counts.csat_sent_answered);
            tally.csat_responses += unsigned(counts.csat_responses);
            tally.csat_rating_sum += unsigned(counts.csat_rating_sum);
        }
        tally.finish()
    }
}

impl AnalyticsFilter {
    /// Whether a rollup row belongs to the filtered tickets.
    pub fn matches_rollup(&self, key: &RollupKey) -> bool {
        self.team_id.as_ref().is_none_or(|team| key.team_id.as_ref() == Some(team))
            && self.channel.is_none_or(|channel| key.channel == channel.as_str())
            && self.agent_id.as_ref().is_none_or(|agent| key.agent_id.as_ref() == Some(agent))
    }
}
