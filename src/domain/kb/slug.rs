//! URL slugs of knowledge-base articles: readable, ASCII only, German umlauts spelled out ("Größe" -> "groesse").

use super::search_text::latin_base;
use crate::domain::FieldError;

/// The longest slug, in characters (all ASCII, so also in bytes).
pub const MAX_SLUG_CHARS: usize = 80;

/// The slug used when a title has no letters or digits at all.
const FALLBACK_SLUG: &str = "article";

/// A slug for an article title: lower-case ASCII letters and digits joined by single hyphens. German umlauts
/// become two letters (ä -> ae, ß -> ss), other Latin diacritics are dropped (é -> e), everything else separates
/// words. At most [`MAX_SLUG_CHARS`], cut between words where possible; "article" when nothing is left.
pub fn slugify(title: &str) -> String {
    let mut slug = String::with_capacity(title.len().min(MAX_SLUG_CHARS * 2));
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if let Some(spelled) = german_spelling(c) {
            slug.push_str(spelled);
        } else if c == '\u{308}' && slug.ends_with(['a', 'o', 'u']) {
            // A decomposed umlaut (u + combining diaeresis) is spelled out like the composed one.
            slug.push('e');
        } else if is_combining_mark(c) {
            continue;
        } else if let Some(base) = latin_base(c) {
            slug.push_str(base);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = shorten(slug.trim_matches('-'));
    if slug.is_empty() {
        FALLBACK_SLUG.to_string()
    } else {
        slug.to_string()
    }
}

/// A slug typed by a person, trimmed and checked: 1 to 80 of `a-z`, `0-9` and `-`, no hyphen at either end
/// and never two in a row.
pub fn check_slug(slug: &str) -> Result<String, FieldError> {
    let slug = slug.trim();
    if slug.is_empty() {
        return Err(FieldError::new("slug", "required", "Enter a slug, like reset-your-password."));
    }
    if slug.chars().count() > MAX_SLUG_CHARS {
        return Err(FieldError::new("slug", "too_long", format!("Use at most {MAX_SLUG_CHARS} characters.")));
    }
    if !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Err(FieldError::new(
            "slug",
            "invalid_slug",
            "Use only lower-case letters a-z, digits and hyphens, like reset-your-password.",
        ));
    }
    if slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
        return Err(FieldError::new(
            "slug",
            "invalid_slug",
            "Hyphens go between words: not at the start or end, and never two in a row.",
        ));
    }
    Ok(slug.to_string())
}

/// German letters spelled the way Germans write them without the special characters.
fn german_spelling(c: char) -> Option<&'static str> {
    match c {
        'ä' => Some("ae"),
        'ö' => Some("oe"),
        'ü' => Some("ue"),
        'ß' => Some("ss"),
        _ => None,
    }
}

/// Combining diacritical marks (as left by decomposed text such as "e\u{301}").
pub(crate) fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}')
}

/// At most [`MAX_SLUG_CHARS`], cut at the last hyphen when there is one, so no word is chopped in half.
fn shorten(slug: &str) -> &str {
    if slug.len() <= MAX_SLUG_CHARS {
        return slug;
    }
    // The slug is ASCII here, so byte positions are character positions.
    let head = &slug[..MAX_SLUG_CHARS];
    if slug.as_bytes()[MAX_SLUG_CHARS] == b'-' {
        return head;
    }
    match head.rfind('-') {
        Some(cut) if cut > 0 => &head[..cut],
        _ => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_lower_case_words_joined_by_hyphens() {
        assert_eq!(slugify("Reset your password"), "reset-your-password");
        assert_eq!(slugify("  How do I… export (CSV / Excel)?  "), "how-do-i-export-csv-excel");
        assert_eq!(slugify("Version 2.0 -- what's new"), "version-2-0-what-s-new");
        assert_eq!(slugify("already-a-slug"), "already-a-slug");
        assert_eq!(slugify("tabs\tand\nnewlines"), "tabs-and-newlines");
    }

    #[test]
    fn german_letters_are_spelled_out() {
        assert_eq!(slugify("Passwort zurücksetzen"), "passwort-zuruecksetzen");
        assert_eq!(slugify("Größe ändern"), "groesse-aendern");
        assert_eq!(slugify("ÄRGER ÖFFNEN ÜBER STRASSE"), "aerger-oeffnen-ueber-strasse");
        assert_eq!(slugify("Fußball"), "fussball");
        assert_eq!(slugify("GROẞ"), "gross");
        // The same word typed with a combining diaeresis gives the same slug.
        assert_eq!(slugify("zuru\u{308}cksetzen"), "zuruecksetzen");
    }

    #[test]
    fn other_diacritics_are_dropped() {
        assert_eq!(slugify("Café crème brûlée"), "cafe-creme-brulee");
        assert_eq!(slugify("España Señor"), "espana-senor");
        assert_eq!(slugify("Łódź Ærø Œuvre"), "lodz-aero-oeuvre");
        assert_eq!(slugify("Cafe\u{301}"), "cafe");
    }

    #[test]
    fn titles_without_letters_become_article() {
        assert_eq!(slugify(""), "article");
        assert_eq!(slugify("   "), "article");
        assert_eq!(slugify("?!-- ** //"), "article");
        assert_eq!(slugify("日本語"), "article");
        assert_eq!(slugify("🙂"), "article");
    }

    #[test]
    fn long_titles_are_cut_between_words() {
        let title = "configure the email channel ".repeat(10);
        let slug = slugify(&title);
        assert!(slug.len() <= MAX_SLUG_CHARS, "{slug}");
        assert!(slug.starts_with("configure-the-email-channel-configure"));
        assert!(!slug.ends_with('-'));
        assert!(title.to_lowercase().replace(' ', "-").starts_with(&format!("{slug}-")), "cut inside a word: {slug}");

        // Exactly at a boundary: the 81st character is a hyphen.
        let exact = format!("{} tail", "a".repeat(80));
        assert_eq!(slugify(&exact), "a".repeat(80));
        // One endless word has no boundary, so it is cut hard.
        assert_eq!(slugify(&"x".repeat(200)), "x".repeat(80));
        // The result is always a valid slug.
        assert_eq!(check_slug(&slug), Ok(slug.clone()));
    }

    #[test]
    fn every_slugified_title_passes_the_check() {
        for title in ["Ärger?", "-x-", "a  b", "Ünïcödé – ẞ", "", "C++ & C#", &"wort ".repeat(40)] {
            let slug = slugify(title);
            assert_eq!(check_slug(&slug), Ok(slug.clone()), "{title:?}");
        }
    }

    #[test]
    fn typed_slugs_are_trimmed_and_checked() {
        assert_eq!(check_slug("  reset-password-2 "), Ok("reset-password-2".to_string()));
        assert_eq!(check_slug("a"), Ok("a".to_string()));
        assert_eq!(check_slug(&"a".repeat(80)), Ok("a".repeat(80)));

        assert_eq!(check_slug("   ").unwrap_err().code, "required");
        assert_eq!(check_slug(&"a".repeat(81)).unwrap_err().code, "too_long");
        for bad in ["Reset", "reset password", "reset_password", "zurück", "a/b", "-reset", "reset-", "re--set", "-"] {
            let error = check_slug(bad).unwrap_err();
            assert_eq!(error.field, "slug", "{bad:?}");
            assert_eq!(error.code, "invalid_slug", "{bad:?}");
            assert!(!error.message.is_empty());
        }
    }
}
