//! The table of contents of a rendered article: its h2 and h3 headings with the ids they carry in the HTML.

use serde::{Deserialize, Serialize};

/// One heading of an article: its level (2 or 3), the `id` of the heading element (link to `#id`), and its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_serialise_as_level_id_and_text() {
        let entry = TocEntry { level: 2, id: "passwort-aendern".into(), text: "Passwort ändern".into() };
        let json = serde_json::to_string(&entry).unwrap();
        assert_eq!(json, r#"{"level":2,"id":"passwort-aendern","text":"Passwort ändern"}"#);
        assert_eq!(serde_json::from_str::<TocEntry>(&json).unwrap(), entry);
    }
}
