//! Sentences for the error codes the ticket services answer with (the account codes live in `i18n.rs`).

use tidings::domain::Locale;

/// The sentence for a ticket error code, if the UI knows the code.
pub fn ticket_error_text(locale: Locale, code: &str) -> Option<String> {
    let (en, de) = match code {
        "invalid_transition" => (
            "This status change is not allowed from the current status.",
            "Dieser Statuswechsel ist vom aktuellen Status aus nicht möglich.",
        ),
        "unknown_status" => ("Choose one of the listed statuses.", "Wählen Sie einen der angebotenen Status."),
        "unknown_priority" => ("Choose one of the listed priorities.", "Wählen Sie eine der angebotenen Prioritäten."),
        "unknown_channel" => ("Choose one of the listed channels.", "Wählen Sie einen der angebotenen Kanäle."),
        "unknown_sort" => ("This list cannot be sorted that way.", "So lässt sich die Liste nicht sortieren."),
        "invalid_category" | "category_too_deep" => {
            ("Choose one of the listed categories.", "Wählen Sie eine der angebotenen Kategorien.")
        }
        "invalid_type" => ("Choose one of the listed types.", "Wählen Sie einen der angebotenen Typen."),
        "invalid_tag" => (
            "Tags may use letters, digits, - and _ only.",
            "Schlagwörter dürfen nur Buchstaben, Ziffern, - und _ enthalten.",
        ),
        "unknown_assignee" => ("Assign the ticket to an active agent.", "Weisen Sie das Ticket einem aktiven Agenten zu."),
        "unknown_requester" => ("There is no account with this email.", "Es gibt kein Konto mit dieser E-Mail-Adresse."),
        "ticket_closed" => (
            "This request is closed. Please start a new one.",
            "Diese Anfrage ist geschlossen. Bitte stellen Sie eine neue.",
        ),
        "invalid_ticket_number" => (
            "Enter a ticket number like #1042.",
            "Geben Sie eine Ticketnummer wie #1042 ein.",
        ),
        "invalid_date" => ("Enter a date like 2024-05-31.", "Geben Sie ein Datum wie 2024-05-31 ein."),
        "invalid_context" | "unknown_context_field" => (
            "The technical details could not be read. Untick the box and try again.",
            "Die technischen Angaben konnten nicht gelesen werden. Entfernen Sie das Häkchen und versuchen Sie es erneut.",
        ),
        "too_large" => ("This file is too large.", "Diese Datei ist zu groß."),
        "unsupported_media_type" => ("This type of file is not accepted.", "Dieser Dateityp wird nicht angenommen."),
        "malformed_upload" => ("The upload could not be read. Please try again.", "Der Upload konnte nicht gelesen werden. Bitte erneut versuchen."),
        "invalid_range" => (
            "The end date must not be before the start date.",
            "Das Enddatum darf nicht vor dem Anfangsdatum liegen.",
        ),
        "range_too_long" => (
            "A report covers at most 366 days; choose a shorter period.",
            "Ein Bericht umfasst höchstens 366 Tage; wählen Sie einen kürzeren Zeitraum.",
        ),
        "invalid_preset" => ("Choose 7, 30 or 90 days.", "Wählen Sie 7, 30 oder 90 Tage."),
        "unknown_ticket" => ("There is no such ticket.", "Dieses Ticket gibt es nicht."),
        "unknown_contact" => ("There is no customer with this email.", "Es gibt keinen Kunden mit dieser E-Mail-Adresse."),
        "same_contact" => ("A customer cannot be merged into itself.", "Ein Kunde kann nicht mit sich selbst zusammengeführt werden."),
        "whatsapp_window_closed" => (
            "The customer's last WhatsApp message is more than 24 hours old: only an approved template can be sent.",
            "Die letzte WhatsApp-Nachricht ist älter als 24 Stunden: Es kann nur eine freigegebene Vorlage gesendet werden.",
        ),
        "unknown_template" => ("There is no such approved template.", "Diese freigegebene Vorlage gibt es nicht."),
        "template_not_allowed" => ("Templates are for WhatsApp replies.", "Vorlagen gibt es nur für WhatsApp-Antworten."),
        "merge_into_self" => ("A ticket cannot be merged into itself.", "Ein Ticket kann nicht mit sich selbst zusammengeführt werden."),
        "source_closed" => (
            "This ticket is already closed or merged.",
            "Dieses Ticket ist bereits geschlossen oder zusammengeführt.",
        ),
        "target_closed" => (
            "That ticket is closed or merged; choose one that is still open.",
            "Dieses Ticket ist geschlossen oder zusammengeführt; wählen Sie ein offenes.",
        ),
        "requester_mismatch" => (
            "Both tickets must be from the same customer.",
            "Beide Tickets müssen von derselben Kundin oder demselben Kunden stammen.",
        ),
        "split_all" => (
            "Leave at least one message in this ticket.",
            "Lassen Sie mindestens eine Nachricht in diesem Ticket.",
        ),
        "unknown_message" => ("One of the selected messages is not in this ticket.", "Eine der gewählten Nachrichten gehört nicht zu diesem Ticket."),
        "ticket_changed" => (
            "The ticket changed meanwhile. Please try again.",
            "Das Ticket wurde inzwischen geändert. Bitte versuchen Sie es erneut.",
        ),
        "too_many" => ("Select at most 100 tickets at once.", "Wählen Sie höchstens 100 Tickets auf einmal."),
        "too_many_files" => ("Attach fewer files at once.", "Hängen Sie weniger Dateien auf einmal an."),
        "file_too_large" => ("A file is too large.", "Eine Datei ist zu groß."),
        "empty_file" => ("A file is empty.", "Eine Datei ist leer."),
        "dangerous_file" | "unsupported_file_type" | "file_type_mismatch" => {
            ("This type of file is not accepted.", "Dieser Dateityp wird nicht angenommen.")
        }
        "nothing_to_change" => ("Choose what to change.", "Wählen Sie aus, was geändert werden soll."),
        _ => return None,
    };
    Some(if locale == Locale::De { de } else { en }.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_codes_are_translated() {
        for code in ["invalid_transition", "ticket_closed", "too_large", "unsupported_media_type", "unknown_sort"] {
            for locale in Locale::ALL {
                assert!(ticket_error_text(locale, code).is_some(), "{code} / {locale:?}");
            }
        }
        assert_eq!(ticket_error_text(Locale::En, "nope"), None);
    }
}
