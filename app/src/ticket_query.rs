//! The ticket list's address: the filters are [`TicketListQuery`] (shared with the service and REST), read from
//! the query string of `/agent/tickets` and `/portal` and written back into links; the page number rides along.

pub use tidings::domain::TicketListQuery;

/// The 1-based page from `?page=`, defaulting to 1.
pub fn page_from(raw: Option<String>) -> u32 {
    raw.and_then(|page| page.trim().parse::<u32>().ok()).filter(|page| *page > 0).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_positive() {
        assert_eq!(page_from(Some("3".into())), 3);
        assert_eq!(page_from(Some("0".into())), 1);
        assert_eq!(page_from(Some("x".into())), 1);
        assert_eq!(page_from(None), 1);
    }
}
