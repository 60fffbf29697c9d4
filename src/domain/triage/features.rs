//! What the team classifier counts in a message. Words alone miss what word pairs say ("log in" is accounts,
//! "log file" technical), and German glues words together ("Rechnungsadresse", "Kurszugang") and inflects them
//! ("Rechnung", "Rechnungen"), so a message also yields its word pairs and the first letters of its longer words,
//! which lets "Rechnungsadresse" share a feature with "Rechnung" and "refunded" with "refunds". Each feature
//! counts once per message: a customer who repeats "refund" five times is not five times as much a billing case.
//! (On the fixture, presence scored 0.716 against 0.713 for counting repeats, prefixes of 6 letters from words of
//! 8 scored better than 5 from 7 or 4 from 5, and dropping word pairs or adding compound tails changed nothing
//! beyond noise: see eval_tests.rs.)

use std::collections::HashMap;

use super::text::{is_filler, normalized_words};

/// Bumped whenever the features change: counts learned with other features do not fit, and the server retrains.
pub const FEATURE_FORMAT: u32 = 1;
/// Words at least this long also count by their first [`PREFIX_CHARS`] letters.
const PREFIX_FROM_CHARS: usize = 8;
const PREFIX_CHARS: usize = 6;

/// The features of a text, each with the count 1. Greetings, sign-offs, stopwords and numbers are left out: every
/// team receives them alike.
pub(crate) fn features_of(text: &str) -> HashMap<String, u32> {
    let words: Vec<String> = normalized_words(text)
        .into_iter()
        .filter(|word| !is_filler(word) && word.chars().any(char::is_alphabetic))
        .collect();
    let mut counts: HashMap<String, u32> = HashMap::with_capacity(words.len() * 3);
    for (index, word) in words.iter().enumerate() {
        counts.insert(word.clone(), 1);
        if let Some(next) = words.get(index + 1) {
            counts.insert(format!("{word} {next}"), 1);
        }
        if word.chars().count() >= PREFIX_FROM_CHARS {
            let prefix: String = word.chars().take(PREFIX_CHARS).collect();
            counts.insert(format!("{prefix}…"), 1);
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_pairs_and_prefixes_are_counted_without_filler() {
        let features = features_of("Hallo, die Rechnungsadresse auf meiner Rechnung ist falsch. Danke!");
        let mut names: Vec<&str> = features.keys().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            ["falsch", "rechnung", "rechnung falsch", "rechnungsadresse", "rechnungsadresse rechnung", "rechnu…"]
        );
        assert!(features.values().all(|count| *count == 1), "presence, not frequency");
    }

    #[test]
    fn umlaut_spellings_share_features_and_empty_text_has_none() {
        assert_eq!(features_of("Prüfungsergebnis"), features_of("Pruefungsergebnis"));
        assert!(features_of("Hallo! Danke, 123").is_empty());
    }
}
