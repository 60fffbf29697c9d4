//! SLA calendars, policies and tickets' computed SLA in the store, on SQLite and PostgreSQL alike.

use crate::common;

use common::fixtures::{draft, unique, user};

use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use tidings::domain::sla::{PauseInterval, SlaAlertKind, SlaClockKind, SlaState};
use tidings::domain::{Role, Team, TicketStatus};
use tidings::service::now;
use tidings::store::{
    BrandRecord, DbError, EventRecord, NewUserRecord, SlaAlertRecord, SlaCalendarRecord, SlaDueTicket, SlaPolicyRecord,
    Store, TicketChanges, TicketRecord, TicketSlaRecord, TicketSort, WidgetSessionRecord,
};

contract!(
    calendars_round_trip_and_only_one_is_the_default,
    a_team_or_brand_has_at_most_one_calendar,
    policies_round_trip_in_position_order,
    a_calendar_a_policy_counts_in_cannot_be_deleted,
    histories_read_pauses_from_status_changes,
    saving_the_sla_needs_the_version_read,
    each_alert_is_recorded_once_with_its_timeline_entry,
    due_tickets_are_listed_soonest_first_in_pages,
    changes_that_move_a_clock_ask_the_watcher_to_look,
    the_queue_sorts_by_due_soonest_with_nothing_due_last,
    the_requester_brand_is_their_latest_widget_session,
);

const BERLIN: &str = r#"{"time_zone":"Europe/Berlin","weekly":{"mon":[["08:00","17:00"]]},"holidays":[]}"#;

fn calendar(name: &str, is_default: bool) -> SlaCalendarRecord {
    let at = now();
    SlaCalendarRecord {
        id: unique("calendar"),
        name: name.into(),
        definition: BERLIN.into(),
        team_id: None,
        brand: None,
        is_default,
        created_at: at,
        updated_at: at,
    }
}

fn policy(name: &str, position: i64, calendar_id: Option<String>) -> SlaPolicyRecord {
    let at = now();
    SlaPolicyRecord {
        id: unique("policy"),
        name: name.into(),
        position,
        calendar_id,
        definition: format!(r#"{{"name":"{name}","targets":{{"normal":{{"first_response_minutes":120}}}}}}"#),
        active: true,
        created_at: at,
        updated_at: at,
    }
}

async fn ticket(store: &Arc<dyn Store>, subject: &str) -> TicketRecord {
    let requester = user(store, Role::Customer).await;
    store.insert_ticket(&draft(&requester, subject, now())).await.unwrap()
}

fn status_change(ticket_id: &str, from: TicketStatus, to: TicketStatus, at: DateTime<Utc>) -> EventRecord {
    EventRecord {
        id: unique("event"),
        ticket_id: ticket_id.into(),
        actor_id: None,
        kind: "status_changed".into(),
        data: format!(r#"{{"from":"{}","to":"{}"}}"#, from.as_str(), to.as_str()),
        created_at: at,
    }
}

async fn change_status(
    store: &Arc<dyn Store>,
    ticket: &TicketRecord,
    from: TicketStatus,
    to: TicketStatus,
    at: DateTime<Utc>,
) {
    let changes = TicketChanges {
        status: Some(to),
        resolved_at: (to == TicketStatus::Resolved).then_some(Some(at)),
        ..TicketChanges::default()
    };
    store.update_ticket(&ticket.id, &changes, &[status_change(&ticket.id, from, to, at)], at).await.unwrap().unwrap();
}

fn computed(policy_id: Option<String>, due: DateTime<Utc>) -> TicketSlaRecord {
    TicketSlaRecord {
        policy_id,
        calendar_id: None,
        first_response_due_at: Some(due),
        resolution_due_at: None,
        next_due_at: Some(due),
        next_change_at: Some(due - Duration::minutes(30)),
        state: Some(SlaState::Running),
    }
}

async fn calendars_round_trip_and_only_one_is_the_default(store: Arc<dyn Store>) {
    let office = calendar("Office", true);
    let weekend = calendar("weekend crew", false);
    store.insert_sla_calendar(&office).await.unwrap();
    store.insert_sla_calendar(&weekend).await.unwrap();
    assert_eq!(store.find_sla_calendar(&office.id).await.unwrap(), Some(office.clone()));
    let names: Vec<String> = store.list_sla_calendars().await.unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["Office", "weekend crew"], "by name, ignoring case");

    let mut changed = weekend.clone();
    changed.is_default = true;
    changed.name = "Weekend".into();
    changed.updated_at = now() + Duration::seconds(1);
    assert!(store.update_sla_calendar(&changed).await.unwrap());
    let defaults: Vec<String> =
        store.list_sla_calendars().await.unwrap().into_iter().filter(|c| c.is_default).map(|c| c.id).collect();
    assert_eq!(defaults, std::slice::from_ref(&weekend.id), "the new default took over");
    let another = calendar("Another default", true);
    store.insert_sla_calendar(&another).await.unwrap();
    let defaults: Vec<String> =
        store.list_sla_calendars().await.unwrap().into_iter().filter(|c| c.is_default).map(|c| c.id).collect();
    assert_eq!(defaults, std::slice::from_ref(&another.id));

    assert!(store.delete_sla_calendar(&office.id).await.unwrap());
    assert!(!store.delete_sla_calendar(&office.id).await.unwrap());
    assert_eq!(store.find_sla_calendar(&office.id).await.unwrap(), None);
    let mut ghost = office.clone();
    ghost.name = "Gone".into();
    assert!(!store.update_sla_calendar(&ghost).await.unwrap());
}

async fn a_team_or_brand_has_at_most_one_calendar(store: Arc<dyn Store>) {
    let team = Team { id: unique("team"), name: unique("Team") };
    store.insert_team(&team, now()).await.unwrap();
    let brand = BrandRecord { slug: unique("brand"), name: "Shop".into(), color: "#112233".into() };
    store.upsert_brand(&brand, now()).await.unwrap();
    let first =
        SlaCalendarRecord { team_id: Some(team.id.clone()), brand: Some(brand.slug.clone()), ..calendar("A", false) };
    store.insert_sla_calendar(&first).await.unwrap();
    let same_team = SlaCalendarRecord { team_id: Some(team.id.clone()), ..calendar("B", false) };
    assert!(matches!(store.insert_sla_calendar(&same_team).await, Err(DbError::Conflict(_))));
    let same_brand = SlaCalendarRecord { brand: Some(brand.slug.clone()), ..calendar("C", false) };
    assert!(matches!(store.insert_sla_calendar(&same_brand).await, Err(DbError::Conflict(_))));
    let unknown_team = SlaCalendarRecord { team_id: Some("no-such-team".into()), ..calendar("D", false) };
    assert!(matches!(store.insert_sla_calendar(&unknown_team).await, Err(DbError::MissingReference(_))));
    assert_eq!(store.list_sla_calendars().await.unwrap().len(), 1, "nothing else was stored");
}

async fn policies_round_trip_in_position_order(store: Arc<dyn Store>) {
    let later = policy("Later", 2, None);
    let first = policy("First", 1, None);
    let tie = policy("Tie", 2, None);
    for record in [&later, &first, &tie] {
        store.insert_sla_policy(record).await.unwrap();
    }
    let mut expected_tie = vec![later.id.clone(), tie.id.clone()];
    expected_tie.sort();
    let order: Vec<String> = store.list_sla_policies().await.unwrap().into_iter().map(|p| p.id).collect();
    assert_eq!(order, [vec![first.id.clone()], expected_tie].concat(), "by position, then id");
    assert_eq!(store.find_sla_policy(&first.id).await.unwrap(), Some(first.clone()));

    let mut changed = first.clone();
    changed.position = 9;
    changed.active = false;
    changed.updated_at = now() + Duration::seconds(1);
    assert!(store.update_sla_policy(&changed).await.unwrap());
    assert_eq!(store.find_sla_policy(&first.id).await.unwrap(), Some(changed));
    assert_eq!(store.list_sla_policies().await.unwrap().last().map(|p| p.id.clone()), Some(first.id.clone()));

    let covered = ticket(&store, "Under a policy").await;
    let due = now() + Duration::hours(2);
    store
        .save_ticket_sla(&covered.id, covered.updated_at, &computed(Some(later.id.clone()), due), &[], now())
        .await
        .unwrap();
    assert!(store.delete_sla_policy(&later.id).await.unwrap());
    assert!(!store.delete_sla_policy(&later.id).await.unwrap());
    let after = store.find_ticket(&covered.id).await.unwrap().unwrap();
    assert_eq!(after.sla.policy_id, None, "a ticket loses a deleted policy");
}

async fn a_calendar_a_policy_counts_in_cannot_be_deleted(store: Arc<dyn Store>) {
    let own_hours = calendar("VIP hours", false);
    store.insert_sla_calendar(&own_hours).await.unwrap();
    store.insert_sla_policy(&policy("VIP", 1, Some(own_hours.id.clone()))).await.unwrap();
    assert!(matches!(store.delete_sla_calendar(&own_hours.id).await, Err(DbError::MissingReference(_))));
    assert!(store.find_sla_calendar(&own_hours.id).await.unwrap().is_some());
}

async fn histories_read_pauses_from_status_changes(store: Arc<dyn Store>) {
    let ticket = ticket(&store, "Pending twice").await;
    let start = ticket.created_at;
    let at = |minutes: i64| start + Duration::minutes(minutes);
    change_status(&store, &ticket, TicketStatus::New, TicketStatus::Open, at(1)).await;
    change_status(&store, &ticket, TicketStatus::Open, TicketStatus::Pending, at(10)).await;
    change_status(&store, &ticket, TicketStatus::Pending, TicketStatus::Open, at(20)).await;
    change_status(&store, &ticket, TicketStatus::Open, TicketStatus::Pending, at(30)).await;
    let other = self::ticket(&store, "Untouched").await;

    let mut histories =
        store.ticket_sla_histories(&[ticket.id.clone(), other.id.clone(), "missing".into()]).await.unwrap();
    histories.sort_by_key(|(id, _)| *id != ticket.id);
    assert_eq!(histories.len(), 2, "unknown ids are left out");
    let (_, pending) = &histories[0];
    assert_eq!(pending.created_at, start);
    assert_eq!(
        pending.pauses,
        vec![PauseInterval { from: at(10), until: Some(at(20)) }, PauseInterval { from: at(30), until: None }]
    );
    assert_eq!((pending.first_staff_reply_at, pending.resolved_at), (None, None));
    assert!(histories[1].1.pauses.is_empty());

    change_status(&store, &ticket, TicketStatus::Pending, TicketStatus::Resolved, at(40)).await;
    let (_, resolved) = store.ticket_sla_histories(std::slice::from_ref(&ticket.id)).await.unwrap().remove(0);
    assert_eq!(resolved.pauses.last(), Some(&PauseInterval { from: at(30), until: Some(at(40)) }));
    assert_eq!(resolved.resolved_at, Some(at(40)));
    assert!(store.ticket_sla_histories(&[]).await.unwrap().is_empty());
}

async fn saving_the_sla_needs_the_version_read(store: Arc<dyn Store>) {
    let record = policy("Standard", 1, None);
    store.insert_sla_policy(&record).await.unwrap();
    let ticket = ticket(&store, "Versioned").await;
    let due = now() + Duration::hours(2);
    let sla = computed(Some(record.id.clone()), due);
    let saved = store.save_ticket_sla(&ticket.id, ticket.updated_at, &sla, &[], now()).await.unwrap();
    assert_eq!(saved, Some(Vec::new()));
    let stored = store.find_ticket(&ticket.id).await.unwrap().unwrap();
    assert_eq!(stored.sla, sla);
    assert_eq!(stored.updated_at, ticket.updated_at, "computing the SLA is not an edit");

    change_status(&store, &ticket, TicketStatus::New, TicketStatus::Open, now() + Duration::seconds(1)).await;
    let stale = store.save_ticket_sla(&ticket.id, ticket.updated_at, &TicketSlaRecord::default(), &[], now()).await;
    assert_eq!(stale.unwrap(), None, "the ticket changed since it was read");
    assert_eq!(store.find_ticket(&ticket.id).await.unwrap().unwrap().sla.policy_id, Some(record.id));
    assert_eq!(store.save_ticket_sla("missing", now(), &sla, &[], now()).await.unwrap(), None);
}

async fn each_alert_is_recorded_once_with_its_timeline_entry(store: Arc<dyn Store>) {
    let ticket = ticket(&store, "Breaching").await;
    let due = now() - Duration::minutes(1);
    let alert = |kind: SlaAlertKind, due_at: DateTime<Utc>| SlaAlertRecord {
        ticket_id: ticket.id.clone(),
        clock: SlaClockKind::FirstResponse,
        kind,
        due_at,
        event: EventRecord {
            id: unique("event"),
            ticket_id: ticket.id.clone(),
            actor_id: None,
            kind: kind.event_kind().into(),
            data: "{}".into(),
            created_at: now(),
        },
    };
    let sla = TicketSlaRecord { state: Some(SlaState::Breached), next_change_at: None, ..computed(None, due) };
    let seq_before = store.latest_live_seq().await.unwrap();
    let first = alert(SlaAlertKind::Breached, due);
    let recorded =
        store.save_ticket_sla(&ticket.id, ticket.updated_at, &sla, std::slice::from_ref(&first), now()).await.unwrap();
    assert_eq!(recorded, Some(vec![first]));
    let seq_after = store.latest_live_seq().await.unwrap();
    assert_eq!(seq_after, seq_before + 1, "a live ticket_updated event went out");

    let again = alert(SlaAlertKind::Breached, due);
    let recorded = store.save_ticket_sla(&ticket.id, ticket.updated_at, &sla, &[again], now()).await.unwrap();
    assert_eq!(recorded, Some(Vec::new()), "the same clock, kind and due time is announced once");
    assert_eq!(store.latest_live_seq().await.unwrap(), seq_after, "nothing new, nothing sent");

    let moved = alert(SlaAlertKind::Breached, due + Duration::minutes(5));
    let warning = alert(SlaAlertKind::Warning, due);
    let both = [moved.clone(), warning.clone()];
    let recorded = store.save_ticket_sla(&ticket.id, ticket.updated_at, &sla, &both, now()).await.unwrap();
    assert_eq!(recorded, Some(vec![moved, warning]), "a new due time or kind is a new announcement");
    let kinds: Vec<String> = store.list_events(&ticket.id).await.unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds.iter().filter(|kind| *kind == "sla_breached").count(), 2);
    assert_eq!(kinds.iter().filter(|kind| *kind == "sla_warning").count(), 1);
}

async fn due_tickets_are_listed_soonest_first_in_pages(store: Arc<dyn Store>) {
    let round = now();
    let mut expected = Vec::new();
    for minutes in [30, 10, 20] {
        let ticket = ticket(&store, &format!("Due {minutes} minutes ago")).await;
        let mut sla = computed(None, round);
        sla.next_change_at = Some(round - Duration::minutes(minutes));
        store.save_ticket_sla(&ticket.id, ticket.updated_at, &sla, &[], round).await.unwrap().unwrap();
        expected.push((minutes, ticket.id));
    }
    let later = ticket(&store, "Not yet").await;
    let mut sla = computed(None, round);
    sla.next_change_at = Some(round + Duration::minutes(5));
    store.save_ticket_sla(&later.id, later.updated_at, &sla, &[], round).await.unwrap().unwrap();
    let nothing = ticket(&store, "Nothing scheduled").await;
    store.save_ticket_sla(&nothing.id, nothing.updated_at, &TicketSlaRecord::default(), &[], round).await.unwrap();
    expected.sort_by_key(|(minutes, _)| -minutes);
    let expected: Vec<String> = expected.into_iter().map(|(_, id)| id).collect();

    let first: Vec<SlaDueTicket> = store.list_tickets_due_for_sla(round, None, 2).await.unwrap();
    let rest = store.list_tickets_due_for_sla(round, first.last(), 2).await.unwrap();
    let ids: Vec<String> = first.iter().chain(&rest).map(|due| due.id.clone()).collect();
    assert_eq!(ids, expected, "soonest first, paged, the future and unscheduled left out");
    assert!(store.list_tickets_due_for_sla(round, rest.last(), 2).await.unwrap().is_empty());

    let resolved = ticket(&store, "Done").await;
    change_status(&store, &resolved, TicketStatus::New, TicketStatus::Resolved, round).await;
    store
        .save_ticket_sla(
            &resolved.id,
            store.find_ticket(&resolved.id).await.unwrap().unwrap().updated_at,
            &TicketSlaRecord::default(),
            &[],
            round,
        )
        .await
        .unwrap()
        .unwrap();
    let marked = store.mark_unfinished_tickets_for_sla(round).await.unwrap();
    assert_eq!(marked, 5, "every new, open or pending ticket");
    let due: Vec<String> =
        store.list_tickets_due_for_sla(round, None, 10).await.unwrap().into_iter().map(|due| due.id).collect();
    assert!(due.contains(&later.id) && due.contains(&nothing.id) && !due.contains(&resolved.id));
}

async fn changes_that_move_a_clock_ask_the_watcher_to_look(store: Arc<dyn Store>) {
    let ticket = ticket(&store, "Fresh").await;
    assert_eq!(ticket.sla.next_change_at, Some(ticket.created_at), "a new ticket is looked at");
    store.save_ticket_sla(&ticket.id, ticket.updated_at, &TicketSlaRecord::default(), &[], now()).await.unwrap();
    let subject_only = TicketChanges { subject: Some("Renamed".into()), ..TicketChanges::default() };
    let at = now() + Duration::seconds(1);
    let renamed = store.update_ticket(&ticket.id, &subject_only, &[], at).await.unwrap().unwrap();
    assert_eq!(renamed.sla.next_change_at, None, "a new subject moves no clock");
    let later = at + Duration::seconds(1);
    change_status(&store, &ticket, TicketStatus::New, TicketStatus::Pending, later).await;
    let pending = store.find_ticket(&ticket.id).await.unwrap().unwrap();
    assert_eq!(pending.sla.next_change_at, Some(later));
}

async fn the_queue_sorts_by_due_soonest_with_nothing_due_last(store: Arc<dyn Store>) {
    let base = now();
    let mut tickets = Vec::new();
    for (subject, due) in [("later", Some(90)), ("none", None), ("soon", Some(10)), ("middle", Some(45))] {
        let ticket = ticket(&store, subject).await;
        let mut sla = computed(None, base);
        sla.next_due_at = due.map(|minutes| base + Duration::minutes(minutes));
        store.save_ticket_sla(&ticket.id, ticket.updated_at, &sla, &[], base).await.unwrap().unwrap();
        tickets.push(ticket);
    }
    let filter = tidings::store::TicketFilter {
        statuses: vec![TicketStatus::New, TicketStatus::Open, TicketStatus::Pending],
        ..Default::default()
    };
    let (listed, total) = store.list_tickets(&filter, TicketSort::Due, 10, 0).await.unwrap();
    let subjects: Vec<String> = listed.into_iter().map(|t| t.subject).collect();
    assert_eq!(subjects, ["soon", "middle", "later", "none"]);
    assert_eq!(total, 4);
    assert_eq!(TicketSort::parse("due"), Some(TicketSort::Due));
}

async fn the_requester_brand_is_their_latest_widget_session(store: Arc<dyn Store>) {
    let brand = BrandRecord { slug: unique("brand"), name: "Shop".into(), color: "#112233".into() };
    store.upsert_brand(&brand, now()).await.unwrap();
    let contact = NewUserRecord {
        id: unique("contact"),
        email: format!("{}@widget.invalid", unique("visitor")),
        name: "Visitor".into(),
        role: Role::Customer,
        locale: tidings::domain::Locale::En,
        password_hash: "x".into(),
        created_at: now(),
    };
    let session = WidgetSessionRecord {
        id: unique("session"),
        token_hash: unique("hash"),
        contact_id: contact.id.clone(),
        brand: brand.slug.clone(),
        email: None,
        created_at: now(),
    };
    store.insert_widget_session(&contact, &session).await.unwrap();
    assert_eq!(store.find_requester_brand(&contact.id).await.unwrap(), Some(brand.slug));
    let portal_customer = user(&store, Role::Customer).await;
    assert_eq!(store.find_requester_brand(&portal_customer).await.unwrap(), None);
}
