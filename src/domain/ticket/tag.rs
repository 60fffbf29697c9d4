//! Free-form labels on tickets. Normalised on the way in so that `VIP`, ` vip ` and `vip` are one tag and a
//! filter by tag finds them all.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::input::FieldError;

/// A tag: lower-case letters (any script), digits, `-` and `_`, 1 to 40 characters. No spaces, so tags stay
/// easy to type in a filter and to list comma-separated.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Tag(String);

impl Tag {
    pub const MAX_CHARS: usize = 40;
    /// Enough for any real labelling scheme; the cap keeps a ticket's tag list from becoming a dumping ground.
    pub const MAX_PER_TICKET: usize = 20;

    /// Trims and lower-cases, then checks length and characters. A character whose lower case is not a
    /// single letter (Turkish `İ` becomes `i` plus a combining dot) is refused rather than stored in a form
    /// that would not parse again.
    pub fn parse(raw: &str) -> Result<Tag, FieldError> {
        let value = raw.trim().to_lowercase();
        let count = value.chars().count();
        let allowed = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
        if count == 0 || count > Self::MAX_CHARS || !value.chars().all(allowed) {
            return Err(FieldError::new(
                "tags",
                "invalid_tag",
                format!(
                    "\"{}\" is not a valid tag: use 1 to {} letters, digits, - or _ (no spaces).",
                    raw.trim(),
                    Self::MAX_CHARS
                ),
            ));
        }
        Ok(Tag(value))
    }

    /// Parses a ticket's whole tag list: every entry must be valid, duplicates after normalising are dropped
    /// (first one wins, order kept), and at most [`Tag::MAX_PER_TICKET`] distinct tags are accepted.
    pub fn parse_list<I, S>(raw: I) -> Result<Vec<Tag>, FieldError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut tags: Vec<Tag> = Vec::new();
        for item in raw {
            let tag = Tag::parse(item.as_ref())?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if tags.len() > Self::MAX_PER_TICKET {
            return Err(FieldError::new(
                "tags",
                "too_many_tags",
                format!("Use at most {} tags on a ticket.", Self::MAX_PER_TICKET),
            ));
        }
        Ok(tags)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl TryFrom<String> for Tag {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<Tag, FieldError> {
        Tag::parse(&raw)
    }
}

impl From<Tag> for String {
    fn from(tag: Tag) -> String {
        tag.0
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{value::StringDeserializer, IntoDeserializer};

    #[test]
    fn tags_are_trimmed_and_lower_cased() {
        assert_eq!(Tag::parse("  VIP ").unwrap().as_str(), "vip");
        assert_eq!(Tag::parse("Needs_Reply-2").unwrap().as_str(), "needs_reply-2");
        assert_eq!(Tag::parse("Rückerstattung").unwrap().as_str(), "rückerstattung");
        assert_eq!(Tag::parse(&"x".repeat(40)).unwrap().as_str().len(), 40);
        let tag = Tag::parse("Billing").unwrap();
        assert_eq!(Tag::parse(tag.as_str()), Ok(tag));
    }

    #[test]
    fn tags_refuse_spaces_punctuation_and_bad_lengths() {
        let too_long = "x".repeat(41);
        for bad in ["", "   ", "needs reply", "a,b", "#vip", "vip!", "a/b", "<b>", "tab\there", "İstanbul", &too_long]
        {
            let error = Tag::parse(bad).unwrap_err();
            assert_eq!((error.field, error.code), ("tags", "invalid_tag"), "{bad:?}");
        }
    }

    #[test]
    fn tag_lists_deduplicate_and_are_capped() {
        let tags = Tag::parse_list(["VIP", "billing", " vip", "Billing"]).unwrap();
        assert_eq!(tags.iter().map(Tag::as_str).collect::<Vec<_>>(), ["vip", "billing"]);
        assert_eq!(Tag::parse_list(["ok", "not ok"]).unwrap_err().code, "invalid_tag");
        let many: Vec<String> = (0..21).map(|n| format!("t{n}")).collect();
        assert_eq!(Tag::parse_list(&many[..20]).unwrap().len(), 20);
        assert_eq!(Tag::parse_list(&many).unwrap_err().code, "too_many_tags");
        assert_eq!(Tag::parse_list(Vec::<String>::new()), Ok(Vec::new()));
    }

    #[test]
    fn deserialising_validates_too() {
        let wire: StringDeserializer<serde::de::value::Error> = " Urgent-Fix ".to_string().into_deserializer();
        assert_eq!(Tag::deserialize(wire).unwrap().as_str(), "urgent-fix");
        let bad: StringDeserializer<serde::de::value::Error> = "two words".to_string().into_deserializer();
        assert!(Tag::deserialize(bad).is_err());
    }
}
