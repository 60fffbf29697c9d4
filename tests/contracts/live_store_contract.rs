//! The live event log, chat claiming and widget sessions in the store contract, on SQLite and PostgreSQL alike.

use crate::common;

use common::fixtures::{unique, user};

use chrono::Duration;
use std::sync::Arc;
use tidings::domain::live::Availability;
use tidings::domain::{Channel, Locale, Priority, Role, TicketStatus};
use tidings::service::now;
use tidings::store::{
    BrandRecord, ChatClaim, EventRecord, LiveChange, MessageRecord, NewTicketRecord, NewUserRecord, Store,
    TicketChanges, WidgetSessionRecord,
};

contract!(
    every_ticket_change_is_logged_in_commit_order,
    chats_are_claimed_once_and_within_the_agents_limit,
    widget_sessions_find_their_contact_by_token_hash,
    brands_are_created_then_updated_by_slug,
);

fn ticket(requester: &str, channel: Channel) -> NewTicketRecord {
    let id = unique("ticket");
    let at = now();
    NewTicketRecord {
        subject: "Live".into(),
        status: TicketStatus::New,
        priority: Priority::Normal,
        ticket_type: None,
        category: None,
        channel,
        requester_id: requester.into(),
        team_id: None,
        language: None,
        tags: vec![],
        context: None,
        created_at: at,
        first_message: MessageRecord {
            id: unique("message"),
            ticket_id: id.clone(),
            author_id: requester.into(),
            body: "Hello".into(),
            internal: false,
            channel,
            created_at: at,
            provider_message_id: None,
            delivery: None,
        },
        created_event: EventRecord {
            id: unique("event"),
            ticket_id: id.clone(),
            actor_id: None,
            kind: "created".into(),
            data: "{}".into(),
            created_at: at,
        },
        id,
    }
}

async fn every_ticket_change_is_logged_in_commit_order(store: Arc<dyn Store>) {
    let customer = user(&store, Role::Customer).await;
    let start = store.latest_live_seq().await.unwrap();
    let first = store.insert_ticket(&ticket(&customer, Channel::Portal)).await.unwrap();
    let second = store.insert_ticket(&ticket(&customer, Channel::Portal)).await.unwrap();
    let reply = MessageRecord {
        id: unique("message"),
        ticket_id: first.id.clone(),
        author_id: customer.clone(),
        body: "More".into(),
        internal: false,
        channel: Channel::Portal,
        created_at: now(),
        provider_message_id: None,
        delivery: None,
    };
    store.insert_message(&reply, &TicketChanges::default(), &[]).await.unwrap();
    let changes = TicketChanges { priority: Some(Priority::High), ..TicketChanges::default() };
    store.update_ticket(&first.id, &changes, &[], now()).await.unwrap();
    let orphan = MessageRecord { ticket_id: "missing".into(), id: unique("message"), ..reply.clone() };
    assert!(store.insert_message(&orphan, &TicketChanges::default(), &[]).await.is_err());

    let log = store.live_events_after(start, 100).await.unwrap();
    let seen: Vec<(LiveChange, &str, Option<&str>)> =
        log.iter().map(|event| (event.change, event.ticket_id.as_str(), event.message_id.as_deref())).collect();
    assert_eq!(
        seen,
        [
            (LiveChange::TicketCreated, first.id.as_str(), None),
            (LiveChange::TicketCreated, second.id.as_str(), None),
            (LiveChange::MessageCreated, first.id.as_str(), Some(reply.id.as_str())),
            (LiveChange::TicketUpdated, first.id.as_str(), None),
        ],
        "a rolled-back message logs nothing"
    );
    assert!(log.windows(2).all(|pair| pair[0].seq < pair[1].seq));
    let latest = store.latest_live_seq().await.unwrap();
    assert_eq!(latest, log[3].seq);
    let own = store.ticket_live_events(&first.id, start, log[2].seq, 100).await.unwrap();
    assert_eq!(own.iter().map(|event| event.seq).collect::<Vec<_>>(), [log[0].seq, log[2].seq], "bounded, one ticket");
    assert_eq!(store.find_message(&reply.id).await.unwrap().map(|message| message.body), Some("More".into()));

    // Pruning keeps the newest row, so the sequence never starts over.
    let pruned = store.prune_live_events(now() + Duration::hours(1)).await.unwrap();
    assert!(pruned >= log.len() as u64 - 1, "everything older but the newest row: {pruned}");
    assert_eq!(store.oldest_live_seq().await.unwrap(), Some(latest));
    store.insert_ticket(&ticket(&customer, Channel::Portal)).await.unwrap();
    assert!(store.latest_live_seq().await.unwrap() > latest);
}

async fn chats_are_claimed_once_and_within_the_agents_limit(store: Arc<dyn Store>) {
    let visitor = user(&store, Role::Customer).await;
    let anna = user(&store, Role::Agent).await;
    let ben = user(&store, Role::Agent).await;
    let chat = store.insert_ticket(&ticket(&visitor, Channel::Chat)).await.unwrap();
    let other = store.insert_ticket(&ticket(&visitor, Channel::Chat)).await.unwrap();
    let portal = store.insert_ticket(&ticket(&visitor, Channel::Portal)).await.unwrap();
    let waiting: Vec<String> = store.list_waiting_chats(10).await.unwrap().into_iter().map(|t| t.id).collect();
    assert_eq!(waiting, [chat.id.clone(), other.id.clone()], "chats only, longest waiting first");

    assert!(store.set_availability(&anna, Availability::Online, Some(1), now()).await.unwrap());
    let ChatClaim::Claimed(claimed) = store.claim_chat(&chat.id, &anna, &[], now()).await.unwrap() else {
        panic!("the first claim wins")
    };
    assert_eq!((claimed.assignee_id.as_deref(), claimed.status), (Some(anna.as_str()), TicketStatus::Open));
    assert_eq!(store.claim_chat(&chat.id, &ben, &[], now()).await.unwrap(), ChatClaim::Taken);
    assert_eq!(store.claim_chat(&other.id, &anna, &[], now()).await.unwrap(), ChatClaim::AtCapacity);
    assert_eq!(store.claim_chat(&portal.id, &ben, &[], now()).await.unwrap(), ChatClaim::Taken, "not a chat");
    let agents = store.list_agent_availability().await.unwrap();
    let row = agents.iter().find(|agent| agent.user_id == anna).unwrap();
    assert_eq!((row.availability, row.max_chats, row.active_chats), (Availability::Online, 1, 1));
    assert_eq!(store.list_agent_chats(&anna).await.unwrap().len(), 1);
    assert!(!store.set_availability("nobody", Availability::Away, None, now()).await.unwrap());
}

async fn widget_sessions_find_their_contact_by_token_hash(store: Arc<dyn Store>) {
    let contact_id = unique("contact");
    let contact = NewUserRecord {
        id: contact_id.clone(),
        email: format!("visitor-{contact_id}@widget.invalid"),
        name: "Visitor".into(),
        role: Role::Customer,
        locale: Locale::De,
        password_hash: "!widget".into(),
        created_at: now(),
    };
    let session = WidgetSessionRecord {
        id: unique("session"),
        token_hash: unique("hash"),
        contact_id: contact_id.clone(),
        brand: "default".into(),
        email: Some("eva@example.com".into()),
        created_at: now(),
    };
    store.insert_widget_session(&contact, &session).await.unwrap();
    let (found, user) = store.find_widget_session(&session.token_hash).await.unwrap().expect("found by hash");
    assert_eq!((found, user.id, user.role), (session.clone(), contact_id, Role::Customer));
    assert!(store.find_widget_session("other").await.unwrap().is_none());
    let unknown_brand =
        WidgetSessionRecord { id: unique("session"), token_hash: unique("hash"), brand: "nope".into(), ..session };
    let contact = NewUserRecord { id: unique("contact"), email: format!("{}@widget.invalid", unique("v")), ..contact };
    assert!(store.insert_widget_session(&contact, &unknown_brand).await.is_err(), "the brand must exist");
    assert!(store.find_user(&contact.id).await.unwrap().is_none(), "and the contact is not kept either");
    assert_eq!(store.find_brand("default").await.unwrap().map(|brand| brand.color), Some("#4f46e5".into()));
}

async fn brands_are_created_then_updated_by_slug(store: Arc<dyn Store>) {
    let acme = BrandRecord { slug: "acme".into(), name: "Acme".into(), color: "#ff0000".into() };
    store.upsert_brand(&acme, now()).await.unwrap();
    assert_eq!(store.find_brand("acme").await.unwrap(), Some(acme.clone()));
    let renamed = BrandRecord { name: "Acme Shop".into(), color: "#00aa00".into(), ..acme };
    store.upsert_brand(&renamed, now()).await.unwrap();
    assert_eq!(store.find_brand("acme").await.unwrap(), Some(renamed.clone()), "the same row, changed");
    let slugs: Vec<String> = store.list_brands().await.unwrap().into_iter().map(|brand| brand.slug).collect();
    assert_eq!(slugs, ["acme", "default"]);
    assert_eq!(store.find_brand("default").await.unwrap().map(|brand| brand.name), Some("Tidings".into()));
}
