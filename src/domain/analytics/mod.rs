//! Analytics for supervisors and agents: metrics computed from each ticket's history (never from counters that could
//! drift), percentiles, reporting periods and filters, distributions, the CSAT rating and its signed link, and
//! accessible server-drawn charts. Pure and wasm-safe; the service reads histories and rollups from the store and
//! calls these functions, so the dashboard, the REST summary, the exports and the tests count the same way.
//!
//! Definitions of every number are in `history` (per ticket) and `summary` (per period), and in the README.

mod chart;
mod csat;
mod csat_token;
mod daily;
mod dashboard;
mod distribution;
mod drill_down;
mod export;
mod filter;
mod heatmap;
mod history;
mod percentile;
mod period;
mod rollup;
mod sla_outcome;
mod summary;
mod weekly_report;

pub use chart::{
    escape_markup, format_value, nice_axis_max, render_bar_chart, render_data_table, render_line_chart,
    render_linked_data_table, ChartData, ChartSeries,
};
pub use csat::{
    should_send_survey, survey_invitation, survey_link, CsatComment, CsatRating, SurveyCandidate, SURVEY_VALID_DAYS,
};
pub use csat_token::{issue_csat_token, verify_csat_token, CsatSigningKey, CsatTokenClaims, CsatTokenError};
pub use daily::{daily_changes, day_of, days_of_hours, DayCounts, RollupSpans};
pub use dashboard::{
    daily_from_rollup, peak_hours_from_rollup, resolution_bucket_counts, sort_breakdown, trend, Breakdown,
    BreakdownRow, DashboardReport, Trend,
};
pub use distribution::{
    daily_series, resolution_bucket, resolution_distribution, BucketCount, DailyPoint, PeakHours, RESOLUTION_BUCKETS,
};
pub use drill_down::{day_query, drill_down_query, group_query, DrillMetric, FINISHED_STATUSES, UNFINISHED_STATUSES};
pub use export::{
    csv_header, csv_line, spreadsheet_safe, summary_rows, ticket_row, ExportCell, SUMMARY_COLUMNS, TICKET_COLUMNS,
};
pub use filter::{AnalyticsFilter, Dimension, KnownFilterValues, TicketDimensions};
pub use heatmap::{heat_level, render_heatmap, render_heatmap_table, HeatmapData, HEAT_LEVELS};
pub use history::{ticket_facts, BacklogChange, TicketFacts, TicketHistory};
pub use percentile::{nearest_rank, percentile, percentile_of_sorted, Percent, P50P90};
pub use period::{PeriodPreset, ReportPeriod, MAX_PERIOD_DAYS};
pub use rollup::{hour_of, hourly_contributions, rollup_changes, HourlyCounts, RolledUpPeriod, RollupKey};
pub use sla_outcome::{sla_met, sla_met_from_headline};
pub use summary::{
    ratio, summarize, summary_report, CsatFact, PeriodSummary, ReportedTicket, SummaryReport, SummaryTally,
};

pub use weekly_report::{weekly_report_mail, ReportMail, WeeklySchedule};

#[cfg(test)]
mod tests;
