//! Words of the customer portal.

use tidings::domain::Locale;

text_table! {
    /// A portal text.
    pub enum PortalKey {
        NewRequest => ("New request", "Neue Anfrage"),
        NewRequestIntro => (
            "Tell us what happened. We usually answer within one business day.",
            "Beschreiben Sie, was passiert ist. Wir antworten meist innerhalb eines Werktags.",
        ),
        CommonRequests => ("Common requests", "Häufige Anliegen"),
        SubmitRequest => ("Submit request", "Anfrage senden"),
        FilterRequests => ("Filter requests", "Anfragen filtern"),
        AllRequests => ("All requests", "Alle Anfragen"),
        OpenRequests => ("Open or waiting", "Offen oder wartend"),
        ResolvedRequests => ("Resolved", "Gelöst"),
        ClosedRequests => ("Closed", "Geschlossen"),
        NoMatchingRequests => ("No requests match this filter.", "Keine Anfragen passen zu diesem Filter."),
        ShowAllHint => ("Choose “All requests” to see every request.", "Wählen Sie „Alle Anfragen“, um alle zu sehen."),
        YourReply => ("Your reply", "Ihre Antwort"),
        SendReply => ("Send reply", "Antwort senden"),
        ClosedNotice => (
            "This request is closed. Need more help?",
            "Diese Anfrage ist geschlossen. Brauchen Sie weitere Hilfe?",
        ),
        ShareContext => ("Share technical details", "Technische Angaben mitsenden"),
        ShareContextHint => (
            "Helps us reproduce the problem. Nothing is sent unless you tick this box.",
            "Hilft uns, das Problem nachzuvollziehen. Ohne Häkchen wird nichts gesendet.",
        ),
        ContextPreview => ("This will be sent:", "Das wird gesendet:"),
        ContextPage => ("Page", "Seite"),
        ContextPageTitle => ("Page title", "Seitentitel"),
        ContextBrowser => ("Browser", "Browser"),
        ContextOs => ("Operating system", "Betriebssystem"),
        ContextScreen => ("Screen", "Bildschirm"),
        ContextLanguage => ("Language", "Sprache"),
        ContextTimeZone => ("Time zone", "Zeitzone"),
        ContextBrand => ("Brand", "Marke"),
        ContextEmailUnverified => ("Email (unverified)", "E-Mail (nicht bestätigt)"),
    }
}

/// A quick issue's (button label, subject, description template); unknown keys get empty texts.
pub fn quick_issue_texts(locale: Locale, key: &str) -> (&'static str, &'static str, &'static str) {
    let de = locale == Locale::De;
    match (key, de) {
        ("login", false) => (
            "I can't sign in",
            "I can't sign in",
            "What happens when you try to sign in?\n\nWhich email address do you use?\n",
        ),
        ("login", true) => (
            "Ich kann mich nicht anmelden",
            "Ich kann mich nicht anmelden",
            "Was passiert, wenn Sie sich anmelden?\n\nWelche E-Mail-Adresse verwenden Sie?\n",
        ),
        ("invoice", false) => ("Invoice question", "Question about an invoice", "Invoice number:\n\nMy question:\n"),
        ("invoice", true) => ("Frage zur Rechnung", "Frage zu einer Rechnung", "Rechnungsnummer:\n\nMeine Frage:\n"),
        ("course", false) => {
            ("Course access", "I can't access my course", "Course name:\n\nWhat happens when you open it?\n")
        }
        ("course", true) => {
            ("Kurszugang", "Ich komme nicht in meinen Kurs", "Kursname:\n\nWas passiert, wenn Sie ihn öffnen?\n")
        }
        ("bug", false) => (
            "Something is broken",
            "Something is not working",
            "What did you do?\n\nWhat did you expect?\n\nWhat happened instead?\n",
        ),
        ("bug", true) => (
            "Etwas funktioniert nicht",
            "Etwas funktioniert nicht",
            "Was haben Sie getan?\n\nWas haben Sie erwartet?\n\nWas ist stattdessen passiert?\n",
        ),
        _ => ("", "", ""),
    }
}
