//! The supervisor dashboard: the KPI summary with the series and breakdowns around it, all from the rollup tables.
//! Supervisors and admins only, with the summary's checks (a bad period or unknown filter value is a 422).

use super::analytics::{AnalyticsQuery, PeriodReads};
use super::{Actor, ServiceError, Services};
use crate::domain::analytics::{
    daily_from_rollup, peak_hours_from_rollup, resolution_bucket_counts, sort_breakdown, Breakdown, DashboardReport,
    Dimension,
};

impl Services {
    /// Everything `/supervisor` shows for the period and filter asked for.
    pub async fn analytics_dashboard(
        &self,
        actor: &Actor,
        query: &AnalyticsQuery,
    ) -> Result<DashboardReport, ServiceError> {
        let (period, filter) = self.supervisor_scope(actor, query).await?;
        let reads = self.summary_reads(period, &filter).await?;
        let store = self.store();
        let PeriodReads { days, resolution_seconds } = match reads.current {
            Some(current) => current,
            None => PeriodReads {
                days: store.list_day_rollups(period, &filter).await?,
                resolution_seconds: store.rolled_up_durations(period, &filter).await?.resolution_seconds,
            },
        };
        let mut breakdowns = Vec::with_capacity(Dimension::ALL.len());
        for dimension in Dimension::ALL {
            let mut rows = store.rolled_up_breakdown(period, &filter, dimension).await?;
            sort_breakdown(&mut rows);
            breakdowns.push(Breakdown { dimension, rows });
        }
        Ok(DashboardReport {
            summary: reads.report,
            daily: daily_from_rollup(&days, reads.opening_backlog, period),
            peak_hours: peak_hours_from_rollup(&days),
            resolution_buckets: resolution_bucket_counts(&resolution_seconds),
            breakdowns,
            filter,
        })
    }
}
