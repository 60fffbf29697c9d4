//! Section 3: the triage classifier. The fixture has only 320 messages, so both the training set and the texts to
//! predict are fixture messages with 0-5 random fixture words appended (each text differs, the vocabulary stays that
//! of real support mail, and the extra words add cross-team noise).

use std::fmt::Write;

use tidings::domain::triage::{triage, TeamClassifier};

use crate::fixture::{vocabulary, Labelled};
use crate::rng::Rng;
use crate::stats::{thousands, timed_runs};

pub const EXAMPLES: usize = 10_000;
pub const TEXTS: usize = 10_000;
const MAX_EXTRA_WORDS: u64 = 5;
const RUNS: usize = 3;
const TRAINING_SEED: u64 = 31;
const TEXT_SEED: u64 = 32;

/// `count` (text, team) pairs: fixture message `i % 320` (so every message is used about equally) plus 0-5 words
/// drawn from the whole fixture vocabulary.
pub fn perturbed(messages: &[Labelled], count: usize, rng: &mut Rng) -> Vec<(String, String)> {
    let words = vocabulary(messages);
    (0..count)
        .map(|index| {
            let message = &messages[index % messages.len()];
            let mut text = message.text.clone();
            for _ in 0..rng.below(MAX_EXTRA_WORDS + 1) {
                text.push(' ');
                let word: &String = rng.pick(&words);
                text.push_str(word);
            }
            (text, message.team.clone())
        })
        .collect()
}

/// Median and range of sorted run times, as "median (min-max)" in milliseconds, plus the median in seconds.
fn median_ms(times: &[std::time::Duration]) -> (f64, String) {
    let ms = |duration: std::time::Duration| duration.as_secs_f64() * 1e3;
    let median = times[times.len() / 2];
    (median.as_secs_f64(), format!("{:.1} ({:.1}-{:.1})", ms(median), ms(times[0]), ms(times[times.len() - 1])))
}

/// Runs the section and returns its markdown.
pub fn run(messages: &[Labelled]) -> String {
    let examples = perturbed(messages, EXAMPLES, &mut Rng::new(TRAINING_SEED));
    let texts = perturbed(messages, TEXTS, &mut Rng::new(TEXT_SEED));

    eprintln!("triage: training on {EXAMPLES} examples, {RUNS} times");
    let (train_times, model) = timed_runs(RUNS, || TeamClassifier::train(&examples));
    let model = model.expect("the fixture's team labels are valid");
    let (train_s, train_cell) = median_ms(&train_times);

    eprintln!("triage: {TEXTS} predictions and {TEXTS} triage() calls, {RUNS} times each");
    let (predict_times, (answered, right)) = timed_runs(RUNS, || {
        let (mut answered, mut right) = (0usize, 0usize);
        for (text, team) in &texts {
            if let Some(prediction) = model.predict(text) {
                answered += 1;
                right += usize::from(prediction.label == *team);
            }
        }
        (answered, right)
    });
    let (predict_s, predict_cell) = median_ms(&predict_times);
    let (triage_times, with_team) =
        timed_runs(RUNS, || texts.iter().filter(|(text, _)| triage(text, &model).team.is_some()).count());
    let (triage_s, triage_cell) = median_ms(&triage_times);

    let mut out = String::new();
    let _ = writeln!(out, "## Triage classifier\n");
    let _ = writeln!(
        out,
        "Training set: the {} fixture messages repeated to {} examples, each with 0-{MAX_EXTRA_WORDS} random words \
         of the fixture's vocabulary appended (seeded). Texts to predict: the same recipe with another seed ({} \
         texts). `predict` is the team model alone; `triage()` adds language detection, sentiment and urgency \
         keywords. Time: the median of {RUNS} runs (range in brackets). {} of {} predictions named a team, {:.1} % of \
         them the labelled one (optimistic: the model saw every base message; see eval_tests for cross-validated \
         accuracy); triage() named a team for {}.\n",
        messages.len(),
        thousands(EXAMPLES as f64),
        thousands(TEXTS as f64),
        thousands(answered as f64),
        thousands(TEXTS as f64),
        100.0 * right as f64 / answered.max(1) as f64,
        thousands(with_team as f64),
    );
    out.push_str("| step | items | total ms | items/s | µs per item |\n");
    out.push_str("|---|---:|---:|---:|---:|\n");
    for (label, items, seconds, cell) in [
        ("train (`TeamClassifier::train`)", EXAMPLES, train_s, train_cell),
        ("predict (`TeamClassifier::predict`)", TEXTS, predict_s, predict_cell),
        ("triage (`triage()`: language, sentiment, team, urgency)", TEXTS, triage_s, triage_cell),
    ] {
        let _ = writeln!(
            out,
            "| {label} | {} | {cell} | {} | {:.1} |",
            thousands(items as f64),
            thousands(items as f64 / seconds),
            seconds * 1e6 / items as f64,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::messages;

    #[test]
    fn perturbed_texts_start_with_their_fixture_message_and_train_a_useful_model() {
        let messages = messages();
        let examples = perturbed(&messages, 1_000, &mut Rng::new(TRAINING_SEED));
        assert_eq!(examples.len(), 1_000);
        for (index, (text, team)) in examples.iter().enumerate() {
            let base = &messages[index % messages.len()];
            assert!(text.starts_with(&base.text) && *team == base.team);
        }
        assert!(examples.iter().any(|(text, _)| text.len() > messages[0].text.len() + 1));
        let model = TeamClassifier::train(&examples).expect("valid labels");
        assert_eq!(model.labels().count(), 5);
        let texts = perturbed(&messages, 500, &mut Rng::new(TEXT_SEED));
        let right = texts.iter().filter(|(text, team)| model.predict(text).is_some_and(|p| p.label == *team)).count();
        assert!(right > 400, "{right} of 500 right");
    }
}
