//! What the analytics store reads and writes: CSAT surveys, the raw history a ticket's facts are computed from, and
//! the rollup rows; plus the pure helpers that turn rows into domain values, shared by both backends.

use chrono::{DateTime, Utc};

use super::assembled_sql::AssembledSql;
use super::sla_records::StatusChangeRow;
use super::DbError;
use crate::domain::analytics::{
    AnalyticsFilter, BreakdownRow, CsatFact, CsatRating, Dimension, HourlyCounts, ReportPeriod, ReportedTicket,
    RollupKey, TicketDimensions, TicketHistory,
};
use crate::domain::sla::SlaState;
use crate::domain::ticket::{Channel, Priority, TicketStatus};

/// One ticket's survey. `rating` and `answered_at` are set together, once.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CsatSurveyRecord {
    pub id: String,
    pub ticket_id: String,
    /// SHA-256 (hex) of the link token; the token itself is never stored.
    pub token_hash: String,
    pub channel: String,
    pub sent_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub rating: Option<i32>,
    pub comment: Option<String>,
}

impl CsatSurveyRecord {
    /// The survey as reports count it.
    pub fn fact(&self) -> Result<CsatFact, DbError> {
        let rating = self
            .rating
            .map(|value| {
                u8::try_from(value)
                    .ok()
                    .and_then(|value| CsatRating::new(value).ok())
                    .ok_or_else(|| DbError::Corrupt(format!("survey {} rating {value}", self.id)))
            })
            .transpose()?;
        Ok(CsatFact { sent_at: self.sent_at, answered_at: self.answered_at, rating })
    }
}

/// Everything a ticket's facts are computed from, as stored. The calendar is the one its SLA was last computed in
/// (`tickets.sla_calendar_id`); the service loads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnalyticsSourceRecord {
    pub ticket_id: String,
    pub dimensions: TicketDimensions,
    pub history: TicketHistory,
    pub sla_calendar_id: Option<String>,
    /// The ticket's headline SLA state (`tickets.sla_state`).
    pub sla_state: Option<SlaState>,
    pub csat: Option<CsatFact>,
}

/// One row of an export: a rolled-up ticket with the number people know it by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportedTicketRecord {
    pub number: i64,
    pub ticket: ReportedTicket,
}

pub(crate) const SOURCE_COLUMNS: &str = "id, status, priority, category, channel, assignee_id, team_id, \
     merged_into_id, created_at, first_response_at, resolved_at, sla_calendar_id, sla_state";

#[derive(sqlx::FromRow)]
pub(crate) struct SourceRow {
    id: String,
    status: String,
    priority: String,
    category: Option<String>,
    channel: String,
    assignee_id: Option<String>,
    team_id: Option<String>,
    merged_into_id: Option<String>,
    created_at: DateTime<Utc>,
    first_response_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    sla_calendar_id: Option<String>,
    sla_state: Option<String>,
}

/// Joins ticket rows, their status changes and surveys into sources.
pub(crate) fn sources_from_rows(
    tickets: Vec<SourceRow>,
    changes: Vec<StatusChangeRow>,
    surveys: Vec<CsatSurveyRecord>,
) -> Result<Vec<AnalyticsSourceRecord>, DbError> {
    let corrupt = |id: &str, what: &str, value: &str| DbError::Corrupt(format!("ticket {id} {what} {value:?}"));
    let mut sources = Vec::with_capacity(tickets.len());
    for row in tickets {
        let status = TicketStatus::parse(&row.status).ok_or_else(|| corrupt(&row.id, "status", &row.status))?;
        let priority = Priority::parse(&row.priority).ok_or_else(|| corrupt(&row.id, "priority", &row.priority))?;
        let channel = Channel::parse(&row.channel).ok_or_else(|| corrupt(&row.id, "channel", &row.channel))?;
        let sla_state = row
            .sla_state
            .as_deref()
            .map(|raw| SlaState::parse(raw).ok_or_else(|| corrupt(&row.id, "sla_state", raw)))
            .transpose()?;
        let status_changes = super::sla_records::status_changes_of(&row.id, &changes)?;
        let csat = surveys.iter().find(|survey| survey.ticket_id == row.id).map(CsatSurveyRecord::fact).transpose()?;
        sources.push(AnalyticsSourceRecord {
            dimensions: TicketDimensions {
                team_id: row.team_id,
                channel,
                agent_id: row.assignee_id,
                priority,
                category: row.category,
            },
            history: TicketHistory {
                created_at: row.created_at,
                first_public_staff_reply_at: row.first_response_at,
                status,
                resolved_at_stamp: row.resolved_at,
                status_changes,
                merged_duplicate: row.merged_into_id.is_some(),
            },
            ticket_id: row.id,
            sla_calendar_id: row.sla_calendar_id,
            sla_state,
            csat,
        });
    }
    Ok(sources)
}

/// A rollup row as stored (team and agent `''` for none).
#[derive(Clone, Debug, sqlx::FromRow)]
pub(crate) struct HourlyRow {
    hour: DateTime<Utc>,
    team_id: String,
    channel: String,
    agent_id: String,
    created: i64,
    resolved: i64,
    backlog_delta: i64,
    first_responses: i64,
    first_response_s_sum: i64,
    resolution_s_sum: i64,
    reopened_resolved: i64,
    sla_met: i64,
    sla_decided: i64,
    csat_sent: i64,
    csat_sent_answered: i64,
    csat_responses: i64,
    csat_rating_sum: i64,
}

pub(crate) const HOURLY_COUNT_COLUMNS: [&str; 13] = [
    "created",
    "resolved",
    "backlog_delta",
    "first_responses",
    "first_response_s_sum",
    "resolution_s_sum",
    "reopened_resolved",
    "sla_met",
    "sla_decided",
    "csat_sent",
    "csat_sent_answered",
    "csat_responses",
    "csat_rating_sum",
];

/// The counters in [`HOURLY_COUNT_COLUMNS`] order.
pub(crate) fn hourly_values(counts: &HourlyCounts) -> [i64; 13] {
    [
        counts.created,
        counts.resolved,
        counts.backlog_delta,
        counts.first_responses,
        counts.first_response_s_sum,
        counts.resolution_s_sum,
        counts.reopened_resolved,
        counts.sla_met,
        counts.sla_decided,
        counts.csat_sent,
        counts.csat_sent_answered,
        counts.csat_responses,
        counts.csat_rating_sum,
    ]
}

/// The counters from values in [`HOURLY_COUNT_COLUMNS`] order (the inverse of [`hourly_values`]).
pub(crate) fn hourly_counts(values: [i64; 13]) -> HourlyCounts {
    let [created, resolved, backlog_delta, first_responses, first_response_s_sum, resolution_s_sum, reopened_resolved, sla_met, sla_decided, csat_sent, csat_sent_answered, csat_responses, csat_rating_sum] =
        values;
    HourlyCounts {
        created,
        resolved,
        backlog_delta,
        first_responses,
        first_response_s_sum,
        resolution_s_sum,
        reopened_resolved,
        sla_met,
        sla_decided,
        csat_sent,
        csat_sent_answered,
        csat_responses,
        csat_rating_sum,
    }
}

/// Adds a change to a row, creating it: one statement on both backends.
pub(crate) fn upsert_hourly_sql() -> String {
    let columns = HOURLY_COUNT_COLUMNS.join(", ");
    let params: Vec<String> = (5..5 + HOURLY_COUNT_COLUMNS.len()).map(|n| format!("${n}")).collect();
    let updates: Vec<String> = HOURLY_COUNT_COLUMNS
        .iter()
        .map(|column| format!("{column} = analytics_hourly.{column} + excluded.{column}"))
        .collect();
    format!(
        "INSERT INTO analytics_hourly (hour, team_id, channel, agent_id, {columns}) VALUES ($1, $2, $3, $4, {}) \
         ON CONFLICT (hour, team_id, channel, agent_id) DO UPDATE SET {}",
        params.join(", "),
        updates.join(", ")
    )
}

/// Removes a row whose counters all came back to zero (its tickets moved or went), so the table only holds hours
/// with something in them.
pub(crate) fn delete_empty_hourly_sql() -> String {
    let zero: Vec<String> = HOURLY_COUNT_COLUMNS.iter().map(|column| format!("{column} = 0")).collect();
    format!(
        "DELETE FROM analytics_hourly WHERE hour = $1 AND team_id = $2 AND channel = $3 AND agent_id = $4 AND {}",
        zero.join(" AND ")
    )
}

impl From<HourlyRow> for (RollupKey, HourlyCounts) {
    fn from(row: HourlyRow) -> Self {
        let none_if_blank = |id: String| (!id.is_empty()).then_some(id);
        let key = RollupKey {
            hour: row.hour,
            team_id: none_if_blank(row.team_id),
            channel: row.channel,
            agent_id: none_if_blank(row.agent_id),
        };
        let counts = HourlyCounts {
            created: row.created,
            resolved: row.resolved,
            backlog_delta: row.backlog_delta,
            first_responses: row.first_responses,
            first_response_s_sum: row.first_response_s_sum,
            resolution_s_sum: row.resolution_s_sum,
            reopened_resolved: row.reopened_resolved,
            sla_met: row.sla_met,
            sla_decided: row.sla_decided,
            csat_sent: row.csat_sent,
            csat_sent_answered: row.csat_sent_answered,
            csat_responses: row.csat_responses,
            csat_rating_sum: row.csat_rating_sum,
        };
        (key, counts)
    }
}

/// ` AND team_id = $n …` for the filter's set parts, over a table with `team_id`, `channel` and `agent_id`.
pub(crate) fn filter_conditions(sql: &mut AssembledSql, filter: &AnalyticsFilter) -> String {
    let mut conditions = String::new();
    if let Some(team) = &filter.team_id {
        conditions.push_str(&format!(" AND team_id = {}", sql.text(team)));
    }
    if let Some(channel) = filter.channel {
        conditions.push_str(&format!(" AND channel = {}", sql.text(channel.as_str())));
    }
    if let Some(agent) = &filter.agent_id {
        conditions.push_str(&format!(" AND agent_id = {}", sql.text(agent)));
    }
    conditions
}

/// Durations in seconds joined by commas (`string_agg`), or none.
pub(crate) fn joined_seconds(joined: Option<&str>) -> Result<Vec<i64>, DbError> {
    let Some(joined) = joined.filter(|joined| !joined.is_empty()) else { return Ok(Vec::new()) };
    joined
        .split(',')
        .map(|seconds| seconds.parse().map_err(|_| DbError::Corrupt(format!("analytics duration {seconds:?}"))))
        .collect()
}

/// A stored facts row's JSON back as the ticket it was rolled up as.
pub(crate) fn parse_rolled_up(ticket_id: &str, json: &str) -> Result<ReportedTicket, DbError> {
    serde_json::from_str(json).map_err(|err| DbError::Corrupt(format!("analytics facts of {ticket_id}: {err}")))
}

/// The column of `analytics_ticket_facts` a breakdown groups by (fixed text, never client input).
fn dimension_column(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Channel => "channel",
        Dimension::Team => "team_id",
        Dimension::Agent => "agent_id",
        Dimension::Category => "category",
        Dimension::Priority => "priority",
    }
}

/// Per group: tickets created in the period, and tickets finally resolved in it (with a resolution time, as the
/// summary counts them). Reads `(group, created, resolved)`.
pub(crate) fn breakdown_sql(
    sql: &mut AssembledSql,
    period: ReportPeriod,
    filter: &AnalyticsFilter,
    dimension: Dimension,
) -> String {
    use super::assembled_sql::BindValue;
    let from = sql.param(BindValue::Time(Some(period.from)));
    let to = sql.param(BindValue::Time(Some(period.to)));
    let conditions = filter_conditions(sql, filter);
    let column = dimension_column(dimension);
    // Two branches, each read from one covering index (migration 0027), instead of one scan with an OR.
    format!(
        "SELECT grouped, CAST(SUM(created) AS BIGINT), CAST(SUM(resolved) AS BIGINT) FROM ( \
         SELECT {column} AS grouped, 1 AS created, 0 AS resolved FROM analytics_ticket_facts \
         WHERE created_at >= {from} AND created_at < {to}{conditions} \
         UNION ALL SELECT {column}, 0, 1 FROM analytics_ticket_facts \
         WHERE resolved_at >= {from} AND resolved_at < {to} AND resolution_s IS NOT NULL{conditions} \
         ) parts GROUP BY grouped"
    )
}

/// A breakdown row as read (team and agent `''` for none).
pub(crate) fn breakdown_row((key, created, resolved): (Option<String>, i64, i64)) -> BreakdownRow {
    BreakdownRow {
        key: key.filter(|key| !key.is_empty()),
        created: u64::try_from(created).unwrap_or(0),
        resolved: u64::try_from(resolved).unwrap_or(0),
    }
}
