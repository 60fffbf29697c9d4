//! `/analytics/summary` and `/analytics/export`: the supervisors' numbers and the data behind them (supervisors and
//! admins; the service checks).

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::stream;
use serde::Deserialize;
use tidings::domain::analytics::{
    csv_header, csv_line, summary_rows, ticket_row, SummaryReport, SUMMARY_COLUMNS, TICKET_COLUMNS,
};
use tidings::domain::FieldError;
use tidings::service::{AnalyticsExport, AnalyticsQuery, ServiceError, Services};

use super::analytics_xlsx::export_workbook;
use super::extract::{ApiQuery, CurrentActor};
use super::{ApiError, ErrorBody};
use crate::state::AppState;

/// The period and filters of a report. Without `from` and `to`: the last 30 days (or `preset`).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct AnalyticsParams {
    /// `today` (against yesterday), or `7d`, `30d` or `90d`: the last days up to today (UTC); ignored when `from` and
    /// `to` are given.
    pub preset: Option<String>,
    /// First day (`YYYY-MM-DD`, UTC) or instant (RFC 3339) of the period.
    pub from: Option<String>,
    /// Last day (`YYYY-MM-DD`, counted whole) or the instant the period ends before; at most 366 days after `from`.
    pub to: Option<String>,
    /// A team id.
    pub team: Option<String>,
    /// A channel: portal, widget, chat, email, whatsapp, telegram or api.
    pub channel: Option<String>,
    /// An agent's user id.
    pub agent: Option<String>,
}

impl AnalyticsParams {
    fn query(self) -> AnalyticsQuery {
        AnalyticsQuery {
            preset: self.preset,
            from: self.from,
            to: self.to,
            team: self.team,
            channel: self.channel,
            agent: self.agent,
        }
    }
}

/// The file format, then the same period and filters as the summary.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ExportParams {
    /// `csv` (default; streamed) or `xlsx`.
    pub format: Option<String>,
    /// As for the summary.
    pub preset: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub team: Option<String>,
    pub channel: Option<String>,
    pub agent: Option<String>,
}

impl ExportParams {
    fn query(self) -> AnalyticsQuery {
        let ExportParams { format: _, preset, from, to, team, channel, agent } = self;
        AnalyticsParams { preset, from, to, team, channel, agent }.query()
    }
}

#[utoipa::path(get, path = "/api/v1/analytics/summary", tag = "analytics", params(AnalyticsParams),
    responses((status = 200, description = "The period's numbers, and the previous period's under `previous`",
               body = SummaryReport),
              (status = 401, body = ErrorBody), (status = 403, description = "Not a supervisor or admin", body = ErrorBody),
              (status = 422, description = "A bad or too long period, or an unknown filter value", body = ErrorBody)))]
pub async fn summary(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiQuery(params): ApiQuery<AnalyticsParams>,
) -> Result<Json<SummaryReport>, ApiError> {
    Ok(Json(state.services.analytics_summary(&actor, &params.query()).await?))
}

#[derive(Clone, Copy)]
enum ExportFormat {
    Csv,
    Xlsx,
}

#[utoipa::path(get, path = "/api/v1/analytics/export", tag = "analytics", params(ExportParams),
    responses((status = 200, description = "CSV: the summary table (`metric,current,previous`), an empty line, then one \
               row per ticket behind the numbers. XLSX: the same as the sheets Summary and Tickets",
               content_type = "text/csv",
               headers(("X-Export-Rows" = u64, description = "How many ticket rows the export holds"))),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    CurrentActor(actor): CurrentActor,
    ApiQuery(params): ApiQuery<ExportParams>,
) -> Result<Response, ApiError> {
    let format = match params.format.as_deref().map(str::trim) {
        None | Some("") | Some("csv") => ExportFormat::Csv,
        Some("xlsx") => ExportFormat::Xlsx,
        Some(_) => {
            let refused = FieldError::new("format", "invalid_format", "Choose csv or xlsx.");
            return Err(ServiceError::from(refused).into());
        }
    };
    let export = state.services.plan_analytics_export(&actor, &params.query()).await?;
    let stem =
        format!("tidings-analytics-{}-{}", export.report.from.format("%Y%m%d"), export.report.to.format("%Y%m%d"));
    let ticket_rows = export.ticket_rows;
    let mut response = match format {
        ExportFormat::Csv => {
            attachment(csv_body(state.services.clone(), export), "text/csv; charset=utf-8", &stem, "csv")
        }
        ExportFormat::Xlsx => {
            let mut rows = Vec::new();
            let mut after: Option<String> = None;
            loop {
                let page = state.services.export_ticket_page(&export, after.as_deref()).await?;
                let Some(last) = page.last() else { break };
                after = Some(last.ticket.id.clone());
                rows.extend(page);
            }
            let bytes = tokio::task::spawn_blocking(move || export_workbook(&export.report, &rows))
                .await
                .map_err(|err| ServiceError::Internal(format!("export task: {err}")))?
                .map_err(|err| ServiceError::Internal(format!("writing the workbook: {err}")))?;
            let content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            attachment(Body::from(bytes), content_type, &stem, "xlsx")
        }
    };
    response.headers_mut().insert(EXPORT_ROWS_HEADER, HeaderValue::from(ticket_rows));
    Ok(response)
}

/// The number of ticket rows an export holds, sent before its body (the page shows the download's progress).
const EXPORT_ROWS_HEADER: &str = "x-export-rows";

/// The CSV, written as its ticket pages are read: the summary first, then one page of tickets at a time. A failure
/// half way ends the body early (the error is logged); the status line has gone out by then.
fn csv_body(services: Services, export: AnalyticsExport) -> Body {
    let mut head = csv_header(&SUMMARY_COLUMNS);
    for row in summary_rows(&export.report) {
        head.push_str(&csv_line(&row));
    }
    head.push_str("\r\n");
    head.push_str(&csv_header(&TICKET_COLUMNS));
    let first = stream::once(async move { Ok::<_, std::io::Error>(head) });
    let pages = stream::unfold(Some((services, export, None::<String>)), |cursor| async move {
        let (services, export, after) = cursor?;
        match services.export_ticket_page(&export, after.as_deref()).await {
            Ok(page) if page.is_empty() => None,
            Ok(page) => {
                let next = page.last().map(|row| row.ticket.id.clone());
                let text: String = page.iter().map(|row| csv_line(&ticket_row(row.number, &row.ticket))).collect();
                Some((Ok(text), Some((services, export, next))))
            }
            Err(err) => {
                tracing::error!(error = %err, "analytics export stopped");
                Some((Err(std::io::Error::other(err.to_string())), None))
            }
        }
    });
    Body::from_stream(futures_util::StreamExt::chain(first, pages))
}

fn attachment(body: Body, content_type: &'static str, stem: &str, extension: &str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(disposition) = HeaderValue::from_str(&format!("attachment; filename=\"{stem}.{extension}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
