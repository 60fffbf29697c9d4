use super::fixture::{reported_tickets, week_of_the_9th};
use crate::domain::analytics::{summarize, summary_report, AnalyticsFilter, PeriodSummary};

#[test]
fn the_fixture_week_matches_the_hand_computed_summary() {
    let summary = summarize(&reported_tickets(), week_of_the_9th(), &AnalyticsFilter::default());
    assert_eq!(
        summary,
        PeriodSummary {
            tickets_created: 3,
            tickets_resolved: 2,
            backlog: 1,
            first_response_p50_s: Some(1800),
            first_response_p90_s: Some(9000),
            resolution_p50_s: Some(14400),
            resolution_p90_s: Some(25200),
            sla_compliance: Some(0.5),
            reopen_rate: Some(0.5),
            csat_avg: Some(4.0),
            csat_responses: 1,
            csat_surveys_sent: 2,
            csat_response_rate: Some(0.5),
        }
    );
}

#[test]
fn the_previous_week_only_saw_ticket_a_arrive() {
    let report = summary_report(&reported_tickets(), week_of_the_9th(), &AnalyticsFilter::default());
    assert_eq!(report.from, week_of_the_9th().from);
    assert_eq!(
        report.previous,
        PeriodSummary { tickets_created: 1, backlog: 1, ..PeriodSummary::default() },
        "A was created on Friday the 6th and still open at the week's end"
    );
}

#[test]
fn an_agent_filter_counts_only_their_tickets() {
    let summary = summarize(&reported_tickets(), week_of_the_9th(), &AnalyticsFilter::for_agent("ada"));
    assert_eq!((summary.tickets_created, summary.tickets_resolved, summary.backlog), (1, 1, 1));
    assert_eq!((summary.first_response_p50_s, summary.first_response_p90_s), (Some(1800), Some(9000)));
    assert_eq!(summary.sla_compliance, Some(1.0));
    assert_eq!(summary.reopen_rate, Some(0.0));
}

#[test]
fn the_rest_answer_nests_the_previous_period_and_keeps_the_contract_names() {
    let report = summary_report(&reported_tickets(), week_of_the_9th(), &AnalyticsFilter::default());
    let json = serde_json::to_value(&report).unwrap();
    for field in [
        "tickets_created",
        "tickets_resolved",
        "backlog",
        "first_response_p50_s",
        "first_response_p90_s",
        "resolution_p50_s",
        "resolution_p90_s",
        "sla_compliance",
        "csat_avg",
        "csat_responses",
    ] {
        assert!(json.get(field).is_some(), "{field} at the top");
        assert!(json["previous"].get(field).is_some(), "{field} under previous");
    }
    assert_eq!(json["previous"]["csat_avg"], serde_json::Value::Null);
    assert_eq!(json["from"], "2026-03-09T00:00:00Z");
}

#[test]
fn the_stored_headline_decides_sla_compliance_only_once_done_or_breached() {
    use crate::domain::analytics::sla_met_from_headline;
    use crate::domain::sla::SlaState;
    assert_eq!(sla_met_from_headline(Some(SlaState::Met)), Some(true));
    assert_eq!(sla_met_from_headline(Some(SlaState::MissedThenMet)), Some(false));
    assert_eq!(sla_met_from_headline(Some(SlaState::Breached)), Some(false));
    for undecided in [SlaState::Running, SlaState::Warning, SlaState::Paused] {
        assert_eq!(sla_met_from_headline(Some(undecided)), None);
    }
    assert_eq!(sla_met_from_headline(None), None);
}
