//! Text comparison for conditions: case-insensitive and tolerant of accents and both spellings of German
//! umlauts, so "Rückerstattung", "Ruckerstattung" and "Rueckerstattung" all match each other. Built on the
//! knowledge-base folding so search and rules agree on what "the same word" means.

use crate::domain::kb::search_text::fold;

/// A search string folded two ways: umlauts dropped (ü -> u) and umlauts spelled out (ü -> ue).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Needle {
    plain: String,
    spelled: String,
}

impl Needle {
    /// `None` when nothing searchable is left (only punctuation or spaces).
    pub(crate) fn new(raw: &str) -> Option<Needle> {
        let plain = fold(raw);
        (!plain.is_empty()).then(|| Needle { plain, spelled: fold(&spell_umlauts(raw)) })
    }

    pub(crate) fn is_found_in(&self, haystack: &str) -> bool {
        fold(haystack).contains(&self.plain) || fold(&spell_umlauts(haystack)).contains(&self.spelled)
    }

    /// Whether every text containing `self` also contains `other` (`other` is a part of `self`), which makes
    /// "contains self and not_contains other" impossible.
    pub(crate) fn includes(&self, other: &Needle) -> bool {
        self.plain.contains(&other.plain) && self.spelled.contains(&other.spelled)
    }
}

/// A label (brand, type, language, segment, email domain) in the form labels are compared in.
pub(crate) fn fold_label(raw: &str) -> String {
    fold(raw)
}

/// German umlauts written out as two letters, composed or decomposed (u + combining diaeresis).
fn spell_umlauts(text: &str) -> String {
    let mut spelled = String::with_capacity(text.len() + 8);
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => spelled.push_str("ae"),
            'ö' => spelled.push_str("oe"),
            'ü' => spelled.push_str("ue"),
            '\u{308}' if spelled.ends_with(['a', 'o', 'u']) => spelled.push('e'),
            other => spelled.push(other),
        }
    }
    spelled
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(needle: &str, haystack: &str) -> bool {
        Needle::new(needle).is_some_and(|needle| needle.is_found_in(haystack))
    }

    #[test]
    fn both_umlaut_spellings_case_and_accents_match() {
        // Text written with the umlaut is found by all three spellings of the search word ...
        for needle in ["Rückerstattung", "ruckerstattung", "RUECKERSTATTUNG", "rücker"] {
            for haystack in ["Bitte Rückerstattung!", "Ru\u{308}ckerstattung"] {
                assert!(found(needle, haystack), "{needle:?} in {haystack:?}");
            }
        }
        // ... and a search word with the umlaut finds either spelling without it.
        for haystack in ["bitte rueckerstattung", "Ruckerstattung"] {
            assert!(found("Rückerstattung", haystack), "{haystack:?}");
        }
        // Without an umlaut on either side "u" and "ue" are different letters.
        assert!(!found("ruckerstattung", "rueckerstattung"));
        assert!(found("cafe", "Café au lait"));
        assert!(found("Straße", "strasse 5"));
        assert!(!found("refund", "invoice"));
        assert!(Needle::new(" !? ").is_none());
    }
}
