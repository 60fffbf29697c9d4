//! The attachment part of the store contract, on SQLite and PostgreSQL alike: files are stored with their message
//! in one transaction and found through their message.

use crate::common;

use common::fixtures::{unique, user};

use std::sync::Arc;
use tidings::domain::{Channel, Priority, Role, TicketStatus};
use tidings::service::now;
use tidings::store::{
    AttachmentLocation, AttachmentRecord, EventRecord, MessageRecord, NewTicketRecord, Store, TicketChanges,
};

contract!(
    files_are_stored_with_their_message_and_found_through_it,
    files_on_a_new_ticket_go_on_its_first_message,
    a_failing_file_row_stores_neither_message_nor_files,
);

fn message(ticket_id: &str, author: &str, internal: bool) -> MessageRecord {
    MessageRecord {
        id: unique("message"),
        ticket_id: ticket_id.into(),
        author_id: author.into(),
        body: "see attached".into(),
        internal,
        channel: Channel::Portal,
        created_at: now(),
        provider_message_id: None,
        delivery: None,
    }
}

fn file(message_id: &str, name: &str) -> AttachmentRecord {
    AttachmentRecord {
        id: unique("attachment"),
        message_id: message_id.into(),
        name: name.into(),
        content_type: "application/pdf".into(),
        size: 1234,
        sha256: "ab".repeat(32),
        created_at: now(),
    }
}

fn new_ticket(requester: &str) -> NewTicketRecord {
    let id = unique("ticket");
    NewTicketRecord {
        context: None,
        subject: "Files".into(),
        status: TicketStatus::New,
        priority: Priority::Normal,
        ticket_type: None,
        category: None,
        channel: Channel::Portal,
        requester_id: requester.into(),
        team_id: None,
        language: None,
        tags: Vec::new(),
        created_at: now(),
        first_message: message(&id, requester, false),
        created_event: EventRecord {
            id: unique("event"),
            ticket_id: id.clone(),
            actor_id: Some(requester.into()),
            kind: "created".into(),
            data: "{}".into(),
            created_at: now(),
        },
        id,
    }
}

async fn files_are_stored_with_their_message_and_found_through_it(store: Arc<dyn Store>) {
    let requester = user(&store, Role::Customer).await;
    let ticket = store.insert_ticket(&new_ticket(&requester)).await.unwrap();
    let reply = message(&ticket.id, &requester, false);
    let reply_files = vec![file(&reply.id, "b.pdf"), file(&reply.id, "a.pdf")];
    store.insert_message_with_attachments(&reply, &reply_files, &TicketChanges::default(), &[]).await.unwrap();
    let note = message(&ticket.id, &requester, true);
    let note_files = vec![file(&note.id, "secret.pdf")];
    store.insert_message_with_attachments(&note, &note_files, &TicketChanges::default(), &[]).await.unwrap();

    assert_eq!(store.list_ticket_attachments(&ticket.id, false).await.unwrap(), reply_files, "upload order kept");
    let everything: Vec<AttachmentRecord> = reply_files.iter().chain(&note_files).cloned().collect();
    assert_eq!(store.list_ticket_attachments(&ticket.id, true).await.unwrap(), everything);
    assert_eq!(store.list_messages(&ticket.id, true).await.unwrap().len(), 3);

    let found = store.find_attachment(&note_files[0].id).await.unwrap();
    let expected =
        AttachmentLocation { attachment: note_files[0].clone(), ticket_id: ticket.id.clone(), internal: true };
    assert_eq!(found, Some(expected));
    assert_eq!(store.find_attachment("no-such-attachment").await.unwrap(), None);
}

async fn files_on_a_new_ticket_go_on_its_first_message(store: Arc<dyn Store>) {
    let requester = user(&store, Role::Customer).await;
    let record = new_ticket(&requester);
    let files = vec![file(&record.first_message.id, "screen.pdf")];
    let ticket = store.insert_ticket_with_attachments(&record, &files).await.unwrap();
    assert_eq!(ticket.subject, "Files");
    assert_eq!(store.list_ticket_attachments(&ticket.id, false).await.unwrap(), files);
    let found = store.find_attachment(&files[0].id).await.unwrap().expect("stored");
    assert_eq!((found.ticket_id.as_str(), found.internal), (ticket.id.as_str(), false));
}

async fn a_failing_file_row_stores_neither_message_nor_files(store: Arc<dyn Store>) {
    let requester = user(&store, Role::Customer).await;
    let ticket = store.insert_ticket(&new_ticket(&requester)).await.unwrap();
    let reply = message(&ticket.id, &requester, false);
    let first = file(&reply.id, "one.pdf");
    let duplicate = AttachmentRecord { name: "two.pdf".into(), ..first.clone() };
    let changes = TicketChanges { status: Some(TicketStatus::Open), ..TicketChanges::default() };
    let result = store.insert_message_with_attachments(&reply, &[first, duplicate], &changes, &[]).await;
    assert!(result.is_err(), "a duplicate attachment id fails the insert");
    assert_eq!(store.list_messages(&ticket.id, true).await.unwrap().len(), 1, "the reply was not stored");
    assert!(store.list_ticket_attachments(&ticket.id, true).await.unwrap().is_empty());
    let unchanged = store.find_ticket(&ticket.id).await.unwrap().expect("ticket");
    assert_eq!(unchanged.status, TicketStatus::New, "nor were the ticket changes applied");
}
