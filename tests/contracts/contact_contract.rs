//! Merging contacts in the store contract, on SQLite and PostgreSQL alike.

use crate::common;

use common::fixtures::{draft, user};

use std::sync::Arc;
use tidings::domain::delivery::{Identity, IdentityKind};
use tidings::domain::Role;
use tidings::service::now;
use tidings::store::{Store, TicketFilter, TicketSort};

contract!(a_merged_contact_hands_over_identities_and_tickets);

async fn tickets_of(store: &Arc<dyn Store>, requester: &str) -> Vec<String> {
    let filter = TicketFilter { requester_id: Some(requester.into()), ..TicketFilter::default() };
    let (tickets, _) = store.list_tickets(&filter, TicketSort::CreatedAsc, 50, 0).await.unwrap();
    tickets.into_iter().map(|ticket| ticket.id).collect()
}

async fn a_merged_contact_hands_over_identities_and_tickets(store: Arc<dyn Store>) {
    let by_email = user(&store, Role::Customer).await;
    let by_whatsapp = user(&store, Role::Customer).await;
    let bystander = user(&store, Role::Customer).await;
    let phone = Identity::new(IdentityKind::Whatsapp, &format!("49{}", now().timestamp_micros()));
    store.add_identity(&by_whatsapp, &phone, now()).await.unwrap();
    let first = store.insert_ticket(&draft(&by_email, "By email", now())).await.unwrap();
    let second = store.insert_ticket(&draft(&by_whatsapp, "On WhatsApp", now())).await.unwrap();
    let other = store.insert_ticket(&draft(&bystander, "Someone else", now())).await.unwrap();

    let moved = store.merge_contacts(&by_whatsapp, &by_email, now()).await.unwrap();
    assert_eq!(moved, vec![second.id.clone()]);
    assert_eq!(tickets_of(&store, &by_email).await, vec![first.id, second.id]);
    assert!(tickets_of(&store, &by_whatsapp).await.is_empty());
    assert_eq!(tickets_of(&store, &bystander).await, vec![other.id], "nobody else's tickets move");
    assert_eq!(store.find_identity_owner(&phone).await.unwrap().as_deref(), Some(by_email.as_str()));
    assert!(store.list_identities(&by_email).await.unwrap().contains(&phone));
    let merged = store.find_user(&by_whatsapp).await.unwrap().expect("kept for the history");
    assert!(!merged.active, "the merged contact is deactivated");
    let old_address = Identity::new(IdentityKind::Email, &merged.email);
    let owner = store.find_identity_owner(&old_address).await.unwrap();
    assert_eq!(owner.as_deref(), Some(by_email.as_str()), "mail from the merged account's address finds the kept one");
}
