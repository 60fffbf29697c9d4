//! WhatsApp message templates: the only messages WhatsApp lets a business send once the customer's last message
//! is 24 hours old. Templates are approved by Meta beforehand; Tidings is told which ones exist (name, language
//! and the text the customer will read) and offers exactly those.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What an agent may send on a WhatsApp conversation now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyWindow {
    /// Whether a free-form reply may go out (the customer wrote less than 24 hours ago).
    pub open: bool,
    /// When free-form replies stop (stopped) being allowed; `None` when the customer never wrote on WhatsApp.
    pub closes_at: Option<DateTime<Utc>>,
    /// The approved templates, the only replies allowed once the window is closed.
    pub templates: Vec<WhatsappTemplate>,
}

/// One approved template with the text it shows (kept in the thread as the message's body).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhatsappTemplate {
    /// Meta's template name, e.g. `follow_up`.
    pub name: String,
    /// Meta's language code, e.g. `de` or `en_US`.
    pub language: String,
    /// What the customer reads.
    pub text: String,
}

impl WhatsappTemplate {
    /// How the template is recorded on a queued message: `name:language`.
    pub fn key(&self) -> String {
        format!("{}:{}", self.name, self.language)
    }

    /// The (name, language) of a recorded key.
    pub fn split_key(key: &str) -> Option<(&str, &str)> {
        key.split_once(':').filter(|(name, language)| !name.is_empty() && !language.is_empty())
    }

    /// Parses a list such as `follow_up:de=Wir haben Ihnen geantwortet;follow_up:en=We replied to you`: entries
    /// separated by `;`, each `name:language=text`. Names are lower-case letters, digits and `_` (Meta's rule);
    /// languages letters and `_`. An error names the entry that is wrong.
    pub fn parse_list(value: &str) -> Result<Vec<WhatsappTemplate>, String> {
        let mut templates: Vec<WhatsappTemplate> = Vec::new();
        for entry in value.split(';').map(str::trim).filter(|entry| !entry.is_empty()) {
            let wrong = || format!("`{entry}` is not name:language=text");
            let (key, text) = entry.split_once('=').ok_or_else(wrong)?;
            let (name, language) = Self::split_key(key.trim()).ok_or_else(wrong)?;
            let name_ok = name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            let language_ok = language.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_');
            if !name_ok || !language_ok || text.trim().is_empty() {
                return Err(wrong());
            }
            let template =
                WhatsappTemplate { name: name.into(), language: language.into(), text: text.trim().to_string() };
            if templates.iter().any(|known| known.key() == template.key()) {
                return Err(format!("template {} is listed twice", template.key()));
            }
            templates.push(template);
        }
        Ok(templates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_templates_parses_with_umlauts_in_the_text() {
        let list = WhatsappTemplate::parse_list(
            " follow_up:de=Wir haben Ihre Anfrage beantwortet. Schreiben Sie uns gern zurück! ; follow_up:en_US=We replied;",
        )
        .unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].key(), "follow_up:de");
        assert_eq!(list[0].text, "Wir haben Ihre Anfrage beantwortet. Schreiben Sie uns gern zurück!");
        assert_eq!(list[1].language, "en_US");
        assert_eq!(WhatsappTemplate::parse_list("").unwrap(), vec![]);
    }

    #[test]
    fn bad_entries_are_named() {
        for bad in ["follow_up=Hi", "follow_up:de", "Follow Up:de=Hi", ":de=Hi", "a:de=  ", "a:d-e=Hi"] {
            let err = WhatsappTemplate::parse_list(bad).unwrap_err();
            assert!(err.contains(bad.trim()), "{bad}: {err}");
        }
        assert!(WhatsappTemplate::parse_list("a:de=x;a:de=y").unwrap_err().contains("twice"));
    }

    #[test]
    fn keys_round_trip() {
        assert_eq!(WhatsappTemplate::split_key("follow_up:de"), Some(("follow_up", "de")));
        assert_eq!(WhatsappTemplate::split_key("follow_up"), None);
        assert_eq!(WhatsappTemplate::split_key(":de"), None);
    }
}
