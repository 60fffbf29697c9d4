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
        "invalid_context" => (
            "The technical details could not be read. Untick the box and try again.",
            "Die technischen Angaben konnten nicht gelesen werden. Entfernen Sie das Häkchen und versuchen Sie es erneut.",
        ),
        "too_large" => ("This file is too large.", "Diese Datei ist zu groß."),
        "unsupported_media_type" => ("This type of file is not accepted.", "Dieser Dateityp wird nicht angenommen."),
        "malformed_upload" => ("The upload could not be read. Please try again.", "Der Upload konnte nicht gelesen werden. Bitte erneut versuchen."),
        "nothing_selected" => ("Select at least one ticket.", "Wählen Sie mindestens ein Ticket aus."),
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
