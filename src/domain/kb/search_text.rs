//! The text rules of knowledge-base search, shared by the index and the queries so both see the same words:
//! folding (case, umlauts, accents, punctuation), typo distance and German compound words.

use super::slug::is_combining_mark;

/// The most words of a query that are searched for.
pub const MAX_QUERY_WORDS: usize = 8;
/// The longest query word, in characters; longer ones are cut.
pub const MAX_QUERY_WORD_CHARS: usize = 40;

/// Text as search sees it: lower case, umlauts and accents dropped (ä -> a, é -> e, ß -> ss), every other
/// character that is not a letter or digit turned into a space, runs of spaces collapsed, trimmed.
/// "Zurücksetzen" and "zurucksetzen" fold to the same word.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            folded.push(c);
        } else if is_combining_mark(c) {
            continue;
        } else if let Some(base) = latin_base(c) {
            folded.push_str(base);
        } else if c.is_alphanumeric() {
            folded.push(c);
        } else if !folded.is_empty() && !folded.ends_with(' ') {
            folded.push(' ');
        }
    }
    if folded.ends_with(' ') {
        folded.pop();
    }
    folded
}

/// The folded words of a text, in order.
pub fn words(text: &str) -> Vec<String> {
    fold(text).split(' ').filter(|word| !word.is_empty()).map(str::to_string).collect()
}

/// The words of a user's query: folded, each cut to [`MAX_QUERY_WORD_CHARS`], repeats dropped, at most
/// [`MAX_QUERY_WORDS`]. Search syntax is plain text here: quotes, `*`, `-`, `:`, `^` and parentheses vanish
/// like any punctuation, and "and", "or", "not", "near" are ordinary words (callers quote every word).
pub fn query_words(query: &str) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for word in words(query) {
        let word: String = word.chars().take(MAX_QUERY_WORD_CHARS).collect();
        if !kept.contains(&word) {
            kept.push(word);
            if kept.len() == MAX_QUERY_WORDS {
                break;
            }
        }
    }
    kept
}

/// Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring), counted in
/// characters: insertions, deletions, substitutions and swaps of two neighbours each cost one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    // Three rows of the classic table: two rows back (for swaps), the previous and the current.
    let mut before_previous = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before_previous[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// How many typos a word may contain and still match: none below 4 characters, one up to 7, two from 8.
pub fn max_typos(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The candidates within [`max_typos`] of `word` (whole-word distance), nearest first and then alphabetical,
/// at most `limit`, never `word` itself and never the same candidate twice.
pub fn closest_terms<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>, limit: usize) -> Vec<String> {
    let allowed = max_typos(word);
    if allowed == 0 || limit == 0 {
        return Vec::new();
    }
    let length = word.chars().count();
    let mut close: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter(|candidate| *candidate != word && candidate.chars().count().abs_diff(length) <= allowed)
        .map(|candidate| (edit_distance(word, candidate), candidate))
        .filter(|(distance, _)| *distance <= allowed)
        .collect();
    close.sort_unstable();
    close.dedup();
    close.into_iter().take(limit).map(|(_, candidate)| candidate.to_string()).collect()
}

/// Splits a German compound into two known words of at least 3 characters each, trying the longest known head
/// first and allowing the linking "s" or "es" between them ("anmeldungsfehler" -> "anmeldung" + "fehler").
/// `None` when no split into known words exists.
pub fn compound_split(word: &str, is_known: impl Fn(&str) -> bool) -> Option<(String, String)> {
    const MIN_PART_CHARS: usize = 3;
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 2 * MIN_PART_CHARS {
        return None;
    }
    for head_len in (MIN_PART_CHARS..=chars.len() - MIN_PART_CHARS).rev() {
        let head: String = chars[..head_len].iter().collect();
        if !is_known(&head) {
            continue;
        }
        let rest: String = chars[head_len..].iter().collect();
        for link in ["", "s", "es"] {
            if let Some(tail) = rest.strip_prefix(link) {
                if tail.chars().count() >= MIN_PART_CHARS && is_known(tail) {
                    return Some((head, tail.to_string()));
                }
            }
        }
    }
    None
}

/// The plain ASCII spelling of a lower-case Latin letter with a diacritic (or a Latin ligature), as search
/// folds it: umlauts lose their dots (ä -> a), ß becomes "ss". `None` for every other character.
pub(crate) fn latin_base(c: char) -> Option<&'static str> {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        _ => return None,
    };
    Some(base)
}

#[cfg(test)]
#[path = "search_text_tests.rs"]
mod tests;
