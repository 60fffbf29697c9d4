//! The agent queue's category, type and creation-date filters and every sort, on SQLite and PostgreSQL.

use crate::common;

use common::fixtures::{draft, user};

use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use tidings::domain::{CreatedRange, Priority, Role, TicketStatus};
use tidings::service::now;
use tidings::store::{Store, TicketChanges, TicketFilter, TicketSlaRecord, TicketSort};

contract!(category_type_and_date_filters_return_exactly_the_right_rows, every_sort_orders_as_named);

async fn category_type_and_date_filters_return_exactly_the_right_rows(store: Arc<dyn Store>) {
    let carla = user(&store, Role::Customer).await;
    let day = |raw: &str| DateTime::parse_from_rfc3339(raw).unwrap().with_timezone(&Utc);
    // (category, type, created_at)
    let specs = [
        (Some("Billing"), Some("question"), "2024-04-30T23:59:59.999999Z"),
        (Some("Billing/Invoices"), Some("incident"), "2024-05-01T00:00:00Z"),
        (Some("Billing/Invoices/EU"), None, "2024-05-01T12:30:00.25Z"),
        (Some("Billing Disputes"), Some("question"), "2024-05-01T23:59:59.999999Z"),
        (Some("billing/refunds"), Some("Question"), "2024-05-02T00:00:00Z"),
        (Some("B%_x"), Some("incident"), "2024-05-03T08:00:00Z"),
        (None, None, "2024-05-03T09:00:00Z"),
    ];
    let mut ids = Vec::new();
    for (i, (category, ticket_type, at)) in specs.iter().enumerate() {
        let mut ticket = draft(&carla, &format!("T{i}"), day(at));
        ticket.category = category.map(str::to_string);
        ticket.ticket_type = ticket_type.map(str::to_string);
        ticket.context = Some(format!("{{\"screen\":\"{i}x{i}\"}}"));
        let stored = store.insert_ticket(&ticket).await.unwrap();
        assert_eq!(stored.context, ticket.context, "the context is stored as given");
        ids.push(stored.id);
    }
    let found = |filter: TicketFilter| {
        let store = store.clone();
        async move {
            let (tickets, total) = store.list_tickets(&filter, TicketSort::CreatedAsc, 100, 0).await.unwrap();
            assert_eq!(total as usize, tickets.len());
            tickets.into_iter().map(|t| t.id).collect::<Vec<_>>()
        }
    };
    let pick = |which: &[usize]| which.iter().map(|i| ids[*i].clone()).collect::<Vec<_>>();
    let category = |path: &str| TicketFilter { category: Some(path.into()), ..TicketFilter::default() };
    assert_eq!(found(category("Billing")).await, pick(&[0, 1, 2]), "itself and below, whole levels, case kept");
    assert_eq!(found(category("Billing/Invoices")).await, pick(&[1, 2]));
    assert_eq!(found(category("Billing/Invoices/EU")).await, pick(&[2]));
    assert_eq!(found(category("billing")).await, pick(&[4]));
    assert_eq!(found(category("Bill")).await, pick(&[]), "a prefix of a name is not a parent");
    assert_eq!(found(category("B%_x")).await, pick(&[5]), "wildcards are plain characters");
    assert_eq!(found(category("B%")).await, pick(&[]));

    let of_type = |t: &str| TicketFilter { ticket_type: Some(t.into()), ..TicketFilter::default() };
    assert_eq!(found(of_type("question")).await, pick(&[0, 3]), "exact, case kept");
    assert_eq!(found(of_type("incident")).await, pick(&[1, 5]));

    let created = |from: Option<&str>, to: Option<&str>| {
        let range = CreatedRange::parse(from, to).unwrap();
        TicketFilter { created_from: range.from, created_before: range.before, ..TicketFilter::default() }
    };
    assert_eq!(found(created(Some("2024-05-01"), Some("2024-05-01"))).await, pick(&[1, 2, 3]), "one whole day");
    assert_eq!(found(created(Some("2024-05-02"), None)).await, pick(&[4, 5, 6]));
    assert_eq!(found(created(None, Some("2024-04-30"))).await, pick(&[0]));
    assert_eq!(found(created(Some("2024-05-01T12:30:00.25Z"), Some("2024-05-02T00:00:00Z"))).await, pick(&[2, 3, 4]));
    assert_eq!(found(created(Some("2024-05-01T14:30:00.25+02:00"), Some("2024-05-01T12:30:00.25Z"))).await, pick(&[2]));
    let combined = TicketFilter { category: Some("Billing".into()), ..created(Some("2024-05-01"), None) };
    assert_eq!(found(combined).await, pick(&[1, 2]));

    // Final resolutions: T1 on 10 May, T2 at the very end of 10 May, T3 on 11 May; the rest unresolved.
    for (index, at) in [(1, "2024-05-10T08:00:00Z"), (2, "2024-05-10T23:59:59.999999Z"), (3, "2024-05-11T00:00:00Z")] {
        let changes = TicketChanges {
            status: Some(TicketStatus::Resolved),
            resolved_at: Some(Some(day(at))),
            ..TicketChanges::default()
        };
        store.update_ticket(&ids[index], &changes, &[], day(at)).await.unwrap().expect("ticket");
    }
    let resolved = |from: Option<&str>, to: Option<&str>| {
        let range = CreatedRange::parse_fields(from, to, ("resolved_from", "resolved_to")).unwrap();
        TicketFilter { resolved_from: range.from, resolved_before: range.before, ..TicketFilter::default() }
    };
    assert_eq!(found(resolved(Some("2024-05-10"), Some("2024-05-10"))).await, pick(&[1, 2]), "one whole day");
    assert_eq!(found(resolved(Some("2024-05-11"), None)).await, pick(&[3]));
    assert_eq!(found(resolved(None, Some("2024-05-11"))).await, pick(&[1, 2, 3]), "unresolved tickets never match");
    let both = TicketFilter { category: Some("Billing".into()), ..resolved(Some("2024-05-10T12:00:00Z"), None) };
    assert_eq!(found(both).await, pick(&[2]));
}

async fn every_sort_orders_as_named(store: Arc<dyn Store>) {
    let carla = user(&store, Role::Customer).await;
    let start = now() - Duration::hours(1);
    // (priority, status); created one minute apart, then updated in reverse order of creation
    let specs = [
        (Priority::Low, TicketStatus::Pending),
        (Priority::Urgent, TicketStatus::Open),
        (Priority::Normal, TicketStatus::New),
        (Priority::High, TicketStatus::Resolved),
    ];
    let mut ids = Vec::new();
    for (i, (priority, status)) in specs.iter().enumerate() {
        let ticket =
            store.insert_ticket(&draft(&carla, &format!("S{i}"), start + Duration::minutes(i as i64))).await.unwrap();
        let changes = TicketChanges {
            priority: Some(*priority),
            status: (*status != TicketStatus::New).then_some(*status),
            ..TicketChanges::default()
        };
        let updated = store
            .update_ticket(&ticket.id, &changes, &[], start + Duration::minutes(30 - i as i64))
            .await
            .unwrap()
            .unwrap();
        // Due soonest: S2, S0, S3, then S1 with nothing due.
        let due = [Some(20), None, Some(10), Some(30)][i].map(|minutes| start + Duration::minutes(minutes));
        let sla = TicketSlaRecord { next_due_at: due, ..TicketSlaRecord::default() };
        store.save_ticket_sla(&ticket.id, updated.updated_at, &sla, &[], now()).await.unwrap().unwrap();
        ids.push(ticket.id);
    }
    let pick = |which: [usize; 4]| which.iter().map(|i| ids[*i].clone()).collect::<Vec<_>>();
    let cases = [
        (TicketSort::UpdatedDesc, pick([0, 1, 2, 3])),
        (TicketSort::UpdatedAsc, pick([3, 2, 1, 0])),
        (TicketSort::CreatedAsc, pick([0, 1, 2, 3])),
        (TicketSort::CreatedDesc, pick([3, 2, 1, 0])),
        (TicketSort::PriorityDesc, pick([1, 3, 2, 0])),
        (TicketSort::PriorityAsc, pick([0, 2, 3, 1])),
        (TicketSort::NumberAsc, pick([0, 1, 2, 3])),
        (TicketSort::NumberDesc, pick([3, 2, 1, 0])),
        (TicketSort::Status, pick([2, 1, 0, 3])),
        (TicketSort::Due, pick([2, 0, 3, 1])),
    ];
    assert_eq!(cases.len(), TicketSort::ALL.len(), "every sort is checked");
    for (sort, expected) in cases {
        let (page, _) = store.list_tickets(&TicketFilter::default(), sort, 10, 0).await.unwrap();
        assert_eq!(page.into_iter().map(|t| t.id).collect::<Vec<_>>(), expected, "{}", sort.as_str());
        assert_eq!(TicketSort::parse(sort.as_str()), Some(sort));
    }
}
