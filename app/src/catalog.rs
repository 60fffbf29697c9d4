//! The fixed choices the ticket forms offer: ticket types, the category tree, the portal's quick issues and the
//! queue's sort orders. Stored values are these English wire names; labels come from `i18n`.

/// Ticket types a customer can pick; staff may also use `task`.
pub const CUSTOMER_TICKET_TYPES: [&str; 3] = ["question", "problem", "request"];

/// Every ticket type the workspace offers.
pub const TICKET_TYPES: [&str; 4] = ["question", "problem", "request", "task"];

/// The category tree as paths, parents before children (a select shows children indented).
pub const CATEGORIES: [&str; 10] = [
    "Account",
    "Account/Login",
    "Account/Profile",
    "Billing",
    "Billing/Invoices",
    "Billing/Refunds",
    "Courses",
    "Courses/Access",
    "Technical",
    "Technical/Bug",
];

/// A one-click start for a common request on `/portal/new?quick=<key>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuickIssue {
    pub key: &'static str,
    pub ticket_type: &'static str,
    pub category: &'static str,
}

pub const QUICK_ISSUES: [QuickIssue; 4] = [
    QuickIssue { key: "login", ticket_type: "problem", category: "Account/Login" },
    QuickIssue { key: "invoice", ticket_type: "question", category: "Billing/Invoices" },
    QuickIssue { key: "course", ticket_type: "problem", category: "Courses/Access" },
    QuickIssue { key: "bug", ticket_type: "problem", category: "Technical/Bug" },
];

pub fn quick_issue(key: &str) -> Option<QuickIssue> {
    QUICK_ISSUES.into_iter().find(|issue| issue.key == key)
}

/// The statuses the saved views call "open work".
pub const OPEN_STATUSES: &str = "new,open,pending";

/// Sortable queue columns: (column, ascending sort, descending sort).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortColumn {
    Number,
    Status,
    Priority,
    Created,
    Updated,
    /// The soonest SLA due time first (one direction only: nobody asks for "due latest").
    Due,
}

impl SortColumn {
    /// The wire names for this column, ascending and descending (`None` when only one direction exists).
    /// Priority is the exception on the wire: `priority` means most urgent first.
    pub fn sorts(self) -> (&'static str, Option<&'static str>) {
        match self {
            SortColumn::Number => ("number", Some("-number")),
            SortColumn::Status => ("status", None),
            SortColumn::Priority => ("-priority", Some("priority")),
            SortColumn::Created => ("created_at", Some("-created_at")),
            SortColumn::Updated => ("updated_at", Some("-updated_at")),
            SortColumn::Due => ("due", None),
        }
    }

    /// The sort a click on this header asks for, given the current one: newest / highest first on the first click,
    /// the other direction on the next.
    pub fn next_sort(self, current: &str) -> &'static str {
        let (asc, desc) = self.sorts();
        match desc {
            Some(desc) if current == desc => asc,
            Some(desc) => desc,
            None => asc,
        }
    }

    /// `aria-sort` for the header: whether the list is sorted by this column, and which way.
    pub fn aria_sort(self, current: &str) -> Option<&'static str> {
        let (asc, desc) = self.sorts();
        if current == asc {
            Some("ascending")
        } else if desc == Some(current) {
            Some("descending")
        } else {
            None
        }
    }
}

/// The queue's default order.
pub const DEFAULT_SORT: &str = "-updated_at";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_toggle_between_directions_and_start_descending() {
        assert_eq!(SortColumn::Updated.next_sort("-updated_at"), "updated_at");
        assert_eq!(SortColumn::Updated.next_sort("updated_at"), "-updated_at");
        assert_eq!(SortColumn::Priority.next_sort("-updated_at"), "priority");
        assert_eq!(SortColumn::Priority.aria_sort("priority"), Some("descending"));
        assert_eq!(SortColumn::Status.next_sort("status"), "status");
        assert_eq!(SortColumn::Updated.aria_sort("-updated_at"), Some("descending"));
        assert_eq!(SortColumn::Number.aria_sort("number"), Some("ascending"));
        assert_eq!(SortColumn::Number.aria_sort("-updated_at"), None);
        assert_eq!(SortColumn::Due.next_sort("-updated_at"), "due");
        assert_eq!(SortColumn::Due.aria_sort("due"), Some("ascending"));
    }

    #[test]
    fn quick_issues_use_known_types_and_categories() {
        for issue in QUICK_ISSUES {
            assert!(CUSTOMER_TICKET_TYPES.contains(&issue.ticket_type), "{issue:?}");
            assert!(CATEGORIES.contains(&issue.category), "{issue:?}");
        }
        assert_eq!(quick_issue("login").map(|i| i.category), Some("Account/Login"));
        assert_eq!(quick_issue("nope"), None);
    }
}
