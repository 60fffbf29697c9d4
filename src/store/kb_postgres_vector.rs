//! PostgreSQL's search vectors written by us as `tsvector` literals from the folded text the services made,
//! instead of by `to_tsvector`. The text is already what search sees (lower case, umlauts and accents folded,
//! words split by single spaces: `domain::kb::search_text::fold`), so the parser and dictionary of `to_tsvector`
//! had nothing left to do but cost: about four times what reading the literal costs, and the largest part of a
//! reindex. Queries are literals too (`'passwort':*`), so index and query hold the same words by construction.
//!
//! The literal is what `setweight(to_tsvector('simple', title), 'A') || setweight(…tags…, 'B') ||
//! setweight(…body…, 'C')` produces: positions count words from 1 across the parts, each position carries its
//! part's weight, and PostgreSQL's limits are kept (positions up to 16,383, at most 256 per word, words up to
//! 2,047 bytes; longer words are left out as the parser leaves them out).

use std::collections::HashMap;
use std::fmt::Write;

/// The highest position a `tsvector` records; later words share it.
const MAX_POSITION: usize = 16_383;
/// The most positions a `tsvector` keeps for one word.
const MAX_POSITIONS_PER_WORD: usize = 256;
/// The longest word a `tsvector` takes, in bytes.
const MAX_WORD_BYTES: usize = 2_047;

/// A `tsvector` literal of folded texts, each part's words weighted with its letter (`A`-`D`).
pub(crate) fn tsvector_literal(parts: &[(&str, char)]) -> String {
    let mut positions: HashMap<&str, Vec<(usize, char)>> = HashMap::new();
    let mut position = 0;
    for (text, weight) in parts {
        for word in text.split(' ').filter(|word| !word.is_empty()) {
            position = (position + 1).min(MAX_POSITION);
            if word.len() > MAX_WORD_BYTES {
                continue;
            }
            let seen = positions.entry(word).or_default();
            if seen.len() < MAX_POSITIONS_PER_WORD && seen.last().is_none_or(|(last, _)| *last < position) {
                seen.push((position, *weight));
            }
        }
    }
    let mut words: Vec<(&str, Vec<(usize, char)>)> = positions.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut literal = String::with_capacity(words.iter().map(|(word, seen)| word.len() + 3 + 6 * seen.len()).sum());
    for (word, seen) in words {
        if !literal.is_empty() {
            literal.push(' ');
        }
        push_quoted(&mut literal, word);
        for (index, (position, weight)) in seen.iter().enumerate() {
            let separator = if index == 0 { ':' } else { ',' };
            // Writing to a String cannot fail.
            let _ = write!(literal, "{separator}{position}{weight}");
        }
    }
    literal
}

/// A word quoted for `tsvector` and `tsquery` input: in single quotes, with quotes and backslashes escaped.
pub(crate) fn push_quoted(literal: &mut String, word: &str) {
    literal.push('\'');
    for c in word.chars() {
        if c == '\'' || c == '\\' {
            literal.push(c);
        }
        literal.push(c);
    }
    literal.push('\'');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_across_the_parts_with_each_parts_weight() {
        let literal = tsvector_literal(&[("reset password", 'A'), ("account", 'B'), ("reset your password", 'C')]);
        assert_eq!(literal, "'account':3B 'password':2A,6C 'reset':1A,4C 'your':5C");
    }

    #[test]
    fn empty_text_gives_the_empty_vector() {
        assert_eq!(tsvector_literal(&[("", 'A'), ("", 'C')]), "");
    }

    #[test]
    fn postgres_limits_are_kept() {
        let many = vec!["word"; 300].join(" ");
        let literal = tsvector_literal(&[(&many, 'C')]);
        assert_eq!(literal.matches(',').count(), MAX_POSITIONS_PER_WORD - 1);

        let long_word = "x".repeat(MAX_WORD_BYTES + 1);
        assert_eq!(tsvector_literal(&[(&format!("{long_word} short"), 'A')]), "'short':2A");

        let far = format!("{} last", vec!["w"; 20_000].join(" "));
        assert!(tsvector_literal(&[(&far, 'C')]).starts_with(&format!("'last':{MAX_POSITION}C")));
    }

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(tsvector_literal(&[("it's a\\b", 'A')]), "'a\\\\b':2A 'it''s':1A");
    }
}
