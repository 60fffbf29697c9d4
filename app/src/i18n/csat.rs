//! Words of the satisfaction-survey page (`/csat/{token}`).

use tidings::domain::Locale;

text_table! {
    /// A text of the survey page.
    pub enum CsatKey {
        Title => ("How did we do?", "Wie war unsere Hilfe?"),
        Question => ("How satisfied are you with the help you got?", "Wie zufrieden sind Sie mit der Hilfe, die Sie bekommen haben?"),
        Comment => ("Anything you would like to add? (optional)", "Möchten Sie etwas ergänzen? (optional)"),
        Send => ("Send rating", "Bewertung senden"),
        Thanks => ("Thank you! Your rating has been recorded.", "Vielen Dank! Ihre Bewertung ist gespeichert."),
        Invalid => (
            "This link has already been used or is no longer valid.",
            "Dieser Link wurde schon benutzt oder ist nicht mehr gültig."
        ),
        ChooseRating => ("Choose a rating from 1 to 5.", "Wählen Sie eine Bewertung von 1 bis 5."),
        Failed => ("Your rating could not be saved. Please try again.", "Ihre Bewertung konnte nicht gespeichert werden. Bitte versuchen Sie es noch einmal."),
    }
}

/// The label of rating `value` (1 to 5).
pub fn rating_label(locale: Locale, value: u8) -> &'static str {
    match (locale, value) {
        (Locale::En, 1) => "1 – very unhappy",
        (Locale::En, 2) => "2 – unhappy",
        (Locale::En, 3) => "3 – neutral",
        (Locale::En, 4) => "4 – happy",
        (Locale::En, _) => "5 – very happy",
        (Locale::De, 1) => "1 – sehr unzufrieden",
        (Locale::De, 2) => "2 – unzufrieden",
        (Locale::De, 3) => "3 – neutral",
        (Locale::De, 4) => "4 – zufrieden",
        (Locale::De, _) => "5 – sehr zufrieden",
    }
}
