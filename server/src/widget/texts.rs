//! Every word the widget's frame shows, in English and German. The page renders the fixed texts itself; the few its
//! script needs later (confirmations, chat status, error sentences) travel in one JSON attribute, so the script
//! holds no text of its own and a missing translation is a compile error here.

use serde_json::{Map, Value};
use tidings::domain::Locale;

/// A text the frame page renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Support,
    Greeting,
    Close,
    Tabs,
    TabFaq,
    TabTicket,
    TabChat,
    FaqSearch,
    Search,
    FaqEmpty,
    TicketIntro,
    Name,
    Email,
    Subject,
    Message,
    SendTicket,
    AnotherRequest,
    Conversation,
    ChatIntro,
    AgentTyping,
    YourMessage,
    Send,
    OfflineTitle,
    OfflineIntro,
    SendMessage,
    NeedsJavaScript,
    UnknownBrandTitle,
    UnknownBrandExplained,
    FailureTitle,
    FailureExplained,
}

impl Text {
    #[cfg(test)]
    const ALL: [Text; 30] = [
        Text::Support,
        Text::Greeting,
        Text::Close,
        Text::Tabs,
        Text::TabFaq,
        Text::TabTicket,
        Text::TabChat,
        Text::FaqSearch,
        Text::Search,
        Text::FaqEmpty,
        Text::TicketIntro,
        Text::Name,
        Text::Email,
        Text::Subject,
        Text::Message,
        Text::SendTicket,
        Text::AnotherRequest,
        Text::Conversation,
        Text::ChatIntro,
        Text::AgentTyping,
        Text::YourMessage,
        Text::Send,
        Text::OfflineTitle,
        Text::OfflineIntro,
        Text::SendMessage,
        Text::NeedsJavaScript,
        Text::UnknownBrandTitle,
        Text::UnknownBrandExplained,
        Text::FailureTitle,
        Text::FailureExplained,
    ];

    /// (English, German).
    fn texts(self) -> (&'static str, &'static str) {
        match self {
            Text::Support => ("Support", "Support"),
            Text::Greeting => ("How can we help?", "Wie können wir helfen?"),
            Text::Close => ("Close", "Schließen"),
            Text::Tabs => ("Ways to get help", "Hilfemöglichkeiten"),
            Text::TabFaq => ("FAQ", "FAQ"),
            Text::TabTicket => ("New ticket", "Neues Ticket"),
            Text::TabChat => ("Chat", "Chat"),
            Text::FaqSearch => ("Search the help articles", "Hilfeartikel durchsuchen"),
            Text::Search => ("Search", "Suchen"),
            Text::FaqEmpty => (
                "No articles yet — ask us in the chat or send a ticket.",
                "Noch keine Artikel – fragen Sie uns im Chat oder schreiben Sie ein Ticket.",
            ),
            Text::TicketIntro => (
                "Tell us what you need. We answer by email.",
                "Sagen Sie uns, worum es geht. Wir antworten per E-Mail.",
            ),
            Text::Name => ("Name (optional)", "Name (optional)"),
            Text::Email => ("Email", "E-Mail"),
            Text::Subject => ("Subject", "Betreff"),
            Text::Message => ("Message", "Nachricht"),
            Text::SendTicket => ("Send ticket", "Ticket senden"),
            Text::AnotherRequest => ("Write another request", "Weitere Anfrage schreiben"),
            Text::Conversation => ("Conversation", "Unterhaltung"),
            Text::ChatIntro => (
                "Write us a message — someone from our team will answer right here.",
                "Schreiben Sie uns – jemand aus unserem Team antwortet gleich hier.",
            ),
            Text::AgentTyping => ("Agent is typing…", "Der Support schreibt …"),
            Text::YourMessage => ("Your message", "Ihre Nachricht"),
            Text::Send => ("Send", "Senden"),
            Text::OfflineTitle => ("No one is online right now", "Gerade ist niemand online"),
            Text::OfflineIntro => (
                "Leave us a message and we will answer by email.",
                "Hinterlassen Sie uns eine Nachricht, wir antworten per E-Mail.",
            ),
            Text::SendMessage => ("Send message", "Nachricht senden"),
            Text::NeedsJavaScript => ("The support widget needs JavaScript.", "Das Support-Widget braucht JavaScript."),
            Text::UnknownBrandTitle => {
                ("This support widget is not set up", "Dieses Support-Widget ist nicht eingerichtet")
            }
            Text::UnknownBrandExplained => (
                "The page names a brand this help desk does not know. Please tell the site's owner.",
                "Die Seite nennt eine Marke, die dieser Helpdesk nicht kennt. Bitte informieren Sie die Betreiber.",
            ),
            Text::FailureTitle => ("Support is not available right now", "Der Support ist gerade nicht erreichbar"),
            Text::FailureExplained => (
                "Something went wrong on our side. Please try again later.",
                "Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es später erneut.",
            ),
        }
    }

    pub fn get(self, locale: Locale) -> &'static str {
        let (en, de) = self.texts();
        match locale {
            Locale::En => en,
            Locale::De => de,
        }
    }
}

/// Texts the script fills in later: `{number}` and `{name}` are replaced there.
const SCRIPT_TEXTS: [(&str, &str, &str); 11] = [
    ("you", "You", "Sie"),
    ("support", "Support", "Support"),
    ("sending", "Sending…", "Wird gesendet …"),
    (
        "ticket_done",
        "Thank you! We received your request as ticket #{number} and will answer by email.",
        "Danke! Wir haben Ihre Anfrage als Ticket #{number} erhalten und antworten per E-Mail.",
    ),
    ("waiting", "Waiting for someone from our team…", "Warten auf jemanden aus unserem Team …"),
    ("joined", "You are chatting with {name}.", "Sie chatten mit {name}."),
    (
        "ended",
        "This chat has ended. Write again to start a new one.",
        "Dieser Chat ist beendet. Schreiben Sie erneut, um einen neuen zu beginnen.",
    ),
    ("reconnecting", "Connection lost — reconnecting…", "Verbindung unterbrochen – wird wiederhergestellt …"),
    (
        "faq_none",
        "Nothing found — ask us in the chat or send a ticket.",
        "Nichts gefunden – fragen Sie uns im Chat oder schreiben Sie ein Ticket.",
    ),
    ("offline_subject", "Message while no one was online", "Nachricht außerhalb der Chatzeiten"),
    ("faq_read", "Read the whole article", "Ganzen Artikel lesen"),
];

/// The error codes the widget's calls can answer with and the frame explains in the visitor's language.
const ERROR_CODES: [&str; 7] =
    ["required", "too_long", "invalid_characters", "invalid_email", "rate_limited", "network", "internal"];

/// The script's texts as one JSON object: `{"you": …, …, "errors": {"required": …}}`.
pub fn script_texts(locale: Locale) -> String {
    let mut texts = Map::new();
    for (key, en, de) in SCRIPT_TEXTS {
        let text = if locale == Locale::De { de } else { en };
        texts.insert(key.to_string(), Value::from(text));
    }
    let errors: Map<String, Value> = ERROR_CODES
        .into_iter()
        .filter_map(|code| Some((code.to_string(), Value::from(app::i18n::error_text(locale, code)?))))
        .collect();
    texts.insert("errors".to_string(), Value::Object(errors));
    Value::Object(texts).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_both_translations() {
        for text in Text::ALL {
            let (en, de) = text.texts();
            assert!(!en.is_empty() && !de.is_empty(), "{text:?}");
        }
        assert_eq!(Text::AgentTyping.get(Locale::En), "Agent is typing…");
        assert_eq!(Text::TabTicket.get(Locale::De), "Neues Ticket");
    }

    #[test]
    fn script_texts_carry_every_error_sentence_in_both_languages() {
        for locale in Locale::ALL {
            let texts: Value = serde_json::from_str(&script_texts(locale)).unwrap();
            for code in ERROR_CODES {
                assert!(texts["errors"][code].is_string(), "{code} / {locale:?}");
            }
            assert!(texts["ticket_done"].as_str().unwrap().contains("{number}"));
        }
        let german: Value = serde_json::from_str(&script_texts(Locale::De)).unwrap();
        assert_eq!(german["errors"]["required"], "Dieses Feld ist erforderlich.");
    }
}
