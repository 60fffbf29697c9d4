//! English or German? Support messages are short ("Passwort vergessen", "cant log in"), so general-purpose
//! detectors that compare letter statistics across dozens of languages often guess Dutch or give up. Here only
//! the two languages Tidings speaks compete, on the words support mail is made of plus a few spelling cues, and
//! the answer is `None` when neither side has enough evidence.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::text::{split_words, Word};
use crate::domain::Locale;

/// A detected language and how sure the detector is (0.5 = a coin toss, 1.0 = certain).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LanguageGuess {
    pub locale: Locale,
    pub confidence: f32,
}

/// Below this confidence the guess is dropped: a wrong language picks the wrong sentiment lexicon and the wrong
/// reply templates, which is worse than falling back to the brand's language.
pub const MIN_LANGUAGE_CONFIDENCE: f32 = 0.7;
/// Word counting is never certain (a German customer may quote an English error message at length).
const MAX_LANGUAGE_CONFIDENCE: f32 = 0.99;
/// How fast confidence grows with the difference in evidence: one distinctive word alone gives about 0.77.
const EVIDENCE_SLOPE: f32 = 1.2;
/// Umlauts and ß say German, but one umlaut in an English message (a name, "Zürich") should not outvote a sentence.
const MAX_UMLAUT_EVIDENCE: f32 = 3.0;

/// Frequent words that are English and not German, normalised like triage's words.
#[rustfmt::skip]
const ENGLISH_WORDS: &[&str] = &[
    "the", "a", "and", "is", "are", "were", "be", "been", "have", "has", "had", "do", "does", "did", "dont", "doesnt",
    "didnt", "cant", "cannot", "isnt", "wasnt", "wont", "couldnt", "i", "im", "ive", "my", "me", "you", "your", "we",
    "our", "it", "its", "this", "that", "there", "these", "those", "what", "which", "who", "why", "how", "when",
    "where", "with", "for", "from", "of", "to", "on", "at", "by", "about", "after", "before", "but", "or", "if", "not",
    "no", "just", "still", "again", "please", "thanks", "thank", "hello", "hi", "dear", "regards", "can", "could",
    "would", "should", "get", "got", "tried", "try", "trying", "help", "need", "want", "know", "any", "some", "all",
    "every", "one", "course", "courses", "password", "invoice", "payment", "paid", "pay", "refund", "charged", "card",
    "subscription", "certificate", "exam", "lesson", "lessons", "sign", "log", "logged", "access", "error", "working",
    "work", "works", "page", "loading", "load", "reset", "address", "delete", "data", "personal", "privacy", "request",
    "issue", "cancel", "month", "week", "day", "today", "yesterday", "tomorrow", "time", "new", "old", "since",
    "because", "already", "yet", "anymore", "keep", "keeps", "nothing", "everything", "something", "anything", "answer",
    "question", "questions", "hours", "free", "price", "buy", "bought", "order", "receipt", "screen", "button", "phone",
    "submit", "submitted", "wrong", "right", "fine", "good", "great", "bad", "they", "them", "their", "he", "she",
    "will", "was", "am", "as", "too", "very", "really", "only", "also", "than", "then", "account", "able", "unable",
    "enrolled", "purchased", "received", "email", "sent", "asked", "said", "awful", "terrible", "love", "yours",
    "sincerely", "hey", "guys",
];

/// Frequent words that are German and not English, normalised like triage's words (umlauts folded: "fur").
#[rustfmt::skip]
const GERMAN_WORDS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und", "ist", "sind", "nicht",
    "kein", "keine", "ich", "mich", "mir", "mein", "meine", "meinen", "meinem", "meiner", "sie", "ihnen", "ihr", "wir",
    "uns", "unser", "du", "dich", "dir", "dein", "es", "er", "wie", "wo", "warum", "wann", "wer", "mit", "fur", "auf",
    "aus", "bei", "von", "vom", "zum", "zur", "zu", "nach", "seit", "uber", "unter", "oder", "aber", "auch", "noch",
    "schon", "nur", "jetzt", "heute", "gestern", "morgen", "bitte", "danke", "dank", "hallo", "gruss", "grusse",
    "freundlichen", "geehrte", "geehrter", "habe", "hab", "hat", "haben", "hatte", "bin", "kann", "konnen", "konnte",
    "muss", "mochte", "wurde", "werden", "wird", "geht", "gehen", "funktioniert", "klappt", "leider", "gerne", "sehr",
    "viele", "vielen", "immer", "wieder", "mehr", "etwas", "nichts", "alles", "kurs", "kurse", "kursen", "passwort",
    "rechnung", "zahlung", "bezahlt", "konto", "anmeldung", "anmelden", "einloggen", "zugang", "zertifikat", "prufung",
    "daten", "loschen", "geloscht", "abo", "kundigen", "gekundigt", "erstattung", "geld", "zuruck", "seite", "fehler",
    "frage", "fragen", "woche", "monat", "tag", "tage", "hilfe", "brauche", "bekommen", "erhalten", "einfach", "doch",
    "weil", "dass", "wenn", "ob", "denn", "sich", "man", "mal", "ja", "nein", "gibt", "gut", "schlecht", "neue", "neu",
    "lektion", "aufgabe", "hochladen", "herunterladen", "angezeigt", "lauft", "bild", "ton", "uhr", "mfg", "lg", "vg",
    "im", "am", "eure", "euer", "euch", "ihre", "ihrer", "ihren", "wurden", "sollte", "soll", "will", "also", "dieser",
    "diese", "dieses", "hier", "dort", "weiss", "keinen", "ganz", "gar", "bisher", "trotzdem", "obwohl", "endlich",
    "sofort", "dringend", "liebe", "lieber", "leute", "grussen", "abgebucht", "bestellt", "gekauft", "zweimal",
    "doppelt", "welche", "was",
];

/// Guesses English or German; `None` for text without enough evidence either way (a name, "ok", an emoji, an
/// even mix). Umlauts may be written as ae/oe/ue: the words are normalised before they are compared.
pub fn detect_language(text: &str) -> Option<LanguageGuess> {
    let words = split_words(text);
    let (english, german) = evidence(text, &words);
    if english + german < 1.0 {
        return None;
    }
    let german_probability = 1.0 / (1.0 + (-EVIDENCE_SLOPE * (german - english)).exp());
    let (locale, confidence) = if german_probability >= 0.5 {
        (Locale::De, german_probability)
    } else {
        (Locale::En, 1.0 - german_probability)
    };
    (confidence >= MIN_LANGUAGE_CONFIDENCE)
        .then_some(LanguageGuess { locale, confidence: confidence.min(MAX_LANGUAGE_CONFIDENCE) })
}

/// The weight of evidence for English and for German: one per word only one language uses, half for a typical
/// spelling (German "-ung", "-lich", English "-ing", "-ly"), one per umlaut up to a cap.
fn evidence(text: &str, words: &[Word<'_>]) -> (f32, f32) {
    static ENGLISH: LazyLock<HashSet<&'static str>> = LazyLock::new(|| ENGLISH_WORDS.iter().copied().collect());
    static GERMAN: LazyLock<HashSet<&'static str>> = LazyLock::new(|| GERMAN_WORDS.iter().copied().collect());
    let mut english = 0.0;
    let mut german = 0.0;
    for word in words {
        let normalized = word.normalized.as_str();
        // Words both lists claim ("will", "also", "am", "was"...) cancel out.
        let (is_english, is_german) = (ENGLISH.contains(normalized), GERMAN.contains(normalized));
        if is_english {
            english += 1.0;
        }
        if is_german {
            german += 1.0;
        }
        if is_english || is_german {
            continue;
        }
        german += spelling_cue(normalized, GERMAN_SPELLINGS);
        english += spelling_cue(normalized, ENGLISH_SPELLINGS);
    }
    let umlauts = text.chars().filter(|c| matches!(c, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü' | 'ß')).count();
    german += (umlauts as f32).min(MAX_UMLAUT_EVIDENCE);
    (english, german)
}

/// Word endings (and, with a leading '~', inner letter groups) typical of one language.
const GERMAN_SPELLINGS: &[&str] =
    &["ung", "ungen", "keit", "heit", "lich", "chen", "isch", "ieren", "iert", "schaft", "~sch", "~tz"];
const ENGLISH_SPELLINGS: &[&str] = &["ing", "ly", "ed", "ness", "ful", "ould", "ough", "ight", "~wh"];

/// Half a point when a word of five letters or more has one of the language's typical spellings (inner letter
/// groups are looked for after the first letter: "school" is English, "falsch" German).
fn spelling_cue(word: &str, spellings: &[&str]) -> f32 {
    if word.chars().count() < 5 {
        return 0.0;
    }
    let typical = spellings.iter().any(|spelling| match spelling.strip_prefix('~') {
        Some(inner) => word.char_indices().nth(1).is_some_and(|(second, _)| word[second..].contains(inner)),
        None => word.ends_with(spelling),
    });
    if typical {
        0.5
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale_of(text: &str) -> Option<Locale> {
        detect_language(text).map(|guess| guess.locale)
    }

    #[test]
    fn short_support_messages_are_recognised() {
        assert_eq!(locale_of("Passwort vergessen"), Some(Locale::De));
        assert_eq!(locale_of("I forgot my password"), Some(Locale::En));
        assert_eq!(locale_of("Rechnung fehlt"), Some(Locale::De));
        assert_eq!(locale_of("cant log in"), Some(Locale::En));
        assert_eq!(locale_of("Wo finde ich mein Zertifikat?"), Some(Locale::De));
    }

    #[test]
    fn umlauts_written_out_or_dropped_still_read_as_german() {
        assert_eq!(locale_of("Ich moechte mein Konto loeschen"), Some(Locale::De));
        assert_eq!(locale_of("Ich mochte mein Konto loschen"), Some(Locale::De));
        assert_eq!(locale_of("Prüfung"), Some(Locale::De));
    }

    #[test]
    fn longer_text_is_detected_with_high_confidence() {
        let german = detect_language("Hallo, ich kann seit gestern die Videos in meinem Kurs nicht mehr abspielen.");
        assert!(german.is_some_and(|guess| guess.locale == Locale::De && guess.confidence > 0.95), "{german:?}");
        let english = detect_language("Hello, since yesterday I am not able to play the videos in my course.");
        assert!(english.is_some_and(|guess| guess.locale == Locale::En && guess.confidence > 0.95), "{english:?}");
    }

    #[test]
    fn text_without_evidence_gives_no_guess() {
        for text in ["", "ok", "???", "Max Mustermann", "12345", "🙂", "Login Video Quiz"] {
            assert_eq!(detect_language(text), None, "{text:?}");
        }
    }

    #[test]
    fn an_english_sentence_mentioning_a_german_place_stays_english() {
        assert_eq!(locale_of("I moved to Zürich and need to change the address on my invoice"), Some(Locale::En));
    }
}
