//! Analytics in the store: the raw history each ticket's facts are computed from (with its CSAT survey, stored by
//! [`CsatSurveyStore`](super::CsatSurveyStore)), and the rollups (`analytics_ticket_facts`, `analytics_hourly`) maintained incrementally from
//! those facts. Written once over `$n` SQL for both backends (see `queries.rs`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::analytics_records::{AnalyticsSourceRecord, ExportedTicketRecord};
use super::DbError;
use crate::domain::analytics::{AnalyticsFilter, BreakdownRow, DayCounts, Dimension, ReportPeriod, ReportedTicket};

/// The per-ticket durations counted in a period, for percentiles.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RolledUpDurations {
    /// First response times of tickets first answered in the period.
    pub first_response_seconds: Vec<i64>,
    /// Resolution times of tickets finally resolved in the period.
    pub resolution_seconds: Vec<i64>,
}

#[async_trait]
pub trait AnalyticsStore: Send + Sync {
    /// What the facts of these tickets are computed from. Unknown ids are left out; any order.
    async fn analytics_sources(&self, ticket_ids: &[String]) -> Result<Vec<AnalyticsSourceRecord>, DbError>;
    /// Ticket ids in id order after `after`, at most `limit`: pages for a rebuild.
    async fn list_ticket_ids(&self, after: Option<&str>, limit: u32) -> Result<Vec<String>, DbError>;

    /// Replaces the ticket's rolled-up facts with `facts` (`None` removes them) and changes the hourly rows by the
    /// difference, in one transaction, so the rollup always equals the sum of the stored facts.
    async fn save_ticket_rollup(
        &self,
        ticket_id: &str,
        facts: Option<&ReportedTicket>,
        at: DateTime<Utc>,
    ) -> Result<(), DbError>;
    /// Empties both rollup tables (before a rebuild).
    async fn clear_analytics_rollups(&self) -> Result<(), DbError>;
    /// The counters of each UTC day of `period` (whole hours), summed over the rows the filter takes (every team,
    /// channel and agent it lets through), in day order; a day the period covers in part holds only the period's
    /// hours. Whole days come from the daily rollup, the other hours from the hourly one, summed in the database:
    /// a 90-day period at 1,000,000 tickets is about 27,000 daily rows, where it was 400,000 hourly ones.
    async fn list_day_rollups(
        &self,
        period: ReportPeriod,
        filter: &AnalyticsFilter,
    ) -> Result<Vec<(DateTime<Utc>, DayCounts)>, DbError>;
    /// The backlog at `at` (a whole hour): the sum of the backlog changes of everything before it (whole days from
    /// the daily rollup).
    async fn rollup_backlog_at(&self, at: DateTime<Utc>, filter: &AnalyticsFilter) -> Result<i64, DbError>;
    async fn rolled_up_durations(
        &self,
        period: ReportPeriod,
        filter: &AnalyticsFilter,
    ) -> Result<RolledUpDurations, DbError>;
    /// Tickets created and tickets finally resolved in `period` that the filter takes, grouped by `dimension`:
    /// from the rollup rows for team, channel and agent (their keys) when the period is whole hours, else from the
    /// per-ticket rollup. Groups with neither are left out, in no particular order.
    async fn rolled_up_breakdown(
        &self,
        period: ReportPeriod,
        filter: &AnalyticsFilter,
        dimension: Dimension,
    ) -> Result<Vec<BreakdownRow>, DbError>;
    /// Every rolled-up ticket the filter takes, as last rolled up (for exports and the rollup-versus-raw check).
    async fn list_rolled_up_tickets(&self, filter: &AnalyticsFilter) -> Result<Vec<ReportedTicket>, DbError>;
    /// The ids of the rolled-up tickets behind a period's numbers (created, first answered or finally resolved in
    /// it) that the filter takes, in id order: the rows of an export.
    async fn list_exported_ticket_ids(
        &self,
        period: ReportPeriod,
        filter: &AnalyticsFilter,
    ) -> Result<Vec<String>, DbError>;
    /// These rolled-up tickets with their numbers, in id order (ids without facts are left out): a page of an
    /// export.
    async fn find_exported_tickets(&self, ticket_ids: &[String]) -> Result<Vec<ExportedTicketRecord>, DbError>;
}

/// The tickets behind a period's numbers: created, first answered or resolved in it, with the filter's conditions.
pub(crate) fn exported_ticket_conditions(
    sql: &mut crate::store::assembled_sql::AssembledSql,
    period: ReportPeriod,
    filter: &AnalyticsFilter,
) -> String {
    use crate::store::assembled_sql::BindValue;
    let from = sql.param(BindValue::Time(Some(period.from)));
    let to = sql.param(BindValue::Time(Some(period.to)));
    let within = |column: &str| format!("({column} >= {from} AND {column} < {to})");
    let conditions = crate::store::analytics_records::filter_conditions(sql, filter);
    format!("({} OR {} OR {}){conditions}", within("created_at"), within("first_response_at"), within("resolved_at"))
}

/// Implements [`AnalyticsStore`] for a backend struct with `reader()`, `writer()` and `begin_write()`.
macro_rules! impl_analytics_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::AnalyticsStore for $store {
            async fn analytics_sources(
                &self,
                ticket_ids: &[String],
            ) -> Result<Vec<$crate::store::AnalyticsSourceRecord>, $crate::store::DbError> {
                use $crate::store::assembled_sql::{bind_all, AssembledSql};
                if ticket_ids.is_empty() {
                    return Ok(Vec::new());
                }
                let mut ids = AssembledSql::default();
                let params = ticket_ids.iter().map(|id| ids.text(id)).collect::<Vec<_>>().join(", ");
                let text = format!(
                    "SELECT {} FROM tickets WHERE id IN ({params})",
                    $crate::store::analytics_records::SOURCE_COLUMNS
                );
                let tickets = bind_all(sqlx::query_as(&text), &ids.binds).fetch_all(self.reader()).await?;
                let text = format!(
                    "SELECT ticket_id, data, created_at FROM ticket_events \
                     WHERE ticket_id IN ({params}) AND kind = 'status_changed'"
                );
                let changes = bind_all(sqlx::query_as(&text), &ids.binds).fetch_all(self.reader()).await?;
                let text = format!(
                    "SELECT {} FROM csat_surveys WHERE ticket_id IN ({params})",
                    $crate::store::csat_queries::SURVEY_COLUMNS
                );
                let surveys = bind_all(sqlx::query_as(&text), &ids.binds).fetch_all(self.reader()).await?;
                $crate::store::analytics_records::sources_from_rows(tickets, changes, surveys)
            }

            async fn list_ticket_ids(
                &self,
                after: Option<&str>,
                limit: u32,
            ) -> Result<Vec<String>, $crate::store::DbError> {
                Ok(sqlx::query_scalar("SELECT id FROM tickets WHERE id > $1 ORDER BY id LIMIT $2")
                    .bind(after.unwrap_or(""))
                    .bind(i64::from(limit))
                    .fetch_all(self.reader())
                    .await?)
            }

            async fn save_ticket_rollup(
                &self,
                ticket_id: &str,
                facts: Option<&$crate::domain::analytics::ReportedTicket>,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::DbError> {
                use $crate::store::analytics_daily::{daily_values, delete_empty_daily_sql, upsert_daily_sql};
                use $crate::store::analytics_records::{
                    delete_empty_hourly_sql, hourly_values, parse_rolled_up, upsert_hourly_sql,
                };
                let mut tx = self.begin_write().await?;
                let old_json: Option<String> =
                    sqlx::query_scalar("SELECT facts FROM analytics_ticket_facts WHERE ticket_id = $1")
                        .bind(ticket_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let old = old_json.map(|json| parse_rolled_up(ticket_id, &json)).transpose()?;
                let changes = $crate::domain::analytics::rollup_changes(old.as_ref(), facts);
                let hourly_sql = (upsert_hourly_sql(), delete_empty_hourly_sql());
                let daily_sql = (upsert_daily_sql(), delete_empty_daily_sql());
                // Each row change: added to its row (created if missing), which goes if it came back to zero.
                let row_changes = changes
                    .iter()
                    .map(|(key, change)| (&hourly_sql, key.clone(), hourly_values(change).to_vec()))
                    .chain(
                        $crate::domain::analytics::daily_changes(&changes)
                            .into_iter()
                            .map(|(key, change)| (&daily_sql, key, daily_values(&change))),
                    );
                for ((upsert, delete_empty), key, values) in row_changes {
                    let (team_id, agent_id) = (key.team_id.unwrap_or_default(), key.agent_id.unwrap_or_default());
                    let mut query =
                        sqlx::query(upsert).bind(key.hour).bind(&team_id).bind(&key.channel).bind(&agent_id);
                    for value in values {
                        query = query.bind(value);
                    }
                    query.execute(&mut *tx).await?;
                    sqlx::query(delete_empty)
                        .bind(key.hour)
                        .bind(&team_id)
                        .bind(&key.channel)
                        .bind(&agent_id)
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query("DELETE FROM analytics_ticket_facts WHERE ticket_id = $1")
                    .bind(ticket_id)
                    .execute(&mut *tx)
                    .await?;
                if let Some(ticket) = facts {
                    let json = serde_json::to_string(ticket)
                        .map_err(|err| $crate::store::DbError::Corrupt(format!("facts of {ticket_id}: {err}")))?;
                    let dimensions = &ticket.dimensions;
                    let reopen_count = i64::from(ticket.facts.reopen_count);
                    sqlx::query(
                        "INSERT INTO analytics_ticket_facts (ticket_id, team_id, channel, agent_id, priority, \
                         category, created_at, first_response_at, first_response_s, resolved_at, resolution_s, \
                         reopen_count, sla_met, facts, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                    )
                    .bind(ticket_id)
                    .bind(dimensions.team_id.as_deref().unwrap_or_default())
                    .bind(dimensions.channel.as_str())
                    .bind(dimensions.agent_id.as_deref().unwrap_or_default())
                    .bind(dimensions.priority.as_str())
                    .bind(dimensions.category.as_deref())
                    .bind(ticket.facts.created_at)
                    .bind(ticket.facts.first_response_at)
                    .bind(ticket.facts.first_response_seconds)
                    .bind(ticket.facts.resolved_at)
                    .bind(ticket.facts.resolution_seconds)
                    .bind(reopen_count)
                    .bind(ticket.sla_met)
                    .bind(json)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn clear_analytics_rollups(&self) -> Result<(), $crate::store::DbError> {
                let mut tx = self.begin_write().await?;
                sqlx::query("DELETE FROM analytics_hourly").execute(&mut *tx).await?;
                sqlx::query("DELETE FROM analytics_daily").execute(&mut *tx).await?;
                sqlx::query("DELETE FROM analytics_ticket_facts").execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn list_day_rollups(
                &self,
                period: $crate::domain::analytics::ReportPeriod,
                filter: &$crate::domain::analytics::AnalyticsFilter,
            ) -> Result<
                Vec<(chrono::DateTime<chrono::Utc>, $crate::domain::analytics::DayCounts)>,
                $crate::store::DbError,
            > {
                use sqlx::Row;
                use $crate::store::analytics_daily::{day_counts, leftover_hours_sql, whole_days_sql};
                use $crate::store::analytics_records::HourlyRow;
                use $crate::store::assembled_sql::{bind_all, AssembledSql};
                let mut days = std::collections::BTreeMap::new();
                let mut sql = AssembledSql::default();
                if let Some(text) = leftover_hours_sql(&mut sql, period, filter) {
                    let rows: Vec<HourlyRow> =
                        bind_all(sqlx::query_as(&text), &sql.binds).fetch_all(self.reader()).await?;
                    let hours = rows.into_iter().map(|row| {
                        let (key, counts): ($crate::domain::analytics::RollupKey, _) = row.into();
                        (key.hour, counts)
                    });
                    days = $crate::domain::analytics::days_of_hours(hours);
                }
                let mut sql = AssembledSql::default();
                if let Some(text) = whole_days_sql(&mut sql, period, filter) {
                    for row in bind_all(sqlx::query(&text), &sql.binds).fetch_all(self.reader()).await? {
                        let day: chrono::DateTime<chrono::Utc> = row.try_get(0)?;
                        let values =
                            (1..row.len()).map(|index| row.try_get::<i64, _>(index)).collect::<Result<Vec<_>, _>>()?;
                        days.entry(day).or_default().add(&day_counts(&values));
                    }
                }
                Ok(days.into_iter().collect())
            }

            async fn rollup_backlog_at(
                &self,
                at: chrono::DateTime<chrono::Utc>,
                filter: &$crate::domain::analytics::AnalyticsFilter,
            ) -> Result<i64, $crate::store::DbError> {
                use $crate::store::assembled_sql::{bind_all, AssembledSql};
                let mut sql = AssembledSql::default();
                let text = $crate::store::analytics_daily::backlog_at_sql(&mut sql, at, filter);
                Ok(bind_all(sqlx::query_scalar(&text), &sql.binds).fetch_one(self.reader()).await?)
            }

            async fn rolled_up_durations(
                &self,
                period: $crate::domain::analytics::ReportPeriod,
                filter: &$crate::domain::analytics::AnalyticsFilter,
            ) -> Result<$crate::store::RolledUpDurations, $crate::store::DbError> {
                use $crate::store::analytics_records::filter_conditions;
                use $crate::store::assembled_sql::{bind_all, AssembledSql, BindValue};
                let mut durations = $crate::store::RolledUpDurations::default();
                for (at_column, seconds_column) in
                    [("first_response_at", "first_response_s"), ("resolved_at", "resolution_s")]
                {
                    let mut sql = AssembledSql::default();
                    let from = sql.param(BindValue::Time(Some(period.from)));
                    let to = sql.param(BindValue::Time(Some(period.to)));
                    let conditions = filter_conditions(&mut sql, filter);
                    // One row of joined numbers: a 90-day period at 1,000,000 tickets holds about 250,000
                    // durations of each kind, and fetching them as rows cost more than finding them.
                    let text = format!(
                        "SELECT string_agg(CAST({seconds_column} AS TEXT), ',') FROM analytics_ticket_facts \
                         WHERE {at_column} >= {from} AND {at_column} < {to} AND {seconds_column} IS NOT NULL\
                         {conditions}"
                    );
                    let joined: Option<String> =
                        bind_all(sqlx::query_scalar(&text), &sql.binds).fetch_one(self.reader()).await?;
                    let seconds = $crate::store::analytics_records::joined_seconds(joined.as_deref())?;
                    if at_column == "first_response_at" {
                        durations.first_response_seconds = seconds;
                    } else {
                        durations.resolution_seconds = seconds;
                    }
                }
                Ok(durations)
            }

            async fn rolled_up_breakdown(
                &self,
                period: $crate::domain::analytics::ReportPeriod,
                filter: &$crate::domain::analytics::AnalyticsFilter,
                dimension: $crate::domain::analytics::Dimension,
            ) -> Result<Vec<$crate::domain::analytics::BreakdownRow>, $crate::store::DbError> {
                use $crate::store::analytics_records::{breakdown_row, breakdown_sql};
                use $crate::store::assembled_sql::{bind_all, AssembledSql};
                let mut sql = AssembledSql::default();
                let from_rollups = period.is_whole_hours().then(|| {
                    $crate::store::analytics_daily::rolled_up_breakdown_sql(&mut sql, period, filter, dimension)
                });
                let text = match from_rollups.flatten() {
                    Some(text) => text,
                    None => breakdown_sql(&mut sql, period, filter, dimension),
                };
                let rows: Vec<(Option<String>, i64, i64)> =
                    bind_all(sqlx::query_as(&text), &sql.binds).fetch_all(self.reader()).await?;
                Ok(rows.into_iter().map(breakdown_row).collect())
            }

            async fn list_rolled_up_tickets(
                &self,
                filter: &$crate::domain::analytics::AnalyticsFilter,
            ) -> Result<Vec<$crate::domain::analytics::ReportedTicket>, $crate::store::DbError> {
                use $crate::store::analytics_records::{filter_conditions, parse_rolled_up};
                use $crate::store::assembled_sql::{bind_all, AssembledSql};
                let mut sql = AssembledSql::default();
                let conditions = filter_conditions(&mut sql, filter);
                let text = format!("SELECT ticket_id, facts FROM analytics_ticket_facts WHERE 1 = 1{conditions}");
                let rows: Vec<(String, String)> =
                    bind_all(sqlx::query_as(&text), &sql.binds).fetch_all(self.reader()).await?;
                rows.iter().map(|(id, json)| parse_rolled_up(id, json)).collect()
            }

            async fn list_exported_ticket_ids(
                &self,
                period: $crate::domain::analytics::ReportPeriod,
                filter: &$crate::domain::analytics::AnalyticsFilter,
            ) -> Result<Vec<String>, $crate::store::DbError> {
                use $crate::store::assembled_sql::{bind_all, AssembledSql};
                let mut sql = AssembledSql::default();
                let matching = $crate::store::analytics_queries::exported_ticket_conditions(&mut sql, period, filter);
                let text = format!("SELECT ticket_id FROM analytics_ticket_facts WHERE {matching} ORDER BY ticket_id");
                Ok(bind_all(sqlx::query_scalar(&text), &sql.binds).fetch_all(self.reader()).await?)
            }

            async fn find_exported_tickets(
                &self,
                ticket_ids: &[String],
            ) -> Result<Vec<$crate::store::ExportedTicketRecord>, $crate::store::DbError> {
                use $crate::store::analytics_records::parse_rolled_up;
                use $crate::store::assembled_sql::{bind_all, AssembledSql};
                if ticket_ids.is_empty() {
                    return Ok(Vec::new());
                }
                let mut sql = AssembledSql::default();
                let ids = ticket_ids.iter().map(|id| sql.text(id)).collect::<Vec<_>>().join(", ");
                let text = format!(
                    "SELECT ticket_id, (SELECT CAST(number AS BIGINT) FROM tickets WHERE tickets.id = ticket_id), \
                     facts FROM analytics_ticket_facts WHERE ticket_id IN ({ids}) ORDER BY ticket_id"
                );
                let rows: Vec<(String, Option<i64>, String)> =
                    bind_all(sqlx::query_as(&text), &sql.binds).fetch_all(self.reader()).await?;
                rows.into_iter()
                    .map(|(id, number, json)| {
                        Ok($crate::store::ExportedTicketRecord {
                            number: number.unwrap_or_default(),
                            ticket: parse_rolled_up(&id, &json)?,
                        })
                    })
                    .collect()
            }
        }
    };
}

pub(crate) use impl_analytics_store;
