//! Words for tickets shared by the portal and the agent workspace.

use tidings::domain::Locale;

text_table! {
    /// A ticket text shown in both the portal and the workspace.
    pub enum TicketKey {
        Number => ("Number", "Nummer"),
        Subject => ("Subject", "Betreff"),
        Description => ("Description", "Beschreibung"),
        Type => ("Type", "Typ"),
        Category => ("Category", "Kategorie"),
        Status => ("Status", "Status"),
        Priority => ("Priority", "Priorität"),
        Assignee => ("Assignee", "Zuständig"),
        Team => ("Team", "Team"),
        Tags => ("Tags (comma-separated)", "Schlagwörter (durch Kommas getrennt)"),
        Channel => ("Channel", "Kanal"),
        Requester => ("Requester", "Anfragende Person"),
        Updated => ("Updated", "Aktualisiert"),
        Created => ("Created", "Erstellt"),
        Unassigned => ("Unassigned", "Nicht zugewiesen"),
        NoneChosen => ("None", "Keine"),
        ChooseOne => ("Choose…", "Bitte wählen …"),
        Attachments => ("Attachments", "Anhänge"),
        AttachFiles => ("Attach files", "Dateien anhängen"),
        AttachHint => ("Optional. Screenshots help us a lot.", "Optional. Screenshots helfen uns sehr."),
        AttachAgain => (
            "Files are not kept when the form comes back: please attach them again.",
            "Dateien bleiben nicht erhalten, wenn das Formular zurückkommt: Bitte hängen Sie sie erneut an.",
        ),
        ApplyFilters => ("Apply filters", "Filter anwenden"),
        Cancel => ("Cancel", "Abbrechen"),
        Save => ("Save", "Speichern"),
        ChangesSaved => ("Changes saved.", "Änderungen gespeichert."),
        Conversation => ("Conversation", "Verlauf"),
        Message => ("Message", "Nachricht"),
        MessageLabel => ("Message", "Nachricht"),
        InternalNote => ("Internal note", "Interne Notiz"),
        NoteHint => (
            "Only your team sees internal notes. The customer is not notified.",
            "Interne Notizen sieht nur Ihr Team. Die Kundschaft wird nicht benachrichtigt.",
        ),
        Reply => ("Reply", "Antworten"),
        ReplyBox => ("Reply", "Antwort"),
        ReplyType => ("Reply or internal note", "Antwort oder interne Notiz"),
        Send => ("Send", "Senden"),
        SendAndResolve => ("Send and resolve", "Senden und lösen"),
        SelectForSplit => ("Select", "Auswählen"),
        Properties => ("Properties", "Eigenschaften"),
        Activity => ("Activity", "Aktivität"),
        TicketSingular => ("ticket", "Ticket"),
        TicketPlural => ("tickets", "Tickets"),
    }
}

/// Accessible name of a queue row's checkbox: "Select #1042".
pub fn select_ticket_label(locale: Locale, reference: &str) -> String {
    match locale {
        Locale::En => format!("Select {reference}"),
        Locale::De => format!("{reference} auswählen"),
    }
}

#[cfg(test)]
mod tests {
    use super::TicketKey;
    use crate::i18n::{AgentKey, ChatKey, PortalKey, Texts};

    fn check(table: &str, texts: impl Iterator<Item = (&'static str, &'static str)>) {
        for (en, de) in texts {
            assert!(!en.trim().is_empty() && !de.trim().is_empty(), "{table}: an empty text next to {en:?} / {de:?}");
        }
    }

    #[test]
    fn every_ticket_text_exists_in_both_languages() {
        check("TicketKey", TicketKey::ALL.iter().map(|key| key.texts()));
        check("PortalKey", PortalKey::ALL.iter().map(|key| key.texts()));
        check("AgentKey", AgentKey::ALL.iter().map(|key| key.texts()));
        check("ChatKey", ChatKey::ALL.iter().map(|key| key.texts()));
        assert!(AgentKey::ALL.len() > 40 && PortalKey::ALL.len() > 20);
    }
}
