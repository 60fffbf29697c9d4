//! PostgreSQL's search vectors written by us from the folded text the services made, instead of by
//! `to_tsvector`. The text is already what search sees (lower case, umlauts and accents folded, words split by
//! single spaces: `domain::kb::search_text::fold`), so the parser and dictionary of `to_tsvector` had nothing left
//! to do but cost: about four times what reading a literal costs, and the largest part of a reindex. Queries are
//! literals (`'passwort':*`), so index and query hold the same words by construction.
//!
//! The vector is what `setweight(to_tsvector('simple', title), 'A') || setweight(…tags…, 'B') ||
//! setweight(…body…, 'C')` produces: positions count words from 1 across the parts, each position carries its
//! part's weight, and PostgreSQL's limits are kept (positions up to 16,383, at most 256 per word, words up to
//! 2,047 bytes; longer words are left out as the parser leaves them out). It is sent in PostgreSQL's binary
//! format ([`TsVector`]): reading the text literal of 20,000 articles' vectors took PostgreSQL as long as
//! storing them.

use std::collections::HashMap;

/// The highest position a `tsvector` records; later words share it.
const MAX_POSITION: usize = 16_383;
/// The most positions a `tsvector` keeps for one word.
const MAX_POSITIONS_PER_WORD: usize = 256;
/// The longest word a `tsvector` takes, in bytes.
const MAX_WORD_BYTES: usize = 2_047;

/// Each word of the folded texts with its positions and weights, in PostgreSQL's lexeme order (bytes).
fn weighted_words<'a>(parts: &[(&'a str, char)]) -> Vec<(&'a str, Vec<(usize, char)>)> {
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
    words
}

/// A `tsvector` literal of folded texts, each part's words weighted with its letter (`A`-`D`): what
/// [`TsVector::of`] sends, as PostgreSQL prints it.
#[cfg(test)]
pub(crate) fn tsvector_literal(parts: &[(&str, char)]) -> String {
    use std::fmt::Write;
    let mut literal = String::new();
    for (word, seen) in weighted_words(parts) {
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

/// A `tsvector` in PostgreSQL's binary format (`tsvectorrecv`): the number of words, then each word as a
/// NUL-terminated string, its number of positions and each position as a 16-bit number whose top two bits are
/// the weight (A 3, B 2, C 1, D 0).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TsVector(Vec<u8>);

impl TsVector {
    /// The vector of folded texts, each part's words weighted with its letter (`A`-`D`).
    pub(crate) fn of(parts: &[(&str, char)]) -> TsVector {
        let words = weighted_words(parts);
        let size = words.iter().map(|(word, seen)| word.len() + 3 + 2 * seen.len()).sum::<usize>() + 4;
        let mut bytes = Vec::with_capacity(size);
        // At most 16,383 positions, so fewer words than that: the counts fit.
        bytes.extend_from_slice(&(words.len() as i32).to_be_bytes());
        for (word, seen) in words {
            bytes.extend_from_slice(word.as_bytes());
            bytes.push(0);
            bytes.extend_from_slice(&(seen.len() as u16).to_be_bytes());
            for (position, weight) in seen {
                let weight_bits: u16 = match weight {
                    'A' => 3,
                    'B' => 2,
                    'C' => 1,
                    _ => 0,
                };
                bytes.extend_from_slice(&((weight_bits << 14) | position as u16).to_be_bytes());
            }
        }
        TsVector(bytes)
    }
}

/// `tsvector`'s type, by its fixed object id (PostgreSQL's built-in types never change theirs).
const TSVECTOR_OID: sqlx::postgres::types::Oid = sqlx::postgres::types::Oid(3614);
/// `tsvector[]`'s type.
const TSVECTOR_ARRAY_OID: sqlx::postgres::types::Oid = sqlx::postgres::types::Oid(3643);

impl sqlx::Type<sqlx::Postgres> for TsVector {
    fn type_info() -> sqlx::postgres::PgTypeInfo {
        sqlx::postgres::PgTypeInfo::with_oid(TSVECTOR_OID)
    }
}

impl sqlx::postgres::PgHasArrayType for TsVector {
    fn array_type_info() -> sqlx::postgres::PgTypeInfo {
        sqlx::postgres::PgTypeInfo::with_oid(TSVECTOR_ARRAY_OID)
    }
}

impl sqlx::Encode<'_, sqlx::Postgres> for TsVector {
    fn encode_by_ref(
        &self,
        buf: &mut sqlx::postgres::PgArgumentBuffer,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        buf.extend_from_slice(&self.0);
        Ok(sqlx::encode::IsNull::No)
    }
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
    fn the_binary_form_holds_each_word_with_its_weighted_positions() {
        let vector = TsVector::of(&[("reset password", 'A'), ("reset", 'C')]);
        let mut expected = vec![0, 0, 0, 2];
        expected.extend_from_slice(b"password\0");
        expected.extend_from_slice(&[0, 1, 0xC0, 2]);
        expected.extend_from_slice(b"reset\0");
        expected.extend_from_slice(&[0, 2, 0xC0, 1, 0x40, 3]);
        assert_eq!(vector.0, expected);
        assert_eq!(TsVector::of(&[("", 'A')]).0, vec![0, 0, 0, 0]);
    }

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(tsvector_literal(&[("it's a\\b", 'A')]), "'a\\\\b':2A 'it''s':1A");
    }
}
