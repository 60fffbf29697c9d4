//! The embeddable widget's visitors. A visitor gets a session token bound to one brand and a customer account of
//! their own (the contact), so the token reaches only the conversations started through it: an email typed into
//! the widget is kept as an unverified note, never used to reach that address's existing tickets.

use super::secrets::{new_id, random_token, sha256_hex};
use super::{now, Actor, ClientInfo, NewTicketInput, ServiceError, Services};
use crate::domain::live::Availability;
use crate::domain::{
    BrandColor, BrandName, BrandSlug, Channel, Email, FieldError, Locale, Message, MessageBody, PersonName, Role,
    Ticket,
};
use crate::store::{BrandRecord, NewUserRecord, WidgetSessionRecord};

/// A visitor's new session: the token is shown once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidgetSessionStarted {
    pub token: String,
    pub contact_id: String,
    pub brand: String,
}

/// A visitor signed in by their widget token.
#[derive(Clone, Debug)]
pub struct WidgetVisitor {
    pub actor: Actor,
    pub session: WidgetSessionRecord,
}

/// What the widget shows before anyone signs in: the brand's look and whether someone can chat now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidgetBrand {
    pub slug: String,
    pub name: String,
    pub color: String,
    /// At least one agent is online with room for another chat; otherwise the widget offers the offline form.
    pub chat_available: bool,
}

/// How long a chat's subject may be; the rest of the first message stays in the thread.
const CHAT_SUBJECT_CHARS: usize = 80;

impl Services {
    /// A brand's widget settings. Unknown brands are "not found".
    pub async fn widget_brand(&self, slug: &str) -> Result<WidgetBrand, ServiceError> {
        let BrandRecord { slug, name, color } =
            self.store().find_brand(slug).await?.ok_or(ServiceError::NotFound("brand"))?;
        let chat_available = self
            .store()
            .list_agent_availability()
            .await?
            .iter()
            .any(|agent| agent.availability == Availability::Online && agent.active_chats < agent.max_chats);
        Ok(WidgetBrand { slug, name, color, chat_available })
    }

    /// Creates a brand or changes its name and colour, without an acting user: for the command line. A new brand
    /// needs a name; its colour defaults to the default brand's. Left-out values of an existing brand stay as they are.
    pub async fn set_brand_as_operator(
        &self,
        slug: &str,
        name: Option<&str>,
        color: Option<&str>,
    ) -> Result<BrandRecord, ServiceError> {
        let slug = BrandSlug::parse(slug)?;
        let existing = self.store().find_brand(slug.as_str()).await?;
        let name = match (name, &existing) {
            (Some(name), _) => BrandName::parse(name)?.into_string(),
            (None, Some(brand)) => brand.name.clone(),
            (None, None) => return Err(FieldError::new("name", "required", "A new brand needs a name.").into()),
        };
        let color = match (color, &existing) {
            (Some(color), _) => BrandColor::parse(color)?.into_string(),
            (None, Some(brand)) => brand.color.clone(),
            (None, None) => BrandColor::FALLBACK.to_string(),
        };
        let brand = BrandRecord { slug: slug.as_str().to_string(), name, color };
        self.store().upsert_brand(&brand, now()).await?;
        Ok(brand)
    }

    /// Every brand, by slug: for the command line.
    pub async fn list_brands(&self) -> Result<Vec<BrandRecord>, ServiceError> {
        Ok(self.store().list_brands().await?)
    }

    /// Starts a visitor's session for a brand (the default one when none is named). Rate limited per address, as
    /// it creates an account.
    pub async fn start_widget_session(
        &self,
        brand: Option<&str>,
        name: Option<&str>,
        email: Option<&str>,
        locale: Locale,
        client: &ClientInfo,
    ) -> Result<WidgetSessionStarted, ServiceError> {
        let brand = brand_or_default(brand);
        if self.store().find_brand(brand).await?.is_none() {
            return Err(FieldError::new("brand", "unknown_brand", "There is no such brand.").into());
        }
        let name = match name.map(str::trim).filter(|name| !name.is_empty()) {
            Some(name) => PersonName::parse(name)?.into_string(),
            None => "Visitor".to_string(),
        };
        let email = email
            .map(str::trim)
            .filter(|email| !email.is_empty())
            .map(Email::parse)
            .transpose()?
            .map(|email| email.as_str().to_string());
        let limit = self.inner.settings.widget_sessions_per_ip;
        let ip_key = client.ip.map(|ip| format!("widget:ip:{ip}"));
        if let Some(key) = &ip_key {
            self.inner
                .widget_sessions
                .check(key, limit)
                .map_err(|retry_after_secs| ServiceError::RateLimited { retry_after_secs })?;
        }
        let token = random_token("wid_");
        let contact_id = new_id();
        let created_at = now();
        let contact = NewUserRecord {
            email: format!("visitor-{contact_id}@widget.invalid"),
            id: contact_id.clone(),
            name,
            role: Role::Customer,
            locale,
            // No password can match: the contact signs in with the widget token only.
            password_hash: "!widget".to_string(),
            created_at,
        };
        let session = WidgetSessionRecord {
            id: new_id(),
            token_hash: sha256_hex(&token),
            contact_id: contact_id.clone(),
            brand: brand.to_string(),
            email,
            created_at,
        };
        self.store().insert_widget_session(&contact, &session).await?;
        if let Some(key) = &ip_key {
            self.inner.widget_sessions.record(key, limit);
        }
        Ok(WidgetSessionStarted { token, contact_id, brand: brand.to_string() })
    }

    /// The visitor behind a widget token, for a page of `brand`. A token of another brand is refused (403), an unknown
    /// one is "not signed in".
    pub async fn widget_visitor(&self, token: &str, brand: Option<&str>) -> Result<WidgetVisitor, ServiceError> {
        let (session, user) =
            self.store().find_widget_session(&sha256_hex(token)).await?.ok_or(ServiceError::Unauthenticated)?;
        let brand = brand_or_default(brand);
        if session.brand != brand {
            return Err(ServiceError::WrongBrand);
        }
        Ok(WidgetVisitor { actor: Actor { user, session_key: None }, session })
    }

    /// Starts a live chat with the visitor's first message (a ticket on channel `chat`, waiting for an agent).
    pub async fn start_widget_chat(
        &self,
        visitor: &WidgetVisitor,
        body: &str,
        context: Option<serde_json::Value>,
    ) -> Result<Ticket, ServiceError> {
        let body = MessageBody::parse(body)?.into_string();
        let first_line = body.lines().find(|line| !line.trim().is_empty()).unwrap_or("Chat").trim();
        let mut subject: String = first_line.chars().take(CHAT_SUBJECT_CHARS).collect();
        if first_line.chars().count() > CHAT_SUBJECT_CHARS {
            subject.push('…');
        }
        let input = NewTicketInput {
            subject,
            body,
            context: with_widget_facts(context, visitor),
            channel: Some(Channel::Chat),
            ..NewTicketInput::default()
        };
        self.create_ticket(&visitor.actor, input).await
    }

    /// Files a ticket from the widget's form (channel `widget`).
    pub async fn file_widget_ticket(
        &self,
        visitor: &WidgetVisitor,
        subject: &str,
        body: &str,
        context: Option<serde_json::Value>,
    ) -> Result<Ticket, ServiceError> {
        let input = NewTicketInput {
            subject: subject.to_string(),
            body: body.to_string(),
            context: with_widget_facts(context, visitor),
            channel: Some(Channel::Widget),
            ..NewTicketInput::default()
        };
        self.create_ticket(&visitor.actor, input).await
    }

    /// A visitor's message in one of their own conversations.
    pub async fn widget_reply(
        &self,
        visitor: &WidgetVisitor,
        ticket_id: &str,
        body: &str,
    ) -> Result<Message, ServiceError> {
        let input = super::NewMessage { body: body.to_string(), ..super::NewMessage::default() };
        self.add_message(&visitor.actor, ticket_id, input).await
    }
}

/// The brand a page names, or the default brand when it names none.
fn brand_or_default(brand: Option<&str>) -> &str {
    brand.map(str::trim).filter(|brand| !brand.is_empty()).unwrap_or("default")
}

/// The context the visitor shared, with the brand and the email they typed (marked unverified) added for agents.
fn with_widget_facts(context: Option<serde_json::Value>, visitor: &WidgetVisitor) -> Option<serde_json::Value> {
    let mut context = match context {
        Some(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    context.insert("brand".into(), visitor.session.brand.clone().into());
    if let Some(email) = &visitor.session.email {
        context.insert("email_unverified".into(), email.clone().into());
    }
    Some(serde_json::Value::Object(context))
}
