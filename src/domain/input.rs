//! Values that come from people, parsed once at the edge so the rest of the code can trust them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a submitted value was refused: which field, a stable code for clients and translations, and a sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        FieldError { field, code, message: message.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// An email address, trimmed and lower-cased so that uniqueness is case-insensitive.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, FieldError> {
        let value = raw.trim().to_lowercase();
        let invalid =
            || FieldError::new("email", "invalid_email", "Enter a valid email address, like name@example.com.");
        if value.len() > 254 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = value.split_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.contains('@');
        if local.is_empty() || local.len() > 64 || !domain_ok {
            return Err(invalid());
        }
        Ok(Email(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A person's display name: kept verbatim (quotes, emoji and all), only trimmed and bounded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<PersonName, FieldError> {
        bounded_text(raw, "name", 100).map(PersonName)
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A team's name, bounded like a person's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamName(String);

impl TeamName {
    pub fn parse(raw: &str) -> Result<TeamName, FieldError> {
        bounded_text(raw, "name", 80).map(TeamName)
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A ticket's subject line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subject(String);

impl Subject {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(raw: &str) -> Result<Subject, FieldError> {
        bounded_text(raw, "subject", Self::MAX_CHARS).map(Subject)
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A message body: any text with line breaks, not empty, at most 50,000 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageBody(String);

impl MessageBody {
    pub const MAX_CHARS: usize = 50_000;

    pub fn parse(raw: &str) -> Result<MessageBody, FieldError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(FieldError::new("body", "required", "Write a message."));
        }
        if trimmed.chars().count() > Self::MAX_CHARS {
            return Err(FieldError::new("body", "too_long", format!("Use at most {} characters.", Self::MAX_CHARS)));
        }
        if trimmed.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
            return Err(FieldError::new("body", "invalid_characters", "The message contains control characters."));
        }
        Ok(MessageBody(trimmed.to_string()))
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

pub(crate) fn bounded_text(raw: &str, field: &'static str, max_chars: usize) -> Result<String, FieldError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, "required", "This field is required."));
    }
    if value.chars().count() > max_chars {
        return Err(FieldError::new(field, "too_long", format!("Use at most {max_chars} characters.")));
    }
    if value.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            "invalid_characters",
            "Line breaks and control characters are not allowed.",
        ));
    }
    Ok(value.to_string())
}

/// A new password. Length is what makes a password strong (NIST SP 800-63B), so that is what is checked.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 256;

    pub fn parse(raw: &str) -> Result<Password, FieldError> {
        let count = raw.chars().count();
        if count < Self::MIN_CHARS {
            return Err(FieldError::new(
                "password",
                "password_too_short",
                format!("Use at least {} characters.", Self::MIN_CHARS),
            ));
        }
        if count > Self::MAX_CHARS {
            return Err(FieldError::new(
                "password",
                "password_too_long",
                format!("Use at most {} characters.", Self::MAX_CHARS),
            ));
        }
        Ok(Password(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Ada.Lovelace@Example.COM ").unwrap().as_str(), "ada.lovelace@example.com");
        for bad in ["", "ada", "ada@", "@example.com", "ada@example", "a da@example.com", "ada@.com", "ada@ex..com"] {
            assert_eq!(Email::parse(bad).unwrap_err().code, "invalid_email", "{bad:?}");
        }
    }

    #[test]
    fn names_keep_quotes_emoji_and_sql_verbatim() {
        let raw = "O'Brien \"Bob\" 🚀 '; DROP TABLE users; --";
        assert_eq!(PersonName::parse(raw).unwrap().into_string(), raw);
        assert_eq!(PersonName::parse("   ").unwrap_err().code, "required");
        assert_eq!(PersonName::parse(&"x".repeat(101)).unwrap_err().code, "too_long");
        assert_eq!(PersonName::parse("a\nb").unwrap_err().code, "invalid_characters");
    }

    #[test]
    fn message_bodies_keep_line_breaks_and_refuse_empty_text() {
        assert_eq!(
            MessageBody::parse("  Hallo,\n\nwo ist meine Rechnung?\t ").unwrap().into_string(),
            "Hallo,\n\nwo ist meine Rechnung?"
        );
        assert_eq!(MessageBody::parse(" \n ").unwrap_err().code, "required");
        assert_eq!(MessageBody::parse("a\u{0}b").unwrap_err().code, "invalid_characters");
        assert_eq!(Subject::parse("").unwrap_err().field, "subject");
    }

    #[test]
    fn passwords_need_length_and_never_print() {
        assert_eq!(Password::parse("short").unwrap_err().code, "password_too_short");
        let password = Password::parse("correct horse battery").unwrap();
        assert_eq!(format!("{password:?}"), "Password(***)");
        assert_eq!(Password::parse(&"p".repeat(257)).unwrap_err().code, "password_too_long");
    }
}
