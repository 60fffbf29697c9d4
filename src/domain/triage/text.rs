//! Words as triage sees them. Customers write "Prüfung", "Pruefung" and "PRUFUNG" for the same word, and "don't"
//! arrives split by the apostrophe; every part of triage (language, sentiment, team, urgency) reads the same
//! normalised words so a lexicon entry or a learned feature matches all of these spellings.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::domain::kb::search_text::fold;
use crate::domain::kb::stopwords::STOPWORDS;

/// How much of a message triage reads, in characters. Long emails carry quoted history and signatures below the
/// new text; the first part says what the message is about, and the cap bounds the work per message.
pub const MAX_TRIAGE_CHARS: usize = 8_000;

/// One word of a message: as written (for explanations) and normalised (for matching).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Word<'a> {
    pub original: &'a str,
    pub normalized: String,
    /// Punctuation that ends a clause (, . ; : ! ? or a line break) stands between this word and the one before,
    /// so a negation before it does not reach it ("not great, but the course is good").
    pub after_break: bool,
}

impl Word<'_> {
    /// Shouting: a word of at least three letters written all in capitals ("NOTHING WORKS").
    pub fn is_shouted(&self) -> bool {
        let letters = self.original.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 3 && self.original.chars().all(|c| !c.is_lowercase())
    }
}

/// The words of a message in order, normalised by [`normalize_word`]. Contractions split by an apostrophe are
/// joined again ("don't" -> "dont") so that negations stay one word. Only the first [`MAX_TRIAGE_CHARS`] count.
pub(crate) fn split_words(text: &str) -> Vec<Word<'_>> {
    let text = match text.char_indices().nth(MAX_TRIAGE_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    };
    let mut words: Vec<Word<'_>> = Vec::new();
    let mut start: Option<usize> = None;
    let mut previous_end = 0;
    // The sentinel space ends the last word without a special case after the loop.
    for (index, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let is_word_char = c.is_alphanumeric() || is_combining(c);
        match (start, is_word_char) {
            (None, true) => start = Some(index),
            (Some(begin), false) => {
                start = None;
                let after_break = text[previous_end..begin].contains([',', '.', ';', ':', '!', '?', '\n']);
                previous_end = index;
                let original = &text[begin..index];
                let normalized = normalize_word(&fold(original));
                if normalized.is_empty() {
                    continue;
                }
                let joins_contraction = normalized == "t"
                    && text[..begin].ends_with(['\'', '’'])
                    && words.last().is_some_and(|previous| previous.normalized.ends_with('n'));
                match words.last_mut() {
                    Some(previous) if joins_contraction => previous.normalized.push('t'),
                    _ => words.push(Word { original, normalized, after_break }),
                }
            }
            _ => {}
        }
    }
    words
}

/// The normalised words only.
pub(crate) fn normalized_words(text: &str) -> Vec<String> {
    split_words(text).into_iter().map(|word| word.normalized).collect()
}

/// A folded word (lower case, ä -> a, ß -> ss) with the German transliterations ae/oe/ue collapsed to a/o/u, so
/// "pruefung" meets "prüfung" (both "prufung"). English words change too ("queue" -> "quu"); that is harmless
/// because lexicons, keywords and the classifier all go through this same function. Words under four characters
/// are left alone so short words of the two languages stay apart ("due" is not "du").
pub(crate) fn normalize_word(folded: &str) -> String {
    if folded.chars().count() < 4 {
        return folded.to_string();
    }
    let mut normalized = String::with_capacity(folded.len());
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        normalized.push(c);
        if matches!(c, 'a' | 'o' | 'u') && chars.peek() == Some(&'e') {
            chars.next();
        }
    }
    normalized
}

/// Normalises a lexicon or keyword entry written naturally ("enttäuscht", "Prüfung morgen") into the words
/// triage compares with.
pub(crate) fn normalize_phrase(phrase: &str) -> Vec<String> {
    fold(phrase).split(' ').filter(|word| !word.is_empty()).map(normalize_word).collect()
}

/// Whether a normalised word turns the meaning of what follows around ("not good", "nicht gut", "no access").
pub(crate) fn is_negator(word: &str) -> bool {
    #[rustfmt::skip]
    const NEGATORS: &[&str] = &[
        "not", "no", "never", "none", "nothing", "nobody", "without", "neither", "nor", "hardly", "dont", "doesnt",
        "didnt", "isnt", "wasnt", "arent", "werent", "cant", "cannot", "couldnt", "wont", "wouldnt", "havent", "hasnt",
        "hadnt", "shouldnt", "aint", "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie",
        "niemals", "nichts", "ohne", "weder", "kaum",
    ];
    NEGATORS.contains(&word)
}

/// Whether a normalised word says nothing about what a message is about: the knowledge base's stopwords plus the
/// greetings, sign-offs and filler of support mail, which every team receives alike. A hash set, because the
/// classifier asks for every word of every training message.
pub(crate) fn is_filler(word: &str) -> bool {
    static FILLER_WORDS: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| STOPWORDS.iter().chain(FILLER).copied().collect());
    word.chars().count() < 2 || FILLER_WORDS.contains(word)
}

#[rustfmt::skip]
const FILLER: &[&str] = &[
    "dear", "regards", "best", "kind", "cheers", "thx", "pls", "plz", "sir", "madam", "team", "support", "hey", "hallo",
    "guten", "tag", "morgen", "abend", "liebe", "lieber", "liebes", "sehr", "geehrte", "geehrter", "geehrtes", "damen",
    "herren", "grusse", "grussen", "gruss", "freundlichen", "freundliche", "viele", "vielen", "dank", "lg", "mfg", "vg",
    "ihnen", "euch", "ihr", "euer", "eure", "sich", "man", "dann", "schon", "mal", "hier", "heute", "gestern", "also",
    "very", "really", "am", "be", "been", "being", "im", "ive", "id", "ill", "he", "she", "they", "him", "her", "his",
    "us", "these", "those", "than", "too", "up", "out", "only", "own", "same", "other", "such", "here", "now",
    "yesterday", "today", "while", "ein", "einfach", "bitte", "wurde", "wurden", "worden", "werden", "konnen", "konnte",
    "musste", "muss", "soll", "sollte", "ware", "hatte", "haben", "sein", "seit", "uber", "unter", "wieder", "immer",
    "etwas", "dem", "welche", "welcher", "weil", "denn", "ob", "wo", "wann", "warum", "dass", "da", "es",
];

/// A combining mark (a decomposed umlaut's dots) belongs to the word it sits on.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_and_their_transliterations_normalise_alike() {
        assert_eq!(normalized_words("Prüfung"), normalized_words("Pruefung"));
        assert_eq!(normalized_words("ÄRGERLICH"), normalized_words("aergerlich"));
        assert_eq!(normalized_words("Grüße, Straße"), ["grusse", "strasse"]);
        // Short words keep their letters, so English "due" is not German "du".
        assert_eq!(normalized_words("due du"), ["due", "du"]);
    }

    #[test]
    fn contractions_join_into_one_negating_word() {
        assert_eq!(
            normalized_words("I don't like it, it isn’t good"),
            ["i", "dont", "like", "it", "it", "isnt", "good"]
        );
        assert!(is_negator("dont") && is_negator("nicht") && !is_negator("gut"));
        // A lone "t" that was not split from a contraction stays a word.
        assert_eq!(normalized_words("plan t"), ["plan", "t"]);
    }

    #[test]
    fn words_keep_how_they_were_written_and_shouting_is_seen() {
        let words = split_words("This is UNACCEPTABLE, ok?");
        assert_eq!(words[2].original, "UNACCEPTABLE");
        assert!(words[2].is_shouted() && !words[0].is_shouted());
        assert!(!split_words("OK")[0].is_shouted(), "two letters are an abbreviation, not shouting");
        let breaks: Vec<bool> = split_words("not great, but good\nok").iter().map(|word| word.after_break).collect();
        assert_eq!(breaks, [false, false, true, false, true]);
        assert_eq!(normalize_phrase("Prüfung  morgen!"), ["prufung", "morgen"]);
    }

    #[test]
    fn long_messages_are_cut_and_empty_ones_have_no_words() {
        let long = "wort ".repeat(MAX_TRIAGE_CHARS);
        assert_eq!(split_words(&long).len(), MAX_TRIAGE_CHARS / 5);
        assert!(split_words("  ?! -- ").is_empty());
        assert!(is_filler("the") && is_filler("grusse") && !is_filler("rechnung"));
    }
}
