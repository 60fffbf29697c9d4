//! The ticket list's filters and sort, as REST query parameters, the server functions and the queue's links carry
//! them.

use serde::{Deserialize, Serialize};

/// A ticket list request: each filter and the sort as the client wrote it (the service parses them and refuses bad
/// ones with 422 naming the field). The queue pages carry it in the address bar, so every state of a queue is a
/// URL that also works without JavaScript.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketListQuery {
    /// One status or several, comma-separated.
    pub status: Option<String>,
    pub priority: Option<String>,
    /// `me`, `none` or a user id.
    pub assignee: Option<String>,
    pub team: Option<String>,
    pub tag: Option<String>,
    pub channel: Option<String>,
    /// A category path; sub-categories match too (`Billing` finds `Billing/Refunds`).
    pub category: Option<String>,
    pub ticket_type: Option<String>,
    /// `YYYY-MM-DD` (from the start of that UTC day) or an RFC 3339 time.
    pub created_from: Option<String>,
    /// `YYYY-MM-DD` (to the end of that UTC day) or an RFC 3339 time, inclusive.
    pub created_to: Option<String>,
    /// Finally resolved at or after: `YYYY-MM-DD` (from the start of that UTC day) or an RFC 3339 time.
    pub resolved_from: Option<String>,
    /// Finally resolved up to: `YYYY-MM-DD` (to the end of that UTC day) or an RFC 3339 time, inclusive.
    pub resolved_to: Option<String>,
    /// A sort by its wire name (`-updated_at` by default).
    pub sort: Option<String>,
    /// Words to find in subjects and messages (all of them, anywhere in the ticket).
    pub q: Option<String>,
}

impl TicketListQuery {
    /// Query parameter names, in the order links write them (`type` is the ticket type).
    pub const KEYS: [&'static str; 14] = [
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
        "resolved_from",
        "resolved_to",
        "sort",
        "q",
    ];

    /// Reads the filters from query parameters; empty values (an untouched select or field) mean "no filter".
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> TicketListQuery {
        let value = |key: &str| get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        TicketListQuery {
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
            resolved_from: value("resolved_from"),
            resolved_to: value("resolved_to"),
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
            "resolved_from" => &self.resolved_from,
            "resolved_to" => &self.resolved_to,
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
    pub fn with_sort(&self, sort: &str) -> TicketListQuery {
        TicketListQuery { sort: Some(sort.to_string()), ..self.clone() }
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

/// Percent-encodes a query value, keeping `/` readable (it is legal in a query and common in `next`).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> TicketListQuery {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        TicketListQuery::from_pairs(|key| map.get(key).cloned())
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
        assert_eq!(TicketListQuery::default().href("/portal", 1), "/portal");
    }

    #[test]
    fn resolved_ranges_ride_in_the_address() {
        let filters = parse(&[("resolved_from", "2026-03-09"), ("resolved_to", "2026-03-15"), ("status", "resolved")]);
        assert_eq!(filters.resolved_from.as_deref(), Some("2026-03-09"));
        assert!(filters.is_filtered());
        assert_eq!(filters.query_string(1), "status=resolved&resolved_from=2026-03-09&resolved_to=2026-03-15");
    }

    #[test]
    fn sorting_alone_is_not_filtering() {
        let sorted = TicketListQuery::default().with_sort("priority");
        assert!(!sorted.is_filtered());
        assert_eq!(sorted.query_string(1), "sort=priority");
    }
}
