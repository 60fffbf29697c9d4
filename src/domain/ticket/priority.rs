//! How urgent a ticket is. Ordered, so queues can sort by it and SLA policies can say "high and above".

use std::fmt;

use serde::{Deserialize, Serialize};

/// A ticket's priority, lowest first; tickets that nobody rated are `normal`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub const ALL: [Priority; 4] = [Priority::Low, Priority::Normal, Priority::High, Priority::Urgent];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    /// Parses the wire name of a priority; anything else is refused (and reported as 422 upstream).
    pub fn parse(value: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|priority| priority.as_str() == value)
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{value::StrDeserializer, IntoDeserializer};

    #[test]
    fn priorities_parse_only_their_wire_names_and_serde_agrees() {
        for priority in Priority::ALL {
            assert_eq!(Priority::parse(priority.as_str()), Some(priority));
            let wire: StrDeserializer<serde::de::value::Error> = priority.as_str().into_deserializer();
            assert_eq!(Priority::deserialize(wire), Ok(priority));
        }
        for bad in ["Urgent", "critical", "", "1"] {
            assert_eq!(Priority::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn priorities_sort_from_low_to_urgent_and_default_to_normal() {
        let mut shuffled = [Priority::Urgent, Priority::Low, Priority::High, Priority::Normal];
        shuffled.sort();
        assert_eq!(shuffled, Priority::ALL);
        assert!(Priority::High >= Priority::High && Priority::Urgent > Priority::High);
        assert_eq!(Priority::default(), Priority::Normal);
    }
}
