//! The knowledge base: articles in English and German, the workflow that takes them from draft to the public help
//! center, and the shapes clients see (the Article of shared/API.md).

pub mod diff;
pub mod search_text;
pub mod slug;
pub mod stopwords;
pub mod toc;
mod views;
mod workflow;

pub use toc::TocEntry;
pub use views::{
    Article, ArticleSummary, ArticleTranslation, ArticleVersion, ArticleVersionSummary, KbCategory, TitleLink,
};
pub use workflow::{check_status_change, ArticleStatus, WorkflowError};

use super::FieldError;

/// The largest article body accepted (markdown bytes); a bigger one is refused with 413.
pub const MAX_ARTICLE_BYTES: usize = 256 * 1024;
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_EXCERPT_CHARS: usize = 300;
pub const MAX_TAGS_PER_ARTICLE: usize = 12;
/// How long a generated excerpt (from the article's text) may be.
pub const GENERATED_EXCERPT_CHARS: usize = 160;

/// Trims; 1 to [`MAX_TITLE_CHARS`] characters.
pub fn check_title(raw: &str) -> Result<String, FieldError> {
    let title = raw.trim();
    if title.is_empty() {
        return Err(FieldError::new("title", "required", "Give the article a title."));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(FieldError::new(
            "title",
            "too_long",
            format!("A title can have at most {MAX_TITLE_CHARS} characters."),
        ));
    }
    Ok(title.to_string())
}

/// Trims; at most [`MAX_EXCERPT_CHARS`] characters (empty: the services write one from the text).
pub fn check_excerpt(raw: &str) -> Result<String, FieldError> {
    let excerpt = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if excerpt.chars().count() > MAX_EXCERPT_CHARS {
        return Err(FieldError::new(
            "excerpt",
            "too_long",
            format!("An excerpt can have at most {MAX_EXCERPT_CHARS} characters."),
        ));
    }
    Ok(excerpt)
}

/// Lower-cased, unique tags in the order given (each checked like a ticket tag), at most [`MAX_TAGS_PER_ARTICLE`].
pub fn check_tags(raw: &[String]) -> Result<Vec<String>, FieldError> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.iter().filter(|tag| !tag.trim().is_empty()) {
        let tag = super::Tag::parse(tag)?.as_str().to_string();
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS_PER_ARTICLE {
        return Err(FieldError::new(
            "tags",
            "too_many_tags",
            format!("An article can have at most {MAX_TAGS_PER_ARTICLE} tags."),
        ));
    }
    Ok(tags)
}

/// The first sentence(s) of `plain_text` up to [`GENERATED_EXCERPT_CHARS`], cut at a word and marked with "…".
pub fn excerpt_from_text(plain_text: &str) -> String {
    let text = plain_text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= GENERATED_EXCERPT_CHARS {
        return text;
    }
    let mut cut: String = text.chars().take(GENERATED_EXCERPT_CHARS).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(check_title("  Passwort zurücksetzen ").unwrap(), "Passwort zurücksetzen");
        assert_eq!(check_title("   ").unwrap_err().code, "required");
        assert_eq!(check_title(&"x".repeat(201)).unwrap_err().code, "too_long");
    }

    #[test]
    fn tags_are_lower_cased_deduplicated_and_capped() {
        let tags = check_tags(&["Login".into(), "login".into(), " ".into(), "Konto".into()]).unwrap();
        assert_eq!(tags, ["login", "konto"]);
        let many: Vec<String> = (0..13).map(|n| format!("t{n}")).collect();
        assert_eq!(check_tags(&many).unwrap_err().code, "too_many_tags");
        assert_eq!(check_tags(&["two words".into()]).unwrap_err().field, "tags");
    }

    #[test]
    fn generated_excerpts_cut_at_a_word() {
        let text = "Wort ".repeat(60);
        let excerpt = excerpt_from_text(&text);
        assert!(excerpt.ends_with("Wort…"), "{excerpt}");
        assert!(excerpt.chars().count() <= GENERATED_EXCERPT_CHARS + 1);
        assert_eq!(excerpt_from_text("  Kurz   und gut. "), "Kurz und gut.");
    }

    #[test]
    fn excerpts_longer_than_the_limit_are_refused() {
        assert_eq!(check_excerpt(&"a ".repeat(200)).unwrap_err().code, "too_long");
        assert_eq!(check_excerpt(" a\n b ").unwrap(), "a b");
    }
}
