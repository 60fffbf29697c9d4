//! How a customer feels, from the words they use: a lexicon score with negation ("not good", "nicht gut",
//! "gefällt mir nicht"), intensifiers ("very", "total"), shouting and exclamation marks. Agents use it to spot an
//! angry customer in a queue, so it is deliberately conservative: a calm bug report is neutral, and the
//! politeness formulas of both languages do not make a message positive.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::matcher::{Found, PhraseMatcher};
use super::text::{is_negator, normalize_phrase, split_words, Word};
use super::{lexicon_de, lexicon_en};
use crate::domain::Locale;

/// The mood of a message: `score` from -1 (very negative) to 1 (very positive), the label it falls under, how
/// sure the score is (0.5 to 0.95), and the words that carried it (at most three, strongest first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sentiment {
    pub score: f32,
    pub label: SentimentLabel,
    pub confidence: f32,
    pub cues: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SentimentLabel {
    Negative,
    Neutral,
    Positive,
}

impl SentimentLabel {
    pub fn as_str(self) -> &'static str {
        match self {
            SentimentLabel::Negative => "negative",
            SentimentLabel::Neutral => "neutral",
            SentimentLabel::Positive => "positive",
        }
    }
}

/// A score at or beyond ± this is no longer neutral. One courtesy word alone ("thanks", valence 1) stays below
/// it; one strong word ("frustrated", "toll") is well beyond it.
pub const SENTIMENT_THRESHOLD: f32 = 0.35;
/// Squashes the summed valence into -1..1 (VADER's normalisation): sum / sqrt(sum² + this).
const SQUASH: f32 = 10.0;
/// A negated sentiment word turns around but weakens: "not good" is milder than "bad".
const NEGATION_FACTOR: f32 = -0.6;
/// How many words before a sentiment word a negation reaches ("not really that helpful").
const NEGATION_REACH: usize = 3;
/// A shouted word counts this much more.
const SHOUT_FACTOR: f32 = 1.3;
/// Each exclamation mark (up to [`MAX_EXCLAMATIONS`]) strengthens the mood already there by this much.
const EXCLAMATION_BOOST: f32 = 0.1;
const MAX_EXCLAMATIONS: usize = 3;
/// "?!" and "??" read as exasperation.
const EXASPERATION_VALENCE: f32 = -0.75;
const MAX_CUES: usize = 3;

/// A language's lexicon, compiled once.
struct Lexicon {
    valences: PhraseMatcher<f32>,
    boosters: HashMap<String, f32>,
}

impl Lexicon {
    fn build(valences: &[(&str, f32)], boosters: &[(&str, f32)]) -> Lexicon {
        let boosters =
            boosters.iter().filter_map(|(word, factor)| Some((normalize_phrase(word).pop()?, *factor))).collect();
        Lexicon { valences: PhraseMatcher::new(valences.iter().copied()), boosters }
    }

    fn of(locale: Locale) -> &'static Lexicon {
        static ENGLISH: LazyLock<Lexicon> =
            LazyLock::new(|| Lexicon::build(lexicon_en::VALENCES, lexicon_en::BOOSTERS));
        static GERMAN: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::build(lexicon_de::VALENCES, lexicon_de::BOOSTERS));
        match locale {
            Locale::En => &ENGLISH,
            Locale::De => &GERMAN,
        }
    }
}

/// Scores a message with the lexicon of `locale`.
pub fn sentiment(text: &str, locale: Locale) -> Sentiment {
    let lexicon = Lexicon::of(locale);
    let words = split_words(text);
    let hits = scored_hits(&words, lexicon, locale);
    let everything_shouted = words.iter().all(Word::is_shouted);

    let mut cues: Vec<(f32, String)> = Vec::new();
    let mut sum = 0.0;
    for hit in &hits {
        let shouted = !everything_shouted && words[hit.found.start..][..hit.found.len].iter().any(Word::is_shouted);
        let valence = if shouted { hit.valence * SHOUT_FACTOR } else { hit.valence };
        sum += valence;
        if valence != 0.0 {
            cues.push((valence, hit.cue.clone()));
        }
    }
    let exasperations = text.matches("?!").count() + text.matches("??").count();
    if exasperations > 0 {
        sum += EXASPERATION_VALENCE * exasperations.min(2) as f32;
        cues.push((EXASPERATION_VALENCE, "?!".to_string()));
    }
    let exclamations = text.matches('!').count().min(MAX_EXCLAMATIONS);
    sum *= 1.0 + EXCLAMATION_BOOST * exclamations as f32;

    let score = (sum / (sum * sum + SQUASH).sqrt()).clamp(-1.0, 1.0);
    let label = if score >= SENTIMENT_THRESHOLD {
        SentimentLabel::Positive
    } else if score <= -SENTIMENT_THRESHOLD {
        SentimentLabel::Negative
    } else {
        SentimentLabel::Neutral
    };
    cues.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
    let cues: Vec<String> = cues.into_iter().map(|(_, cue)| cue).take(MAX_CUES).collect();
    Sentiment { score, label, confidence: confidence_of(score, label, !cues.is_empty()), cues }
}

/// How sure a label is: how far the score lies from the nearest label boundary (0.5 on the boundary, 0.95 far
/// from it). A message with no sentiment word at all is neutral by absence of evidence, which is worth 0.6.
fn confidence_of(score: f32, label: SentimentLabel, has_cues: bool) -> f32 {
    if !has_cues {
        return 0.6;
    }
    let margin = match label {
        SentimentLabel::Neutral => SENTIMENT_THRESHOLD - score.abs(),
        _ => score.abs() - SENTIMENT_THRESHOLD,
    };
    0.5 + 0.45 * (margin / SENTIMENT_THRESHOLD).clamp(0.0, 1.0)
}

/// A lexicon match with its valence after boosters and negation, and the words to show for it.
struct ScoredHit {
    found: Found<f32>,
    valence: f32,
    cue: String,
}

fn scored_hits(words: &[Word<'_>], lexicon: &Lexicon, locale: Locale) -> Vec<ScoredHit> {
    let found = lexicon.valences.find_all(words);
    let starts: Vec<usize> = found.iter().map(|hit| hit.start).collect();
    found
        .iter()
        .map(|hit| {
            // "super" is praise alone but only a booster in "super hilfreich": counted once, as the booster.
            let boosts_next = hit.len == 1
                && lexicon.boosters.contains_key(&words[hit.start].normalized)
                && starts.contains(&(hit.start + 1));
            let own = if boosts_next { 0.0 } else { hit.value };
            let mut valence = own * booster_before(words, hit.start, lexicon);
            let mut cue_start = hit.start;
            let mut cue_end = hit.start + hit.len;
            if let Some(negator) = negator_before(words, hit.start) {
                valence *= NEGATION_FACTOR;
                cue_start = negator;
            } else if let Some(negator) = trailing_negator(words, hit, &starts, locale) {
                valence *= NEGATION_FACTOR;
                cue_end = negator + 1;
            }
            let cue = words[cue_start..cue_end].iter().map(|word| word.original).collect::<Vec<_>>().join(" ");
            ScoredHit { found: *hit, valence, cue }
        })
        .collect()
}

/// The product of up to two boosters right before a word ("really very helpful"), 1 without any.
fn booster_before(words: &[Word<'_>], start: usize, lexicon: &Lexicon) -> f32 {
    let mut factor = 1.0;
    let mut position = start;
    while position > 0 && start - position < 2 && !words[position].after_break {
        position -= 1;
        match lexicon.boosters.get(&words[position].normalized) {
            Some(booster) => factor *= booster,
            None => break,
        }
    }
    factor
}

/// A negation within [`NEGATION_REACH`] words before `start`, in the same clause.
fn negator_before(words: &[Word<'_>], start: usize) -> Option<usize> {
    let mut position = start;
    while position > 0 && start - position < NEGATION_REACH && !words[position].after_break {
        position -= 1;
        if is_negator(&words[position].normalized) {
            return Some(position);
        }
    }
    None
}

/// German puts "nicht" after the verb ("das gefällt mir nicht", "hilft nicht"): a negation up to two words after
/// a sentiment word in the same clause, with no other sentiment word following it that it would belong to.
fn trailing_negator(words: &[Word<'_>], hit: &Found<f32>, hit_starts: &[usize], locale: Locale) -> Option<usize> {
    if locale != Locale::De {
        return None;
    }
    let after = hit.start + hit.len;
    (after..words.len().min(after + 2)).take_while(|&position| !words[position].after_break).find(|&position| {
        is_negator(&words[position].normalized)
            && !hit_starts.iter().any(|&start| start > position && start <= position + NEGATION_REACH)
    })
}

#[cfg(test)]
#[path = "sentiment_tests.rs"]
mod tests;
