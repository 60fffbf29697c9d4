//! What an export holds, as typed cells: the summary (one metric a row, this period and the previous one) and the
//! tickets behind it (one a row). The CSV and XLSX writers only lay the cells out, so both files say the same.
//!
//! CSV follows RFC 4180 (comma, CRLF, quotes doubled). A text cell that a spreadsheet would run as a formula (it
//! starts with `=`, `+`, `-`, `@`, tab or carriage return) is written with a leading `'`, so opening an export can
//! never run something a customer typed.

use super::summary::{PeriodSummary, ReportedTicket, SummaryReport};

/// One value of an export.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportCell {
    Empty,
    Text(String),
    Integer(i64),
    Decimal(f64),
}

impl ExportCell {
    fn optional_integer(value: Option<i64>) -> ExportCell {
        value.map_or(ExportCell::Empty, ExportCell::Integer)
    }

    fn optional_decimal(value: Option<f64>) -> ExportCell {
        value.map_or(ExportCell::Empty, ExportCell::Decimal)
    }

    fn optional_text(value: Option<&str>) -> ExportCell {
        value.map_or(ExportCell::Empty, |text| ExportCell::Text(text.to_owned()))
    }

    fn count(value: u64) -> ExportCell {
        ExportCell::Integer(i64::try_from(value).unwrap_or(i64::MAX))
    }
}

/// The summary table's header.
pub const SUMMARY_COLUMNS: [&str; 3] = ["metric", "current", "previous"];

/// A metric's name and how to read it from a period's summary.
type Metric = (&'static str, fn(&PeriodSummary) -> ExportCell);

/// The metrics in the order the summary table lists them (names as in the REST summary).
pub fn summary_rows(report: &SummaryReport) -> Vec<[ExportCell; 3]> {
    let metrics: [Metric; 13] = [
        ("tickets_created", |s| ExportCell::count(s.tickets_created)),
        ("tickets_resolved", |s| ExportCell::count(s.tickets_resolved)),
        ("backlog", |s| ExportCell::count(s.backlog)),
        ("first_response_p50_s", |s| ExportCell::optional_integer(s.first_response_p50_s)),
        ("first_response_p90_s", |s| ExportCell::optional_integer(s.first_response_p90_s)),
        ("resolution_p50_s", |s| ExportCell::optional_integer(s.resolution_p50_s)),
        ("resolution_p90_s", |s| ExportCell::optional_integer(s.resolution_p90_s)),
        ("sla_compliance", |s| ExportCell::optional_decimal(s.sla_compliance)),
        ("reopen_rate", |s| ExportCell::optional_decimal(s.reopen_rate)),
        ("csat_avg", |s| ExportCell::optional_decimal(s.csat_avg)),
        ("csat_responses", |s| ExportCell::count(s.csat_responses)),
        ("csat_surveys_sent", |s| ExportCell::count(s.csat_surveys_sent)),
        ("csat_response_rate", |s| ExportCell::optional_decimal(s.csat_response_rate)),
    ];
    metrics
        .into_iter()
        .map(|(name, value)| [ExportCell::Text(name.to_owned()), value(&report.current), value(&report.previous)])
        .collect()
}

/// The ticket table's header.
pub const TICKET_COLUMNS: [&str; 16] = [
    "ticket_id",
    "number",
    "channel",
    "team_id",
    "agent_id",
    "priority",
    "category",
    "created_at",
    "first_response_at",
    "first_response_s",
    "resolved_at",
    "resolution_s",
    "reopen_count",
    "sla_met",
    "csat_rating",
    "csat_answered_at",
];

/// One ticket's row, in [`TICKET_COLUMNS`] order; times in RFC 3339 UTC.
pub fn ticket_row(number: i64, ticket: &ReportedTicket) -> [ExportCell; 16] {
    let time = |at: Option<chrono::DateTime<chrono::Utc>>| {
        at.map_or(ExportCell::Empty, |at| ExportCell::Text(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))
    };
    let dimensions = &ticket.dimensions;
    let facts = &ticket.facts;
    [
        ExportCell::Text(ticket.id.clone()),
        ExportCell::Integer(number),
        ExportCell::Text(dimensions.channel.as_str().to_owned()),
        ExportCell::optional_text(dimensions.team_id.as_deref()),
        ExportCell::optional_text(dimensions.agent_id.as_deref()),
        ExportCell::Text(dimensions.priority.as_str().to_owned()),
        ExportCell::optional_text(dimensions.category.as_deref()),
        time(Some(facts.created_at)),
        time(facts.first_response_at),
        ExportCell::optional_integer(facts.first_response_seconds),
        time(facts.resolved_at),
        ExportCell::optional_integer(facts.resolution_seconds),
        ExportCell::Integer(i64::from(facts.reopen_count)),
        ticket.sla_met.map_or(ExportCell::Empty, |met| ExportCell::Text(if met { "yes" } else { "no" }.to_owned())),
        ExportCell::optional_integer(ticket.csat.and_then(|csat| csat.rating).map(|rating| i64::from(rating.value()))),
        time(ticket.csat.and_then(|csat| csat.answered_at)),
    ]
}

/// A header row as a CSV line.
pub fn csv_header(columns: &[&str]) -> String {
    let cells: Vec<ExportCell> = columns.iter().map(|column| ExportCell::Text((*column).to_owned())).collect();
    csv_line(&cells)
}

/// One CSV line, CRLF-terminated.
pub fn csv_line(cells: &[ExportCell]) -> String {
    let mut line = cells.iter().map(csv_field).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

fn csv_field(cell: &ExportCell) -> String {
    match cell {
        ExportCell::Empty => String::new(),
        ExportCell::Integer(value) => value.to_string(),
        ExportCell::Decimal(value) => value.to_string(),
        ExportCell::Text(text) => {
            let text = spreadsheet_safe(text);
            if text.contains([',', '"', '\r', '\n']) {
                format!("\"{}\"", text.replace('"', "\"\""))
            } else {
                text
            }
        }
    }
}

/// Text a spreadsheet will show as text, never run as a formula.
pub fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        let line = csv_line(&[
            ExportCell::Text("plain".into()),
            ExportCell::Text("a, \"b\"".into()),
            ExportCell::Text("=HYPERLINK(\"x\")".into()),
            ExportCell::Empty,
            ExportCell::Integer(-3),
            ExportCell::Decimal(0.5),
        ]);
        assert_eq!(line, "plain,\"a, \"\"b\"\"\",\"'=HYPERLINK(\"\"x\"\")\",,-3,0.5\r\n");
        assert_eq!(csv_header(&SUMMARY_COLUMNS), "metric,current,previous\r\n");
    }

    #[test]
    fn the_summary_lists_every_metric_for_both_periods() {
        let current = PeriodSummary { tickets_created: 4, csat_avg: Some(4.5), ..PeriodSummary::default() };
        let report = SummaryReport {
            from: chrono::DateTime::UNIX_EPOCH,
            to: chrono::DateTime::UNIX_EPOCH,
            current,
            previous: PeriodSummary::default(),
        };
        let rows = summary_rows(&report);
        assert_eq!(rows.len(), 13);
        assert_eq!(
            rows[0],
            [ExportCell::Text("tickets_created".into()), ExportCell::Integer(4), ExportCell::Integer(0)]
        );
        assert_eq!(rows[9], [ExportCell::Text("csat_avg".into()), ExportCell::Decimal(4.5), ExportCell::Empty]);
    }
}
