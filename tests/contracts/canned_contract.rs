//! Canned responses and customer lookup in the store, on SQLite and PostgreSQL alike.

use crate::common;

use common::fixtures::unique;

use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use tidings::domain::{Channel, Locale, Priority, Role, TicketStatus};
use tidings::service::now;
use tidings::store::{
    CannedResponseUpdate, EventRecord, MessageRecord, NewCannedResponseRecord, NewTicketRecord, NewUserRecord, Store,
    TicketChanges,
};

contract!(
    canned_responses_round_trip_change_partially_and_delete,
    each_user_lists_their_own_and_the_shared_responses_by_title,
    canned_search_ignores_case_and_takes_wildcards_literally,
    customer_search_finds_customers_only_newest_first_with_ticket_counts,
    customers_are_found_by_id_only_when_they_are_customers,
);

async fn user_named(store: &Arc<dyn Store>, role: Role, name: &str, email: &str, created_at: DateTime<Utc>) -> String {
    let id = unique("user");
    let record = NewUserRecord {
        id: id.clone(),
        email: email.into(),
        name: name.into(),
        role,
        locale: Locale::En,
        password_hash: "x".into(),
        created_at,
    };
    store.insert_user(&record).await.unwrap();
    id
}

async fn agent(store: &Arc<dyn Store>, name: &str) -> String {
    let email = format!("{}@example.com", unique("agent"));
    user_named(store, Role::Agent, name, &email, now()).await
}

fn canned(owner: &str, title: &str, body: &str, shared: bool) -> NewCannedResponseRecord {
    NewCannedResponseRecord {
        id: unique("canned"),
        owner_id: owner.into(),
        title: title.into(),
        body: body.into(),
        shared,
        created_at: now(),
    }
}

async fn titles(store: &Arc<dyn Store>, viewer: &str, search: Option<&str>) -> Vec<String> {
    let listed = store.list_canned_responses(viewer, search).await.unwrap();
    listed.into_iter().map(|record| record.title).collect()
}

/// Files a ticket for `requester` and moves it to `status`.
async fn ticket(store: &Arc<dyn Store>, requester: &str, status: TicketStatus) -> String {
    let id = unique("ticket");
    let at = now();
    let record = NewTicketRecord {
        context: None,
        subject: format!("Ticket {id}"),
        status: TicketStatus::New,
        priority: Priority::Normal,
        ticket_type: None,
        category: None,
        channel: Channel::Portal,
        requester_id: requester.into(),
        team_id: None,
        language: None,
        tags: Vec::new(),
        created_at: at,
        first_message: MessageRecord {
            id: unique("message"),
            ticket_id: id.clone(),
            author_id: requester.into(),
            body: "Help".into(),
            internal: false,
            channel: Channel::Portal,
            created_at: at,
            provider_message_id: None,
            delivery: None,
        },
        created_event: EventRecord {
            id: unique("event"),
            ticket_id: id.clone(),
            actor_id: Some(requester.into()),
            kind: "created".into(),
            data: "{}".into(),
            created_at: at,
        },
        id: id.clone(),
    };
    store.insert_ticket(&record).await.unwrap();
    if status != TicketStatus::New {
        let changes = TicketChanges { status: Some(status), ..TicketChanges::default() };
        store.update_ticket(&id, &changes, &[], now()).await.unwrap().expect("ticket exists");
    }
    id
}

async fn canned_responses_round_trip_change_partially_and_delete(store: Arc<dyn Store>) {
    let owner = agent(&store, "Grace Hopper").await;
    let draft = canned(&owner, "Refund \"policy\" 🚀", "Hi {{customer.name}},\n'; DROP TABLE users; --", false);
    let stored = store.insert_canned_response(&draft).await.unwrap();
    assert_eq!((stored.id.as_str(), stored.owner_id.as_str()), (draft.id.as_str(), owner.as_str()));
    assert_eq!(stored.owner_name, "Grace Hopper");
    assert_eq!((stored.title.as_str(), stored.body.as_str(), stored.shared), (&*draft.title, &*draft.body, false));
    assert_eq!((stored.created_at, stored.updated_at), (draft.created_at, draft.created_at));
    assert_eq!(store.find_canned_response(&draft.id).await.unwrap().as_ref(), Some(&stored));

    let later = now() + Duration::seconds(5);
    let share = CannedResponseUpdate { title: None, body: None, shared: Some(true), updated_at: later };
    let shared = store.update_canned_response(&draft.id, &share).await.unwrap().expect("exists");
    assert!(shared.shared);
    assert_eq!((shared.title.as_str(), shared.body.as_str()), (&*draft.title, &*draft.body), "the rest is kept");
    assert_eq!((shared.created_at, shared.updated_at), (draft.created_at, later));
    let retitle = CannedResponseUpdate { title: Some("Refunds".into()), body: None, shared: None, updated_at: later };
    let retitled = store.update_canned_response(&draft.id, &retitle).await.unwrap().expect("exists");
    assert_eq!((retitled.title.as_str(), retitled.shared), ("Refunds", true), "sharing is kept");
    assert_eq!(store.update_canned_response("missing", &retitle).await.unwrap(), None);

    assert!(store.delete_canned_response(&draft.id).await.unwrap());
    assert!(!store.delete_canned_response(&draft.id).await.unwrap(), "already gone");
    assert_eq!(store.find_canned_response(&draft.id).await.unwrap(), None);
    assert!(store.list_canned_responses(&owner, None).await.unwrap().is_empty());
}

async fn each_user_lists_their_own_and_the_shared_responses_by_title(store: Arc<dyn Store>) {
    let ada = agent(&store, "Ada").await;
    let bob = agent(&store, "Bob").await;
    for (owner, title, shared) in [
        (&ada, "cherry (Ada, personal)", false),
        (&ada, "Banana (Ada, shared)", true),
        (&bob, "apple (Bob, personal)", false),
        (&bob, "Apple (Bob, shared)", true),
    ] {
        store.insert_canned_response(&canned(owner, title, "text", shared)).await.unwrap();
    }
    assert_eq!(
        titles(&store, &ada, None).await,
        ["Apple (Bob, shared)", "Banana (Ada, shared)", "cherry (Ada, personal)"],
        "own and shared, by title ignoring case"
    );
    assert_eq!(
        titles(&store, &bob, None).await,
        ["apple (Bob, personal)", "Apple (Bob, shared)", "Banana (Ada, shared)"]
    );
    let carol = agent(&store, "Carol").await;
    assert_eq!(titles(&store, &carol, None).await, ["Apple (Bob, shared)", "Banana (Ada, shared)"]);
}

async fn canned_search_ignores_case_and_takes_wildcards_literally(store: Arc<dyn Store>) {
    let ada = agent(&store, "Ada").await;
    let bob = agent(&store, "Bob").await;
    for (owner, title, body, shared) in [
        (&ada, "Refund policy", "We refund within 30 days.", false),
        (&ada, "Discount", "Take 100% off your next order", true),
        (&ada, "Percent", "Take 100 percent of the blame", true),
        (&ada, "Snake", "use snake_case names", false),
        (&ada, "Camel", "use snakeXcase names", false),
        (&bob, "Bob's refund notes", "REFUND secrets", false),
    ] {
        store.insert_canned_response(&canned(owner, title, body, shared)).await.unwrap();
    }
    assert_eq!(titles(&store, &ada, Some("REFUND")).await, ["Refund policy"], "never another's personal response");
    assert_eq!(titles(&store, &bob, Some("refund")).await, ["Bob's refund notes"]);
    assert_eq!(titles(&store, &ada, Some("ORDER")).await, ["Discount"], "bodies are searched too");
    assert_eq!(titles(&store, &ada, Some("100%")).await, ["Discount"], "% matches only itself");
    assert_eq!(titles(&store, &ada, Some("%")).await, ["Discount"]);
    assert_eq!(titles(&store, &ada, Some("snake_case")).await, ["Snake"], "_ matches only itself");
    assert_eq!(titles(&store, &ada, Some("\\")).await, Vec::<String>::new(), "a backslash is just a character");
    assert_eq!(titles(&store, &ada, Some("'; DROP TABLE canned_responses; --")).await, Vec::<String>::new());
    assert_eq!(titles(&store, &bob, Some("take 100")).await, ["Discount", "Percent"]);
}

async fn customer_search_finds_customers_only_newest_first_with_ticket_counts(store: Arc<dyn Store>) {
    let base = now() - Duration::days(10);
    let oldest = user_named(&store, Role::Customer, "Carla Oldest", "carla@shop.example", base).await;
    let middle =
        user_named(&store, Role::Customer, "Dieter 100%_Sure", "dieter@firma.example", base + Duration::days(1)).await;
    let newest = user_named(&store, Role::Customer, "Erin Newest", "erin@shop.example", base + Duration::days(2)).await;
    user_named(&store, Role::Agent, "Shop Agent", "agent@shop.example", base + Duration::days(3)).await;
    user_named(&store, Role::Admin, "Carla Admin", "carla.admin@shop.example", base + Duration::days(4)).await;
    ticket(&store, &oldest, TicketStatus::New).await;
    ticket(&store, &oldest, TicketStatus::Pending).await;
    ticket(&store, &oldest, TicketStatus::Resolved).await;
    ticket(&store, &middle, TicketStatus::Open).await;

    let (all, total) = store.search_customers(None, 10, 0).await.unwrap();
    assert_eq!(total, 3, "staff are never customers");
    let ids: Vec<&str> = all.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, [newest.as_str(), middle.as_str(), oldest.as_str()], "newest first");
    let carla = &all[2];
    assert_eq!((carla.name.as_str(), carla.email.as_str()), ("Carla Oldest", "carla@shop.example"));
    assert_eq!((carla.created_at, carla.ticket_count, carla.open_ticket_count), (base, 3, 2));
    assert_eq!((all[1].ticket_count, all[1].open_ticket_count), (1, 1));
    assert_eq!((all[0].ticket_count, all[0].open_ticket_count), (0, 0));

    let (page, total) = store.search_customers(None, 2, 2).await.unwrap();
    assert_eq!((page.len(), page[0].id.as_str(), total), (1, oldest.as_str(), 3), "pages count the whole list");

    let found = |search: &'static str| {
        let store = store.clone();
        async move {
            let (rows, total) = store.search_customers(Some(search), 10, 0).await.unwrap();
            assert_eq!(total, rows.len() as u64, "total for {search:?}");
            rows.into_iter().map(|row| row.name).collect::<Vec<_>>()
        }
    };
    assert_eq!(found("SHOP.EX").await, ["Erin Newest", "Carla Oldest"], "part of the email, any case");
    assert_eq!(found("carla").await, ["Carla Oldest"], "names too; the admin named Carla is not a customer");
    assert_eq!(found("0%_s").await, ["Dieter 100%_Sure"], "wildcards match themselves");
    assert_eq!(found("%").await, ["Dieter 100%_Sure"]);
    assert!(found("nobody").await.is_empty());
}

async fn customers_are_found_by_id_only_when_they_are_customers(store: Arc<dyn Store>) {
    let created = now();
    let customer = user_named(&store, Role::Customer, "Fay", "fay@example.com", created).await;
    let staff = user_named(&store, Role::Supervisor, "Gus", "gus@example.com", created).await;
    ticket(&store, &customer, TicketStatus::Closed).await;
    let found = store.find_customer(&customer).await.unwrap().expect("a customer");
    assert_eq!((found.name.as_str(), found.email.as_str(), found.created_at), ("Fay", "fay@example.com", created));
    assert_eq!((found.ticket_count, found.open_ticket_count), (1, 0), "closed tickets are not open");
    assert_eq!(store.find_customer(&staff).await.unwrap(), None, "staff are not customers");
    assert_eq!(store.find_customer("missing").await.unwrap(), None);
}
