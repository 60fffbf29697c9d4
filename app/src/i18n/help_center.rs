//! Words of the public help center (`/help/...`). Its pages speak the language in their address, not the
//! visitor's chosen UI language, so every helper here takes the page's language.

use tidings::domain::Locale;

use super::language_name;

text_table! {
    /// A text of the help center.
    pub enum HelpKey {
        SearchLabel => ("Search the help center", "Hilfe-Center durchsuchen"),
        SearchButton => ("Search", "Suchen"),
        Suggestions => ("Suggested articles", "Vorgeschlagene Artikel"),
        BrowseTopics => ("Browse by topic", "Nach Themen stöbern"),
        NewestArticles => ("Newest articles", "Neueste Artikel"),
        Subtopics => ("Subtopics", "Unterthemen"),
        Articles => ("Articles", "Artikel"),
        NoArticlesInTopic => ("There are no articles in this topic yet.", "Zu diesem Thema gibt es noch keine Artikel."),
        Breadcrumbs => ("Breadcrumb", "Navigationspfad"),
        OnThisPage => ("On this page", "Auf dieser Seite"),
        Updated => ("Updated", "Aktualisiert"),
        Published => ("Published", "Veröffentlicht"),
        Tags => ("Tags", "Schlagwörter"),
        Topic => ("Topic", "Thema"),
        Related => ("Related articles", "Ähnliche Artikel"),
        WasThisHelpful => ("Was this helpful?", "War dieser Artikel hilfreich?"),
        Yes => ("Yes", "Ja"),
        No => ("No", "Nein"),
        ThanksForFeedback => ("Thank you for your feedback.", "Vielen Dank für Ihr Feedback."),
        VoteFailed => (
            "Your vote could not be saved. Please try again later.",
            "Ihre Stimme konnte nicht gespeichert werden. Bitte versuchen Sie es später erneut.",
        ),
        OtherLanguages => ("This article in other languages", "Dieser Artikel in anderen Sprachen"),
        HelpLanguages => ("Help center language", "Sprache des Hilfe-Centers"),
        NotPublished => (
            "This article is not published; only staff can see this page.",
            "Dieser Artikel ist nicht veröffentlicht; nur Mitarbeitende sehen diese Seite.",
        ),
        SearchTitle => ("Search results", "Suchergebnisse"),
        EmptyQuery => ("Type what you are looking for.", "Geben Sie ein, wonach Sie suchen."),
        SearchDescription => ("Search the help center's articles.", "Durchsuchen Sie die Artikel des Hilfe-Centers."),
    }
}

/// The language a help-center address names (`/help/en`, `/help/de/...`); exactly `en` or `de`.
pub fn help_lang(segment: &str) -> Option<Locale> {
    Locale::ALL.into_iter().find(|locale| locale.as_str() == segment)
}

/// The language of a help-center page from its path, if the path is one (`/help/de/articles/x` -> German).
pub fn help_path_locale(path: &str) -> Option<Locale> {
    let rest = path.strip_prefix("/help/")?;
    help_lang(rest.split('/').next().unwrap_or_default())
}

/// The other language of the help center.
pub fn other_lang(lang: Locale) -> Locale {
    match lang {
        Locale::En => Locale::De,
        Locale::De => Locale::En,
    }
}

/// Shown above an article served in another language than the address asked for.
pub fn fallback_notice(ui: Locale, shown: Locale) -> String {
    match ui {
        Locale::En => {
            format!("This article is not available in English yet; here it is in {}.", language_name(ui, shown))
        }
        Locale::De => format!(
            "Dieser Artikel ist noch nicht auf Deutsch verfügbar; hier ist er auf {}.",
            language_name(ui, shown)
        ),
    }
}

/// "12 views" / "12 Aufrufe".
pub fn view_count(ui: Locale, views: i64) -> String {
    match (ui, views) {
        (Locale::En, 1) => "1 view".to_string(),
        (Locale::En, n) => format!("{n} views"),
        (Locale::De, 1) => "1 Aufruf".to_string(),
        (Locale::De, n) => format!("{n} Aufrufe"),
    }
}

/// "3 articles" / "3 Artikel".
pub fn article_count(ui: Locale, count: i64) -> String {
    match (ui, count) {
        (Locale::En, 1) => "1 article".to_string(),
        (Locale::En, n) => format!("{n} articles"),
        (Locale::De, n) => format!("{n} Artikel"),
    }
}

/// A topic page's meta description: "Password and sign-in: 4 articles in the help center."
pub fn topic_description(ui: Locale, name: &str, count: i64) -> String {
    match ui {
        Locale::En => format!("{name}: {} in the help center.", article_count(ui, count)),
        Locale::De => format!("{name}: {} im Hilfe-Center.", article_count(ui, count)),
    }
}

/// "3 of 4 readers found this helpful."
pub fn helpful_counts(ui: Locale, helpful: i64, not_helpful: i64) -> String {
    let all = helpful + not_helpful;
    match ui {
        Locale::En => format!("{helpful} of {all} readers found this helpful."),
        Locale::De => format!("{helpful} von {all} Lesern fanden das hilfreich."),
    }
}

/// "4 results for “password”".
pub fn results_for(ui: Locale, total: u64, q: &str) -> String {
    match (ui, total) {
        (Locale::En, 1) => format!("1 result for “{q}”"),
        (Locale::En, n) => format!("{n} results for “{q}”"),
        (Locale::De, 1) => format!("1 Ergebnis für „{q}“"),
        (Locale::De, n) => format!("{n} Ergebnisse für „{q}“"),
    }
}

/// The search page's title: "password – Search results".
pub fn search_title(ui: Locale, q: &str) -> String {
    let results = crate::i18n::t(ui, HelpKey::SearchTitle);
    if q.is_empty() {
        results.to_string()
    } else {
        format!("{q} – {results}")
    }
}

/// "No articles match “xyz”."
pub fn no_results(ui: Locale, q: &str) -> String {
    match ui {
        Locale::En => format!("No articles match “{q}”."),
        Locale::De => format!("Keine Artikel passen zu „{q}“."),
    }
}

/// The hint under "no results" when the other language has matches, and its link text.
pub fn try_other_language(ui: Locale, other: Locale, total: u64) -> (String, String) {
    let name = language_name(ui, other);
    match ui {
        Locale::En => {
            let articles = if total == 1 { "article" } else { "articles" };
            (
                format!("There {} {total} matching {articles} in {name}.", if total == 1 { "is" } else { "are" }),
                format!("Search in {name}"),
            )
        }
        Locale::De => (format!("Auf {name} gibt es {total} passende Artikel."), format!("Auf {name} suchen")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_both_languages() {
        for key in HelpKey::ALL {
            let (en, de) = crate::i18n::Texts::texts(*key);
            assert!(!en.trim().is_empty() && !de.trim().is_empty(), "{key:?}");
        }
    }

    #[test]
    fn help_paths_name_their_language_exactly() {
        assert_eq!(help_path_locale("/help/de"), Some(Locale::De));
        assert_eq!(help_path_locale("/help/en/articles/reset"), Some(Locale::En));
        assert_eq!(help_path_locale("/help/de-AT/articles/reset"), None);
        assert_eq!(help_path_locale("/help"), None);
        assert_eq!(help_path_locale("/helpers/de"), None);
        assert_eq!(help_lang("fr"), None);
    }

    #[test]
    fn the_fallback_notice_names_both_languages_in_the_readers_language() {
        assert_eq!(
            fallback_notice(Locale::En, Locale::De),
            "This article is not available in English yet; here it is in German."
        );
        assert_eq!(
            fallback_notice(Locale::De, Locale::En),
            "Dieser Artikel ist noch nicht auf Deutsch verfügbar; hier ist er auf Englisch."
        );
    }

    #[test]
    fn counts_are_worded_for_one_and_many() {
        assert_eq!(view_count(Locale::En, 1), "1 view");
        assert_eq!(view_count(Locale::De, 7), "7 Aufrufe");
        assert_eq!(article_count(Locale::En, 2), "2 articles");
        assert_eq!(helpful_counts(Locale::En, 3, 1), "3 of 4 readers found this helpful.");
        assert_eq!(results_for(Locale::De, 1, "konto"), "1 Ergebnis für „konto“");
    }
}
