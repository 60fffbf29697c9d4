//! Finding lexicon entries and urgency keywords in a message: phrases of several words, and stems ("frustr*")
//! that catch the inflections of German and English without a stemmer.

use std::collections::HashMap;

use super::text::{normalize_phrase, Word};

/// One entry: its normalised words; with `stem_last` the last word matches any word it begins.
#[derive(Clone, Debug)]
struct Pattern {
    words: Vec<String>,
    stem_last: bool,
}

impl Pattern {
    fn parse(entry: &str) -> Option<Pattern> {
        let stem_last = entry.trim_end().ends_with('*');
        let words = normalize_phrase(entry.trim_end().trim_end_matches('*'));
        (!words.is_empty()).then_some(Pattern { words, stem_last })
    }

    fn matches(&self, words: &[Word<'_>]) -> bool {
        if words.len() < self.words.len() {
            return false;
        }
        let last = self.words.len() - 1;
        self.words.iter().zip(words).enumerate().all(|(position, (expected, word))| {
            if position == last && self.stem_last {
                word.normalized.starts_with(expected.as_str())
            } else {
                word.normalized == *expected
            }
        })
    }
}

/// A match: where it starts, how many words it covers, and the entry's value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Found<T> {
    pub start: usize,
    pub len: usize,
    pub value: T,
}

/// Entries looked up by their first word, so a message costs one hash lookup per word (plus the few stems).
#[derive(Debug)]
pub(crate) struct PhraseMatcher<T> {
    by_first_word: HashMap<String, Vec<(Pattern, T)>>,
    single_stems: Vec<(Pattern, T)>,
}

impl<T: Copy> PhraseMatcher<T> {
    /// Entries are written naturally ("Prüfung morgen", "enttäusch*"); an entry that normalises to nothing is
    /// skipped. When two entries could match at the same word, the longer wins, then the one listed first.
    pub fn new<'e>(entries: impl IntoIterator<Item = (&'e str, T)>) -> PhraseMatcher<T> {
        let mut by_first_word: HashMap<String, Vec<(Pattern, T)>> = HashMap::new();
        let mut single_stems = Vec::new();
        for (entry, value) in entries {
            let Some(pattern) = Pattern::parse(entry) else { continue };
            if pattern.stem_last && pattern.words.len() == 1 {
                single_stems.push((pattern, value));
            } else {
                by_first_word.entry(pattern.words[0].clone()).or_default().push((pattern, value));
            }
        }
        for patterns in by_first_word.values_mut() {
            // Stable: entries of equal length keep the order they were listed in.
            patterns.sort_by_key(|(pattern, _)| std::cmp::Reverse(pattern.words.len()));
        }
        PhraseMatcher { by_first_word, single_stems }
    }

    /// The longest entry that starts at `start`.
    pub fn match_at(&self, words: &[Word<'_>], start: usize) -> Option<Found<T>> {
        let rest = words.get(start..)?;
        let first = rest.first()?;
        let phrase = self
            .by_first_word
            .get(&first.normalized)
            .and_then(|patterns| patterns.iter().find(|(pattern, _)| pattern.matches(rest)));
        let found = phrase.or_else(|| self.single_stems.iter().find(|(pattern, _)| pattern.matches(rest)))?;
        Some(Found { start, len: found.0.words.len(), value: found.1 })
    }

    /// Every match from left to right, never overlapping: after a match the search goes on behind it.
    pub fn find_all(&self, words: &[Word<'_>]) -> Vec<Found<T>> {
        let mut found = Vec::new();
        let mut position = 0;
        while position < words.len() {
            match self.match_at(words, position) {
                Some(hit) => {
                    position += hit.len;
                    found.push(hit);
                }
                None => position += 1,
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::split_words;
    use super::*;

    #[test]
    fn the_longest_phrase_wins_and_stems_catch_inflections() {
        let matcher = PhraseMatcher::new([("danke", 1), ("danke im voraus", 0), ("enttäusch*", -2)]);
        let words = split_words("Danke im Voraus! Ich bin enttaeuscht. Danke.");
        let found = matcher.find_all(&words);
        assert_eq!(
            found.iter().map(|hit| (hit.start, hit.len, hit.value)).collect::<Vec<_>>(),
            [(0, 3, 0), (5, 1, -2), (6, 1, 1)]
        );
    }

    #[test]
    fn phrases_need_all_their_words_in_order() {
        let matcher = PhraseMatcher::new([("data breach", 2), ("", 9), ("*", 9)]);
        assert!(matcher.find_all(&split_words("breach of data")).is_empty());
        assert_eq!(matcher.find_all(&split_words("a DATA breach")).len(), 1);
        assert!(matcher.find_all(&split_words("data")).is_empty());
    }
}
