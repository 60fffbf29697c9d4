//! The outbox, provider ids and contact identities in the store contract, on SQLite and PostgreSQL alike.

use crate::common;

use common::fixtures::{draft, message, unique, user};

use chrono::Duration;
use std::sync::Arc;
use tidings::domain::delivery::{DeliveryStatus, Identity, IdentityKind};
use tidings::domain::{Channel, Role};
use tidings::service::now;
use tidings::store::{AttemptOutcome, MessageDelivery, Store, TicketChanges};

contract!(
    queued_messages_are_claimed_once_until_the_lease_expires,
    attempts_end_sent_retried_or_failed_and_callbacks_only_move_forward,
    provider_ids_are_unique_per_channel_and_find_their_message,
    an_address_belongs_to_one_contact,
);

/// A stored email reply queued for `to`, with the ticket id.
async fn queued_reply(store: &Arc<dyn Store>, to: &str) -> (String, String) {
    let customer = user(store, Role::Customer).await;
    let agent = user(store, Role::Agent).await;
    let ticket = store.insert_ticket(&draft(&customer, "Outbox", now())).await.unwrap();
    let mut reply = message(&ticket.id, &agent, "Answer", now());
    reply.channel = Channel::Email;
    reply.provider_message_id = Some(format!("{}@acme.test", reply.id));
    reply.delivery =
        Some(MessageDelivery { status: DeliveryStatus::Queued, to: to.into(), error: None, template: None });
    store.insert_message(&reply, &TicketChanges::default(), &[]).await.unwrap();
    (ticket.id, reply.id)
}

async fn queued_messages_are_claimed_once_until_the_lease_expires(store: Arc<dyn Store>) {
    let (ticket_id, message_id) = queued_reply(&store, "carla@example.com").await;
    let at = now();
    let claimed = store.claim_due_deliveries(at, at + Duration::minutes(2), 10).await.unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(
        (claimed[0].message_id.as_str(), claimed[0].ticket_id.as_str()),
        (message_id.as_str(), ticket_id.as_str())
    );
    assert_eq!(
        (claimed[0].channel, claimed[0].to.as_str(), claimed[0].attempts),
        (Channel::Email, "carla@example.com", 1)
    );
    assert!(
        store.claim_due_deliveries(at, at + Duration::minutes(2), 10).await.unwrap().is_empty(),
        "held by the lease"
    );
    // The worker died: once the lease has run out, another claims it again (a second attempt).
    let later = at + Duration::minutes(3);
    let again = store.claim_due_deliveries(later, later + Duration::minutes(2), 10).await.unwrap();
    assert_eq!((again.len(), again[0].attempts), (1, 2));
    assert!(store.next_delivery_due().await.unwrap().is_some());
}

async fn attempts_end_sent_retried_or_failed_and_callbacks_only_move_forward(store: Arc<dyn Store>) {
    let (_, retried) = queued_reply(&store, "a@example.com").await;
    let (_, failed) = queued_reply(&store, "b@example.com").await;
    let (_, sent) = queued_reply(&store, "c@example.com").await;
    let at = now();
    assert_eq!(store.claim_due_deliveries(at, at + Duration::minutes(2), 10).await.unwrap().len(), 3);
    let next_at = at + Duration::minutes(10);
    let retry = AttemptOutcome::Retry { error: "connection refused".into(), next_at };
    store.finish_delivery(&retried, &retry, at).await.unwrap();
    store.finish_delivery(&failed, &AttemptOutcome::Failed { error: "550 no such user".into() }, at).await.unwrap();
    let accepted = AttemptOutcome::Sent { provider_message_id: "provider-1".into() };
    store.finish_delivery(&sent, &accepted, at).await.unwrap();

    let status = |record: tidings::store::MessageRecord| record.delivery.map(|d| (d.status, d.error));
    let retried_now = store.find_message(&retried).await.unwrap().unwrap();
    assert_eq!(status(retried_now), Some((DeliveryStatus::Queued, Some("connection refused".into()))));
    assert!(store.claim_due_deliveries(at, at + Duration::minutes(2), 10).await.unwrap().is_empty(), "not due yet");
    let due = store.claim_due_deliveries(next_at, next_at + Duration::minutes(2), 10).await.unwrap();
    assert_eq!(due.iter().map(|c| c.message_id.as_str()).collect::<Vec<_>>(), [retried.as_str()]);
    let failed_now = store.find_message(&failed).await.unwrap().unwrap();
    assert_eq!(status(failed_now).unwrap().0, DeliveryStatus::Failed);
    let sent_now = store.find_message(&sent).await.unwrap().unwrap();
    assert_eq!(sent_now.provider_message_id.as_deref(), Some("provider-1"));

    // A callback moves "sent" to "read"; a stale one expecting "sent" changes nothing afterwards.
    assert!(store.advance_delivery(&sent, DeliveryStatus::Sent, DeliveryStatus::Read, None, at).await.unwrap());
    assert!(!store.advance_delivery(&sent, DeliveryStatus::Sent, DeliveryStatus::Delivered, None, at).await.unwrap());
    assert_eq!(status(store.find_message(&sent).await.unwrap().unwrap()).unwrap().0, DeliveryStatus::Read);
}

async fn provider_ids_are_unique_per_channel_and_find_their_message(store: Arc<dyn Store>) {
    let customer = user(&store, Role::Customer).await;
    let ticket = store.insert_ticket(&draft(&customer, "Inbound", now())).await.unwrap();
    let provider_id = unique("wamid");
    let mut inbound = message(&ticket.id, &customer, "Hallo", now());
    inbound.channel = Channel::Whatsapp;
    inbound.provider_message_id = Some(provider_id.clone());
    store.insert_message(&inbound, &TicketChanges::default(), &[]).await.unwrap();
    let retried = tidings::store::MessageRecord { id: unique("message"), ..inbound.clone() };
    let refused = store.insert_message(&retried, &TicketChanges::default(), &[]).await;
    assert!(matches!(refused, Err(tidings::store::DbError::Conflict(_))), "{refused:?}");
    let ids = ["unknown".to_string(), provider_id.clone()];
    let found = store.find_message_by_provider_ids(Channel::Whatsapp, &ids).await.unwrap().unwrap();
    assert_eq!((found.id, found.ticket_id), (inbound.id, ticket.id));
    assert!(store.find_message_by_provider_ids(Channel::Telegram, &ids).await.unwrap().is_none(), "per channel");
}

async fn an_address_belongs_to_one_contact(store: Arc<dyn Store>) {
    let carla = user(&store, Role::Customer).await;
    let dora = user(&store, Role::Customer).await;
    let phone = Identity::new(IdentityKind::Whatsapp, &format!("+49 151 {}", unique("").trim_start_matches('-')));
    store.add_identity(&carla, &phone, now()).await.unwrap();
    store.add_identity(&carla, &phone, now()).await.unwrap();
    assert!(matches!(store.add_identity(&dora, &phone, now()).await, Err(tidings::store::DbError::Conflict(_))));
    assert_eq!(store.find_identity_owner(&phone).await.unwrap().as_deref(), Some(carla.as_str()));
    assert_eq!(store.list_identities(&carla).await.unwrap(), vec![phone]);
    assert!(store.list_identities(&dora).await.unwrap().is_empty());
}
