//! Analytics storage on SQLite and PostgreSQL alike: CSAT surveys sent once and answered once, the raw history read
//! back for the facts, and rollups that always equal the raw numbers as tickets change.

use crate::common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::fixtures::{draft, unique, user};
use std::sync::Arc;
use tidings::domain::analytics::{
    sort_breakdown, summarize, ticket_facts, AnalyticsFilter, BreakdownRow, Dimension, ReportPeriod, ReportedTicket,
    RolledUpPeriod,
};
use tidings::domain::{Role, Team, TicketStatus};
use tidings::service::now;
use tidings::store::{CsatSurveyRecord, DbError, EventRecord, Store, TicketChanges};

contract!(
    a_survey_is_sent_once_and_answered_once,
    sources_carry_the_history_dimensions_and_survey,
    rollups_equal_the_raw_numbers_as_tickets_change,
    an_instance_secret_is_kept_by_whoever_stores_it_first,
    exported_tickets_are_those_behind_the_period_found_by_id,
    breakdowns_group_the_period_by_each_dimension,
);

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).single().unwrap()
}

fn survey(ticket_id: &str, token_hash: &str, sent_at: DateTime<Utc>, expires_at: DateTime<Utc>) -> CsatSurveyRecord {
    CsatSurveyRecord {
        id: unique("survey"),
        ticket_id: ticket_id.into(),
        token_hash: token_hash.into(),
        channel: "email".into(),
        sent_at,
        expires_at,
        answered_at: None,
        rating: None,
        comment: None,
    }
}

async fn set_status(store: &Arc<dyn Store>, id: &str, from: TicketStatus, to: TicketStatus, when: DateTime<Utc>) {
    let event = EventRecord {
        id: unique("event"),
        ticket_id: id.into(),
        actor_id: None,
        kind: "status_changed".into(),
        data: serde_json::json!({ "from": from.as_str(), "to": to.as_str() }).to_string(),
        created_at: when,
    };
    let resolved_at = (to == TicketStatus::Resolved).then_some(when);
    let changes = TicketChanges { status: Some(to), resolved_at: Some(resolved_at), ..TicketChanges::default() };
    store.update_ticket(id, &changes, &[event], when).await.unwrap().expect("ticket");
}

async fn a_survey_is_sent_once_and_answered_once(store: Arc<dyn Store>) {
    let customer = user(&store, Role::Customer).await;
    let ticket = store.insert_ticket(&draft(&customer, "Rate me", now())).await.unwrap();
    let sent = now();
    let hash = unique("hash");
    store.insert_csat_survey(&survey(&ticket.id, &hash, sent, sent + Duration::days(7))).await.unwrap();
    let again = store.insert_csat_survey(&survey(&ticket.id, &unique("hash"), sent, sent + Duration::days(7))).await;
    assert!(matches!(again, Err(DbError::Conflict(_))), "{again:?}");

    assert_eq!(store.answer_csat_survey("forged", 5, None, sent).await.unwrap(), None);
    let answered = store.answer_csat_survey(&hash, 4, Some("Quick, thanks"), sent + Duration::hours(1)).await.unwrap();
    let answered = answered.expect("first use works");
    assert_eq!((answered.rating, answered.comment.as_deref()), (Some(4), Some("Quick, thanks")));
    assert_eq!(store.answer_csat_survey(&hash, 1, None, sent + Duration::hours(2)).await.unwrap(), None, "reused");
    let stored = store.find_ticket_csat_survey(&ticket.id).await.unwrap().expect("survey");
    assert_eq!((stored.rating, stored.answered_at), (Some(4), Some(sent + Duration::hours(1))));
    assert_eq!(store.find_csat_survey_by_token_hash(&hash).await.unwrap(), Some(stored));
    assert_eq!(store.find_csat_survey_by_token_hash("unknown").await.unwrap(), None);

    let late = store.insert_ticket(&draft(&customer, "Too late", now())).await.unwrap();
    let late_hash = unique("hash");
    store.insert_csat_survey(&survey(&late.id, &late_hash, sent, sent + Duration::days(7))).await.unwrap();
    assert_eq!(store.answer_csat_survey(&late_hash, 5, None, sent + Duration::days(7)).await.unwrap(), None);
    assert_eq!(store.find_ticket_csat_survey(&customer).await.unwrap(), None);
}

async fn sources_carry_the_history_dimensions_and_survey(store: Arc<dyn Store>) {
    let customer = user(&store, Role::Customer).await;
    let agent = user(&store, Role::Agent).await;
    let team = unique("team");
    store.insert_team(&Team { id: team.clone(), name: team.clone() }, now()).await.unwrap();
    let ticket = store.insert_ticket(&draft(&customer, "History", at(9, 8))).await.unwrap();
    let assign = TicketChanges {
        assignee_id: Some(Some(agent.clone())),
        team_id: Some(Some(team.clone())),
        first_response_at: Some(Some(at(9, 9))),
        ..TicketChanges::default()
    };
    store.update_ticket(&ticket.id, &assign, &[], at(9, 9)).await.unwrap();
    set_status(&store, &ticket.id, TicketStatus::New, TicketStatus::Pending, at(9, 10)).await;
    set_status(&store, &ticket.id, TicketStatus::Pending, TicketStatus::Resolved, at(9, 12)).await;
    store.insert_csat_survey(&survey(&ticket.id, &unique("hash"), at(9, 12), at(16, 12))).await.unwrap();

    let sources = store.analytics_sources(&[ticket.id.clone(), "unknown".into()]).await.unwrap();
    assert_eq!(sources.len(), 1);
    let source = &sources[0];
    assert_eq!(source.dimensions.team_id.as_deref(), Some(team.as_str()));
    assert_eq!(source.dimensions.agent_id.as_deref(), Some(agent.as_str()));
    assert_eq!(source.history.status, TicketStatus::Resolved);
    assert_eq!(source.history.first_public_staff_reply_at, Some(at(9, 9)));
    assert_eq!(source.history.status_changes.len(), 2);
    assert!(!source.history.merged_duplicate);
    assert_eq!(source.csat.map(|csat| (csat.sent_at, csat.answered_at)), Some((at(9, 12), None)));
    let facts = ticket_facts(&source.history, None);
    assert_eq!((facts.first_response_seconds, facts.resolution_seconds), (Some(3600), Some(2 * 3600)));
    let ids = store.list_ticket_ids(None, 10).await.unwrap();
    assert_eq!(ids, vec![ticket.id.clone()]);
    assert!(store.list_ticket_ids(Some(&ticket.id), 10).await.unwrap().is_empty());
}

/// Facts of every stored ticket, as the service would compute them (around the clock).
async fn rolled_up_from_sources(store: &Arc<dyn Store>, ids: &[String]) -> Vec<ReportedTicket> {
    let sources = store.analytics_sources(ids).await.unwrap();
    sources
        .into_iter()
        .map(|source| ReportedTicket {
            facts: ticket_facts(&source.history, None),
            id: source.ticket_id,
            dimensions: source.dimensions,
            sla_met: None,
            csat: source.csat,
        })
        .collect()
}

async fn summary_from_store(store: &Arc<dyn Store>, period: ReportPeriod, filter: &AnalyticsFilter) -> RolledUpPeriod {
    let durations = store.rolled_up_durations(period, filter).await.unwrap();
    RolledUpPeriod {
        days: store.list_day_rollups(period, filter).await.unwrap(),
        backlog: store.rollup_backlog_at(period.to, filter).await.unwrap(),
        first_response_seconds: durations.first_response_seconds,
        resolution_seconds: durations.resolution_seconds,
    }
}

async fn rollups_equal_the_raw_numbers_as_tickets_change(store: Arc<dyn Store>) {
    let customer = user(&store, Role::Customer).await;
    let ada = user(&store, Role::Agent).await;
    let mut ids = Vec::new();
    for (day, hour) in [(9, 8), (9, 9), (10, 14), (11, 7)] {
        ids.push(store.insert_ticket(&draft(&customer, "Load", at(day, hour))).await.unwrap().id);
    }
    let reply = TicketChanges { first_response_at: Some(Some(at(9, 10))), ..TicketChanges::default() };
    store.update_ticket(&ids[0], &reply, &[], at(9, 10)).await.unwrap();
    set_status(&store, &ids[0], TicketStatus::New, TicketStatus::Resolved, at(9, 11)).await;
    set_status(&store, &ids[1], TicketStatus::New, TicketStatus::Resolved, at(10, 9)).await;
    set_status(&store, &ids[1], TicketStatus::Resolved, TicketStatus::Open, at(10, 10)).await;
    set_status(&store, &ids[1], TicketStatus::Open, TicketStatus::Resolved, at(12, 10)).await;

    for ticket in rolled_up_from_sources(&store, &ids).await {
        store.save_ticket_rollup(&ticket.id, Some(&ticket), now()).await.unwrap();
    }
    // Ada takes the first ticket: its numbers move to her.
    let assign = TicketChanges { assignee_id: Some(Some(ada.clone())), ..TicketChanges::default() };
    store.update_ticket(&ids[0], &assign, &[], now()).await.unwrap();
    let moved = rolled_up_from_sources(&store, &ids[..1]).await;
    store.save_ticket_rollup(&ids[0], Some(&moved[0]), now()).await.unwrap();

    let raw = store.list_rolled_up_tickets(&AnalyticsFilter::default()).await.unwrap();
    assert_eq!(raw.len(), 4);
    let week = ReportPeriod::new(at(9, 0), at(16, 0)).unwrap();
    let hours = ReportPeriod::new(at(9, 9), at(10, 10)).unwrap();
    let days_and_hours = ReportPeriod::new(at(9, 9), at(12, 11)).unwrap();
    let filters = [AnalyticsFilter::default(), AnalyticsFilter::for_agent(&ada)];
    for period in [week, week.previous(), hours, days_and_hours] {
        for filter in &filters {
            let rolled_up = summary_from_store(&store, period, filter).await.summary();
            assert_eq!(rolled_up, summarize(&raw, period, filter), "{period:?} {filter:?}");
        }
    }
    let ada_week = summary_from_store(&store, week, &AnalyticsFilter::for_agent(&ada)).await.summary();
    assert_eq!((ada_week.tickets_created, ada_week.tickets_resolved), (1, 1));
    let all_week = summarize(&raw, week, &AnalyticsFilter::default());
    assert_eq!((all_week.tickets_created, all_week.tickets_resolved, all_week.backlog), (4, 2, 2));
    assert_eq!(all_week.reopen_rate, Some(0.5));

    // An export's ticket ids are those created, first answered or resolved in the period, and its rows are
    // found by them.
    for period in [week, hours] {
        for filter in &filters {
            let listed = store.list_exported_ticket_ids(period, filter).await.unwrap();
            let expected: Vec<&String> = raw
                .iter()
                .filter(|ticket| filter.matches(&ticket.dimensions))
                .filter(|ticket| {
                    let facts = &ticket.facts;
                    [Some(facts.created_at), facts.first_response_at, facts.resolved_at]
                        .into_iter()
                        .any(|at| at.is_some_and(|at| period.contains(at)))
                })
                .map(|ticket| &ticket.id)
                .collect();
            assert_eq!(listed.len(), expected.len(), "{period:?} {filter:?}");
            let found = store.find_exported_tickets(&listed).await.unwrap();
            assert_eq!(found.iter().map(|row| &row.ticket.id).collect::<Vec<_>>(), listed.iter().collect::<Vec<_>>());
        }
    }
    assert_eq!(store.list_exported_ticket_ids(week, &AnalyticsFilter::default()).await.unwrap().len(), 4);
    assert_eq!(store.list_exported_ticket_ids(week, &AnalyticsFilter::for_agent(&ada)).await.unwrap().len(), 1);
    assert!(store.list_exported_ticket_ids(week.previous(), &AnalyticsFilter::default()).await.unwrap().is_empty());

    for id in &ids {
        store.save_ticket_rollup(id, None, now()).await.unwrap();
    }
    let emptied = summary_from_store(&store, week, &AnalyticsFilter::default()).await;
    assert_eq!(emptied, RolledUpPeriod::default(), "removing every ticket leaves no row behind");
    store.clear_analytics_rollups().await.unwrap();
}

async fn an_instance_secret_is_kept_by_whoever_stores_it_first(store: Arc<dyn Store>) {
    let name = unique("secret");
    let first = store.find_or_insert_instance_secret(&name, "first-candidate", now()).await.unwrap();
    assert_eq!(first, "first-candidate");
    let second = store.find_or_insert_instance_secret(&name, "second-candidate", now()).await.unwrap();
    assert_eq!(second, "first-candidate", "a later instance reads the secret stored first");
}

async fn exported_tickets_are_those_behind_the_period_found_by_id(store: Arc<dyn Store>) {
    let customer = user(&store, Role::Customer).await;
    let mut ids = Vec::new();
    // Created inside the week, created before it but resolved inside it, and entirely before it.
    for (day, hour) in [(9, 8), (10, 9), (2, 9), (3, 9)] {
        ids.push(store.insert_ticket(&draft(&customer, "Export", at(day, hour))).await.unwrap().id);
    }
    set_status(&store, &ids[2], TicketStatus::New, TicketStatus::Resolved, at(9, 12)).await;
    set_status(&store, &ids[3], TicketStatus::New, TicketStatus::Resolved, at(4, 12)).await;
    for ticket in rolled_up_from_sources(&store, &ids).await {
        store.save_ticket_rollup(&ticket.id, Some(&ticket), now()).await.unwrap();
    }
    let week = ReportPeriod::new(at(9, 0), at(16, 0)).unwrap();
    let all = AnalyticsFilter::default();
    let listed = store.list_exported_ticket_ids(week, &all).await.unwrap();
    let mut expected = ids[..3].to_vec();
    expected.sort();
    assert_eq!(listed, expected, "the tickets behind the week, in id order");
    let first = store.find_exported_tickets(&listed[..2]).await.unwrap();
    let rest = store.find_exported_tickets(&listed[2..]).await.unwrap();
    let exported: Vec<String> = first.iter().chain(&rest).map(|row| row.ticket.id.clone()).collect();
    assert_eq!(exported, expected, "found by id, a page at a time");
    let number = store.find_ticket(&ids[0]).await.unwrap().unwrap().number.get();
    let row = first.iter().chain(&rest).find(|row| row.ticket.id == ids[0]).unwrap();
    assert_eq!(u64::try_from(row.number).unwrap(), number);
    assert!(store.find_exported_tickets(&["unknown".to_owned()]).await.unwrap().is_empty());
    let channel = |channel| AnalyticsFilter { channel: Some(channel), ..AnalyticsFilter::default() };
    let portal = store.list_exported_ticket_ids(week, &channel(tidings::domain::Channel::Portal)).await;
    assert_eq!(portal.unwrap().len(), 3);
    let email = store.list_exported_ticket_ids(week, &channel(tidings::domain::Channel::Email)).await;
    assert!(email.unwrap().is_empty(), "the filter applies");
    for id in &ids {
        store.save_ticket_rollup(id, None, now()).await.unwrap();
    }
}

async fn breakdowns_group_the_period_by_each_dimension(store: Arc<dyn Store>) {
    let customer = user(&store, Role::Customer).await;
    let ada = user(&store, Role::Agent).await;
    let team = unique("team");
    store.insert_team(&Team { id: team.clone(), name: team.clone() }, now()).await.unwrap();
    // Created in the week: 0 (Ada's team, urgent, Billing), 1 (resolved in it) and 2; 3 created before it but
    // resolved in it; 4 entirely before it.
    let mut ids = Vec::new();
    for (day, hour) in [(9, 8), (10, 9), (11, 9), (3, 9), (2, 9)] {
        let mut ticket = draft(&customer, "Breakdown", at(day, hour));
        ticket.category = (ids.is_empty()).then(|| "Billing".to_owned());
        ids.push(store.insert_ticket(&ticket).await.unwrap().id);
    }
    let assign = TicketChanges {
        assignee_id: Some(Some(ada.clone())),
        team_id: Some(Some(team.clone())),
        priority: Some(tidings::domain::Priority::Urgent),
        ..TicketChanges::default()
    };
    store.update_ticket(&ids[0], &assign, &[], at(9, 9)).await.unwrap();
    set_status(&store, &ids[1], TicketStatus::New, TicketStatus::Resolved, at(10, 12)).await;
    set_status(&store, &ids[3], TicketStatus::New, TicketStatus::Resolved, at(12, 12)).await;
    set_status(&store, &ids[4], TicketStatus::New, TicketStatus::Resolved, at(4, 12)).await;
    for ticket in rolled_up_from_sources(&store, &ids).await {
        store.save_ticket_rollup(&ticket.id, Some(&ticket), now()).await.unwrap();
    }
    let week = ReportPeriod::new(at(9, 0), at(16, 0)).unwrap();
    let all = AnalyticsFilter::default();
    let row = |key: Option<&str>, created, resolved| BreakdownRow { key: key.map(str::to_owned), created, resolved };
    let grouped = |dimension, filter: AnalyticsFilter| {
        let store = store.clone();
        async move {
            let mut rows = store.rolled_up_breakdown(week, &filter, dimension).await.unwrap();
            sort_breakdown(&mut rows);
            rows
        }
    };
    assert_eq!(grouped(Dimension::Channel, all.clone()).await, vec![row(Some("portal"), 3, 2)]);
    assert_eq!(grouped(Dimension::Team, all.clone()).await, vec![row(None, 2, 2), row(Some(&team), 1, 0)]);
    assert_eq!(grouped(Dimension::Agent, all.clone()).await, vec![row(None, 2, 2), row(Some(&ada), 1, 0)]);
    assert_eq!(
        grouped(Dimension::Priority, all.clone()).await,
        vec![row(Some("normal"), 2, 2), row(Some("urgent"), 1, 0)]
    );
    assert_eq!(grouped(Dimension::Category, all.clone()).await, vec![row(None, 2, 2), row(Some("Billing"), 1, 0)]);
    let adas = grouped(Dimension::Priority, AnalyticsFilter::for_agent(&ada)).await;
    assert_eq!(adas, vec![row(Some("urgent"), 1, 0)], "the filter applies");
    let before = store.rolled_up_breakdown(week.previous(), &all, Dimension::Channel).await.unwrap();
    assert_eq!(before, vec![row(Some("portal"), 2, 1)], "the week before: 3 and 4 created, 4 resolved");
    for id in &ids {
        store.save_ticket_rollup(id, None, now()).await.unwrap();
    }
}
