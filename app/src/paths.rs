//! Links the UI builds to the server's plain-HTML endpoints, with their query values encoded.

use tidings::domain::Locale;

pub use tidings::domain::encode_query_value;

/// Where a signed-out visitor is sent, remembering the page they wanted.
pub fn login_path(next: &str) -> String {
    format!("/login?next={}", encode_query_value(next))
}

/// The language switch endpoint, returning to `next` afterwards.
pub fn lang_path(locale: Locale, next: &str) -> String {
    format!("/lang/{}?next={}", locale.as_str(), encode_query_value(next))
}

/// Only a local path may be a redirect target; anything else falls back to nothing.
pub fn local_path(candidate: &str) -> Option<&str> {
    let local = candidate.starts_with('/') && !candidate.starts_with("//") && !candidate.contains('\\');
    local.then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_readable_and_the_rest_is_encoded() {
        assert_eq!(login_path("/admin/teams"), "/login?next=/admin/teams");
        assert_eq!(lang_path(Locale::De, "/a?b=c&d"), "/lang/de?next=/a%3Fb%3Dc%26d");
        assert_eq!(encode_query_value("ä "), "%C3%A4%20");
    }

    #[test]
    fn only_local_paths_are_accepted_as_next() {
        assert_eq!(local_path("/agent"), Some("/agent"));
        assert_eq!(local_path("//evil.example"), None);
        assert_eq!(local_path("https://evil.example"), None);
        assert_eq!(local_path("/\\evil.example"), None);
    }
}
