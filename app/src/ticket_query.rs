//! The ticket list's filters as the address bar carries them: read from the query string of `/agent/tickets` and
//! `/portal`, passed to the `list_tickets` server function, and written back into links (sort headers, pages,
//! saved views) so every state of the queue is a URL that works without JavaScript.

use serde::{Deserialize, Serialize};

use crate::paths::encode_query_value;

/// Filter and sort values exactly as typed; the service parses and refuses bad ones (422 with the field).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketFilters {
    pub status: Option<String>,
    pub priority: Option<String>,
    pub assignee: Option<String>,
    pub team: Option<String>,
    pub tag: Option<String>,
    pub channel: Option<String>,
    pub category: Option<String>,
    pub ticket_type: Option<String>,
    pub created_from: Option<String>,
    pub created_to: Option<String>,
    pub sort: Option<String>,
    pub q: Option<String>,
}

impl TicketFilters {
    /// Query parameter names, in the order links write them (`type` is the ticket type).
    pub const KEYS: [&'static str; 12] = [
        "status",
        "priority",
        "assignee",
        "team",
        "tag",
        "channel",
        "category",
        "type",
        "created_from",
        "created_to",
        "sort",
        "q",
    ];

    /// Reads the filters from query parameters; empty values (an untouched select or field) mean "no filter".
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> TicketFilters {
        let value = |key: &str| get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        TicketFilters {
            status: value("status"),
            priority: value("priority"),
            assignee: value("assignee"),
            team: value("team"),
            tag: value("tag"),
            channel: value("channel"),
            category: value("category"),
            ticket_type: value("type"),
            created_from: value("created_from"),
            created_to: value("created_to"),
            sort: value("sort"),
            q: value("q"),
        }
    }

    /// The value of one query parameter.
    pub fn get(&self, key: &str) -> Option<&str> {
        let value = match key {
            "status" => &self.status,
            "priority" => &self.priority,
            "assignee" => &self.assignee,
            "team" => &self.team,
            "tag" => &self.tag,
            "channel" => &self.channel,
            "category" => &self.category,
            "type" => &self.ticket_type,
            "created_from" => &self.created_from,
            "created_to" => &self.created_to,
            "sort" => &self.sort,
            "q" => &self.q,
            _ => &None,
        };
        value.as_deref()
    }

    /// Whether any filter (not the sort) narrows the list.
    pub fn is_filtered(&self) -> bool {
        Self::KEYS.iter().any(|key| *key != "sort" && self.get(key).is_some())
    }

    /// The same filters with another sort.
    pub fn with_sort(&self, sort: &str) -> TicketFilters {
        TicketFilters { sort: Some(sort.to_string()), ..self.clone() }
    }

    /// `status=open&q=printer&page=2`: the set filters, then the page when it is not the first.
    pub fn query_string(&self, page: u32) -> String {
        let mut parts: Vec<String> = Self::KEYS
            .iter()
            .filter_map(|key| self.get(key).map(|value| format!("{key}={}", encode_query_value(value))))
            .collect();
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        parts.join("&")
    }

    /// `base` with these filters and `page` as its query.
    pub fn href(&self, base: &str, page: u32) -> String {
        let query = self.query_string(page);
        if query.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{query}")
        }
    }
}

/// The 1-based page from `?page=`, defaulting to 1.
pub fn page_from(raw: Option<String>) -> u32 {
    raw.and_then(|page| page.trim().parse::<u32>().ok()).filter(|page| *page > 0).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> TicketFilters {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        TicketFilters::from_pairs(|key| map.get(key).cloned())
    }

    #[test]
    fn empty_values_are_no_filter_and_links_round_trip() {
        let filters = parse(&[("status", "new,open"), ("priority", ""), ("q", " printer jam "), ("type", "problem")]);
        assert_eq!(filters.priority, None);
        assert_eq!(filters.q.as_deref(), Some("printer jam"));
        assert!(filters.is_filtered());
        assert_eq!(filters.query_string(1), "status=new%2Copen&type=problem&q=printer%20jam");
        assert_eq!(
            filters.href("/agent/tickets", 3),
            "/agent/tickets?status=new%2Copen&type=problem&q=printer%20jam&page=3"
        );
        assert_eq!(TicketFilters::default().href("/portal", 1), "/portal");
    }

    #[test]
    fn sorting_alone_is_not_filtering() {
        let sorted = TicketFilters::default().with_sort("priority");
        assert!(!sorted.is_filtered());
        assert_eq!(sorted.query_string(1), "sort=priority");
    }

    #[test]
    fn pages_are_positive() {
        assert_eq!(page_from(Some("3".into())), 3);
        assert_eq!(page_from(Some("0".into())), 1);
        assert_eq!(page_from(Some("x".into())), 1);
        assert_eq!(page_from(None), 1);
    }
}
