//! Records the contract suites build their cases from: unique ids, users, and tickets with an opening message.

use chrono::{DateTime, Utc};
use std::sync::Arc;
use tidings::domain::{Channel, Locale, Priority, Role, TicketStatus};
use tidings::service::now;
use tidings::store::{EventRecord, MessageRecord, NewTicketRecord, NewUserRecord, Store};

/// `prefix-N`, unique within the test process.
pub fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A stored user of `role`; the id, which is also the name and the local part of the email.
pub async fn user(store: &Arc<dyn Store>, role: Role) -> String {
    let id = unique("user");
    let record = NewUserRecord {
        id: id.clone(),
        email: format!("{id}@example.com"),
        name: id.clone(),
        role,
        locale: Locale::En,
        password_hash: "x".into(),
        created_at: now(),
    };
    store.insert_user(&record).await.unwrap();
    id
}

/// A timeline entry by nobody in particular.
pub fn event(ticket_id: &str, kind: &str) -> EventRecord {
    EventRecord {
        id: unique("event"),
        ticket_id: ticket_id.into(),
        actor_id: None,
        kind: kind.into(),
        data: "{}".into(),
        created_at: now(),
    }
}

/// A public portal message.
pub fn message(ticket_id: &str, author: &str, body: &str, at: DateTime<Utc>) -> MessageRecord {
    MessageRecord {
        id: unique("message"),
        ticket_id: ticket_id.into(),
        author_id: author.into(),
        body: body.into(),
        internal: false,
        channel: Channel::Portal,
        created_at: at,
        provider_message_id: None,
        delivery: None,
    }
}

/// A new portal ticket whose opening message says "<subject> opening".
pub fn draft(requester: &str, subject: &str, at: DateTime<Utc>) -> NewTicketRecord {
    let id = unique("ticket");
    NewTicketRecord {
        subject: subject.into(),
        status: TicketStatus::New,
        priority: Priority::Normal,
        ticket_type: None,
        category: None,
        channel: Channel::Portal,
        requester_id: requester.into(),
        team_id: None,
        language: None,
        tags: Vec::new(),
        context: None,
        created_at: at,
        first_message: message(&id, requester, &format!("{subject} opening"), at),
        created_event: event(&id, "created"),
        id,
    }
}
