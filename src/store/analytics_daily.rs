//! The SQL of the daily rollup (`analytics_daily`, migration 0026; `domain::analytics::daily`) for both backends:
//! its writes, which go with every write of the hourly rows, and the reads of a period, the backlog and the
//! breakdowns by team, channel or agent. Each read takes a period's whole days from the daily table and its other
//! hours from the hourly one ([`ReportPeriod::rollup_spans`]).

use chrono::{DateTime, Utc};

use super::analytics_records::{filter_conditions, hourly_counts, hourly_values, HOURLY_COUNT_COLUMNS};
use super::assembled_sql::{AssembledSql, BindValue};
use crate::domain::analytics::{day_of, AnalyticsFilter, DayCounts, Dimension, ReportPeriod};

/// The columns of the tickets created in each hour of the day, `created_h00` to `created_h23`.
fn created_hour_columns() -> impl Iterator<Item = String> {
    (0..24).map(|hour| format!("created_h{hour:02}"))
}

/// Every counter column of `analytics_daily`: the hourly counters, then the created-per-hour ones.
fn daily_count_columns() -> Vec<String> {
    HOURLY_COUNT_COLUMNS.iter().map(|column| column.to_string()).chain(created_hour_columns()).collect()
}

/// The counters of a daily change in [`daily_count_columns`] order.
pub(crate) fn daily_values(day: &DayCounts) -> Vec<i64> {
    hourly_values(&day.counts).into_iter().chain(day.created_by_hour).collect()
}

/// A day's counters from the values of [`daily_count_columns`], in order.
pub(crate) fn day_counts(values: &[i64]) -> DayCounts {
    let value = |index: usize| values.get(index).copied().unwrap_or_default();
    let counts = hourly_counts(std::array::from_fn(value));
    let created_by_hour = std::array::from_fn(|hour| value(HOURLY_COUNT_COLUMNS.len() + hour));
    DayCounts { counts, created_by_hour }
}

/// Adds a change to a day's row (`$1`-`$4`: day, team, channel, agent; then the counters), creating it if missing.
pub(crate) fn upsert_daily_sql() -> String {
    let columns = daily_count_columns();
    let params: Vec<String> = (5..5 + columns.len()).map(|n| format!("${n}")).collect();
    let updates: Vec<String> =
        columns.iter().map(|column| format!("{column} = analytics_daily.{column} + excluded.{column}")).collect();
    format!(
        "INSERT INTO analytics_daily (day, team_id, channel, agent_id, {}) VALUES ($1, $2, $3, $4, {}) \
         ON CONFLICT (day, team_id, channel, agent_id) DO UPDATE SET {}",
        columns.join(", "),
        params.join(", "),
        updates.join(", ")
    )
}

/// Removes a day's row whose counters all came back to zero.
pub(crate) fn delete_empty_daily_sql() -> String {
    let zero: Vec<String> = daily_count_columns().iter().map(|column| format!("{column} = 0")).collect();
    format!(
        "DELETE FROM analytics_daily WHERE day = $1 AND team_id = $2 AND channel = $3 AND agent_id = $4 AND {}",
        zero.join(" AND ")
    )
}

/// ` AND (…)` keeping the hourly rows inside these spans, or `None` for no spans.
fn within_hours(sql: &mut AssembledSql, spans: &[ReportPeriod]) -> Option<String> {
    let ranges: Vec<String> = spans
        .iter()
        .map(|span| {
            let from = sql.param(BindValue::Time(Some(span.from)));
            let to = sql.param(BindValue::Time(Some(span.to)));
            format!("(hour >= {from} AND hour < {to})")
        })
        .collect();
    (!ranges.is_empty()).then(|| format!(" AND ({})", ranges.join(" OR ")))
}

/// The period's whole days, summed per day over the rows the filter takes: the day, then
/// [`daily_count_columns`]. `None` when the period holds no whole day.
pub(crate) fn whole_days_sql(sql: &mut AssembledSql, period: ReportPeriod, filter: &AnalyticsFilter) -> Option<String> {
    let days = period.rollup_spans().days?;
    let from = sql.param(BindValue::Time(Some(days.from)));
    let to = sql.param(BindValue::Time(Some(days.to)));
    let conditions = filter_conditions(sql, filter);
    let sums: Vec<String> =
        daily_count_columns().iter().map(|column| format!("CAST(SUM({column}) AS BIGINT)")).collect();
    Some(format!(
        "SELECT day, {} FROM analytics_daily WHERE day >= {from} AND day < {to}{conditions} GROUP BY day",
        sums.join(", ")
    ))
}

/// The period's hours outside its whole days, summed per hour over the rows the filter takes (as `HourlyRow`s).
/// `None` when the period is whole days.
pub(crate) fn leftover_hours_sql(
    sql: &mut AssembledSql,
    period: ReportPeriod,
    filter: &AnalyticsFilter,
) -> Option<String> {
    let within = within_hours(sql, &period.rollup_spans().hours)?;
    let conditions = filter_conditions(sql, filter);
    let sums: Vec<String> =
        HOURLY_COUNT_COLUMNS.iter().map(|column| format!("CAST(SUM({column}) AS BIGINT) AS {column}")).collect();
    Some(format!(
        "SELECT hour, '' AS team_id, '' AS channel, '' AS agent_id, {} FROM analytics_hourly \
         WHERE 1 = 1{within}{conditions} GROUP BY hour",
        sums.join(", ")
    ))
}

/// The backlog at `at` (a whole hour): the backlog changes of every day before its day, and of its day's hours
/// before it.
pub(crate) fn backlog_at_sql(sql: &mut AssembledSql, at: DateTime<Utc>, filter: &AnalyticsFilter) -> String {
    let midnight = day_of(at);
    let before_day = sql.param(BindValue::Time(Some(midnight)));
    let day_conditions = filter_conditions(sql, filter);
    let hours = if midnight < at {
        let within = within_hours(sql, &[ReportPeriod { from: midnight, to: at }]).unwrap_or_default();
        let conditions = filter_conditions(sql, filter);
        format!(" + (SELECT COALESCE(SUM(backlog_delta), 0) FROM analytics_hourly WHERE 1 = 1{within}{conditions})")
    } else {
        String::new()
    };
    format!(
        "SELECT CAST((SELECT COALESCE(SUM(backlog_delta), 0) FROM analytics_daily \
         WHERE day < {before_day}{day_conditions}){hours} AS BIGINT)"
    )
}

/// Tickets created and finally resolved in a whole-hours period grouped by team, channel or agent, from the
/// rollups (their keys); `None` for a dimension they are not keyed by.
pub(crate) fn rolled_up_breakdown_sql(
    sql: &mut AssembledSql,
    period: ReportPeriod,
    filter: &AnalyticsFilter,
    dimension: Dimension,
) -> Option<String> {
    let column = match dimension {
        Dimension::Channel => "channel",
        Dimension::Team => "team_id",
        Dimension::Agent => "agent_id",
        Dimension::Category | Dimension::Priority => return None,
    };
    let spans = period.rollup_spans();
    let mut parts = Vec::new();
    if let Some(days) = spans.days {
        let from = sql.param(BindValue::Time(Some(days.from)));
        let to = sql.param(BindValue::Time(Some(days.to)));
        let conditions = filter_conditions(sql, filter);
        parts.push(format!(
            "SELECT {column} AS grouped, created, resolved FROM analytics_daily \
             WHERE day >= {from} AND day < {to}{conditions}"
        ));
    }
    if let Some(within) = within_hours(sql, &spans.hours) {
        let conditions = filter_conditions(sql, filter);
        parts.push(format!(
            "SELECT {column} AS grouped, created, resolved FROM analytics_hourly WHERE 1 = 1{within}{conditions}"
        ));
    }
    Some(format!(
        "SELECT grouped, CAST(SUM(created) AS BIGINT), CAST(SUM(resolved) AS BIGINT) FROM ({}) parts \
         GROUP BY grouped HAVING SUM(created) <> 0 OR SUM(resolved) <> 0",
        parts.join(" UNION ALL ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_counts_round_trip_in_column_order() {
        let mut day = DayCounts::default();
        day.counts.created = 3;
        day.counts.csat_rating_sum = 9;
        day.created_by_hour[23] = 3;
        let values = daily_values(&day);
        assert_eq!(values.len(), daily_count_columns().len());
        assert_eq!(day_counts(&values), day);
        assert!(upsert_daily_sql().contains("created_h23 = analytics_daily.created_h23 + excluded.created_h23"));
    }
}
