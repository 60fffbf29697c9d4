//! Generated articles: English originals and their German translations, the same for the same seed and number
//! whatever order they are made in (each article draws from its own generator).

use crate::vocab::{ACTIONS, BODY_DE, BODY_EN, CONTEXTS, OBJECTS, STOPWORDS, TAGS};

/// Every title combination there is (actions × objects × contexts).
pub const TITLE_COMBINATIONS: usize = ACTIONS.len() * OBJECTS.len() * CONTEXTS.len();
/// Coprime to [`TITLE_COMBINATIONS`], so article numbers map to distinct, well-mixed combinations.
const TITLE_STRIDE: usize = 7919;

/// SplitMix64: small, fast and plenty for picking words.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// lo..=hi.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// 0..n, the low numbers far more often (a rough Zipf), so a few words are everywhere and most are rare.
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u * n as f64) as usize).min(n - 1)
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One article in one language, as POSTed.
pub struct Article {
    pub title: String,
    pub body: String,
    pub category: usize,
    pub tags: Vec<&'static str>,
}

/// Article number `n` (0-based) in English and in German.
pub fn article_pair(seed: u64, n: usize) -> (Article, Article) {
    let (action, object, context) = title_parts(n);
    let en_title = english_title(action, object, context);
    let de_title = german_title(action, object, context);
    let mut rng = Rng::new(seed ^ (n as u64).wrapping_mul(0xA24B_AED4_963E_E407));
    let category = object % 6 + if rng.chance(50) { 6 } else { 0 };
    let tag_count = rng.between(1, 3);
    let mut tags: Vec<&'static str> = Vec::new();
    while tags.len() < tag_count {
        let tag = *rng.pick(&TAGS);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let en_topic = [ACTIONS[action].0.to_lowercase(), OBJECTS[object].0.to_string()];
    let de_topic = [german_compound(action, object), CONTEXTS[context].1.to_string()];
    let en_body = body(&mut rng, BODY_EN, &en_topic);
    let de_body = body(&mut rng, BODY_DE, &de_topic);
    (
        Article { title: en_title, body: en_body, category, tags: tags.clone() },
        Article { title: de_title, body: de_body, category, tags },
    )
}

/// The (action, object, context) of article `n`.
fn title_parts(n: usize) -> (usize, usize, usize) {
    let combination = (n % TITLE_COMBINATIONS) * TITLE_STRIDE % TITLE_COMBINATIONS;
    let action = combination % ACTIONS.len();
    let object = combination / ACTIONS.len() % OBJECTS.len();
    let context = combination / (ACTIONS.len() * OBJECTS.len());
    (action, object, context)
}

fn english_title(action: usize, object: usize, context: usize) -> String {
    format!("{} the {} {}", ACTIONS[action].0, OBJECTS[object].0, CONTEXTS[context].0)
}

fn german_title(action: usize, object: usize, context: usize) -> String {
    format!("{} {}", german_compound(action, object), CONTEXTS[context].1)
}

/// "Passwort" + "änderung" = "Passwortänderung".
fn german_compound(action: usize, object: usize) -> String {
    format!("{}{}", OBJECTS[object].1, ACTIONS[action].1)
}

/// The words of a title a reader would search for: no stopwords, at least four characters.
pub fn title_words(title: &str) -> Vec<String> {
    title
        .split(|c: char| c.is_whitespace() || c == ':')
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|word| word.chars().count() >= 4 && !STOPWORDS.contains(&word.to_lowercase().as_str()))
        .map(str::to_string)
        .collect()
}

/// Markdown of about 300 to 500 words: an introduction, then sections with a heading, paragraphs and lists, the
/// article's topic words mixed in.
fn body(rng: &mut Rng, vocabulary: &[&str], topic: &[String]) -> String {
    let target = rng.between(260, 420); // the last section overshoots it by about 60 words
    let mut text = String::with_capacity(target * 9);
    let mut written = paragraph(rng, vocabulary, topic, &mut text);
    while written < target {
        text.push_str("## ");
        written += sentence_words(rng, vocabulary, topic, 2, 4, &mut text);
        text.push_str("\n\n");
        written += paragraph(rng, vocabulary, topic, &mut text);
        if rng.chance(50) {
            let numbered = rng.chance(40);
            for item in 1..=rng.between(3, 5) {
                if numbered {
                    text.push_str(&format!("{item}. "));
                } else {
                    text.push_str("- ");
                }
                written += sentence_words(rng, vocabulary, topic, 4, 8, &mut text);
                text.push('\n');
            }
            text.push('\n');
        }
    }
    text
}

/// Three to five sentences and a blank line; the number of words written.
fn paragraph(rng: &mut Rng, vocabulary: &[&str], topic: &[String], text: &mut String) -> usize {
    let mut written = 0;
    for _ in 0..rng.between(3, 5) {
        written += sentence_words(rng, vocabulary, topic, 6, 16, text);
        text.push_str(". ");
    }
    text.pop();
    text.push_str("\n\n");
    written
}

/// `lo..=hi` words, the first capitalised, now and then one in bold or a topic word; the number written.
fn sentence_words(
    rng: &mut Rng,
    vocabulary: &[&str],
    topic: &[String],
    lo: usize,
    hi: usize,
    text: &mut String,
) -> usize {
    let count = rng.between(lo, hi);
    for i in 0..count {
        if i > 0 {
            text.push(' ');
        }
        let word: &str =
            if rng.chance(8) { rng.pick(topic).as_str() } else { vocabulary[rng.skewed(vocabulary.len())] };
        let bold = rng.chance(3);
        if bold {
            text.push_str("**");
        }
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                text.extend(first.to_uppercase());
                text.push_str(chars.as_str());
            }
        } else {
            text.push_str(word);
        }
        if bold {
            text.push_str("**");
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn titles_are_distinct_and_bodies_long_enough() {
        let mut en = HashSet::new();
        let mut de = HashSet::new();
        for n in 0..TITLE_COMBINATIONS {
            let (action, object, context) = title_parts(n);
            assert!(en.insert(english_title(action, object, context)));
            assert!(de.insert(german_title(action, object, context)));
        }
        let (english, german) = article_pair(42, 7);
        let words = |text: &str| text.split_whitespace().count();
        for n in 0..200 {
            let (english, german) = article_pair(42, n);
            assert!((260..=620).contains(&words(&english.body)), "{}", english.body);
            assert!((260..=620).contains(&words(&german.body)), "{}", german.body);
        }
        assert_eq!(article_pair(42, 7).0.body, english.body);
        assert!(title_words(&german.title).iter().all(|word| word.chars().count() >= 4));
    }
}
