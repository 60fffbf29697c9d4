//! What readers type: search queries of five kinds, taken from the titles of the seeded articles, and
//! autocomplete prefixes.

use crate::corpus::{article_pair, title_words, Rng};
use crate::vocab::BODY_DE;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A whole word of a title, as written ("Passwortänderung", "password").
    Exact,
    /// The first three to five letters of a title word ("pass").
    Prefix,
    /// A title word of six letters or more with one typo (a letter changed, dropped or swapped).
    Typo,
    /// A German word with umlauts typed without them: "zurucksetzung" or "zuruecksetzung", ß as ss.
    Umlautless,
    /// Two words of one title.
    TwoWords,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Exact, Kind::Prefix, Kind::Typo, Kind::Umlautless, Kind::TwoWords];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Exact => "exact title word",
            Kind::Prefix => "prefix (3-5 letters)",
            Kind::Typo => "one typo",
            Kind::Umlautless => "German without umlauts",
            Kind::TwoWords => "two title words",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Query {
    pub kind: Kind,
    pub lang: &'static str,
    pub q: String,
}

/// The English and German titles of the first `articles` articles.
pub struct Titles {
    pub en: Vec<String>,
    pub de: Vec<String>,
}

impl Titles {
    pub fn of(seed: u64, articles: usize) -> Titles {
        let (en, de) = (0..articles)
            .map(|n| {
                let (english, german) = article_pair(seed, n);
                (english.title, german.title)
            })
            .unzip();
        Titles { en, de }
    }
}

/// `count` search queries, the kinds in turn, languages alternating (umlaut-less ones are German).
pub fn search_queries(titles: &Titles, seed: u64, count: usize) -> Vec<Query> {
    let mut rng = Rng::new(seed ^ 0x5EA2_C400);
    let umlaut_words: Vec<&str> = BODY_DE.iter().copied().filter(|word| has_umlaut(word)).collect();
    (0..count)
        .map(|i| {
            let kind = Kind::ALL[i % Kind::ALL.len()];
            let lang = if kind == Kind::Umlautless || (i / Kind::ALL.len()) % 2 == 1 { "de" } else { "en" };
            let pool = if lang == "de" { &titles.de } else { &titles.en };
            let words = title_words(rng.pick::<String>(pool));
            let q = match kind {
                Kind::Exact => rng.pick(&words).clone(),
                Kind::Prefix => prefix(&mut rng, &words),
                Kind::Typo => typo(&mut rng, &words),
                Kind::Umlautless => {
                    let with_umlaut: Vec<&str> =
                        words.iter().map(String::as_str).filter(|word| has_umlaut(word)).collect();
                    let word = if with_umlaut.is_empty() { *rng.pick(&umlaut_words) } else { *rng.pick(&with_umlaut) };
                    without_umlauts(word, rng.chance(50))
                }
                Kind::TwoWords => two_words(&mut rng, &words),
            };
            Query { kind, lang, q }
        })
        .collect()
}

/// `count` autocomplete inputs: the start of a title, 3 to 20 characters, lower case, half of them German.
pub fn suggest_queries(titles: &Titles, seed: u64, count: usize) -> Vec<Query> {
    let mut rng = Rng::new(seed ^ 0x5066_E570);
    (0..count)
        .map(|i| {
            let lang = if i % 2 == 0 { "en" } else { "de" };
            let title = rng.pick(if lang == "de" { &titles.de } else { &titles.en });
            let cut = rng.between(3, 20);
            let q: String = title.chars().take(cut).collect::<String>().to_lowercase();
            Query { kind: Kind::Prefix, lang, q: q.trim_end().to_string() }
        })
        .collect()
}

fn has_umlaut(word: &str) -> bool {
    word.chars().any(|c| matches!(c, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü' | 'ß'))
}

/// "Zurücksetzung" as someone without a German keyboard types it: "zurucksetzung", or "zuruecksetzung".
fn without_umlauts(word: &str, transliterate: bool) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    for c in word.to_lowercase().chars() {
        match (c, transliterate) {
            ('ä', false) => out.push('a'),
            ('ö', false) => out.push('o'),
            ('ü', false) => out.push('u'),
            ('ä', true) => out.push_str("ae"),
            ('ö', true) => out.push_str("oe"),
            ('ü', true) => out.push_str("ue"),
            ('ß', _) => out.push_str("ss"),
            _ => out.push(c),
        }
    }
    out
}

fn long_word<'a>(rng: &mut Rng, words: &'a [String], at_least: usize) -> &'a str {
    let long: Vec<&String> = words.iter().filter(|word| word.chars().count() >= at_least).collect();
    if long.is_empty() {
        rng.pick::<String>(words).as_str()
    } else {
        rng.pick::<&String>(&long).as_str()
    }
}

fn prefix(rng: &mut Rng, words: &[String]) -> String {
    let word: Vec<char> = long_word(rng, words, 5).to_lowercase().chars().collect();
    let length = rng.between(3, 5).min(word.len().saturating_sub(1)).max(1);
    word[..length.min(word.len())].iter().collect()
}

fn typo(rng: &mut Rng, words: &[String]) -> String {
    let mut word: Vec<char> = long_word(rng, words, 6).to_lowercase().chars().collect();
    if word.len() < 4 {
        return word.into_iter().collect();
    }
    // Not the first letter: people rarely get that wrong, and the search looks for corrections by it.
    let at = rng.between(1, word.len() - 2);
    match rng.below(3) {
        0 => {
            let letters: Vec<char> = ('a'..='z').filter(|c| *c != word[at]).collect();
            word[at] = *rng.pick(&letters);
        }
        1 => {
            word.remove(at);
        }
        _ => word.swap(at, at + 1),
    }
    word.into_iter().collect()
}

fn two_words(rng: &mut Rng, words: &[String]) -> String {
    if words.len() < 2 {
        return words.first().cloned().unwrap_or_default();
    }
    let first = rng.below(words.len() - 1);
    let second = rng.between(first + 1, words.len() - 1);
    format!("{} {}", words[first], words[second])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_are_typed_both_ways() {
        assert_eq!(without_umlauts("Zurücksetzung", false), "zurucksetzung");
        assert_eq!(without_umlauts("Größentabellen", true), "groessentabellen");
    }

    #[test]
    fn every_kind_gives_a_usable_query() {
        let titles = Titles::of(7, 50);
        let queries = search_queries(&titles, 7, 100);
        assert!(queries.iter().all(|query| query.q.chars().count() >= 3), "{queries:?}");
        assert!(queries.iter().filter(|query| query.kind == Kind::Umlautless).all(|query| query.lang == "de"));
        assert!(queries.iter().filter(|query| query.kind == Kind::TwoWords).all(|query| query.q.contains(' ')));
        let suggestions = suggest_queries(&titles, 7, 10);
        assert!(suggestions.iter().all(|query| query.q.chars().count() >= 2));
    }
}
