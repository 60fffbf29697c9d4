//! The KPI summary of a period: what `GET /api/v1/analytics/summary` answers and the dashboard's cards show. Counted
//! through a [`SummaryTally`] that both the raw history and the rollup tables fill, so the two can only disagree if
//! the rows they feed in do (which the rollup test checks).
//!
//! Which period a number belongs to: created counts at creation, resolved / resolution time / reopen rate / SLA
//! compliance at the final resolution, first response time at the first reply, CSAT answers when they were given and
//! the response rate over the surveys sent in the period. Backlog is the number of unfinished tickets at the end of
//! the period. Ratios are fractions from 0 to 1; `None` (JSON `null`) when nothing was there to divide by.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::csat::CsatRating;
use super::filter::{AnalyticsFilter, TicketDimensions};
use super::history::TicketFacts;
use super::percentile::P50P90;
use super::period::ReportPeriod;

/// A ticket's CSAT survey, if one was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsatFact {
    pub sent_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub rating: Option<CsatRating>,
}

/// One ticket as reports see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportedTicket {
    pub id: String,
    pub dimensions: TicketDimensions,
    pub facts: TicketFacts,
    /// Whether every SLA clock was met; `None` without a policy or while a clock is still undecided.
    pub sla_met: Option<bool>,
    pub csat: Option<CsatFact>,
}

/// The numbers of one period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PeriodSummary {
    pub tickets_created: u64,
    pub tickets_resolved: u64,
    pub backlog: u64,
    pub first_response_p50_s: Option<i64>,
    pub first_response_p90_s: Option<i64>,
    pub resolution_p50_s: Option<i64>,
    pub resolution_p90_s: Option<i64>,
    /// Resolved tickets with an SLA whose every clock was met, over resolved tickets with a decided SLA.
    pub sla_compliance: Option<f64>,
    /// Resolved tickets that had been reopened before, over resolved tickets.
    pub reopen_rate: Option<f64>,
    pub csat_avg: Option<f64>,
    pub csat_responses: u64,
    pub csat_surveys_sent: u64,
    /// Surveys sent in the period that were answered (at any time), over surveys sent in the period.
    pub csat_response_rate: Option<f64>,
}

/// A period's summary with the previous period's, as the REST answer nests it (`previous`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct SummaryReport {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    #[serde(flatten)]
    pub current: PeriodSummary,
    pub previous: PeriodSummary,
}

/// Sums and per-ticket durations of a period, before percentiles and ratios are taken.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SummaryTally {
    pub created: u64,
    pub resolved: u64,
    /// Sum of backlog changes before the end of the period (every change since the beginning of time).
    pub backlog: i64,
    pub first_response_seconds: Vec<i64>,
    pub resolution_seconds: Vec<i64>,
    pub sla_met: u64,
    pub sla_decided: u64,
    pub reopened_resolved: u64,
    pub csat_rating_sum: u64,
    pub csat_responses: u64,
    pub csat_sent: u64,
    pub csat_sent_answered: u64,
}

impl SummaryTally {
    /// Counts `ticket` into the period's numbers.
    pub fn add_ticket(&mut self, ticket: &ReportedTicket, period: ReportPeriod) {
        let facts = &ticket.facts;
        self.created += u64::from(period.contains(facts.created_at));
        self.backlog += facts
            .backlog_changes
            .iter()
            .filter(|change| change.at < period.to)
            .map(|c| i64::from(c.delta))
            .sum::<i64>();
        if let (Some(at), Some(seconds)) = (facts.first_response_at, facts.first_response_seconds) {
            if period.contains(at) {
                self.first_response_seconds.push(seconds);
            }
        }
        if let (Some(at), Some(seconds)) = (facts.resolved_at, facts.resolution_seconds) {
            if period.contains(at) {
                self.resolved += 1;
                self.resolution_seconds.push(seconds);
                self.reopened_resolved += u64::from(facts.reopened());
                if let Some(met) = ticket.sla_met {
                    self.sla_decided += 1;
                    self.sla_met += u64::from(met);
                }
            }
        }
        if let Some(csat) = ticket.csat {
            if period.contains(csat.sent_at) {
                self.csat_sent += 1;
                self.csat_sent_answered += u64::from(csat.answered_at.is_some());
            }
            if let (Some(at), Some(rating)) = (csat.answered_at, csat.rating) {
                if period.contains(at) {
                    self.csat_responses += 1;
                    self.csat_rating_sum += u64::from(rating.value());
                }
            }
        }
    }

    pub fn finish(self) -> PeriodSummary {
        let first_response = P50P90::of(&self.first_response_seconds);
        let resolution = P50P90::of(&self.resolution_seconds);
        PeriodSummary {
            tickets_created: self.created,
            tickets_resolved: self.resolved,
            backlog: u64::try_from(self.backlog).unwrap_or(0),
            first_response_p50_s: first_response.p50,
            first_response_p90_s: first_response.p90,
            resolution_p50_s: resolution.p50,
            resolution_p90_s: resolution.p90,
            sla_compliance: ratio(self.sla_met, self.sla_decided),
            reopen_rate: ratio(self.reopened_resolved, self.resolved),
            csat_avg: ratio(self.csat_rating_sum, self.csat_responses),
            csat_responses: self.csat_responses,
            csat_surveys_sent: self.csat_sent,
            csat_response_rate: ratio(self.csat_sent_answered, self.csat_sent),
        }
    }
}

/// `part / whole`, `None` when `whole` is zero.
pub fn ratio(part: u64, whole: u64) -> Option<f64> {
    // u64 -> f64 is exact below 2^53, far above any ticket count.
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The summary of the tickets `filter` takes, over `period`.
pub fn summarize(tickets: &[ReportedTicket], period: ReportPeriod, filter: &AnalyticsFilter) -> PeriodSummary {
    let mut tally = SummaryTally::default();
    for ticket in tickets.iter().filter(|ticket| filter.matches(&ticket.dimensions)) {
        tally.add_ticket(ticket, period);
    }
    tally.finish()
}

/// The period and the one before it, for the KPI cards' deltas.
pub fn summary_report(tickets: &[ReportedTicket], period: ReportPeriod, filter: &AnalyticsFilter) -> SummaryReport {
    SummaryReport {
        from: period.from,
        to: period.to,
        current: summarize(tickets, period, filter),
        previous: summarize(tickets, period.previous(), filter),
    }
}
