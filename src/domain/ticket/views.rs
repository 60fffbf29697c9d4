//! Tickets, messages and timeline entries as clients see them (the REST shapes of shared/API.md, also
//! used by the UI).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Channel, Priority, TicketContext, TicketStatus};
use crate::domain::Role;

/// Who asked: `{id, name, email}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Requester {
    pub id: String,
    pub name: String,
    pub email: String,
}

/// A person or team named by id and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NamedRef {
    pub id: String,
    pub name: String,
}

/// A message's author, with the role that tells the thread which side to show them on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Author {
    pub id: String,
    pub name: String,
    pub role: Role,
}

/// Another ticket named by id and number: `{id, number}` (where a ticket was merged into or split from).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TicketRef {
    pub id: String,
    pub number: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Ticket {
    pub id: String,
    /// Shown as `#1042`.
    pub number: u64,
    pub subject: String,
    pub status: TicketStatus,
    pub priority: Priority,
    #[serde(rename = "type")]
    pub ticket_type: Option<String>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub channel: Channel,
    pub requester: Requester,
    pub assignee: Option<NamedRef>,
    pub team: Option<NamedRef>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// The SLA clocks under the ticket's policy, computed when answering; `null` when no policy applies.
    pub sla: Option<crate::domain::sla::TicketSla>,
    pub language: Option<String>,
    /// Filled in by triage.
    pub sentiment: Option<String>,
    /// The customer's answer to the satisfaction survey; `null` until they rate the ticket.
    pub csat: Option<TicketCsat>,
    /// What the customer's browser shared when filing (page, browser, OS, screen, language, time zone).
    pub context: Option<TicketContext>,
    /// The ticket this one was merged into (it is closed then).
    pub merged_into: Option<TicketRef>,
    /// The ticket this one was split off from.
    pub split_from: Option<TicketRef>,
}

/// A satisfaction rating as the ticket shows it: `{rating: 1..5, comment}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TicketCsat {
    pub rating: u8,
    pub comment: Option<String>,
}

/// A file on a message, as clients see it; `url` downloads it (with the same access rules as the message).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: String,
    pub name: String,
    pub size: u64,
    pub content_type: String,
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: String,
    pub ticket_id: String,
    pub author: Author,
    pub body: String,
    /// The body as safe HTML (escaped text with line breaks).
    pub body_html: String,
    pub internal: bool,
    pub channel: Channel,
    pub attachments: Vec<Attachment>,
    pub created_at: DateTime<Utc>,
    /// Set on a reply sent out on its channel (email, WhatsApp, Telegram): queued, sent, delivered, read, failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<crate::domain::delivery::Delivery>,
}

/// A ticket with its thread (`GET /tickets/{id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TicketWithMessages {
    #[serde(flatten)]
    pub ticket: Ticket,
    pub messages: Vec<Message>,
}

/// One timeline entry: `{id, kind, actor, data, created_at}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TicketEvent {
    pub id: String,
    pub kind: String,
    pub actor: Option<NamedRef>,
    pub data: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// Plain text as HTML: every special character escaped, line breaks kept.
pub fn text_to_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            '\n' => html.push_str("<br>"),
            '\r' => {}
            other => html.push(other),
        }
    }
    html
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_becomes_inert_html() {
        assert_eq!(
            super::text_to_html("<script>alert('x')</script> & \"q\"\r\nline 2"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;<br>line 2"
        );
    }
}
