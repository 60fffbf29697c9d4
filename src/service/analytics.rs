//! Analytics: the supervisors' summary (with the previous period), an agent's own numbers, and keeping the rollups
//! in step with tickets. Authorisation lives here: the summary is for supervisors and admins; agents see only their
//! own tickets' numbers, and never through the supervisor's filters.

use chrono::{DateTime, Utc};

use super::{now, Actor, ServiceError, Services};
use crate::domain::analytics::{
    sla_met_from_headline, summarize, ticket_facts, AnalyticsFilter, DayCounts, KnownFilterValues, PeriodSummary,
    ReportPeriod, ReportedTicket, RolledUpPeriod, SummaryReport,
};
use crate::domain::sla::BusinessCalendar;
use crate::domain::{authorize, Action};
use crate::store::{AnalyticsSourceRecord, ExportedTicketRecord};

/// The query of `GET /analytics/summary` and of the dashboard, as given (blank values count as absent).
#[derive(Clone, Debug, Default)]
pub struct AnalyticsQuery {
    pub preset: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub team: Option<String>,
    pub channel: Option<String>,
    pub agent: Option<String>,
}

/// How many tickets a rebuild reads at once.
const REBUILD_PAGE: u32 = 500;
/// How many ticket rows an export reads at once (and streams before reading more).
const EXPORT_PAGE: usize = 1000;

/// An export a supervisor may take: its summary, and the ids of the tickets behind it, listed once (in id order)
/// so each page of rows is read by id. Made only by [`Services::plan_analytics_export`], after the checks.
#[derive(Clone, Debug)]
pub struct AnalyticsExport {
    pub report: SummaryReport,
    /// How many ticket rows follow the summary (the download's progress is shown against it).
    pub ticket_rows: u64,
    ticket_ids: Vec<String>,
}

/// A summary and what went into it: the dashboard draws its day, peak-hour and resolution charts from the same
/// reads instead of reading the rollups again.
pub(super) struct SummaryReads {
    pub(super) report: SummaryReport,
    /// The backlog when the period starts.
    pub(super) opening_backlog: i64,
    /// The period's rollup reads; `None` when it was summarised from the per-ticket facts (not whole hours).
    pub(super) current: Option<PeriodReads>,
}

/// A whole-hours period's day rollups (summed per day) and its resolution times.
pub(super) struct PeriodReads {
    pub(super) days: Vec<(DateTime<Utc>, DayCounts)>,
    pub(super) resolution_seconds: Vec<i64>,
}

impl Services {
    /// The KPI summary of a period and the one before it (supervisors and admins). A bad period or an unknown
    /// filter value is a 422 naming its field.
    pub async fn analytics_summary(
        &self,
        actor: &Actor,
        query: &AnalyticsQuery,
    ) -> Result<SummaryReport, ServiceError> {
        let (period, filter) = self.supervisor_scope(actor, query).await?;
        self.summary_report(period, &filter).await
    }

    /// The summary of an export and what its ticket rows are read with (supervisors and admins; the same checks as
    /// the summary).
    pub async fn plan_analytics_export(
        &self,
        actor: &Actor,
        query: &AnalyticsQuery,
    ) -> Result<AnalyticsExport, ServiceError> {
        let (period, filter) = self.supervisor_scope(actor, query).await?;
        let report = self.summary_report(period, &filter).await?;
        let ticket_ids = self.store().list_exported_ticket_ids(period, &filter).await?;
        let ticket_rows = u64::try_from(ticket_ids.len()).unwrap_or(u64::MAX);
        Ok(AnalyticsExport { report, ticket_rows, ticket_ids })
    }

    /// The next page of an export's ticket rows after ticket id `after` (empty at the end). Paging by the listed
    /// ids reads each page by primary key: paging the period's conditions in id order made the database find and
    /// sort all the period's tickets again for every page (38 s for 100,000 rows at 1,000,000 tickets).
    pub async fn export_ticket_page(
        &self,
        export: &AnalyticsExport,
        after: Option<&str>,
    ) -> Result<Vec<ExportedTicketRecord>, ServiceError> {
        let start = after.map_or(0, |after| export.ticket_ids.partition_point(|id| id.as_str() <= after));
        let end = (start + EXPORT_PAGE).min(export.ticket_ids.len());
        match export.ticket_ids.get(start..end) {
            Some(page) if !page.is_empty() => Ok(self.store().find_exported_tickets(page).await?),
            _ => Ok(Vec::new()),
        }
    }

    /// Checks the actor may see everyone's numbers and reads the period and filter they asked for.
    pub(super) async fn supervisor_scope(
        &self,
        actor: &Actor,
        query: &AnalyticsQuery,
    ) -> Result<(ReportPeriod, AnalyticsFilter), ServiceError> {
        authorize(actor.user.role, Action::UseSupervisorViews)?;
        let period = ReportPeriod::parse(query.preset.as_deref(), query.from.as_deref(), query.to.as_deref(), now())?;
        let team_ids: Vec<String> = self.store().list_teams().await?.into_iter().map(|team| team.id).collect();
        let agent_ids: Vec<String> = self.store().list_active_staff().await?.into_iter().map(|user| user.id).collect();
        let known = KnownFilterValues { team_ids: &team_ids, agent_ids: &agent_ids };
        let filter =
            AnalyticsFilter::parse(query.team.as_deref(), query.channel.as_deref(), query.agent.as_deref(), known)?;
        Ok((period, filter))
    }

    /// The signed-in agent's own summary (`/agent/me`): only their tickets, whatever they ask for.
    pub async fn my_analytics_summary(
        &self,
        actor: &Actor,
        query: &AnalyticsQuery,
    ) -> Result<SummaryReport, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        let period = ReportPeriod::parse(query.preset.as_deref(), query.from.as_deref(), query.to.as_deref(), now())?;
        self.summary_report(period, &AnalyticsFilter::for_agent(&actor.user.id)).await
    }

    pub(super) async fn summary_report(
        &self,
        period: ReportPeriod,
        filter: &AnalyticsFilter,
    ) -> Result<SummaryReport, ServiceError> {
        Ok(self.summary_reads(period, filter).await?.report)
    }

    /// The summary of the period and the one before, with the backlog when the period starts and the period's
    /// rollup reads. From the rollup tables when the period is whole hours (always, for presets and day bounds):
    /// the backlog is summed over the history once, up to the previous period, and carried on through each
    /// period's own hours. Otherwise from the per-ticket facts, which give the same numbers for any bounds.
    pub(super) async fn summary_reads(
        &self,
        period: ReportPeriod,
        filter: &AnalyticsFilter,
    ) -> Result<SummaryReads, ServiceError> {
        let store = self.store();
        let previous = period.previous();
        if !period.is_whole_hours() {
            let tickets = store.list_rolled_up_tickets(filter).await?;
            let report = SummaryReport {
                from: period.from,
                to: period.to,
                current: summarize(&tickets, period, filter),
                previous: summarize(&tickets, previous, filter),
            };
            let opening_backlog = i64::try_from(report.previous.backlog).unwrap_or(i64::MAX);
            return Ok(SummaryReads { report, opening_backlog, current: None });
        }
        let mut backlog = store.rollup_backlog_at(previous.from, filter).await?;
        let (previous_summary, _) = self.rolled_up_summary(previous, filter, &mut backlog).await?;
        let opening_backlog = backlog;
        let (current, reads) = self.rolled_up_summary(period, filter, &mut backlog).await?;
        let report = SummaryReport { from: period.from, to: period.to, current, previous: previous_summary };
        Ok(SummaryReads { report, opening_backlog, current: Some(reads) })
    }

    /// A whole-hours period's summary from the rollups, given the backlog when it starts (moved on to its end),
    /// and what it read.
    async fn rolled_up_summary(
        &self,
        period: ReportPeriod,
        filter: &AnalyticsFilter,
        backlog: &mut i64,
    ) -> Result<(PeriodSummary, PeriodReads), ServiceError> {
        let store = self.store();
        let durations = store.rolled_up_durations(period, filter).await?;
        let days = store.list_day_rollups(period, filter).await?;
        *backlog += days.iter().map(|(_, day)| day.counts.backlog_delta).sum::<i64>();
        let reads = PeriodReads { days: days.clone(), resolution_seconds: durations.resolution_seconds.clone() };
        let rolled_up = RolledUpPeriod {
            days,
            backlog: *backlog,
            first_response_seconds: durations.first_response_seconds,
            resolution_seconds: durations.resolution_seconds,
        };
        Ok((rolled_up.summary(), reads))
    }

    /// Computes a ticket's facts from its history again and brings the rollups in step: after every change to the
    /// ticket, its messages or its survey. A ticket that no longer exists is taken out.
    pub async fn refresh_ticket_analytics(&self, ticket_id: &str) -> Result<(), ServiceError> {
        let sources = self.store().analytics_sources(&[ticket_id.to_owned()]).await?;
        let reported = match sources.into_iter().next() {
            Some(source) => Some(self.reported_ticket(source).await?),
            None => None,
        };
        self.store().save_ticket_rollup(ticket_id, reported.as_ref(), now()).await?;
        Ok(())
    }

    /// Empties the rollups and computes every ticket again (`tidings analytics rebuild`); returns how many.
    pub async fn rebuild_analytics(&self) -> Result<u64, ServiceError> {
        self.store().clear_analytics_rollups().await?;
        let mut after: Option<String> = None;
        let mut count = 0u64;
        loop {
            let ids = self.store().list_ticket_ids(after.as_deref(), REBUILD_PAGE).await?;
            let Some(last) = ids.last().cloned() else { return Ok(count) };
            for source in self.store().analytics_sources(&ids).await? {
                let reported = self.reported_ticket(source).await?;
                self.store().save_ticket_rollup(&reported.id.clone(), Some(&reported), now()).await?;
                count += 1;
            }
            after = Some(last);
        }
    }

    async fn reported_ticket(&self, source: AnalyticsSourceRecord) -> Result<ReportedTicket, ServiceError> {
        let calendar = match &source.sla_calendar_id {
            Some(id) => self.analytics_calendar(id).await?,
            None => None,
        };
        Ok(ReportedTicket {
            facts: ticket_facts(&source.history, calendar.as_ref()),
            id: source.ticket_id,
            dimensions: source.dimensions,
            sla_met: sla_met_from_headline(source.sla_state),
            csat: source.csat,
        })
    }

    /// The calendar a ticket's SLA was computed in; a deleted or unreadable one counts as none (around the clock).
    async fn analytics_calendar(&self, id: &str) -> Result<Option<BusinessCalendar>, ServiceError> {
        let record = self.store().find_sla_calendar(id).await?;
        Ok(record.and_then(|record| serde_json::from_str(&record.definition).ok()))
    }
}
