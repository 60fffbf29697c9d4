//! The ticket half of the store contract, on SQLite and PostgreSQL alike.

use crate::common;

use common::fixtures::{unique, user};

use chrono::Duration;
use std::collections::BTreeSet;
use std::sync::Arc;
use tidings::domain::{search_terms, Channel, Priority, Role, Team, TicketNumber, TicketStatus};
use tidings::service::now;
use tidings::store::{
    AssigneeFilter, DbError, EventRecord, MessageRecord, NewTicketRecord, Store, TextSearch, TicketChanges,
    TicketFilter, TicketSort,
};

contract!(
    ticket_numbers_are_unique_and_sequential_under_concurrency,
    tickets_round_trip_with_tags_first_message_and_event,
    internal_notes_are_listed_only_when_asked_for,
    changes_set_and_clear_and_are_all_or_nothing,
    filters_return_exactly_the_matching_tickets,
    messages_to_missing_tickets_are_refused_whole,
    full_text_search_finds_words_in_subjects_and_messages,
);

fn event(ticket_id: &str, actor: Option<&str>, kind: &str) -> EventRecord {
    EventRecord {
        id: unique("event"),
        ticket_id: ticket_id.into(),
        actor_id: actor.map(str::to_string),
        kind: kind.into(),
        data: "{}".into(),
        created_at: now(),
    }
}

fn message(ticket_id: &str, author: &str, body: &str, internal: bool) -> MessageRecord {
    MessageRecord {
        id: unique("message"),
        ticket_id: ticket_id.into(),
        author_id: author.into(),
        body: body.into(),
        internal,
        channel: Channel::Portal,
        created_at: now(),
        provider_message_id: None,
        delivery: None,
    }
}

fn new_ticket(requester: &str, subject: &str) -> NewTicketRecord {
    let id = unique("ticket");
    NewTicketRecord {
        subject: subject.into(),
        status: TicketStatus::New,
        priority: Priority::Normal,
        ticket_type: Some("question".into()),
        category: Some("Billing/Refunds".into()),
        channel: Channel::Portal,
        requester_id: requester.into(),
        team_id: None,
        language: Some("de".into()),
        tags: vec!["refund".into(), "vip".into()],
        context: None,
        created_at: now(),
        first_message: message(&id, requester, "Where is my refund?", false),
        created_event: event(&id, Some(requester), "created"),
        id,
    }
}

async fn ticket_numbers_are_unique_and_sequential_under_concurrency(store: Arc<dyn Store>) {
    let requester = user(&store, Role::Customer).await;
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let store = store.clone();
            let ticket = new_ticket(&requester, &format!("Question {i}"));
            tokio::spawn(async move { store.insert_ticket(&ticket).await })
        })
        .collect();
    let mut numbers = BTreeSet::new();
    for task in tasks {
        numbers.insert(task.await.unwrap().expect("every ticket is stored").number.get());
    }
    assert_eq!(numbers, (1001..=1016).collect::<BTreeSet<u64>>());
}

async fn tickets_round_trip_with_tags_first_message_and_event(store: Arc<dyn Store>) {
    let requester = user(&store, Role::Customer).await;
    let draft = new_ticket(&requester, "Ümlaut \"quotes\" 🚀 '; DROP TABLE tickets; --");
    let stored = store.insert_ticket(&draft).await.unwrap();
    assert_eq!(stored.number, TicketNumber(1001));
    assert_eq!(stored.number.to_string(), "#1001");
    assert_eq!(
        (stored.subject.as_str(), stored.status, stored.priority),
        (draft.subject.as_str(), TicketStatus::New, Priority::Normal)
    );
    assert_eq!(stored.tags, vec!["refund".to_string(), "vip".to_string()]);
    assert_eq!((stored.category.as_deref(), stored.language.as_deref()), (Some("Billing/Refunds"), Some("de")));
    assert_eq!(stored.created_at, draft.created_at);
    assert_eq!(stored.updated_at, draft.created_at);
    assert_eq!((stored.assignee_id.clone(), stored.first_response_at, stored.resolved_at), (None, None, None));
    assert_eq!(store.find_ticket(&draft.id).await.unwrap().as_ref(), Some(&stored));
    assert_eq!(store.list_messages(&draft.id, false).await.unwrap(), vec![draft.first_message.clone()]);
    let events = store.list_events(&draft.id).await.unwrap();
    assert_eq!(events.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["created"]);
    assert!(store.find_ticket("missing").await.unwrap().is_none());
}

async fn internal_notes_are_listed_only_when_asked_for(store: Arc<dyn Store>) {
    let requester = user(&store, Role::Customer).await;
    let agent = user(&store, Role::Agent).await;
    let ticket = store.insert_ticket(&new_ticket(&requester, "Help")).await.unwrap();
    let mut note = message(&ticket.id, &agent, "Customer is on the old plan", true);
    note.created_at = now() + Duration::seconds(1);
    let mut reply = message(&ticket.id, &agent, "We are on it", false);
    reply.created_at = now() + Duration::seconds(2);
    for m in [&note, &reply] {
        store.insert_message(m, &TicketChanges::default(), &[]).await.unwrap();
    }
    let public: Vec<String> =
        store.list_messages(&ticket.id, false).await.unwrap().into_iter().map(|m| m.body).collect();
    assert_eq!(public, ["Where is my refund?", "We are on it"]);
    let all: Vec<bool> = store.list_messages(&ticket.id, true).await.unwrap().into_iter().map(|m| m.internal).collect();
    assert_eq!(all, [false, true, false], "oldest first, notes included for staff");
    assert_eq!(store.find_ticket(&ticket.id).await.unwrap().unwrap().updated_at, reply.created_at);
}

async fn changes_set_and_clear_and_are_all_or_nothing(store: Arc<dyn Store>) {
    let requester = user(&store, Role::Customer).await;
    let agent = user(&store, Role::Agent).await;
    let team = Team { id: unique("team"), name: unique("Team") };
    store.insert_team(&team, now()).await.unwrap();
    let ticket = store.insert_ticket(&new_ticket(&requester, "Login broken")).await.unwrap();
    let at = now() + Duration::seconds(5);
    let changes = TicketChanges {
        status: Some(TicketStatus::Open),
        priority: Some(Priority::Urgent),
        assignee_id: Some(Some(agent.clone())),
        team_id: Some(Some(team.id.clone())),
        tags: Some(vec!["login".into()]),
        first_response_at: Some(Some(at)),
        ..TicketChanges::default()
    };
    let updated = store
        .update_ticket(&ticket.id, &changes, &[event(&ticket.id, Some(&agent), "status_changed")], at)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((updated.status, updated.priority), (TicketStatus::Open, Priority::Urgent));
    assert_eq!(
        (updated.assignee_id.as_deref(), updated.team_id.as_deref()),
        (Some(agent.as_str()), Some(team.id.as_str()))
    );
    assert_eq!(
        (updated.tags.clone(), updated.first_response_at, updated.updated_at),
        (vec!["login".to_string()], Some(at), at)
    );
    let cleared = store
        .update_ticket(
            &ticket.id,
            &TicketChanges { assignee_id: Some(None), category: Some(None), ..TicketChanges::default() },
            &[],
            at,
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (cleared.assignee_id, cleared.category, cleared.status),
        (None, None, TicketStatus::Open),
        "cleared, rest kept"
    );
    let ghost = TicketChanges {
        status: Some(TicketStatus::Pending),
        assignee_id: Some(Some("ghost".into())),
        ..TicketChanges::default()
    };
    let err = store.update_ticket(&ticket.id, &ghost, &[event(&ticket.id, None, "assigned")], at).await.unwrap_err();
    assert!(matches!(err, DbError::MissingReference(_)), "{err:?}");
    assert_eq!(
        store.find_ticket(&ticket.id).await.unwrap().unwrap().status,
        TicketStatus::Open,
        "nothing half-applied"
    );
    assert_eq!(store.list_events(&ticket.id).await.unwrap().len(), 2, "created + status_changed only");
    assert!(store.update_ticket("missing", &TicketChanges::default(), &[], at).await.unwrap().is_none());
}

async fn filters_return_exactly_the_matching_tickets(store: Arc<dyn Store>) {
    let alice = user(&store, Role::Customer).await;
    let bob = user(&store, Role::Customer).await;
    let agent = user(&store, Role::Agent).await;
    let team = Team { id: unique("team"), name: unique("Team") };
    store.insert_team(&team, now()).await.unwrap();
    // (requester, status, priority, assigned, team, tag, channel)
    let specs = [
        (&alice, TicketStatus::New, Priority::Low, false, false, "billing", Channel::Portal),
        (&alice, TicketStatus::Open, Priority::Urgent, true, true, "login", Channel::Email),
        (&bob, TicketStatus::Pending, Priority::High, true, false, "billing", Channel::Whatsapp),
        (&bob, TicketStatus::Open, Priority::Normal, false, true, "other", Channel::Portal),
    ];
    let mut ids = Vec::new();
    for (i, (requester, status, priority, assigned, in_team, tag, channel)) in specs.iter().enumerate() {
        let mut draft = new_ticket(requester, &format!("T{i}"));
        draft.channel = *channel;
        draft.tags = vec![tag.to_string()];
        draft.created_at = now() + Duration::seconds(i as i64);
        let ticket = store.insert_ticket(&draft).await.unwrap();
        let changes = TicketChanges {
            status: Some(*status),
            priority: Some(*priority),
            assignee_id: assigned.then(|| Some(agent.clone())),
            team_id: in_team.then(|| Some(team.id.clone())),
            ..TicketChanges::default()
        };
        store.update_ticket(&ticket.id, &changes, &[], draft.created_at).await.unwrap();
        ids.push(ticket.id);
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
    assert_eq!(found(TicketFilter::default()).await, pick(&[0, 1, 2, 3]));
    assert_eq!(found(TicketFilter { requester_id: Some(alice.clone()), ..Default::default() }).await, pick(&[0, 1]));
    assert_eq!(
        found(TicketFilter { statuses: vec![TicketStatus::Open, TicketStatus::Pending], ..Default::default() }).await,
        pick(&[1, 2, 3])
    );
    assert_eq!(found(TicketFilter { priorities: vec![Priority::Urgent], ..Default::default() }).await, pick(&[1]));
    assert_eq!(
        found(TicketFilter { assignee: Some(AssigneeFilter::Unassigned), ..Default::default() }).await,
        pick(&[0, 3])
    );
    assert_eq!(
        found(TicketFilter { assignee: Some(AssigneeFilter::User(agent.clone())), ..Default::default() }).await,
        pick(&[1, 2])
    );
    assert_eq!(found(TicketFilter { team_id: Some(team.id.clone()), ..Default::default() }).await, pick(&[1, 3]));
    assert_eq!(found(TicketFilter { tag: Some("billing".into()), ..Default::default() }).await, pick(&[0, 2]));
    assert_eq!(found(TicketFilter { channel: Some(Channel::Portal), ..Default::default() }).await, pick(&[0, 3]));
    let combined = TicketFilter { requester_id: Some(bob.clone()), tag: Some("billing".into()), ..Default::default() };
    assert_eq!(found(combined).await, pick(&[2]));
    let injection = TicketFilter { tag: Some("x' OR '1'='1".into()), ..Default::default() };
    assert!(found(injection).await.is_empty(), "filter values are bound, never spliced into SQL");
    let (page, total) = store.list_tickets(&TicketFilter::default(), TicketSort::PriorityDesc, 2, 0).await.unwrap();
    assert_eq!((total, page.iter().map(|t| t.id.clone()).collect::<Vec<_>>()), (4, pick(&[1, 2])));
    let (page, _) = store.list_tickets(&TicketFilter::default(), TicketSort::UpdatedDesc, 2, 2).await.unwrap();
    assert_eq!(page.iter().map(|t| t.id.clone()).collect::<Vec<_>>(), pick(&[1, 0]));
    assert_eq!(page[0].tags, vec!["login".to_string()], "tags come with listed tickets");
}

async fn messages_to_missing_tickets_are_refused_whole(store: Arc<dyn Store>) {
    let author = user(&store, Role::Agent).await;
    let orphan = message("no-such-ticket", &author, "hello", false);
    assert!(store.insert_message(&orphan, &TicketChanges::default(), &[]).await.is_err());
    assert!(store.list_messages("no-such-ticket", true).await.unwrap().is_empty());
}

async fn full_text_search_finds_words_in_subjects_and_messages(store: Arc<dyn Store>) {
    let alice = user(&store, Role::Customer).await;
    let agent = user(&store, Role::Agent).await;
    let refund = store.insert_ticket(&new_ticket(&alice, "Rückerstattung für Kurs")).await.unwrap();
    let login = store.insert_ticket(&new_ticket(&alice, "Cannot log in")).await.unwrap();
    let note = message(&login.id, &agent, "Customer is on the fraud watch list", true);
    store.insert_message(&note, &TicketChanges::default(), &[]).await.unwrap();
    let reply = message(&login.id, &agent, "Please reset your PASSWORD via the link", false);
    store.insert_message(&reply, &TicketChanges::default(), &[]).await.unwrap();
    let renamed = TicketChanges { subject: Some("Invoice question".into()), ..TicketChanges::default() };
    store.update_ticket(&refund.id, &renamed, &[], now()).await.unwrap();

    let search = |q: &str, include_internal: bool| {
        let store = store.clone();
        let text = Some(TextSearch { terms: search_terms(q), include_internal });
        async move {
            let filter = TicketFilter { text, ..TicketFilter::default() };
            let (found, total) = store.list_tickets(&filter, TicketSort::CreatedAsc, 50, 0).await.unwrap();
            assert_eq!(total as usize, found.len());
            found.into_iter().map(|t| t.id).collect::<Vec<_>>()
        }
    };
    assert_eq!(search("invoice", false).await, vec![refund.id.clone()], "the new subject");
    assert!(search("rückerstattung", false).await.is_empty(), "the old subject is gone from the index");
    assert_eq!(search("refund", false).await, vec![refund.id.clone(), login.id.clone()], "the first messages");
    assert_eq!(search("password reset", false).await, vec![login.id.clone()], "any order, any case");
    assert!(search("password invoice", false).await.is_empty(), "every word in the same ticket");
    assert_eq!(search("cannot password", false).await, vec![login.id.clone()], "spread over subject and messages");
    assert!(search("fraud", false).await.is_empty(), "internal notes stay out of customers' searches");
    assert!(search("password fraud", false).await.is_empty(), "not even as one word of several");
    assert_eq!(search("fraud", true).await, vec![login.id.clone()], "staff find them");
    assert_eq!(search("password fraud", true).await, vec![login.id.clone()], "with public words too");
    assert!(search("refund\" OR 1=1 -- NEAR(", false).await.is_empty(), "operators are only words");
    let mine_only = TicketFilter {
        requester_id: Some(agent.clone()),
        text: Some(TextSearch { terms: search_terms("refund"), include_internal: true }),
        ..TicketFilter::default()
    };
    assert_eq!(
        store.list_tickets(&mine_only, TicketSort::UpdatedDesc, 50, 0).await.unwrap().1,
        0,
        "with other filters"
    );
}
