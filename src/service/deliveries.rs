//! Replies going out on their channel: deciding where a staff reply goes when it is written, the outbox worker
//! that sends queued messages with retries and backoff, and providers' status callbacks.
//!
//! A crash between "stored" and "provider accepted" loses nothing: the message is queued in the transaction that
//! stores it, and a claim is a lease that expires. A crash after the provider accepted but before the outcome was
//! recorded sends the message again when the lease expires (at-least-once); an email keeps its Message-ID, so mail
//! clients show it once.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{now, Actor, ServiceError, Services};
use crate::channel::outbound::{OutgoingAttachment, OutgoingMessage};
use crate::channel::provider::ProviderError;
use crate::channel::whatsapp::{within_service_window, SERVICE_WINDOW_HOURS};
use crate::channel::DeliveryUpdate;
use crate::domain::delivery::{reply_channel, retry_delay, DeliveryStatus, IdentityKind, CHAT_CONVERTED_EVENT};
use crate::domain::whatsapp_template::{ReplyWindow, WhatsappTemplate};
use crate::domain::{authorize, Action, FieldError};
use crate::domain::{text_to_html, Channel};
use crate::store::{AttemptOutcome, ClaimedDelivery, MessageDelivery, TicketRecord};

/// How long a worker holds a claimed message before another may try it.
const LEASE: Duration = Duration::from_secs(120);
/// Messages claimed per round.
const BATCH: u32 = 20;
/// The longest the worker sleeps without looking (other instances may queue messages too).
const MAX_IDLE: Duration = Duration::from_secs(30);

const WINDOW_CLOSED: &str = "The customer's last WhatsApp message is more than 24 hours old. WhatsApp only \
     allows an approved template now; the conversation opens again when the customer writes.";

/// Where a new staff reply goes, decided when it is stored.
pub(super) struct PlannedDelivery {
    pub channel: Channel,
    pub provider_message_id: Option<String>,
    pub delivery: MessageDelivery,
}

impl Services {
    /// The channel and address a public staff reply on `ticket` is sent to; `None` when it is read in the portal
    /// or widget only (a live chat, no sender configured for the channel, or no address known). A free-form
    /// WhatsApp reply outside the 24-hour window is refused (422 on `body`): only a `template` may go then.
    pub(super) async fn plan_reply_delivery(
        &self,
        ticket: &TicketRecord,
        message_id: &str,
        template: Option<&str>,
    ) -> Result<Option<PlannedDelivery>, ServiceError> {
        let converted = ticket.channel == Channel::Chat
            && self.store().list_events(&ticket.id).await?.iter().any(|event| event.kind == CHAT_CONVERTED_EVENT);
        let Some(channel) = reply_channel(ticket.channel, converted) else { return Ok(None) };
        let Some(sender) = self.settings().senders.for_channel(channel) else { return Ok(None) };
        let Some(to) = self.contact_address(&ticket.requester_id, channel).await? else { return Ok(None) };
        if channel == Channel::Whatsapp && template.is_none() {
            let last = self.last_customer_message_at(ticket, Channel::Whatsapp).await?;
            if !within_service_window(last, now()) {
                return Err(FieldError::new("body", "whatsapp_window_closed", WINDOW_CLOSED).into());
            }
        }
        Ok(Some(PlannedDelivery {
            channel,
            provider_message_id: sender.assign_provider_id(message_id),
            delivery: MessageDelivery {
                status: DeliveryStatus::Queued,
                to,
                error: None,
                template: template.map(str::to_string),
            },
        }))
    }

    /// A configured WhatsApp template by its `name:language` key (422 on `template` when there is none).
    pub(super) fn whatsapp_template(&self, key: &str) -> Result<WhatsappTemplate, ServiceError> {
        let known = self.settings().whatsapp_templates.iter().find(|template| template.key() == key);
        known.cloned().ok_or_else(|| {
            FieldError::new("template", "unknown_template", format!("There is no approved template {key}.")).into()
        })
    }

    /// When the requester last wrote on `channel` in this ticket.
    async fn last_customer_message_at(
        &self,
        ticket: &TicketRecord,
        channel: Channel,
    ) -> Result<Option<DateTime<Utc>>, ServiceError> {
        let messages = self.store().list_messages(&ticket.id, false).await?;
        let theirs = messages.iter().filter(|m| m.author_id == ticket.requester_id && m.channel == channel);
        Ok(theirs.map(|message| message.created_at).max())
    }

    /// What an agent may send on this ticket's WhatsApp conversation now: `None` for other channels (or WhatsApp
    /// not configured); else until when free-form replies are allowed and the templates for afterwards.
    pub async fn reply_window(&self, actor: &Actor, ticket_id: &str) -> Result<Option<ReplyWindow>, ServiceError> {
        authorize(actor.user.role, Action::WorkTickets)?;
        let ticket = self.store().find_ticket(ticket_id).await?.ok_or(ServiceError::NotFound("ticket"))?;
        if ticket.channel != Channel::Whatsapp || self.settings().senders.whatsapp.is_none() {
            return Ok(None);
        }
        let last = self.last_customer_message_at(&ticket, Channel::Whatsapp).await?;
        let open = within_service_window(last, now());
        Ok(Some(ReplyWindow {
            open,
            closes_at: last.map(|last| last + chrono::Duration::hours(SERVICE_WINDOW_HOURS)),
            templates: self.settings().whatsapp_templates.clone(),
        }))
    }

    /// A contact's address on `channel`: their identity there; for email also their account's address (unless it
    /// is a widget visitor's placeholder) or, last, the email they typed into the widget.
    async fn contact_address(&self, contact_id: &str, channel: Channel) -> Result<Option<String>, ServiceError> {
        let kind = match channel {
            Channel::Email => IdentityKind::Email,
            Channel::Whatsapp => IdentityKind::Whatsapp,
            Channel::Telegram => IdentityKind::Telegram,
            _ => return Ok(None),
        };
        let identities = self.store().list_identities(contact_id).await?;
        if let Some(identity) = identities.into_iter().find(|identity| identity.kind == kind) {
            return Ok(Some(identity.address));
        }
        if kind != IdentityKind::Email {
            return Ok(None);
        }
        if let Some(user) = self.store().find_user(contact_id).await? {
            if !user.email.ends_with(".invalid") {
                return Ok(Some(user.email));
            }
        }
        Ok(self.store().latest_widget_email(contact_id).await?)
    }

    /// Wakes this instance's outbox worker (a message was just queued).
    pub(super) fn wake_outbox(&self) {
        self.inner.outbox_wake.notify_one();
    }

    /// Sends what is due until nothing is, then sleeps until the next message is due, a message is queued here,
    /// or [`MAX_IDLE`] passes. Runs for the life of the process.
    pub async fn run_outbox(self) {
        loop {
            match self.deliver_due().await {
                Ok(sent) if sent >= BATCH as usize => continue,
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "outbox round failed"),
            }
            let idle = match self.store().next_delivery_due().await {
                Ok(Some(due)) => (due - now()).to_std().unwrap_or(Duration::ZERO).min(MAX_IDLE),
                Ok(None) => MAX_IDLE,
                Err(_) => MAX_IDLE,
            };
            if idle.is_zero() {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
            tokio::select! {
                _ = tokio::time::sleep(idle) => {}
                _ = self.inner.outbox_wake.notified() => {}
            }
        }
    }

    /// One round: claims due messages and attempts each once; how many were attempted.
    pub async fn deliver_due(&self) -> Result<usize, ServiceError> {
        let at = now();
        let lease_until = at + chrono::Duration::from_std(LEASE).expect("lease fits");
        let claimed = self.store().claim_due_deliveries(at, lease_until, BATCH).await?;
        for claim in &claimed {
            let outcome = match self.attempt(claim).await {
                Ok(provider_message_id) => AttemptOutcome::Sent { provider_message_id },
                Err(err) => outcome_of_failure(&err, claim.attempts, now()),
            };
            if let AttemptOutcome::Failed { error } | AttemptOutcome::Retry { error, .. } = &outcome {
                tracing::warn!(message = %claim.message_id, channel = %claim.channel, attempts = claim.attempts,
                    error = %error, "delivery attempt failed");
            }
            self.store().finish_delivery(&claim.message_id, &outcome, now()).await?;
        }
        Ok(claimed.len())
    }

    async fn attempt(&self, claim: &ClaimedDelivery) -> Result<String, ProviderError> {
        let sender = self
            .settings()
            .senders
            .for_channel(claim.channel)
            .ok_or_else(|| ProviderError::retryable(format!("no {} sender is configured", claim.channel)))?
            .clone();
        let outgoing = self.outgoing_message(claim).await.map_err(|err| ProviderError::retryable(err.to_string()))?;
        sender.send(&outgoing).await
    }

    /// Everything the channel needs to send a stored message.
    async fn outgoing_message(&self, claim: &ClaimedDelivery) -> Result<OutgoingMessage, ServiceError> {
        let store = self.store();
        let message = store.find_message(&claim.message_id).await?.ok_or(ServiceError::NotFound("message"))?;
        let ticket = store.find_ticket(&claim.ticket_id).await?.ok_or(ServiceError::NotFound("ticket"))?;
        let author = store.find_user(&message.author_id).await?;
        let requester = store.find_user(&ticket.requester_id).await?;
        let mut attachments = Vec::new();
        for file in store.list_ticket_attachments(&ticket.id, false).await? {
            if file.message_id != message.id {
                continue;
            }
            let bytes = self.blobs().get(&file.sha256).await.map_err(|err| ServiceError::Internal(err.to_string()))?;
            let bytes = bytes.ok_or_else(|| ServiceError::Internal(format!("attachment {} has no bytes", file.id)))?;
            attachments.push(OutgoingAttachment { name: file.name, content_type: file.content_type, bytes });
        }
        // Email threading: every earlier mail of the conversation, oldest first.
        let references = store
            .list_messages(&ticket.id, false)
            .await?
            .into_iter()
            .filter(|earlier| earlier.channel == claim.channel && earlier.created_at <= message.created_at)
            .filter(|earlier| earlier.id != message.id)
            .filter_map(|earlier| earlier.provider_message_id)
            .collect();
        Ok(OutgoingMessage {
            html: text_to_html(&message.body),
            text: message.body,
            provider_message_id: message.provider_message_id,
            message_id: message.id,
            to: claim.to.clone(),
            to_name: requester.map(|user| user.name),
            author_name: author.map(|user| user.name).unwrap_or_default(),
            ticket_number: ticket.number.get(),
            subject: ticket.subject,
            attachments,
            references,
            template: message.delivery.and_then(|delivery| delivery.template),
        })
    }

    /// A provider's status callback (delivered, read, failed) for a message we sent; out-of-order and repeated
    /// callbacks never move a status back. Whether it changed anything.
    pub async fn record_delivery_update(
        &self,
        channel: Channel,
        update: &DeliveryUpdate,
    ) -> Result<bool, ServiceError> {
        let ids = [update.provider_message_id.clone()];
        let Some(message) = self.store().find_message_by_provider_ids(channel, &ids).await? else {
            return Ok(false);
        };
        let Some(current) = message.delivery.map(|delivery| delivery.status) else { return Ok(false) };
        if !current.accepts_callback(update.status) {
            return Ok(false);
        }
        let changed =
            self.store().advance_delivery(&message.id, current, update.status, update.error.as_deref(), now()).await?;
        Ok(changed)
    }
}

/// What a failed attempt leads to: a later retry while the failure is temporary and attempts remain.
fn outcome_of_failure(err: &ProviderError, attempts: u32, at: DateTime<Utc>) -> AttemptOutcome {
    let error = err.to_string();
    match err {
        ProviderError::Retryable { retry_after, .. } => match retry_delay(attempts) {
            Some(delay) => {
                let delay = retry_after.map_or(delay, |asked| asked.max(delay));
                AttemptOutcome::Retry { error, next_at: at + chrono::Duration::from_std(delay).expect("delay fits") }
            }
            None => AttemptOutcome::Failed { error },
        },
        ProviderError::Permanent { .. } => AttemptOutcome::Failed { error },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_failures_are_retried_until_attempts_run_out() {
        let at = now();
        let temporary = ProviderError::retryable("connection refused");
        assert!(matches!(outcome_of_failure(&temporary, 1, at), AttemptOutcome::Retry { next_at, .. } if next_at > at));
        assert!(matches!(outcome_of_failure(&temporary, 8, at), AttemptOutcome::Failed { .. }));
        let refused = ProviderError::permanent(Some(550), None, "no such mailbox");
        assert!(matches!(outcome_of_failure(&refused, 1, at), AttemptOutcome::Failed { .. }));
        let throttled =
            ProviderError::Retryable { message: "slow down".into(), retry_after: Some(Duration::from_secs(600)) };
        let AttemptOutcome::Retry { next_at, .. } = outcome_of_failure(&throttled, 1, at) else { panic!() };
        assert!(next_at >= at + chrono::Duration::seconds(600), "the provider's Retry-After is honoured");
    }
}
