//! Canned responses: saved replies an agent drops into a ticket. Their bodies may hold placeholders such as
//! `{{customer.name}}`, filled in from the ticket at the moment the reply is used.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::input::FieldError;
use super::ticket::{NamedRef, TicketNumber};

/// A canned response as clients see it: `{id, title, body, shared, owner{id,name}, updated_at}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CannedResponse {
    pub id: String,
    pub title: String,
    /// The text with its placeholders unfilled.
    pub body: String,
    /// Shared responses are offered to every agent; personal ones only to their owner.
    pub shared: bool,
    pub owner: NamedRef,
    pub updated_at: DateTime<Utc>,
}

/// A canned response filled in for one ticket, ready to put in the reply box.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RenderedCanned {
    pub title: String,
    pub body: String,
}

/// A canned response's title: what the picker shows and searches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CannedTitle(String);

impl CannedTitle {
    pub const MAX_CHARS: usize = 120;

    /// Trimmed; 1 to 120 characters on one line.
    pub fn parse(raw: &str) -> Result<CannedTitle, FieldError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(FieldError::new("title", "required", "Give the response a title."));
        }
        if value.chars().count() > Self::MAX_CHARS {
            return Err(FieldError::new("title", "too_long", format!("Use at most {} characters.", Self::MAX_CHARS)));
        }
        if value.chars().any(char::is_control) {
            return Err(FieldError::new(
                "title",
                "invalid_characters",
                "Line breaks and control characters are not allowed.",
            ));
        }
        Ok(CannedTitle(value.to_string()))
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A canned response's text: line breaks kept, 1 to 10,000 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CannedBody(String);

impl CannedBody {
    pub const MAX_CHARS: usize = 10_000;

    /// Trimmed at both ends; tabs and line breaks are kept, other control characters refused.
    pub fn parse(raw: &str) -> Result<CannedBody, FieldError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(FieldError::new("body", "required", "Write the text of the response."));
        }
        if value.chars().count() > Self::MAX_CHARS {
            return Err(FieldError::new("body", "too_long", format!("Use at most {} characters.", Self::MAX_CHARS)));
        }
        if value.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
            return Err(FieldError::new("body", "invalid_characters", "The text contains control characters."));
        }
        Ok(CannedBody(value.to_string()))
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// The placeholders a canned response may use, as written in a body (for the editor's help and buttons).
pub const KNOWN_PLACEHOLDERS: [&str; 5] =
    ["{{customer.name}}", "{{customer.email}}", "{{ticket.number}}", "{{ticket.subject}}", "{{agent.name}}"];

/// What the placeholders stand for when a response is used on a ticket. A value that is `None` leaves its
/// placeholder in the text, so a missing value is visible rather than silently blank.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlaceholderValues {
    pub customer_name: Option<String>,
    pub customer_email: Option<String>,
    pub ticket_number: Option<TicketNumber>,
    pub ticket_subject: Option<String>,
    pub agent_name: Option<String>,
}

impl PlaceholderValues {
    /// The value for a placeholder name (the text between the braces, trimmed).
    fn value_of(&self, name: &str) -> Option<String> {
        match name {
            "customer.name" => self.customer_name.clone(),
            "customer.email" => self.customer_email.clone(),
            "ticket.number" => self.ticket_number.map(|number| number.to_string()),
            "ticket.subject" => self.ticket_subject.clone(),
            "agent.name" => self.agent_name.clone(),
            _ => None,
        }
    }
}

/// Fills `{{name}}` placeholders (spaces inside the braces allowed) with `values`. Unknown placeholders and
/// ones without a value stay as written; values go in verbatim and are never expanded again, so a customer
/// named `{{agent.name}}` stays exactly that.
pub fn render_placeholders(body: &str, values: &PlaceholderValues) -> String {
    let mut rendered = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        rendered.push_str(&rest[..start]);
        let after_open = &rest[start + 2..];
        let filled = after_open.find("}}").and_then(|end| {
            let name = after_open[..end].trim();
            values.value_of(name).map(|value| (value, start + 2 + end + 2))
        });
        match filled {
            Some((value, consumed)) => {
                rendered.push_str(&value);
                rest = &rest[consumed..];
            }
            None => {
                // Not a placeholder we fill: keep one brace and look again from the next character, so
                // `{{{customer.name}}}` still finds the placeholder inside.
                rendered.push('{');
                rest = &rest[start + 1..];
            }
        }
    }
    rendered.push_str(rest);
    rendered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> PlaceholderValues {
        PlaceholderValues {
            customer_name: Some("Ada Lovelace".into()),
            customer_email: Some("ada@example.com".into()),
            ticket_number: Some(TicketNumber(1042)),
            ticket_subject: Some("Invoice missing".into()),
            agent_name: Some("Grace".into()),
        }
    }

    #[test]
    fn every_known_placeholder_is_filled() {
        let body = "Hi {{customer.name}} ({{customer.email}}), about {{ticket.number}} \"{{ticket.subject}}\". \
                    {{agent.name}}";
        assert_eq!(
            render_placeholders(body, &values()),
            "Hi Ada Lovelace (ada@example.com), about #1042 \"Invoice missing\". Grace"
        );
        let all = KNOWN_PLACEHOLDERS.concat();
        assert!(!render_placeholders(&all, &values()).contains("{{"), "the constant lists only placeholders we fill");
    }

    #[test]
    fn spaces_inside_the_braces_are_tolerated() {
        assert_eq!(render_placeholders("Hi {{ customer.name }}!", &values()), "Hi Ada Lovelace!");
        assert_eq!(render_placeholders("{{\tagent.name  }}", &values()), "Grace");
    }

    #[test]
    fn unknown_placeholders_and_stray_braces_stay_as_written() {
        for text in
            ["{{customer.phone}}", "{{ Customer.Name }}", "{{customer.name", "}} {{", "{ customer.name }", "{{}}"]
        {
            assert_eq!(render_placeholders(text, &values()), text, "{text:?}");
        }
        assert_eq!(render_placeholders("{{{customer.name}}}", &values()), "{Ada Lovelace}");
        assert_eq!(render_placeholders("{{x}} {{agent.name}}", &values()), "{{x}} Grace");
    }

    #[test]
    fn missing_values_leave_the_placeholder() {
        let partial = PlaceholderValues { agent_name: Some("Grace".into()), ..PlaceholderValues::default() };
        assert_eq!(render_placeholders("{{ticket.number}} by {{agent.name}}", &partial), "{{ticket.number}} by Grace");
    }

    #[test]
    fn values_are_inserted_verbatim_and_never_expanded_again() {
        let tricky = PlaceholderValues {
            customer_name: Some("{{agent.name}} & <b>".into()),
            agent_name: Some("Grace".into()),
            ..PlaceholderValues::default()
        };
        assert_eq!(render_placeholders("{{customer.name}}/{{agent.name}}", &tricky), "{{agent.name}} & <b>/Grace");
        assert_eq!(render_placeholders("Grüße, {{agent.name}} 🚀", &values()), "Grüße, Grace 🚀");
    }

    #[test]
    fn titles_and_bodies_are_bounded_and_named() {
        assert_eq!(CannedTitle::parse("  Refund policy ").unwrap().into_string(), "Refund policy");
        assert_eq!(CannedTitle::parse(" ").unwrap_err().field, "title");
        assert_eq!(CannedTitle::parse(&"t".repeat(120)).unwrap().into_string().len(), 120);
        assert_eq!(CannedTitle::parse(&"t".repeat(121)).unwrap_err().code, "too_long");
        assert_eq!(CannedTitle::parse("a\nb").unwrap_err().code, "invalid_characters");
        assert_eq!(CannedBody::parse(" Hi,\n\tthanks. ").unwrap().into_string(), "Hi,\n\tthanks.");
        assert_eq!(CannedBody::parse("\n").unwrap_err().field, "body");
        assert!(CannedBody::parse(&"é".repeat(10_000)).is_ok(), "the limit counts characters, not bytes");
        assert_eq!(CannedBody::parse(&"b".repeat(10_001)).unwrap_err().code, "too_long");
        assert_eq!(CannedBody::parse("a\u{7}b").unwrap_err().code, "invalid_characters");
    }
}
