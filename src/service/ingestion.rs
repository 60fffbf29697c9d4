//! Messages arriving on a channel become tickets and replies: who wrote (one contact per address, found or
//! created), which conversation it continues, and exactly once per provider message id, however often the provider
//! delivers it. Machine mail (auto-replies, bounces, our own mail looping back) never opens a ticket.

use super::secrets::new_id;
use super::{now, Actor, InboundOrigin, NewMessage, NewTicketInput, ServiceError, Services, Upload};
use crate::channel::email::{parse_email, EmailParseError, MAX_KEPT_FILE_BYTES};
use crate::channel::{AttachmentSource, InboundEvent, InboundMessage};
use crate::domain::delivery::{Identity, IdentityKind};
use crate::domain::{Channel, FieldError, MessageBody, Role, Subject, TicketStatus, User};
use crate::store::{DbError, NewUserRecord, TicketFilter, TicketSort};

/// What became of one inbound message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ingested {
    /// It opened a new ticket.
    Created { ticket_id: String, message_id: String },
    /// It continued an existing ticket.
    Appended { ticket_id: String, message_id: String },
    /// The provider delivered it before: nothing new was stored.
    Duplicate { ticket_id: String, message_id: String },
    /// Understood and deliberately not stored (an auto-reply, a bounce, a mail loop).
    Ignored { reason: String },
}

impl Services {
    /// A raw email (as POSTed to /api/v1/channels/email/inbound or fetched over IMAP).
    pub async fn ingest_email(&self, raw: &[u8]) -> Result<Ingested, ServiceError> {
        let parsed = parse_email(raw).map_err(|err| match err {
            EmailParseError::TooLarge => {
                ServiceError::TooLarge { field: "message", message: "The email is larger than 64 MiB.".into() }
            }
            EmailParseError::Malformed(reason) => {
                FieldError::new("message", "malformed_email", format!("This is not an email: {reason}")).into()
            }
        })?;
        if let Some(kind) = parsed.automated {
            tracing::info!(provider_id = %parsed.message.provider_message_id, ?kind, "automated mail ignored");
            return Ok(Ingested::Ignored { reason: format!("{kind:?}") });
        }
        let mut message = parsed.message;
        message.text = parsed.text_without_quote;
        self.ingest(message).await
    }

    /// Everything one provider webhook carried, in order: messages stored (exactly once), status callbacks
    /// recorded. The first failure stops and is returned, so the provider retries the whole delivery; what was
    /// stored before it is recognised then as already there.
    pub async fn receive_events(&self, channel: Channel, events: Vec<InboundEvent>) -> Result<(), ServiceError> {
        for event in events {
            match event {
                InboundEvent::Message(message) => {
                    self.ingest(message).await?;
                }
                InboundEvent::Delivery(update) => {
                    self.record_delivery_update(channel, &update).await?;
                }
                InboundEvent::Ignored { reason } => tracing::debug!(%channel, %reason, "webhook event ignored"),
            }
        }
        Ok(())
    }

    /// Stores one normalised inbound message: a reply on the ticket it continues, or a new ticket.
    pub async fn ingest(&self, inbound: InboundMessage) -> Result<Ingested, ServiceError> {
        if let Some(done) = self.already_ingested(&inbound).await? {
            return Ok(done);
        }
        let inbound = self.fetch_referenced_files(inbound).await?;
        let contact = self.contact_for(&inbound.sender, inbound.sender_name.as_deref()).await?;
        let actor = Actor { user: contact, session_key: None };
        let origin =
            InboundOrigin { channel: inbound.channel, provider_message_id: inbound.provider_message_id.clone() };
        let (attachments, refused) = self.acceptable_files(&inbound);
        let mut body = inbound.text.trim().to_string();
        for note in refused {
            body.push_str(&format!("\n[{note}]"));
        }
        if body.trim().is_empty() {
            // An attachment-only (or empty) message still needs a body to be a message.
            body = crate::channel::email::EMPTY_BODY_TEXT.to_string();
        }
        let body = clip(body.trim(), MessageBody::MAX_CHARS);
        let result = match self.continued_ticket(&inbound, &actor.user.id).await? {
            Some(ticket_id) => {
                let input = NewMessage { body, internal: false, attachments, template: None };
                self.add_message_from(&actor, &ticket_id, input, Some(&origin))
                    .await
                    .map(|message| Ingested::Appended { ticket_id, message_id: message.id })
            }
            None => {
                let subject = inbound.subject.as_deref().map(str::trim).filter(|subject| !subject.is_empty());
                let subject = subject.map(|subject| clip(subject, Subject::MAX_CHARS)).unwrap_or_else(|| {
                    format!("{} {}", channel_label(inbound.channel), clip(&inbound.text, 60)).trim().to_string()
                });
                let input = NewTicketInput { subject, body, attachments, ..NewTicketInput::default() };
                self.create_ticket_from(&actor, input, Some(&origin))
                    .await
                    .map(|ticket| Ingested::Created { message_id: String::new(), ticket_id: ticket.id })
            }
        };
        match result {
            Ok(Ingested::Created { ticket_id, .. }) => {
                let stored = self.already_ingested(&inbound).await?;
                let message_id = match stored {
                    Some(Ingested::Duplicate { message_id, .. }) => message_id,
                    _ => String::new(),
                };
                Ok(Ingested::Created { ticket_id, message_id })
            }
            // Two deliveries of the same message raced and the other one stored it: the unique provider id refused
            // this one, and the answer is the other's.
            Err(err @ (ServiceError::Internal(_) | ServiceError::Conflict { .. })) => {
                self.already_ingested(&inbound).await?.ok_or(err)
            }
            other => other,
        }
    }

    async fn already_ingested(&self, inbound: &InboundMessage) -> Result<Option<Ingested>, ServiceError> {
        let ids = [inbound.provider_message_id.clone()];
        let found = self.store().find_message_by_provider_ids(inbound.channel, &ids).await?;
        Ok(found.map(|message| Ingested::Duplicate { ticket_id: message.ticket_id, message_id: message.id }))
    }

    /// The contact behind an address: whoever has it; for an email address also the account with that email; else
    /// a new customer contact. Concurrent first messages from one new address end with one contact.
    async fn contact_for(&self, identity: &Identity, name: Option<&str>) -> Result<User, ServiceError> {
        for _ in 0..2 {
            if let Some(owner) = self.store().find_identity_owner(identity).await? {
                if let Some(user) = self.store().find_user(&owner).await? {
                    return Ok(user);
                }
            }
            if identity.kind == IdentityKind::Email {
                if let Some((user, _)) = self.store().find_credentials(&identity.address).await? {
                    self.store().add_identity(&user.id, identity, now()).await?;
                    return Ok(user);
                }
            }
            let id = new_id();
            let email = match identity.kind {
                IdentityKind::Email => identity.address.clone(),
                kind => format!("{}-{}@contacts.invalid", kind.as_str(), identity.address),
            };
            let display = name.map(str::trim).filter(|name| !name.is_empty()).unwrap_or(&identity.address);
            let record = NewUserRecord {
                id: id.clone(),
                email,
                name: clip(display, 100),
                role: Role::Customer,
                locale: crate::domain::Locale::En,
                // No password can match: the contact writes from its channel; it may set one through a reset.
                password_hash: "!contact".into(),
                created_at: now(),
            };
            match self.store().insert_user(&record).await {
                Ok(()) => {}
                Err(DbError::Conflict(_)) => continue,
                Err(err) => return Err(err.into()),
            }
            match self.store().add_identity(&id, identity, now()).await {
                Ok(()) => {}
                Err(DbError::Conflict(_)) => continue,
                Err(err) => return Err(err.into()),
            }
            return self.store().find_user(&id).await?.ok_or(ServiceError::NotFound("contact"));
        }
        Err(ServiceError::Internal(format!("no contact for {} {}", identity.kind.as_str(), identity.address)))
    }

    /// The ticket this message continues: one its references name (email In-Reply-To / References), else one the
    /// subject tags ("[#1042]") if this contact asked it; on WhatsApp and Telegram else the contact's open
    /// conversation there. A merged ticket's replies go to the ticket it was merged
    /// into; a closed one is not continued.
    async fn continued_ticket(
        &self,
        inbound: &InboundMessage,
        contact_id: &str,
    ) -> Result<Option<String>, ServiceError> {
        let store = self.store();
        let mut ticket_id =
            match store.find_message_by_provider_ids(inbound.channel, &inbound.thread.references).await? {
                Some(message) => Some(message.ticket_id),
                None => None,
            };
        if ticket_id.is_none() {
            if let Some(number) = inbound.thread.ticket_number {
                if let Some(id) = store.find_ticket_id_by_number(number).await? {
                    let asked = store.find_ticket(&id).await?.is_some_and(|ticket| ticket.requester_id == contact_id);
                    ticket_id = asked.then_some(id);
                }
            }
        }
        if ticket_id.is_none() && matches!(inbound.channel, Channel::Whatsapp | Channel::Telegram) {
            ticket_id = self.open_conversation(inbound.channel, contact_id).await?;
        }
        let Some(mut id) = ticket_id else { return Ok(None) };
        for _ in 0..8 {
            let Some(ticket) = store.find_ticket(&id).await? else { return Ok(None) };
            match ticket.merged_into {
                Some(into) => id = into.id,
                None if ticket.status == TicketStatus::Closed => return Ok(None),
                None => return Ok(Some(id)),
            }
        }
        Ok(None)
    }

    /// Downloads the files a webhook only referenced (WhatsApp media, Telegram files), so the message is stored
    /// whole: a provider that does not answer fails the ingestion (503, and the provider retries the webhook); a
    /// file the provider refuses for good (gone, too large) is named in the body instead.
    async fn fetch_referenced_files(&self, mut inbound: InboundMessage) -> Result<InboundMessage, ServiceError> {
        let Some(adapter) = self.settings().senders.for_channel(inbound.channel).cloned() else {
            return Ok(inbound);
        };
        for file in &mut inbound.attachments {
            if matches!(file.source, AttachmentSource::Bytes(_)) {
                continue;
            }
            match adapter.fetch_attachment(&file.source).await {
                Ok(Some((bytes, content_type))) => {
                    if !content_type.is_empty() {
                        file.content_type = content_type;
                    }
                    file.source = AttachmentSource::Bytes(bytes);
                }
                Ok(None) => {}
                Err(err) if err.is_retryable() => {
                    return Err(ServiceError::Unavailable(format!("{} could not be fetched: {err}", file.name)));
                }
                Err(err) => {
                    tracing::warn!(provider_id = %inbound.provider_message_id, file = %file.name, error = %err,
                        "attachment refused by the provider");
                }
            }
        }
        Ok(inbound)
    }

    /// A chat app has no subjects or threads: the contact's latest ticket on that channel that is not closed is the
    /// conversation a new message continues (a resolved one reopens).
    async fn open_conversation(&self, channel: Channel, contact_id: &str) -> Result<Option<String>, ServiceError> {
        let filter = TicketFilter {
            requester_id: Some(contact_id.to_string()),
            channel: Some(channel),
            statuses: vec![TicketStatus::New, TicketStatus::Open, TicketStatus::Pending, TicketStatus::Resolved],
            ..TicketFilter::default()
        };
        let (latest, _) = self.store().list_tickets(&filter, TicketSort::UpdatedDesc, 1, 0).await?;
        Ok(latest.into_iter().next().map(|ticket| ticket.id))
    }

    /// The files that can be kept as they are, and a line for each one that cannot (so nothing disappears silently).
    fn acceptable_files(&self, inbound: &InboundMessage) -> (Vec<Upload>, Vec<String>) {
        let policy = &self.settings().attachments;
        let (mut kept, mut refused) = (Vec::new(), Vec::new());
        let mut kept_bytes = 0;
        for file in &inbound.attachments {
            let AttachmentSource::Bytes(bytes) = &file.source else {
                refused.push(format!("Attachment {} could not be fetched from the provider", file.name));
                continue;
            };
            if kept.len() >= policy.max_files {
                refused.push(format!("Attachment {} was not kept: too many files on one message", file.name));
                continue;
            }
            if kept_bytes + bytes.len() > MAX_KEPT_FILE_BYTES {
                refused.push(format!("Not kept: {} (this message's files are larger than 25 MiB)", file.name));
                continue;
            }
            match policy.check(&file.name, bytes) {
                Ok(_) => {
                    kept_bytes += bytes.len();
                    kept.push(Upload {
                        name: file.name.clone(),
                        content_type: Some(file.content_type.clone()),
                        bytes: bytes.clone(),
                    });
                }
                Err(refusal) => refused.push(format!("Not kept: {}", refusal.message(&file.name))),
            }
        }
        (kept, refused)
    }
}

fn channel_label(channel: Channel) -> &'static str {
    match channel {
        Channel::Whatsapp => "WhatsApp:",
        Channel::Telegram => "Telegram:",
        _ => "",
    }
}

/// At most `max` characters, on a character boundary.
fn clip(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}
