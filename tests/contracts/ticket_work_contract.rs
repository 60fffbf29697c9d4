//! Merging and splitting tickets, on SQLite and PostgreSQL alike. Merges and
//! splits must keep every message exactly once, with its id and time, and change nothing when refused.

use crate::common;

use common::fixtures::{draft, event, message, unique, user};

use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeSet;
use std::sync::Arc;
use tidings::domain::{search_terms, Channel, Priority, Role, TicketRef, TicketStatus};
use tidings::service::now;
use tidings::store::{
    EventRecord, SplitTicketRecord, Store, TextSearch, TicketChanges, TicketFilter, TicketMerge, TicketRecord,
    TicketSort, TicketSplit,
};

contract!(
    merge_moves_every_message_once_and_closes_the_source,
    refused_merges_change_nothing,
    split_moves_exactly_the_chosen_messages,
    refused_splits_change_nothing,
);

/// A ticket with its opening message and `extra` more, one second apart from `start`.
async fn ticket_with_thread(
    store: &Arc<dyn Store>,
    requester: &str,
    subject: &str,
    extra: usize,
    start: DateTime<Utc>,
) -> TicketRecord {
    let ticket = store.insert_ticket(&draft(requester, subject, start)).await.unwrap();
    for i in 1..=extra {
        let mut reply =
            message(&ticket.id, requester, &format!("{subject} reply {i}"), start + Duration::seconds(i as i64));
        reply.internal = i % 2 == 0;
        store.insert_message(&reply, &TicketChanges::default(), &[]).await.unwrap();
    }
    ticket
}

/// Each message as (id, ticket, time, body), by id.
async fn messages_of(store: &Arc<dyn Store>, ids: &[&str]) -> BTreeSet<(String, String, DateTime<Utc>, String)> {
    let mut all = BTreeSet::new();
    for id in ids {
        for m in store.list_messages(id, true).await.unwrap() {
            all.insert((m.id, m.ticket_id, m.created_at, m.body));
        }
    }
    all
}

fn ids_of(messages: &BTreeSet<(String, String, DateTime<Utc>, String)>) -> BTreeSet<String> {
    messages.iter().map(|m| m.0.clone()).collect()
}

async fn event_kinds(store: &Arc<dyn Store>, ticket_id: &str) -> Vec<String> {
    store.list_events(ticket_id).await.unwrap().into_iter().map(|e| e.kind).collect()
}

fn merge_of(source: &TicketRecord, target: &TicketRecord, tags: &[&str]) -> TicketMerge {
    TicketMerge {
        source_id: source.id.clone(),
        target_id: target.id.clone(),
        target_tags: tags.iter().map(|t| t.to_string()).collect(),
        events: vec![event(&source.id, "merged_into"), event(&target.id, "merged_from")],
        at: now() + Duration::minutes(5),
    }
}

async fn merge_moves_every_message_once_and_closes_the_source(store: Arc<dyn Store>) {
    let carla = user(&store, Role::Customer).await;
    let start = now() - Duration::hours(1);
    let source = ticket_with_thread(&store, &carla, "Duplicate", 3, start).await;
    let target = ticket_with_thread(&store, &carla, "Original", 1, start + Duration::seconds(30)).await;
    let bystander = ticket_with_thread(&store, &carla, "Unrelated", 1, start).await;
    let before = messages_of(&store, &[&source.id, &target.id, &bystander.id]).await;
    assert_eq!(store.list_messages(&source.id, true).await.unwrap().len(), 4);
    assert_eq!(store.list_messages(&target.id, true).await.unwrap().len(), 2);

    let merge = merge_of(&source, &target, &["vip", "billing"]);
    let merged = store.merge_tickets(&merge).await.unwrap().expect("merged");
    assert_eq!(merged.id, target.id);
    assert_eq!(merged.tags, vec!["billing".to_string(), "vip".to_string()]);
    assert_eq!(merged.updated_at, merge.at);
    assert_eq!(merged.status, target.status, "the target keeps its status");

    let after = messages_of(&store, &[&source.id, &target.id, &bystander.id]).await;
    assert_eq!(ids_of(&after), ids_of(&before), "same message ids, none lost or duplicated");
    assert_eq!(after.len(), before.len());
    for (id, ticket, at, body) in &before {
        let moved_to = if *ticket == source.id { &target.id } else { ticket };
        assert!(after.contains(&(id.clone(), moved_to.clone(), *at, body.clone())), "{body} kept its time and text");
    }
    assert!(store.list_messages(&source.id, true).await.unwrap().is_empty(), "nothing left on the source");
    let thread = store.list_messages(&target.id, true).await.unwrap();
    assert_eq!(thread.len(), 6);
    assert!(thread.windows(2).all(|w| w[0].created_at <= w[1].created_at), "one thread in time order");
    assert_eq!(store.list_messages(&bystander.id, true).await.unwrap().len(), 2, "other tickets untouched");

    let closed = store.find_ticket(&source.id).await.unwrap().unwrap();
    assert_eq!(closed.status, TicketStatus::Closed);
    assert_eq!(closed.merged_into, Some(TicketRef { id: target.id.clone(), number: target.number.get() }));
    assert_eq!(closed.resolved_at, None, "a merged duplicate never counts as resolved");
    assert_eq!(event_kinds(&store, &source.id).await, ["created", "merged_into"]);
    assert_eq!(event_kinds(&store, &target.id).await, ["created", "merged_from"]);

    let found = found_by(&store, "duplicate reply", true).await;
    assert_eq!(found, vec![target.id.clone()], "search finds moved messages on the target");
}

/// The tickets a search finds, oldest first.
async fn found_by(store: &Arc<dyn Store>, words: &str, include_internal: bool) -> Vec<String> {
    let filter = TicketFilter {
        text: Some(TextSearch { terms: search_terms(words), include_internal }),
        ..TicketFilter::default()
    };
    store.list_tickets(&filter, TicketSort::CreatedAsc, 10, 0).await.unwrap().0.into_iter().map(|t| t.id).collect()
}

async fn refused_merges_change_nothing(store: Arc<dyn Store>) {
    let carla = user(&store, Role::Customer).await;
    let start = now() - Duration::hours(1);
    let source = ticket_with_thread(&store, &carla, "Source", 2, start).await;
    let target = ticket_with_thread(&store, &carla, "Target", 0, start).await;
    let closed = ticket_with_thread(&store, &carla, "Closed", 0, start).await;
    let close = TicketChanges { status: Some(TicketStatus::Closed), ..TicketChanges::default() };
    store.update_ticket(&closed.id, &close, &[], now()).await.unwrap();
    let before = messages_of(&store, &[&source.id, &target.id, &closed.id]).await;
    let rows_before = [store.find_ticket(&source.id).await.unwrap(), store.find_ticket(&target.id).await.unwrap()];

    let into_closed = merge_of(&source, &closed, &["x"]);
    assert!(store.merge_tickets(&into_closed).await.unwrap().is_none(), "into a closed ticket");
    let from_closed = merge_of(&closed, &target, &["x"]);
    assert!(store.merge_tickets(&from_closed).await.unwrap().is_none(), "from a closed ticket");
    let mut into_missing = merge_of(&source, &target, &["x"]);
    into_missing.target_id = "no-such-ticket".into();
    assert!(store.merge_tickets(&into_missing).await.unwrap().is_none(), "into a missing ticket");

    assert_eq!(messages_of(&store, &[&source.id, &target.id, &closed.id]).await, before, "no message moved");
    let rows_after = [store.find_ticket(&source.id).await.unwrap(), store.find_ticket(&target.id).await.unwrap()];
    assert_eq!(rows_after, rows_before, "status, links, tags and times unchanged");
    assert!(store.find_ticket(&closed.id).await.unwrap().unwrap().tags.is_empty(), "no tags were set");
    for id in [&source.id, &target.id] {
        assert_eq!(event_kinds(&store, id).await, ["created"], "no events recorded on {id}");
    }

    // After one merge the source is closed, so merging it again (anywhere) is refused.
    store.merge_tickets(&merge_of(&source, &target, &[])).await.unwrap().expect("first merge");
    let other = ticket_with_thread(&store, &carla, "Other", 0, start).await;
    assert!(store.merge_tickets(&merge_of(&source, &other, &[])).await.unwrap().is_none());
    assert_eq!(store.list_messages(&target.id, true).await.unwrap().len(), 4, "3 + 1, each once");
}

fn split_of(source: &TicketRecord, message_ids: Vec<String>) -> TicketSplit {
    TicketSplit {
        source_id: source.id.clone(),
        message_ids,
        ticket: SplitTicketRecord {
            id: unique("ticket"),
            subject: "Second problem".into(),
            status: TicketStatus::Open,
            priority: Priority::High,
            ticket_type: Some("incident".into()),
            category: Some("Billing/Invoices".into()),
            channel: Channel::Email,
            requester_id: source.requester_id.clone(),
            team_id: None,
            language: Some("de".into()),
            first_response_at: Some(source.created_at),
            created_at: now(),
        },
    }
}

fn split_events(
    source_id: &str,
    new_id: &str,
) -> impl Fn(tidings::domain::TicketNumber) -> Vec<EventRecord> + Send + Sync {
    let (source_id, new_id) = (source_id.to_string(), new_id.to_string());
    move |number| {
        let mut to = event(&source_id, "split_to");
        to.data = format!("{{\"number\":{}}}", number.get());
        vec![to, event(&new_id, "split_from")]
    }
}

async fn split_moves_exactly_the_chosen_messages(store: Arc<dyn Store>) {
    let carla = user(&store, Role::Customer).await;
    let source = ticket_with_thread(&store, &carla, "Mixed", 4, now() - Duration::hours(1)).await;
    let before = messages_of(&store, &[&source.id]).await;
    let thread = store.list_messages(&source.id, true).await.unwrap();
    let chosen = vec![thread[3].id.clone(), thread[1].id.clone()];
    let split = split_of(&source, chosen.clone());

    let created =
        store.split_ticket(&split, &split_events(&source.id, &split.ticket.id)).await.unwrap().expect("split");
    assert_eq!(created.id, split.ticket.id);
    assert_eq!(created.number.get(), source.number.get() + 1, "the next number");
    assert_eq!(created.split_from, Some(TicketRef { id: source.id.clone(), number: source.number.get() }));
    assert_eq!(
        (created.status, created.priority, created.channel),
        (TicketStatus::Open, Priority::High, Channel::Email)
    );
    assert_eq!(
        (created.category.as_deref(), created.ticket_type.as_deref(), created.language.as_deref()),
        (Some("Billing/Invoices"), Some("incident"), Some("de"))
    );
    assert_eq!((created.requester_id.as_str(), created.first_response_at), (carla.as_str(), Some(source.created_at)));
    assert_eq!((created.merged_into.clone(), created.context.clone()), (None, None));

    let moved: BTreeSet<String> =
        store.list_messages(&created.id, true).await.unwrap().into_iter().map(|m| m.id).collect();
    assert_eq!(moved, chosen.iter().cloned().collect::<BTreeSet<_>>(), "exactly the chosen messages moved");
    let left = store.list_messages(&source.id, true).await.unwrap();
    assert_eq!(left.len(), 3, "the rest stayed");
    let after = messages_of(&store, &[&source.id, &created.id]).await;
    assert_eq!(ids_of(&after), ids_of(&before), "every message exactly once");
    for (id, _, at, body) in &before {
        let ticket = if chosen.contains(id) { &created.id } else { &source.id };
        assert!(after.contains(&(id.clone(), ticket.clone(), *at, body.clone())), "{body}");
    }
    let events = store.list_events(&source.id).await.unwrap();
    assert_eq!(events.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["created", "split_to"]);
    assert_eq!(events[1].data, format!("{{\"number\":{}}}", created.number.get()), "events know the new number");
    assert_eq!(event_kinds(&store, &created.id).await, ["split_from"]);
    assert_eq!(store.find_ticket(&source.id).await.unwrap().unwrap().status, TicketStatus::New, "source keeps status");

    // Search follows the moved messages (internal notes still only for staff), and both threads go on.
    assert_eq!(found_by(&store, "mixed reply 3", true).await, vec![created.id.clone()]);
    assert_eq!(found_by(&store, "mixed reply 2", true).await, vec![source.id.clone()]);
    assert_eq!(found_by(&store, "mixed reply 1", false).await, vec![created.id.clone()], "customers find it moved");
    assert_eq!(found_by(&store, "mixed reply 4", true).await, vec![source.id.clone()], "the note that stayed");
    assert!(found_by(&store, "mixed reply 4", false).await.is_empty(), "is still internal");
    for ticket in [&source.id, &created.id] {
        let later = message(ticket, &carla, "afterwards", now());
        store.insert_message(&later, &TicketChanges::default(), &[]).await.unwrap();
    }
    assert_eq!(found_by(&store, "afterwards", false).await, vec![source.id.clone(), created.id.clone()]);
}

async fn refused_splits_change_nothing(store: Arc<dyn Store>) {
    let carla = user(&store, Role::Customer).await;
    let source = ticket_with_thread(&store, &carla, "Source", 2, now() - Duration::hours(1)).await;
    let other = ticket_with_thread(&store, &carla, "Other", 1, now() - Duration::hours(1)).await;
    let before = messages_of(&store, &[&source.id, &other.id]).await;
    let thread: Vec<String> = store.list_messages(&source.id, true).await.unwrap().into_iter().map(|m| m.id).collect();
    let elsewhere = store.list_messages(&other.id, true).await.unwrap()[1].id.clone();

    let cases = [
        ("a message of another ticket", vec![thread[0].clone(), elsewhere]),
        ("an unknown message", vec!["no-such-message".to_string()]),
        ("all messages", thread.clone()),
    ];
    for (what, ids) in cases {
        let split = split_of(&source, ids);
        let refused = store.split_ticket(&split, &split_events(&source.id, &split.ticket.id)).await.unwrap();
        assert!(refused.is_none(), "{what} is refused");
        assert!(store.find_ticket(&split.ticket.id).await.unwrap().is_none(), "{what}: no ticket created");
    }
    let close = TicketChanges { status: Some(TicketStatus::Closed), ..TicketChanges::default() };
    store.update_ticket(&source.id, &close, &[], now()).await.unwrap();
    let from_closed = split_of(&source, vec![thread[1].clone()]);
    assert!(store.split_ticket(&from_closed, &split_events(&source.id, "x")).await.unwrap().is_none(), "closed");

    assert_eq!(messages_of(&store, &[&source.id, &other.id]).await, before, "no message moved");
    assert_eq!(event_kinds(&store, &source.id).await, ["created"], "no events recorded");
    let next = store.insert_ticket(&draft(&carla, "Next", now())).await.unwrap();
    assert_eq!(next.number.get(), other.number.get() + 1, "refused splits used up no ticket number");
}
