//! Merging a duplicate into the ticket that carries on, and splitting a second problem off into a ticket
//! of its own. Staff only; customers get "not found" for others' tickets and "forbidden" for their own.
//! Each is one store transaction, so a thread never ends up half moved.

use serde_json::json;

use super::secrets::new_id;
use super::ticket_changes::event;
use super::ticket_views::Names;
use super::{now, Actor, ServiceError, Services};
use crate::domain::{
    authorize, check_merge, check_split, merged_tags, split_subject, Action, FieldError, MergeSide, Subject, Tag,
    Ticket, TicketNumber, TicketStatus,
};
use crate::store::{SplitTicketRecord, TicketMerge, TicketRecord, TicketSplit};

/// Which messages of a ticket start a new one, and what it is called (`"<old subject> (split)"` if
/// `None`).
#[derive(Clone, Debug, Default)]
pub struct SplitInput {
    pub message_ids: Vec<String>,
    pub subject: Option<String>,
}

impl Services {
    /// Moves every message of `source_id` into `into_id` (keeping their times), closes the source pointing
    /// at the target, adds the source's tags to the target and records `merged_into` / `merged_from` on
    /// the timelines. Returns the target.
    pub async fn merge_ticket(&self, actor: &Actor, source_id: &str, into_id: &str) -> Result<Ticket, ServiceError> {
        let source = self.visible_ticket(actor, source_id).await?;
        authorize(actor.user.role, Action::WorkTickets)?;
        let into_id = into_id.trim();
        if into_id.is_empty() {
            return Err(FieldError::new("into_id", "required", "Choose the ticket to merge into.").into());
        }
        let target = if into_id == source.id {
            source.clone()
        } else {
            self.store().find_ticket(into_id).await?.ok_or_else(|| {
                FieldError::new("into_id", "unknown_ticket", "There is no ticket with this id to merge into.")
            })?
        };
        check_merge(merge_side(&source), merge_side(&target))?;
        let moved = self.store().list_messages(&source.id, true).await?.len();
        let events = vec![
            event(
                &source.id,
                Some(actor),
                "status_changed",
                json!({ "from": source.status.as_str(), "to": TicketStatus::Closed.as_str() }),
            ),
            event(&source.id, Some(actor), "merged_into", json!({ "ticket_id": target.id, "number": target.number })),
            event(
                &target.id,
                Some(actor),
                "merged_from",
                json!({ "ticket_id": source.id, "number": source.number, "messages": moved }),
            ),
        ];
        let merge = TicketMerge {
            source_id: source.id.clone(),
            target_id: target.id.clone(),
            target_tags: merged_tags(&target.tags, &source.tags, Tag::MAX_PER_TICKET),
            events,
            at: now(),
        };
        let merged = self.store().merge_tickets(&merge).await?.ok_or_else(changed_meanwhile)?;
        // The source is closed now, which stops its clocks.
        self.refresh_ticket_sla(&source.id).await;
        self.follow_ticket_change(&source.id).await;
        self.follow_ticket_change(&merged.id).await;
        Names::new().ticket(self, merged).await
    }

    /// Moves the chosen messages of `source_id` to a new ticket of the same customer (same channel,
    /// priority, category, type and team), which points back at the source; `split_to` / `split_from` go
    /// on both timelines. Returns the new ticket.
    pub async fn split_ticket(
        &self,
        actor: &Actor,
        source_id: &str,
        input: SplitInput,
    ) -> Result<Ticket, ServiceError> {
        let source = self.visible_ticket(actor, source_id).await?;
        authorize(actor.user.role, Action::WorkTickets)?;
        if source.status == TicketStatus::Closed {
            return Err(FieldError::new(
                "id",
                "source_closed",
                "This ticket is closed; closed tickets stay as they are.",
            )
            .into());
        }
        let subject = match input.subject.as_deref() {
            Some(raw) => Subject::parse(raw)?.into_string(),
            None => split_subject(&source.subject, Subject::MAX_CHARS),
        };
        let thread = self.store().list_messages(&source.id, true).await?;
        let thread_ids: Vec<&str> = thread.iter().map(|message| message.id.as_str()).collect();
        let chosen = check_split(&thread_ids, &input.message_ids)?;
        // Moved public replies by anyone but the customer are staff answers: the earliest is the new
        // ticket's first response.
        let first_response_at = thread
            .iter()
            .filter(|m| chosen.contains(&m.id) && !m.internal && m.author_id != source.requester_id)
            .map(|m| m.created_at)
            .min();
        let ticket = SplitTicketRecord {
            id: new_id(),
            subject,
            status: TicketStatus::Open,
            priority: source.priority,
            ticket_type: source.ticket_type.clone(),
            category: source.category.clone(),
            channel: source.channel,
            requester_id: source.requester_id.clone(),
            team_id: source.team_id.clone(),
            language: source.language.clone(),
            first_response_at,
            created_at: now(),
        };
        let count = chosen.len();
        let (source_number, new_ticket_id) = (source.number, ticket.id.clone());
        let events = |number: TicketNumber| {
            vec![
                event(
                    &source.id,
                    Some(actor),
                    "split_to",
                    json!({ "ticket_id": new_ticket_id, "number": number, "messages": count }),
                ),
                event(
                    &new_ticket_id,
                    Some(actor),
                    "split_from",
                    json!({ "ticket_id": source.id, "number": source_number, "messages": count }),
                ),
            ]
        };
        let split = TicketSplit { source_id: source.id.clone(), message_ids: chosen, ticket };
        let created = self.store().split_ticket(&split, &events).await?.ok_or_else(changed_meanwhile)?;
        self.refresh_ticket_sla(&created.id).await;
        self.follow_ticket_change(&created.id).await;
        let created = self.store().find_ticket(&created.id).await?.unwrap_or(created);
        Names::new().ticket(self, created).await
    }
}

fn merge_side(record: &TicketRecord) -> MergeSide<'_> {
    MergeSide {
        id: &record.id,
        status: record.status,
        merged: record.merged_into.is_some(),
        requester_id: &record.requester_id,
    }
}

/// The store refused because a ticket was closed or its messages moved after the checks above (another
/// agent got there first).
fn changed_meanwhile() -> ServiceError {
    ServiceError::Conflict {
        code: "ticket_changed",
        field: None,
        message: "The ticket changed while this was being done. Reload it and try again.".into(),
    }
}
