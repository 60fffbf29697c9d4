//! Bulk import and the demo data generator, on SQLite and PostgreSQL alike.

use crate::common;

use std::collections::BTreeSet;
use std::sync::Arc;
use tidings::blob::DiskBlobStore;
use tidings::domain::{Channel, Priority, TicketStatus};
use tidings::service::{now, DemoDataSpec, Services, Settings};
use tidings::store::{ImportedTicket, MessageRecord, Store, TicketFilter, TicketSort};

contract!(generated_tickets_are_numbered_in_order_with_their_threads, a_batch_with_a_bad_row_stores_nothing);

fn services(store: &Arc<dyn Store>) -> Services {
    let blobs = tempfile::tempdir().expect("blob dir").keep();
    Services::new(store.clone(), Arc::new(DiskBlobStore::new(blobs)), Settings::default())
}

fn spec(tickets: u64) -> DemoDataSpec {
    DemoDataSpec {
        tickets,
        messages_per_ticket: 3,
        customers: 7,
        agents: 3,
        password: "demo-password-123".into(),
        seed: 5,
    }
}

async fn all_tickets(store: &Arc<dyn Store>) -> (Vec<tidings::store::TicketRecord>, u64) {
    let mut all = Vec::new();
    let mut offset = 0;
    loop {
        let (page, total) =
            store.list_tickets(&TicketFilter::default(), TicketSort::CreatedAsc, 500, offset).await.unwrap();
        if page.is_empty() {
            return (all, total);
        }
        offset += page.len() as u64;
        all.extend(page);
    }
}

async fn generated_tickets_are_numbered_in_order_with_their_threads(store: Arc<dyn Store>) {
    let services = services(&store);
    let mut seen_progress = Vec::new();
    let report = services.generate_demo_data(&spec(1_203), |done| seen_progress.push(done)).await.unwrap();
    assert_eq!(report.tickets, 1_203);
    assert_eq!(report.first_number, 1_001);
    assert_eq!(seen_progress, vec![500, 1_000, 1_203], "one progress report per batch");

    let (tickets, total) = all_tickets(&store).await;
    assert_eq!(total, 1_203);
    let numbers: BTreeSet<u64> = tickets.iter().map(|ticket| ticket.number.get()).collect();
    assert_eq!(numbers, (1_001..=2_203).collect(), "every number once, no gaps");

    let mut messages = 0;
    for ticket in &tickets {
        let thread = store.list_messages(&ticket.id, true).await.unwrap();
        assert!(!thread.is_empty(), "ticket {} has a thread", ticket.id);
        assert!(thread.len() <= 5, "at most twice the average, minus one");
        assert_eq!(thread.last().unwrap().created_at, ticket.updated_at, "updated when last written to");
        messages += thread.len() as u64;
    }
    assert_eq!(messages, report.messages);

    // A second run reuses the generated accounts and continues the numbering.
    let again = services.generate_demo_data(&spec(10), |_| {}).await.unwrap();
    assert_eq!(again.first_number, 2_204);
}

async fn a_batch_with_a_bad_row_stores_nothing(store: Arc<dyn Store>) {
    let services = services(&store);
    services.generate_demo_data(&spec(2), |_| {}).await.unwrap();
    let (before, _) = all_tickets(&store).await;
    let good = before[0].requester_id.clone();
    let ticket = |id: &str, requester: &str| ImportedTicket {
        id: id.into(),
        subject: "Imported".into(),
        status: TicketStatus::Open,
        priority: Priority::Normal,
        ticket_type: None,
        category: None,
        channel: Channel::Email,
        requester_id: requester.into(),
        assignee_id: None,
        team_id: None,
        language: None,
        tags: vec!["imported".into()],
        created_at: now(),
        updated_at: now(),
        first_response_at: None,
        resolved_at: None,
        messages: vec![MessageRecord {
            id: format!("{id}-m"),
            ticket_id: id.into(),
            author_id: requester.into(),
            body: "hello".into(),
            internal: false,
            channel: Channel::Email,
            created_at: now(),
            provider_message_id: None,
            delivery: None,
        }],
    };
    let refused = store.import_tickets(&[ticket("imp-1", &good), ticket("imp-2", "no-such-user")]).await;
    assert!(refused.is_err(), "an unknown requester refuses the batch");
    assert!(store.find_ticket("imp-1").await.unwrap().is_none(), "nothing of the batch stays");
    let first = store.import_tickets(&[ticket("imp-3", &good)]).await.unwrap();
    assert_eq!(first, 1_003, "the refused batch used no numbers");
    let stored = store.find_ticket("imp-3").await.unwrap().unwrap();
    assert_eq!(stored.tags, vec!["imported".to_string()]);
    assert_eq!(store.list_messages("imp-3", false).await.unwrap().len(), 1);
}
