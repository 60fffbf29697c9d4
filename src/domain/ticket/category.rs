//! Hierarchical ticket categories written as a path, `Billing/Refunds`. A path rather than an id chain so
//! that a form, a filter and a report can all name a category the same way, and a filter on `Billing` can
//! include everything below it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::input::FieldError;

/// A category path: 1 to [`CategoryPath::MAX_DEPTH`] segments separated by `/`, each trimmed, non-empty and
/// at most [`CategoryPath::MAX_SEGMENT_CHARS`] characters. Case is kept as typed, since these are names
/// people read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct CategoryPath(String);

impl CategoryPath {
    pub const SEPARATOR: char = '/';
    /// Deeper trees stop being browsable in a picker; four levels covers product/area/topic/detail.
    pub const MAX_DEPTH: usize = 4;
    pub const MAX_SEGMENT_CHARS: usize = 60;

    pub fn parse(raw: &str) -> Result<CategoryPath, FieldError> {
        if raw.trim().is_empty() {
            return Err(FieldError::new("category", "required", "Choose a category."));
        }
        let segments: Vec<&str> = raw.split(Self::SEPARATOR).map(str::trim).collect();
        if segments.iter().any(|segment| segment.is_empty()) {
            return Err(FieldError::new(
                "category",
                "invalid_category",
                "Every level of a category needs a name, like Billing/Refunds.",
            ));
        }
        if segments.len() > Self::MAX_DEPTH {
            return Err(FieldError::new(
                "category",
                "category_too_deep",
                format!("Use at most {} levels of categories.", Self::MAX_DEPTH),
            ));
        }
        if segments.iter().any(|segment| segment.chars().count() > Self::MAX_SEGMENT_CHARS) {
            return Err(FieldError::new(
                "category",
                "too_long",
                format!("Use at most {} characters per category level.", Self::MAX_SEGMENT_CHARS),
            ));
        }
        if segments.iter().any(|segment| segment.chars().any(char::is_control)) {
            return Err(FieldError::new(
                "category",
                "invalid_characters",
                "Line breaks and control characters are not allowed.",
            ));
        }
        Ok(CategoryPath(segments.join("/")))
    }

    /// The levels from the top down: `Billing`, `Refunds`.
    pub fn segments(&self) -> impl Iterator<Item = &str> + '_ {
        self.0.split(Self::SEPARATOR)
    }

    /// The category one level up, or `None` at the top.
    pub fn parent(&self) -> Option<CategoryPath> {
        self.0.rsplit_once(Self::SEPARATOR).map(|(parent, _)| CategoryPath(parent.to_string()))
    }

    /// The last level, as a breadcrumb or a picker shows it.
    pub fn name(&self) -> &str {
        self.0.rsplit(Self::SEPARATOR).next().unwrap_or(&self.0)
    }

    pub fn depth(&self) -> usize {
        self.segments().count()
    }

    /// Whether this category is `ancestor` or lies below it, so that filtering by `Billing` also finds
    /// `Billing/Refunds` but not `Billing Disputes`.
    pub fn is_within(&self, ancestor: &CategoryPath) -> bool {
        match self.0.strip_prefix(&ancestor.0) {
            Some(rest) => rest.is_empty() || rest.starts_with(Self::SEPARATOR),
            None => false,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl TryFrom<String> for CategoryPath {
    type Error = FieldError;

    fn try_from(raw: String) -> Result<CategoryPath, FieldError> {
        CategoryPath::parse(&raw)
    }
}

impl From<CategoryPath> for String {
    fn from(path: CategoryPath) -> String {
        path.0
    }
}

impl fmt::Display for CategoryPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{value::StringDeserializer, IntoDeserializer};

    fn path(raw: &str) -> CategoryPath {
        CategoryPath::parse(raw).unwrap()
    }

    #[test]
    fn paths_are_trimmed_per_level_and_keep_their_case() {
        assert_eq!(path(" Billing / Refunds ").as_str(), "Billing/Refunds");
        assert_eq!(path("Billing").as_str(), "Billing");
        assert_eq!(path("a/b/c/d").depth(), 4);
        assert_eq!(path(&"é".repeat(60)).depth(), 1);
        let parsed = path("Hardware / Printers");
        assert_eq!(CategoryPath::parse(parsed.as_str()), Ok(parsed));
    }

    #[test]
    fn segments_parent_and_name_walk_the_tree() {
        let refunds = path("Billing/Refunds/EU");
        assert_eq!(refunds.segments().collect::<Vec<_>>(), ["Billing", "Refunds", "EU"]);
        assert_eq!(refunds.name(), "EU");
        assert_eq!(refunds.parent(), Some(path("Billing/Refunds")));
        assert_eq!(refunds.parent().and_then(|p| p.parent()), Some(path("Billing")));
        assert_eq!(path("Billing").parent(), None);
        assert_eq!(path("Billing").name(), "Billing");
    }

    #[test]
    fn within_means_same_or_below_on_whole_levels() {
        let billing = path("Billing");
        assert!(path("Billing/Refunds").is_within(&billing));
        assert!(billing.is_within(&billing));
        assert!(!path("Billing Disputes").is_within(&billing));
        assert!(!billing.is_within(&path("Billing/Refunds")));
        assert!(!path("billing/Refunds").is_within(&billing));
    }

    #[test]
    fn bad_paths_are_refused_with_a_reason() {
        let cases = [
            ("", "required"),
            ("  ", "required"),
            ("Billing/", "invalid_category"),
            ("/Billing", "invalid_category"),
            ("Billing//Refunds", "invalid_category"),
            ("Billing/ /Refunds", "invalid_category"),
            ("a/b/c/d/e", "category_too_deep"),
            ("Billing/Re\nfunds", "invalid_characters"),
        ];
        for (raw, code) in cases {
            let error = CategoryPath::parse(raw).unwrap_err();
            assert_eq!((error.field, error.code), ("category", code), "{raw:?}");
        }
        assert_eq!(CategoryPath::parse(&format!("Billing/{}", "x".repeat(61))).unwrap_err().code, "too_long");
    }

    #[test]
    fn deserialising_validates_too() {
        let wire: StringDeserializer<serde::de::value::Error> = "Billing / Refunds".to_string().into_deserializer();
        assert_eq!(CategoryPath::deserialize(wire).unwrap().as_str(), "Billing/Refunds");
        let bad: StringDeserializer<serde::de::value::Error> = "a//b".to_string().into_deserializer();
        assert!(CategoryPath::deserialize(bad).is_err());
    }
}
