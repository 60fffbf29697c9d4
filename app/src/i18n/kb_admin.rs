//! Words of the knowledge-base editor (`/admin/kb`): the article list, the editor, the workflow, the version
//! history and the categories.

use tidings::domain::kb::ArticleStatus;
use tidings::domain::Locale;

use super::{app_error_text, t};
use crate::api::AppError;

text_table! {
    /// A text of `/admin/kb`.
    pub enum KbKey {
        KnowledgeBase => ("Knowledge base", "Wissensdatenbank"),
        Intro => (
            "Articles for the help center. Agents write drafts and send them for review; administrators publish them.",
            "Artikel für das Hilfe-Center. Agenten schreiben Entwürfe und geben sie zur Prüfung; Administratoren veröffentlichen sie."
        ),
        NewArticle => ("New article", "Neuer Artikel"),
        EditArticle => ("Edit article", "Artikel bearbeiten"),
        Categories => ("Categories", "Kategorien"),
        AllArticles => ("All articles", "Alle Artikel"),
        FilterArticles => ("Filter articles", "Artikel filtern"),
        SearchText => ("Search", "Suche"),
        AnyStatus => ("Any status", "Jeder Status"),
        AnyLanguage => ("Any language", "Jede Sprache"),
        ApplyFilters => ("Show", "Anzeigen"),
        Title => ("Title", "Titel"),
        Language => ("Language", "Sprache"),
        Status => ("Status", "Status"),
        Category => ("Category", "Kategorie"),
        Version => ("Version", "Version"),
        Updated => ("Updated", "Geändert"),
        NoArticles => ("No articles match these filters.", "Keine Artikel passen zu diesen Filtern."),
        ArticleCount => ("articles", "Artikel"),
        StatusDraft => ("Draft", "Entwurf"),
        StatusInReview => ("In review", "In Prüfung"),
        StatusPublished => ("Published", "Veröffentlicht"),
        StatusArchived => ("Archived", "Archiviert"),
        Slug => ("Slug (address)", "Slug (Adresse)"),
        SlugHint => (
            "Lower-case letters, digits and hyphens. Leave empty to make one from the title.",
            "Kleinbuchstaben, Ziffern und Bindestriche. Leer lassen, um ihn aus dem Titel zu bilden."
        ),
        LanguageFixed => ("The language cannot be changed after the article is created.", "Die Sprache lässt sich nach dem Anlegen nicht mehr ändern."),
        NoCategory => ("No category", "Keine Kategorie"),
        Tags => ("Tags", "Schlagwörter"),
        TagsHint => ("Separate tags with commas, e.g. login, password.", "Schlagwörter mit Kommas trennen, z. B. login, passwort."),
        Excerpt => ("Excerpt", "Kurzfassung"),
        ExcerptHint => (
            "Shown in lists and search results. Leave empty to use the first sentences of the text.",
            "Erscheint in Listen und Suchergebnissen. Leer lassen, um die ersten Sätze des Textes zu verwenden."
        ),
        Body => ("Text (Markdown)", "Text (Markdown)"),
        BodyHint => (
            "Markdown: ## for a heading, **bold**, - for a list, [text](address) for a link.",
            "Markdown: ## für eine Überschrift, **fett**, - für eine Liste, [Text](Adresse) für einen Link."
        ),
        Preview => ("Preview", "Vorschau"),
        PreviewHint => ("As the help center will show it; updates while you type.", "So zeigt es das Hilfe-Center; aktualisiert sich beim Tippen."),
        PreviewEmpty => ("Nothing to preview yet.", "Noch nichts für die Vorschau."),
        PreviewUpdating => ("Updating preview…", "Vorschau wird aktualisiert …"),
        InsertImage => ("Insert an image", "Bild einfügen"),
        ImageHint => (
            "PNG, JPEG, GIF or WebP, up to 5 MB. It is inserted where the cursor is in the text.",
            "PNG, JPEG, GIF oder WebP, bis 5 MB. Es wird an der Cursorposition im Text eingefügt."
        ),
        Upload => ("Upload", "Hochladen"),
        Uploading => ("Uploading image…", "Bild wird hochgeladen …"),
        ImageInserted => ("Image uploaded and inserted into the text.", "Bild hochgeladen und in den Text eingefügt."),
        UploadFailed => ("The image could not be uploaded.", "Das Bild konnte nicht hochgeladen werden."),
        ImageTooLarge => ("The image is larger than 5 MB.", "Das Bild ist größer als 5 MB."),
        Save => ("Save", "Speichern"),
        CreateArticle => ("Create draft", "Entwurf anlegen"),
        Saved => ("Saved as version", "Gespeichert als Version"),
        Created => ("Article created as a draft.", "Artikel als Entwurf angelegt."),
        Workflow => ("Workflow", "Ablauf"),
        SendForReview => ("Send for review", "Zur Prüfung geben"),
        BackToDraft => ("Back to draft", "Zurück zum Entwurf"),
        Publish => ("Publish", "Veröffentlichen"),
        Unpublish => ("Unpublish", "Veröffentlichung zurückziehen"),
        Archive => ("Archive", "Archivieren"),
        RestoreFromArchive => ("Restore from archive", "Aus dem Archiv holen"),
        StatusChanged => ("Status changed to", "Status geändert zu"),
        NoWorkflowSteps => ("An administrator takes it from here.", "Ab hier übernimmt eine Administratorin oder ein Administrator."),
        ReadOnlyForAgents => (
            "Published and archived articles are changed by administrators only.",
            "Veröffentlichte und archivierte Artikel ändern nur Administratoren."
        ),
        Details => ("Details", "Angaben"),
        PublishedAt => ("Published", "Veröffentlicht am"),
        UpdatedAt => ("Last saved", "Zuletzt gespeichert"),
        NotYet => ("Not yet", "Noch nicht"),
        Author => ("Author", "Verfasst von"),
        Translations => ("Translations", "Übersetzungen"),
        TranslateIntoGerman => ("Translate into German", "Ins Deutsche übersetzen"),
        TranslateIntoEnglish => ("Translate into English", "Ins Englische übersetzen"),
        TranslationOf => ("Translation of", "Übersetzung von"),
        ViewInHelpCenter => ("View in help center", "Im Hilfe-Center ansehen"),
        History => ("Version history", "Versionsverlauf"),
        ShowChanges => ("Show changes", "Änderungen zeigen"),
        ChangesIn => ("Changes in version", "Änderungen in Version"),
        RestoreVersion => ("Restore this version", "Diese Version wiederherstellen"),
        Restored => ("Restored as version", "Wiederhergestellt als Version"),
        LineAdded => ("Added:", "Hinzugefügt:"),
        LineRemoved => ("Removed:", "Entfernt:"),
        LineUnchanged => ("Unchanged:", "Unverändert:"),
        NoVersions => ("No versions yet.", "Noch keine Versionen."),
        Current => ("current", "aktuell"),
        AddCategory => ("Add a category", "Kategorie hinzufügen"),
        CategoryName => ("Name (English)", "Name (Englisch)"),
        CategoryNameDe => ("German name", "Deutscher Name"),
        CategorySlugHint => ("Leave empty to make one from the name.", "Leer lassen, um ihn aus dem Namen zu bilden."),
        ParentCategory => ("Parent category", "Übergeordnete Kategorie"),
        TopLevel => ("None (top level)", "Keine (oberste Ebene)"),
        CategoryAdded => ("Category added.", "Kategorie hinzugefügt."),
        NoCategories => ("No categories yet.", "Noch keine Kategorien."),
        PublishedInEnglish => ("published in English", "auf Englisch veröffentlicht"),
        PublishedInGerman => ("published in German", "auf Deutsch veröffentlicht"),
        OnlyAdminsAddCategories => ("Only administrators add categories.", "Nur Administratoren legen Kategorien an."),
    }
}

/// The name of a workflow status.
pub fn article_status_name(locale: Locale, status: ArticleStatus) -> &'static str {
    t(
        locale,
        match status {
            ArticleStatus::Draft => KbKey::StatusDraft,
            ArticleStatus::InReview => KbKey::StatusInReview,
            ArticleStatus::Published => KbKey::StatusPublished,
            ArticleStatus::Archived => KbKey::StatusArchived,
        },
    )
}

/// The label of the button that moves an article from `from` to `to`.
pub fn workflow_step_label(locale: Locale, from: ArticleStatus, to: ArticleStatus) -> &'static str {
    use ArticleStatus::*;
    let key = match (from, to) {
        (_, InReview) => KbKey::SendForReview,
        (Published, Draft) => KbKey::Unpublish,
        (_, Draft) => KbKey::BackToDraft,
        (Archived, Published) => KbKey::RestoreFromArchive,
        (_, Published) => KbKey::Publish,
        (_, Archived) => KbKey::Archive,
    };
    t(locale, key)
}

/// The language's name in the reader's language.
pub fn language_name(locale: Locale, language: Locale) -> &'static str {
    match (locale, language) {
        (Locale::En, Locale::En) => "English",
        (Locale::En, Locale::De) => "German",
        (Locale::De, Locale::En) => "Englisch",
        (Locale::De, Locale::De) => "Deutsch",
    }
}

/// A refused save or step of the editor as a sentence: the knowledge-base codes first, then the common ones.
pub fn kb_error_text(locale: Locale, err: &AppError) -> String {
    let de = locale == Locale::De;
    let pick = |en: &str, de_text: &str| if de { de_text.to_string() } else { en.to_string() };
    match err.code.as_str() {
        "version_conflict" => pick(
            "Version conflict: someone saved this article after you opened it. Copy your changes, reload the page and make them again.",
            "Versionskonflikt: Jemand hat den Artikel gespeichert, nachdem Sie ihn geöffnet haben. Kopieren Sie Ihre Änderungen, laden Sie die Seite neu und übernehmen Sie sie erneut.",
        ),
        "slug_taken" if de => "Dieser Slug wird in dieser Sprache schon von einem anderen Artikel verwendet.".to_string(),
        "translation_exists" => pick(
            "This article already has a translation in that language.",
            "Dieser Artikel hat bereits eine Übersetzung in dieser Sprache.",
        ),
        "too_large" => pick(
            "The text is too long (at most 256 KB). Split it into several articles.",
            "Der Text ist zu lang (höchstens 256 KB). Teilen Sie ihn auf mehrere Artikel auf.",
        ),
        "invalid_slug" => pick(
            "Use only lower-case letters, digits and hyphens, like reset-your-password.",
            "Verwenden Sie nur Kleinbuchstaben, Ziffern und Bindestriche, z. B. passwort-zuruecksetzen.",
        ),
        "unknown_category" => pick("Choose one of the listed categories.", "Wählen Sie eine der angebotenen Kategorien."),
        "unknown_language" => pick("Choose English or German.", "Wählen Sie Englisch oder Deutsch."),
        "invalid_transition" => pick(
            "The article cannot move to that status from where it is now.",
            "Der Artikel kann von seinem jetzigen Status nicht dorthin wechseln.",
        ),
        "invalid_name" => pick("A category name has 1 to 80 characters.", "Ein Kategoriename hat 1 bis 80 Zeichen."),
        "unsupported_media_type" => pick(
            "This is not an image we accept; upload PNG, JPEG, GIF or WebP.",
            "Dieses Bild wird nicht angenommen; laden Sie PNG, JPEG, GIF oder WebP hoch.",
        ),
        _ => app_error_text(locale, err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_both_languages() {
        for key in KbKey::ALL {
            let (en, de) = crate::i18n::Texts::texts(*key);
            assert!(!en.is_empty() && !de.is_empty(), "{key:?}");
        }
    }

    #[test]
    fn workflow_buttons_are_named_by_the_step() {
        use ArticleStatus::*;
        assert_eq!(workflow_step_label(Locale::En, Draft, InReview), "Send for review");
        assert_eq!(workflow_step_label(Locale::En, InReview, Draft), "Back to draft");
        assert_eq!(workflow_step_label(Locale::En, Published, Draft), "Unpublish");
        assert_eq!(workflow_step_label(Locale::En, Archived, Published), "Restore from archive");
        assert_eq!(workflow_step_label(Locale::En, InReview, Published), "Publish");
        assert_eq!(workflow_step_label(Locale::De, Published, Archived), "Archivieren");
    }

    #[test]
    fn conflicts_are_named_plainly() {
        let err = AppError { code: "version_conflict".into(), message: "x".into(), field: None };
        assert!(kb_error_text(Locale::En, &err).starts_with("Version conflict"));
        let other = AppError { code: "something_new".into(), message: "Server says".into(), field: None };
        assert_eq!(kb_error_text(Locale::En, &other), "Server says");
    }
}
