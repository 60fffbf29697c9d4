//! The help center's addresses. Slugs are checked by the core (`a-z`, `0-9`, `-`), so they go into paths as
//! they are; search text is encoded.

use tidings::domain::{encode_query_value, Locale};

/// `/help/de`.
pub fn help_home_path(lang: Locale) -> String {
    format!("/help/{}", lang.as_str())
}

/// `/help/de/categories/konto`.
pub fn help_topic_path(lang: Locale, slug: &str) -> String {
    format!("/help/{}/categories/{slug}", lang.as_str())
}

/// `/help/de/articles/passwort-aendern`.
pub fn help_article_path(lang: Locale, slug: &str) -> String {
    format!("/help/{}/articles/{slug}", lang.as_str())
}

/// Where the article page's "Was this helpful?" form posts.
pub fn help_vote_path(lang: Locale, slug: &str) -> String {
    format!("{}/vote", help_article_path(lang, slug))
}

/// `/help/de/search?q=passwort` (page 1 without `page`).
pub fn help_search_path(lang: Locale, q: &str, page: u32) -> String {
    let page = if page > 1 { format!("&page={page}") } else { String::new() };
    format!("/help/{}/search?q={}{page}", lang.as_str(), encode_query_value(q))
}

/// A topic page's address with its page number (page 1 without it).
pub fn help_topic_page_path(lang: Locale, slug: &str, page: u32) -> String {
    let base = help_topic_path(lang, slug);
    if page > 1 {
        format!("{base}?page={page}")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_addresses_name_language_and_slug() {
        assert_eq!(help_home_path(Locale::De), "/help/de");
        assert_eq!(help_article_path(Locale::En, "reset-password"), "/help/en/articles/reset-password");
        assert_eq!(help_vote_path(Locale::En, "a"), "/help/en/articles/a/vote");
        assert_eq!(help_search_path(Locale::De, "passwort ändern", 1), "/help/de/search?q=passwort%20%C3%A4ndern");
        assert_eq!(help_search_path(Locale::En, "a&b", 2), "/help/en/search?q=a%26b&page=2");
        assert_eq!(help_topic_page_path(Locale::En, "billing", 3), "/help/en/categories/billing?page=3");
    }
}
