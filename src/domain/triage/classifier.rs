//! Which team should answer a message, learned from tickets the teams resolved: multinomial naive Bayes over the
//! features of features.rs with Laplace smoothing. Naive Bayes keeps plain counts, so training on ten thousand
//! tickets takes milliseconds, an agent's correction ("this was billing, not technical") moves one ticket's counts
//! from one team to the other without retraining, and the model serialises as counts the server can store.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::features::{features_of, FEATURE_FORMAT};

/// The longest team label accepted, in characters.
pub const MAX_LABEL_CHARS: usize = 64;
/// Laplace smoothing: every feature is counted this many extra times for every team.
const SMOOTHING: f64 = 1.0;
/// How many runner-up teams a prediction lists.
const MAX_ALTERNATIVES: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ClassifierError {
    #[error("a team label must not be empty")]
    EmptyLabel,
    #[error("a team label can have at most {MAX_LABEL_CHARS} characters")]
    LabelTooLong,
    #[error("this text was not learned as '{label}', so it cannot be unlearned")]
    NotLearned { label: String },
}

/// The team the classifier picks, how likely it is to be right (0 to 1), and the next most likely teams.
/// `confidence` is the naive Bayes posterior. Naive Bayes is known to be overconfident, but with Laplace smoothing
/// over a vocabulary much larger than each team's counts it was close to calibrated on the fixture (eval_tests.rs
/// prints mean confidence against accuracy per bin: about 0.91 -> 0.88 at the top, 0.50 -> 0.60 in the middle), so
/// it is not rescaled; a server with far more tickets should look at those bins again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    pub label: String,
    pub confidence: f32,
    pub alternatives: Vec<LabelScore>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelScore {
    pub label: String,
    pub probability: f32,
}

/// Counts learned for one team.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct LabelCounts {
    documents: u32,
    feature_total: u64,
    features: HashMap<String, u32>,
}

/// A team classifier. Empty (untrained) by default; it predicts nothing until it has learned something.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamClassifier {
    /// The feature rules the counts were made with ([`FEATURE_FORMAT`]).
    format: u32,
    /// Per team, in label order so ties and serialisation are deterministic.
    labels: BTreeMap<String, LabelCounts>,
    /// How often each feature occurs across all teams: the vocabulary, for smoothing.
    vocabulary: HashMap<String, u32>,
}

impl Default for TeamClassifier {
    fn default() -> Self {
        TeamClassifier { format: FEATURE_FORMAT, labels: BTreeMap::new(), vocabulary: HashMap::new() }
    }
}

impl TeamClassifier {
    /// Learns every example; stops at the first invalid label.
    pub fn train<T: AsRef<str>, L: AsRef<str>>(examples: &[(T, L)]) -> Result<TeamClassifier, ClassifierError> {
        let mut classifier = TeamClassifier::default();
        for (text, label) in examples {
            classifier.learn(text.as_ref(), label.as_ref())?;
        }
        Ok(classifier)
    }

    /// Counts one more message for a team. The label is trimmed. A text without features still counts as a
    /// message of that team (it shifts how common the team is).
    pub fn learn(&mut self, text: &str, label: &str) -> Result<(), ClassifierError> {
        let label = checked_label(label)?;
        let features = features_of(text);
        let counts = self.labels.entry(label.to_string()).or_default();
        counts.documents += 1;
        for (feature, count) in features {
            counts.feature_total += u64::from(count);
            // Most features are already known: look up before cloning the key.
            match self.vocabulary.get_mut(&feature) {
                Some(total) => *total += count,
                None => {
                    self.vocabulary.insert(feature.clone(), count);
                }
            }
            *counts.features.entry(feature).or_default() += count;
        }
        Ok(())
    }

    /// Takes back a [`TeamClassifier::learn`] of the same text and label; the model is then as if it had never
    /// learned it. Refused, with nothing changed, when the counts show the text was not learned under the label.
    pub fn unlearn(&mut self, text: &str, label: &str) -> Result<(), ClassifierError> {
        let label = checked_label(label)?;
        let not_learned = || ClassifierError::NotLearned { label: label.to_string() };
        let features = features_of(text);
        let counts = self.labels.get_mut(label).ok_or_else(not_learned)?;
        let all_there = counts.documents > 0
            && features.iter().all(|(feature, count)| counts.features.get(feature).is_some_and(|had| had >= count));
        if !all_there {
            return Err(not_learned());
        }
        counts.documents -= 1;
        for (feature, count) in features {
            counts.feature_total -= u64::from(count);
            decrement(&mut counts.features, &feature, count);
            decrement(&mut self.vocabulary, &feature, count);
        }
        if counts.documents == 0 {
            self.labels.remove(label);
        }
        Ok(())
    }

    /// An agent's correction: the text belongs to `right`, not `wrong`. If the text was learned as `wrong` its
    /// counts move to `right`; if it was only predicted (never learned), it is learned as `right`.
    pub fn correct(&mut self, text: &str, wrong: &str, right: &str) -> Result<(), ClassifierError> {
        checked_label(right)?;
        match self.unlearn(text, wrong) {
            Ok(()) | Err(ClassifierError::NotLearned { .. }) => self.learn(text, right),
            Err(other) => Err(other),
        }
    }

    /// The most likely team for a text. `None` when the classifier has learned nothing, or when no feature of
    /// the text was ever seen (no word to go on: a guess from team sizes alone would only look like an answer).
    pub fn predict(&self, text: &str) -> Option<Prediction> {
        let features: Vec<(String, u32)> =
            features_of(text).into_iter().filter(|(feature, _)| self.vocabulary.contains_key(feature)).collect();
        if self.labels.is_empty() || features.is_empty() {
            return None;
        }
        let vocabulary_size = self.vocabulary.len() as f64;
        let documents: u32 = self.labels.values().map(|counts| counts.documents).sum();
        let label_count = self.labels.len() as f64;
        let logits: Vec<(&String, f64)> = self
            .labels
            .iter()
            .map(|(label, counts)| {
                let prior =
                    ((f64::from(counts.documents) + SMOOTHING) / (f64::from(documents) + SMOOTHING * label_count)).ln();
                let denominator = (counts.feature_total as f64 + SMOOTHING * vocabulary_size).ln();
                let likelihood: f64 = features
                    .iter()
                    .map(|(feature, count)| {
                        let seen = counts.features.get(feature).copied().unwrap_or(0);
                        f64::from(*count) * ((f64::from(seen) + SMOOTHING).ln() - denominator)
                    })
                    .sum();
                (label, prior + likelihood)
            })
            .collect();
        let best = logits.iter().map(|(_, logit)| *logit).fold(f64::NEG_INFINITY, f64::max);
        let total: f64 = logits.iter().map(|(_, logit)| (logit - best).exp()).sum();
        let mut scores: Vec<LabelScore> = logits
            .into_iter()
            .map(|(label, logit)| LabelScore {
                label: label.clone(),
                probability: ((logit - best).exp() / total) as f32,
            })
            .collect();
        // Stable: equally likely teams stay in label order.
        scores.sort_by(|a, b| b.probability.total_cmp(&a.probability));
        let mut scores = scores.into_iter();
        let top = scores.next()?;
        Some(Prediction {
            label: top.label,
            confidence: top.probability,
            alternatives: scores.take(MAX_ALTERNATIVES).collect(),
        })
    }

    /// The teams the classifier knows, in label order.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.labels.keys().map(String::as_str)
    }

    /// How many messages it has learned.
    pub fn document_count(&self) -> u32 {
        self.labels.values().map(|counts| counts.documents).sum()
    }

    /// Whether the stored counts were made with other feature rules than this build's: then predictions would
    /// be wrong and the server should train the model again from the resolved tickets.
    pub fn needs_retraining(&self) -> bool {
        self.format != FEATURE_FORMAT
    }
}

fn checked_label(label: &str) -> Result<&str, ClassifierError> {
    let label = label.trim();
    if label.is_empty() {
        return Err(ClassifierError::EmptyLabel);
    }
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(ClassifierError::LabelTooLong);
    }
    Ok(label)
}

/// Lowers a count, dropping the entry at zero so an unlearned model equals one that never learned.
fn decrement(counts: &mut HashMap<String, u32>, feature: &str, by: u32) {
    if let Some(count) = counts.get_mut(feature) {
        *count = count.saturating_sub(by);
        if *count == 0 {
            counts.remove(feature);
        }
    }
}

#[cfg(test)]
#[path = "classifier_tests.rs"]
mod tests;
