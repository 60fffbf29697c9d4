//! What a search box's text means: the words to look for. Operators and punctuation are not part of it,
//! so nothing a person types can change the query's structure on either backend.

/// At most this many words count; the rest of a pasted paragraph is ignored.
pub const MAX_TERMS: usize = 8;
const MAX_TERM_CHARS: usize = 64;

/// Splits `query` into lower-cased words of letters and digits (umlauts and other scripts included).
pub fn search_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in query.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let term: String = word.to_lowercase().chars().take(MAX_TERM_CHARS).collect();
        if !terms.contains(&term) {
            terms.push(term);
        }
        if terms.len() == MAX_TERMS {
            break;
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_only_lower_cased_and_bounded() {
        assert_eq!(
            search_terms("  Rückerstattung für Rechnung #1042! "),
            ["rückerstattung", "für", "rechnung", "1042"]
        );
        assert_eq!(search_terms("refund\" OR 1=1 -- NEAR(a b) *"), ["refund", "or", "1", "near", "a", "b"]);
        assert_eq!(search_terms("a a A"), ["a"]);
        assert!(search_terms("\"*:-()").is_empty());
        assert_eq!(
            search_terms(
                &"w "
                    .repeat(20)
                    .chars()
                    .enumerate()
                    .map(|(i, c)| if c == 'w' { char::from(b'a' + (i % 26) as u8) } else { c })
                    .collect::<String>()
            )
            .len(),
            8
        );
    }
}
